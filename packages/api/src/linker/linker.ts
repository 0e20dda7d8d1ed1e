import type { FuncType } from '@tswasm/environ';
import { LinkError } from '@tswasm/runtime';
import type { Engine } from '../engine/engine.js';
import type { Extern } from '../externals/extern.js';
import { Caller } from '../func/caller.js';
import { Func, funcTypeOfKinds, type FuncKinds } from '../func/func.js';
import { makeNewHost, makeWrapHost, type FuncNewCallback, type FuncWrapCallback } from '../func/host-func.js';
import { Instance } from '../instance/instance.js';
import { funcTypeAt } from '../module/extern-type.js';
import type { Module } from '../module/module.js';
import type { Store } from '../store/store.js';
import { InstancePre } from './instance-pre.js';

/**
 * What a name resolves to: an item of some store, or a host function that is made per store
 * (and per instantiation, so its `Caller` knows the calling instance).
 */
export type Definition<T> =
  | { readonly kind: 'item'; readonly item: Extern }
  | { readonly kind: 'host'; readonly type: FuncType; readonly make: (store: Store<T>, caller: Caller<T>) => Func };

function key(module: string, name: string): string {
  return `${module}\u0000${name}`;
}

/** Resolves a definition to an item for `store`, collecting host callers to bind later. */
export function resolveDefinition<T>(store: Store<T>, definition: Definition<T>, callers: Caller<T>[]): Extern {
  if (definition.kind === 'item') return definition.item;
  const caller = new Caller(store, null);
  callers.push(caller);
  return definition.make(store, caller);
}

/**
 * Names items by module and field and instantiates modules against them (wasmtime's
 * `Linker<T>`). Host functions defined here belong to no store until an instantiation.
 */
export class Linker<T = undefined> {
  /** The engine of the modules this linker instantiates. */
  readonly engine: Engine;
  readonly #definitions = new Map<string, Definition<T>>();
  #allowShadowing = false;

  constructor(engine: Engine) {
    this.engine = engine;
  }

  /** Whether a later definition may replace an earlier one of the same name. */
  allowShadowing(allow: boolean): this {
    this.#allowShadowing = allow;
    return this;
  }

  #insert(module: string, name: string, definition: Definition<T>): this {
    const k = key(module, name);
    if (!this.#allowShadowing && this.#definitions.has(k)) throw new TypeError(`import of \`${module}::${name}\` defined twice`);
    this.#definitions.set(k, definition);
    return this;
  }

  /**
   * Defines `module::name` as `item`.
   * @throws TypeError when the name is taken and shadowing is off
   */
  define(_store: Store<T>, module: string, name: string, item: Extern): this {
    return this.#insert(module, name, { kind: 'item', item });
  }

  /**
   * Defines a host function called with JS values (see `Func.wrap`).
   * @throws TypeError when the name is taken and shadowing is off
   */
  funcWrap(module: string, name: string, type: FuncKinds, fn: FuncWrapCallback<T>): this {
    const funcType = funcTypeOfKinds(type);
    const make = (store: Store<T>, caller: Caller<T>): Func => Func.fromHostJs(store.opaque, funcType, makeWrapHost(store.opaque, funcType, fn, caller));
    return this.#insert(module, name, { kind: 'host', type: funcType, make });
  }

  /**
   * Defines a host function called with `Val`s (see `Func.new`).
   * @throws TypeError when the name is taken and shadowing is off
   */
  funcNew(module: string, name: string, type: FuncType, fn: FuncNewCallback<T>): this {
    const make = (store: Store<T>, caller: Caller<T>): Func => Func.fromHostJs(store.opaque, type, makeNewHost(store.opaque, type, fn, caller));
    return this.#insert(module, name, { kind: 'host', type, make });
  }

  /**
   * Defines every export of `instance` under `moduleName`.
   * @throws TypeError when a name is taken and shadowing is off
   */
  instance(store: Store<T>, moduleName: string, instance: Instance): this {
    for (const { name, ext } of instance.exports(store)) this.define(store, moduleName, name, ext);
    return this;
  }

  /**
   * Instantiates `module` with this linker and defines its exports under `moduleName`.
   * @throws LinkError or Trap as `instantiate` does
   */
  module(store: Store<T>, moduleName: string, module: Module): this {
    return this.instance(store, moduleName, this.instantiate(store, module));
  }

  /** Defines each function import of `module` that is not defined yet as one that fails when called. */
  defineUnknownImportsAsTraps(module: Module): this {
    for (const imp of module.translation.imports) {
      if (imp.type.kind !== 'func' || this.#definitions.has(key(imp.module, imp.field))) continue;
      const type = funcTypeAt(module.translation, imp.type.typeIndex);
      const message = `unknown import: \`${imp.module}::${imp.field}\` has not been defined`;
      const make = (store: Store<T>): Func =>
        Func.fromHostJs(store.opaque, type, () => {
          throw new LinkError(message);
        });
      this.#definitions.set(key(imp.module, imp.field), { kind: 'host', type, make });
    }
    return this;
  }

  /** The item defined as `module::name` for `store`, or undefined. */
  get(store: Store<T>, module: string, name: string): Extern | undefined {
    const definition = this.#definitions.get(key(module, name));
    return definition === undefined ? undefined : resolveDefinition(store, definition, []);
  }

  /**
   * The definitions of `module`'s imports, in order.
   * @throws LinkError naming the first import that is not defined
   */
  resolveImports(module: Module): Definition<T>[] {
    return module.translation.imports.map((imp) => {
      const definition = this.#definitions.get(key(imp.module, imp.field));
      if (definition === undefined) throw new LinkError(`unknown import: \`${imp.module}::${imp.field}\` has not been defined`);
      return definition;
    });
  }

  /**
   * Instantiates `module` in `store` with this linker's definitions.
   * @throws LinkError when an import is missing or has the wrong type
   * @throws Trap when the start function or a segment initialization traps
   */
  instantiate(store: Store<T>, module: Module): Instance {
    return this.instantiatePre(module).instantiate(store);
  }

  /**
   * Resolves `module`'s imports now, to instantiate it later in any store quickly.
   * @throws LinkError when an import is missing
   */
  instantiatePre(module: Module): InstancePre<T> {
    return new InstancePre(module, this.resolveImports(module));
  }
}
