// An instantiated component (wasmtime's `component::Instance`): its running state, and its
// lifted exports as `component.Func`s, made on first request and cached.

import { describeComponentFuncType, type Export, type FuncDescription } from '@tswasm/environ';
import type { ComponentInstanceState } from '@tswasm/runtime';
import type { Store } from '../store/store.js';
import type { Component } from './component.js';
import { ComponentExportIndex } from './export-index.js';
import { Func } from './func.js';
import { resolveCoreDef } from './instantiate.js';
import { makeLiftedExportEntry } from './lifted-export-entry.js';
import { asyncCallee } from './async-callee.js';
import { makeAsyncExportEntry, withSyncCallAsync } from './async-export-entry.js';
import { passesBorrow } from './passes-borrow.js';
import { resourceCallbacks, selfLendingScope, slotTypes } from './resource-callbacks.js';
import type { ResourceType } from './resource-type.js';
import type { TypedFunc } from './typed-func.js';
import type { ParamsOf, ResultOf, TypedSignature } from './typed-signature.js';

/** A component instance in a store. */
export class Instance {
  /** The component this is an instance of. */
  readonly component: Component;
  readonly #store: Store<unknown>;
  readonly #state: ComponentInstanceState;
  readonly #funcs = new Map<Export, Func>();

  /** Made by `component.Linker.instantiate`; not for embedders. */
  constructor(store: Store<unknown>, component: Component, state: ComponentInstanceState) {
    this.component = component;
    this.#store = store;
    this.#state = state;
  }

  /**
   * The exported function `name`, the function at a path of export names through exported
   * instances (`['wasi:cli/run@0.2.0', 'run']`), or the function an export index of this
   * instance's component names (`getExportIndex`; the fastest way, no name lookup); null when
   * there is no such function (or the index is another component's).
   * @throws TypeError when `store` is not the instance's store, or `name` is none of these
   */
  getFunc(store: Store<unknown>, name: string | readonly string[] | ComponentExportIndex): Func | null {
    if (store !== this.#store) throw new TypeError('the instance belongs to a different store');
    const item = this.#lookup(name);
    if (item === null || item.kind !== 'LiftedFunction') return null;
    let func = this.#funcs.get(item);
    if (func === undefined) {
      func = this.#makeFunc(item);
      this.#funcs.set(item, func);
    }
    return func;
  }

  /**
   * The exported function `name` (or at a path, as in `getFunc`) with the signature
   * `signature`, checked once here (wasmtime's `Instance::get_typed_func`); null when there is
   * no such function.
   * @throws TypeError when `store` is not the instance's store, or the signature does not
   *   describe the function's type
   */
  getTypedFunc<const G extends TypedSignature>(store: Store<unknown>, name: string | readonly string[] | ComponentExportIndex, signature: G): TypedFunc<ParamsOf<G>, ResultOf<G>> | null {
    return this.getFunc(store, name)?.typed(store, signature) ?? null;
  }

  /**
   * The export `name` of this instance (`instance` null) or of its exported instance
   * `instance`, as an index for `getFunc` (wasmtime's `Instance::get_export_index`); the same as
   * `component.getExportIndex`, which needs no instance.
   * @returns null when there is no such export, or `instance` is not an instance export of this
   *   instance's component
   * @throws TypeError when `store` is not the instance's store, `name` is not a string or
   *   `instance` is not a `ComponentExportIndex`
   */
  getExportIndex(store: Store<unknown>, instance: ComponentExportIndex | null, name: string): ComponentExportIndex | null {
    if (store !== this.#store) throw new TypeError('the instance belongs to a different store');
    return this.component.getExportIndex(instance, name);
  }

  // The translated export a name, a path of names or an export index names; null when none.
  #lookup(name: string | readonly string[] | ComponentExportIndex): Export | null {
    if (name instanceof ComponentExportIndex) return name.component === this.component ? name.export : null;
    const path = typeof name === 'string' ? [name] : name;
    if (!Array.isArray(path)) throw new TypeError('expected an export name, a path of names or a ComponentExportIndex');
    let exports = this.component.translation.component.exports;
    let item: Export | undefined;
    for (const step of path) {
      if (typeof step !== 'string') throw new TypeError(`expected an export name, found ${typeof step}`);
      if (item !== undefined) {
        if (item.kind !== 'Instance') return null;
        exports = item.exports;
      }
      item = exports.get(step);
      if (item === undefined) return null;
    }
    return item ?? null;
  }

  #makeFunc(item: Extract<Export, { kind: 'LiftedFunction' }>): Func {
    const prepared = this.component.trampolines.exports.get(item);
    if (prepared === undefined) throw new Error(`internal error: no trampoline for a lifted export`);
    const state = this.#state;
    const { memory, realloc, postReturn, instance } = item.options;
    const core = resolveCoreDef(state, item.func);
    if (typeof core !== 'function') throw new Error('internal error: a lifted export is not a function');
    const slots = prepared.trampoline.resources;
    const info = this.component.translation.component;
    const handles = slots.length > 0;
    const describe = (): FuncDescription => describeComponentFuncType(info.types, info.type, item.type);
    // An async-typed export lifted synchronously still runs as a task that may block.
    if (item.options.async || prepared.type.async) {
      const callee = asyncCallee(this.#store.engine.trampolines, info, state, prepared.type, item.options, item.func, (def) => resolveCoreDef(state, def), true);
      return new Func(this.#store, info.types, prepared.type, describe, makeAsyncExportEntry(this.#store, state, instance, prepared.type.params.length, callee));
    }
    // Only a signature that passes handles needs the instance's table (made on first use).
    const table = handles ? state.resources.table(instance) : null;
    const types = handles ? slotTypes(info, state, instance, slots) : [];
    // Only a borrow parameter is counted in a call scope (lends, borrows the callee must drop);
    // results cannot hold borrows, and owns move without one, so other signatures skip it.
    const borrows = table !== null && passesBorrow(info, prepared.type);
    const lends = table !== null && borrows ? selfLendingScope(this.#store, table, types) : null;
    const entry = makeLiftedExportEntry({
      store: this.#store,
      state,
      instance,
      arity: prepared.type.params.length,
      trampolineSource: prepared.trampoline.source,
      core,
      memory: memory === null ? null : state.memories.get(memory),
      realloc: realloc === null ? null : state.reallocs.get(realloc),
      postReturn: postReturn === null ? null : state.postReturns.get(postReturn),
      serial: this.#store.engine.nextSerial(),
      resourceCallbacks: table === null ? null : resourceCallbacks(this.#store, state.resources, table, types, lends),
      resources: borrows && lends === null ? state.resources : null,
      lends,
    });
    return new Func(this.#store, info.types, prepared.type, describe, withSyncCallAsync(entry, state));
  }

  /**
   * The type of the resource exported as `name` (or at a path of export names through exported
   * instances, or named by an export index), to compare with `ResourceAny.type` (wasmtime's
   * `Instance::get_resource`); null when there is no such resource.
   * @throws TypeError when `store` is not the instance's store, or `name` is none of these
   */
  getResource(store: Store<unknown>, name: string | readonly string[] | ComponentExportIndex): ResourceType | null {
    if (store !== this.#store) throw new TypeError('the instance belongs to a different store');
    const item = this.#lookup(name);
    if (item === null || item.kind !== 'Type' || item.resource === null) return null;
    // Every runtime type instantiation makes is a `ResourceType`.
    return this.#state.resources.type(item.resource) as ResourceType;
  }
}
