import type { Store } from '../store/store.js';
import type { Instance } from '../instance/instance.js';
import type { Extern } from '../externals/extern.js';

/**
 * What a host function sees of its caller (wasmtime's `Caller<T>`): the store with its data,
 * and the exports of the calling instance when the function was linked into one.
 */
export class Caller<T> {
  /** The store the call runs in. */
  readonly store: Store<T>;
  #instance: Instance | null;

  constructor(store: Store<T>, instance: Instance | null) {
    this.store = store;
    this.#instance = instance;
  }

  /** The store's user data. */
  get data(): T {
    return this.store.data;
  }

  set data(value: T) {
    this.store.data = value;
  }

  /** Binds the instance being created, once instantiation has made it; internal to the api. */
  bindInstance(instance: Instance): void {
    this.#instance = instance;
  }

  /** An export of the calling instance, or undefined (also when there is no instance). */
  getExport(name: string): Extern | undefined {
    return this.#instance?.getExport(this.store, name);
  }
}
