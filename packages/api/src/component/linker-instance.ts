// One namespace of a `component.Linker`: the root (the component's import names) or an
// instance import such as `wasi:cli/environment@0.2.0`, whose items are its export names.

import type { FuncDescription } from '@tswasm/environ';
import type { Store } from '../store/store.js';
import type { HostResourceDestructor } from './resource-builtins.js';
import { ResourceType } from './resource-type.js';

/**
 * A host function for a component import: called with the store and one JS value per
 * parameter (Component Model JS API mapping), it returns the result's JS value (`undefined`
 * without a result; a `result<…>` as `{ kind: 'Ok' | 'Err', value }`). What it throws
 * propagates out of the guest to the caller of the export.
 */
export type ComponentHostFunc<T> = (store: Store<T>, ...args: unknown[]) => unknown;

/**
 * A host function defined with `LinkerInstance.funcNew` (wasmtime's `func_new`): called with the
 * store, the type of the import it implements, one JS value per parameter (Component Model JS
 * API mapping, as for `ComponentHostFunc`), and `results`, an array with one slot per result
 * (none or one) that it fills in; the slot starts `undefined`. The type is described once per
 * linking (`Linker.instantiatePre`), so calls through one `InstancePre` share it and a host may
 * cache by it. What the function returns is ignored; what it throws propagates out of the guest
 * to the caller of the export.
 */
export type ComponentDynamicHostFunc<T> = (store: Store<T>, type: FuncDescription, params: readonly unknown[], results: unknown[]) => void;

/**
 * What a name of a namespace is defined as. `func-new` is a `funcNew` definition; linking binds
 * it to its import's type, so instantiation only sees `func`.
 */
export type LinkerDefinition<T> =
  | { readonly kind: 'func'; readonly func: ComponentHostFunc<T> }
  | { readonly kind: 'func-new'; readonly func: ComponentDynamicHostFunc<T> }
  | { readonly kind: 'resource'; readonly type: ResourceType; readonly destructor: HostResourceDestructor<T> | null }
  | { readonly kind: 'instance'; readonly items: Map<string, LinkerDefinition<T>> };

/** A namespace of host definitions (wasmtime's `component::LinkerInstance`). */
export class LinkerInstance<T> {
  readonly #items: Map<string, LinkerDefinition<T>>;
  readonly #path: string;
  readonly #allowShadowing: () => boolean;

  /** Made by `Linker.root()` and `LinkerInstance.instance()`; not for embedders. */
  constructor(items: Map<string, LinkerDefinition<T>>, path: string, allowShadowing: () => boolean) {
    this.#items = items;
    this.#path = path;
    this.#allowShadowing = allowShadowing;
  }

  /**
   * Defines host function `name` (wasmtime's `func_wrap`); see `ComponentHostFunc` for how it is
   * called. The function's type is checked against the import only as the canonical ABI
   * converts its values; `A` lets the caller write the JS types it expects (e.g. `[string]`),
   * which the canonical ABI's conversion guarantees for a matching import.
   * @throws TypeError when `func` is not a function or `name` is already defined (and shadowing is off)
   */
  funcWrap<A extends unknown[] = unknown[]>(name: string, func: (store: Store<T>, ...args: A) => unknown): this {
    if (typeof func !== 'function') throw new TypeError(`expected a function for \`${name}\`, found ${typeof func}`);
    // The conversion to `A` is the canonical ABI's, done before the call.
    this.#define(name, { kind: 'func', func: func as ComponentHostFunc<T> });
    return this;
  }

  /**
   * Defines host function `name` with dynamically typed values (wasmtime's `func_new`): see
   * `ComponentDynamicHostFunc` for how it is called. Unlike `funcWrap`'s function, it learns the
   * import's type (parameter names and types, the result type) at each call, so one function
   * can serve imports of any type, e.g. a generic proxy or a stub.
   * @throws TypeError when `func` is not a function or `name` is already defined (and shadowing is off)
   */
  funcNew(name: string, func: ComponentDynamicHostFunc<T>): this {
    if (typeof func !== 'function') throw new TypeError(`expected a function for \`${name}\`, found ${typeof func}`);
    this.#define(name, { kind: 'func-new', func });
    return this;
  }

  /**
   * Defines host resource type `name` (wasmtime's `LinkerInstance::resource`): the component's
   * `(import "name" (type (sub resource)))` becomes `type`. `destructor`, if given, runs with
   * the store and the rep when a guest drops an own handle of it.
   * @throws TypeError when `type` is not a host `ResourceType`, `destructor` is not a function
   *   or null, or `name` is already defined (and shadowing is off)
   */
  resource(name: string, type: ResourceType, destructor: HostResourceDestructor<T> | null = null): this {
    if (!(type instanceof ResourceType) || !type.isHost) throw new TypeError(`expected a host ResourceType for \`${name}\``);
    if (destructor !== null && typeof destructor !== 'function') throw new TypeError(`expected a function or null as the destructor of \`${name}\`, found ${typeof destructor}`);
    this.#define(name, { kind: 'resource', type, destructor });
    return this;
  }

  /**
   * The nested namespace `name` (an instance import), created on first use.
   * @throws TypeError when `name` is already defined as a function
   */
  instance(name: string): LinkerInstance<T> {
    const existing = this.#items.get(name);
    if (existing !== undefined && existing.kind === 'instance') return new LinkerInstance(existing.items, this.#qualify(name), this.#allowShadowing);
    if (existing !== undefined && !this.#allowShadowing()) throw new TypeError(`import \`${this.#qualify(name)}\` is already defined`);
    const items = new Map<string, LinkerDefinition<T>>();
    this.#items.set(name, { kind: 'instance', items });
    return new LinkerInstance(items, this.#qualify(name), this.#allowShadowing);
  }

  #define(name: string, definition: LinkerDefinition<T>): void {
    if (this.#items.has(name) && !this.#allowShadowing()) throw new TypeError(`import \`${this.#qualify(name)}\` is already defined`);
    this.#items.set(name, definition);
  }

  #qualify(name: string): string {
    return this.#path === '' ? name : `${this.#path}/${name}`;
  }
}
