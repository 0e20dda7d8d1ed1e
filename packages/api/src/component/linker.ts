// Host definitions for component imports, by name (wasmtime's `component::Linker<T>`).

import type { Engine } from '../engine/engine.js';
import type { Store } from '../store/store.js';
import type { Component } from './component.js';
import { Instance } from './instance.js';
import { instantiateComponent } from './instantiate.js';
import { LinkerInstance, type LinkerDefinition } from './linker-instance.js';

/** Host functions and instances that satisfy components' imports. */
export class Linker<T = undefined> {
  /** The engine of the components this linker instantiates. */
  readonly engine: Engine;
  readonly #root = new Map<string, LinkerDefinition<T>>();
  #allowShadowing = false;

  constructor(engine: Engine) {
    this.engine = engine;
  }

  /** Whether a definition may replace one of the same name (off by default, as in wasmtime). */
  allowShadowing(allow: boolean): this {
    this.#allowShadowing = allow;
    return this;
  }

  /** The root namespace: the component's own import names. */
  root(): LinkerInstance<T> {
    return new LinkerInstance(this.#root, '', () => this.#allowShadowing);
  }

  /** Shorthand for `root().instance(name)`. */
  instance(name: string): LinkerInstance<T> {
    return this.root().instance(name);
  }

  /**
   * Instantiates `component` in `store`, satisfying its imports from this linker.
   * @throws LinkError when an import is missing or defined as the wrong kind (the message names it)
   * @throws TypeError when the component uses what this version cannot run yet (the message
   *   names it: resources, async, fused adapters between inlined components, transcoders,
   *   imported core modules), or when the engines differ
   * @throws Trap when a core module's start function traps
   */
  instantiate(store: Store<T>, component: Component): Instance {
    if (component.engine !== this.engine) throw new TypeError('the component and the linker belong to different engines');
    const state = instantiateComponent(store, component, this.#root);
    return new Instance(store as Store<unknown>, component, state);
  }
}
