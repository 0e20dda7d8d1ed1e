import type { Caller } from '../func/caller.js';
import { Instance } from '../instance/instance.js';
import type { Module } from '../module/module.js';
import type { Store } from '../store/store.js';
import { resolveDefinition, type Definition } from './linker.js';

/** A module with its imports already resolved by a linker (wasmtime's `InstancePre<T>`). */
export class InstancePre<T> {
  /** The module to instantiate. */
  readonly module: Module;
  readonly #definitions: readonly Definition<T>[];

  constructor(module: Module, definitions: readonly Definition<T>[]) {
    this.module = module;
    this.#definitions = definitions;
  }

  /**
   * Instantiates the module in `store`.
   * @throws LinkError when an import's type does not match
   * @throws Trap when the start function or a segment initialization traps
   */
  instantiate(store: Store<T>): Instance {
    const callers: Caller<T>[] = [];
    const imports = this.#definitions.map((definition) => resolveDefinition(store, definition, callers));
    return Instance.instantiate(store, this.module, imports, callers);
  }
}
