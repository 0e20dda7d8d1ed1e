// Host definitions for component imports, by name (wasmtime's `component::Linker<T>`).

import type { Engine } from '../engine/engine.js';
import type { Store } from '../store/store.js';
import { Component } from './component.js';
import { defineUnknownImports } from './define-unknown-imports.js';
import type { Instance } from './instance.js';
import { InstancePre } from './instance-pre.js';
import { LinkerInstance, type LinkerDefinition } from './linker-instance.js';
import { resolveImports } from './resolve-imports.js';
import { checkSupported } from './unsupported.js';

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
   * Resolves and type-checks `component`'s imports against this linker once (wasmtime's
   * `instantiate_pre`), for instantiating it quickly in any number of stores. The result keeps
   * the definitions it found: later changes to this linker do not affect it.
   * @throws LinkError when an import is not defined or is defined as the wrong kind, in
   *   wasmtime's words: "component imports instance `host`, but a matching implementation was
   *   not found in the linker: instance export `greet` has the wrong type: function
   *   implementation is missing"
   * @throws TypeError when the component belongs to another engine, or uses what this version
   *   cannot run yet (the message names it: async, fused adapters between inlined components,
   *   transcoders, imported core modules, value imports)
   */
  instantiatePre(component: Component): InstancePre<T> {
    if (!(component instanceof Component)) throw new TypeError('expected a component.Component');
    if (component.engine !== this.engine) throw new TypeError('the component and the linker belong to different engines');
    const info = component.translation.component;
    const hosts = resolveImports(info, this.#root);
    checkSupported(info);
    return new InstancePre(component, hosts);
  }

  /**
   * Instantiates `component` in `store`, satisfying its imports from this linker: shorthand for
   * `instantiatePre(component).instantiate(store)`.
   * @throws LinkError when an import is missing or defined as the wrong kind (see `instantiatePre`)
   * @throws TypeError when the component uses what this version cannot run yet, or when the
   *   engines differ
   * @throws Trap when a core module's start function traps
   */
  instantiate(store: Store<T>, component: Component): Instance {
    return this.instantiatePre(component).instantiate(store);
  }

  /**
   * Defines every import of `component` that this linker does not define yet (wasmtime's
   * `define_unknown_imports_as_traps`): a function fails with a `LinkError` ("unknown import:
   * `host#greet` has not been defined") when the guest calls it, a resource becomes a new host
   * resource type, and an instance is filled in export by export. Definitions already present
   * are kept.
   * @throws LinkError when the component imports a core module or a component, which cannot be
   *   stubbed
   * @throws TypeError when `component` is not a `component.Component`, or an instance import's
   *   name is already defined as something else (and shadowing is off)
   */
  defineUnknownImportsAsTraps(component: Component): this {
    if (!(component instanceof Component)) throw new TypeError('expected a component.Component');
    defineUnknownImports(component.translation.component, this.#root, this.#allowShadowing);
    return this;
  }
}
