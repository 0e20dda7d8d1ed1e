// An instantiated component (wasmtime's `component::Instance`): its running state, and its
// lifted exports as `component.Func`s, made on first request and cached.

import { describeComponentFuncType, type Export, type FuncDescription } from '@tswasm/environ';
import type { CanonicalEnv } from '@tswasm/jit';
import type { ComponentInstanceState } from '@tswasm/runtime';
import type { Store } from '../store/store.js';
import { canonicalTrap } from './canonical-trap.js';
import type { Component } from './component.js';
import { ComponentExportIndex } from './export-index.js';
import { Func } from './func.js';
import { guardedRealloc, resolveCoreDef } from './instantiate.js';
import { resourceCallbacks, slotTypes } from './resource-callbacks.js';
import type { ResourceType } from './resource-type.js';

// The core function of a lifted export, noting that guest code was entered. Small arities get a
// fixed-arity closure: a rest-parameter spread costs about as much as the call itself.
function enteringCallee(core: Function, onEnter: () => void): Function {
  switch (core.length) {
    case 0:
      return () => (onEnter(), core());
    case 1:
      return (a: unknown) => (onEnter(), core(a));
    case 2:
      return (a: unknown, b: unknown) => (onEnter(), core(a, b));
    case 3:
      return (a: unknown, b: unknown, c: unknown) => (onEnter(), core(a, b, c));
    default:
      return (...args: unknown[]) => (onEnter(), core(...args));
  }
}

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
    const store = this.#store;
    const info = this.component.translation.component;
    const describe = (): FuncDescription => describeComponentFuncType(info.types, info.type, item.type);
    return new Func(store, state, instance, prepared.type, describe, (onEnter) => {
      const callbacks = slots.length === 0 ? null : resourceCallbacks(store, state.resources, state.resources.table(instance), slotTypes(info, state, instance, slots));
      const env: CanonicalEnv = { callee: enteringCallee(core, onEnter), trap: canonicalTrap, ...callbacks };
      if (memory !== null) env.memory = state.memories.get(memory);
      if (realloc !== null) {
        const raw = state.reallocs.get(realloc);
        env.realloc = guardedRealloc(state, instance, () => {
          onEnter();
          return raw;
        });
      }
      if (postReturn !== null) {
        const raw = state.postReturns.get(postReturn);
        // CanonicalABI.md: no calls out to the host during post-return.
        env.postReturn = (...args: unknown[]): unknown => {
          state.setMayLeave(instance, false);
          try {
            return raw(...args);
          } finally {
            state.setMayLeave(instance, true);
          }
        };
      }
      return prepared.factory(env);
    }, slots.length > 0);
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
