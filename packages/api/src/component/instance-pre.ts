// A component whose imports a linker has already resolved (wasmtime's `component::InstancePre`):
// the type check and the name lookups happen once, in `Linker.instantiatePre`, and each
// `instantiate` only runs the initializers. It keeps its own copy of the resolved definitions,
// so changing the linker afterwards does not change what an `InstancePre` instantiates.

import type { RuntimeImportIndex } from '@tswasm/environ';
import type { Store } from '../store/store.js';
import type { Component } from './component.js';
import { Instance } from './instance.js';
import { instantiateComponent } from './instantiate.js';
import type { LinkerDefinition } from './linker-instance.js';

/** A component with its imports resolved and type-checked, ready to instantiate many times. */
export class InstancePre<T = undefined> {
  /** The component this instantiates. */
  readonly component: Component;
  readonly #hosts: ReadonlyMap<RuntimeImportIndex, LinkerDefinition<T>>;

  /** Made by `component.Linker.instantiatePre`; not for embedders. */
  constructor(component: Component, hosts: ReadonlyMap<RuntimeImportIndex, LinkerDefinition<T>>) {
    this.component = component;
    this.#hosts = hosts;
  }

  /**
   * Instantiates the component in `store` with the definitions resolved when this was made.
   * @throws TypeError when `store` belongs to another engine than the component
   * @throws Trap when a core module's start function traps
   */
  instantiate(store: Store<T>): Instance {
    const state = instantiateComponent(store, this.component, this.#hosts);
    return new Instance(store as Store<unknown>, this.component, state);
  }
}
