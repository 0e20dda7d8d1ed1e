import { unreachable } from './assert-never.js';

/**
 * Dense `K → V` storage; `push` is where a new `K` comes from. Deliberately not an array, so
 * only its own key type indexes it.
 */
export class PrimaryMap<K extends number, V> {
  readonly #values: V[];

  constructor(values: V[] = []) {
    this.#values = values;
  }

  /** Appends `value` and returns its new key. */
  push(value: V): K {
    return (this.#values.push(value) - 1) as K;
  }

  /** The value at `key`; an absent key is a broken invariant. */
  get(key: K): V {
    const value = this.#values[key];
    if (value === undefined) unreachable(`no entry ${key}`);
    return value;
  }

  /** The value at `key`, or undefined when the key is out of range. */
  tryGet(key: number): V | undefined {
    return this.#values[key];
  }

  get length(): number {
    return this.#values.length;
  }

  /** Keys and values in key order. */
  *entries(): IterableIterator<[K, V]> {
    for (let i = 0; i < this.#values.length; i++) yield [i as K, this.#values[i] as V];
  }

  /** Values in key order. */
  values(): readonly V[] {
    return this.#values;
  }
}
