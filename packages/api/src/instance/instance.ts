import { LinkError } from '@tswasm/runtime';
import type { Caller } from '../func/caller.js';
import { Func } from '../func/func.js';
import type { TypedFunc } from '../func/typed-func.js';
import { externTypeOfItem, importValueOf, type Extern } from '../externals/extern.js';
import { Global } from '../externals/global.js';
import { Memory } from '../externals/memory.js';
import { Table } from '../externals/table.js';
import { Tag } from '../externals/tag.js';
import { funcTypeAt, type ImportType } from '../module/extern-type.js';
import type { Module } from '../module/module.js';
import type { Store } from '../store/store.js';
import type { StoreOpaque } from '../store/store-opaque.js';
import type { ValKind } from '../values/val.js';
import { matchExtern } from './match-extern.js';

function checkImports(store: Store<unknown>, module: Module, imports: readonly Extern[]): WebAssembly.Imports {
  const importTypes = module.importTypes;
  if (imports.length !== importTypes.length) {
    throw new LinkError(`expected ${importTypes.length} imports, found ${imports.length}`);
  }
  const importObject: Record<string, Record<string, WebAssembly.ImportValue>> = {};
  for (let i = 0; i < importTypes.length; i++) {
    const imp = importTypes[i] as ImportType;
    const item = imports[i] as Extern;
    if (item.opaque !== store.opaque) throw new TypeError(`import \`${imp.module}::${imp.name}\` belongs to another store`);
    const detail = matchExtern(imp.type, externTypeOfItem(item));
    if (detail !== null) throw new LinkError(`incompatible import type for \`${imp.module}::${imp.name}\`: ${detail}`, { cause: detail });
    (importObject[imp.module] ??= {})[imp.name] = importValueOf(item);
  }
  return importObject;
}

/**
 * An instantiated module in a store (wasmtime's `Instance`). Export wrappers are made on first
 * use, so instantiating costs little more than the engine's own instantiation.
 */
export class Instance {
  readonly #opaque: StoreOpaque;
  readonly #module: Module;
  readonly #exports: WebAssembly.Exports;
  readonly #items = new Map<string, Extern>();

  private constructor(opaque: StoreOpaque, module: Module, exports: WebAssembly.Exports) {
    this.#opaque = opaque;
    this.#module = module;
    this.#exports = exports;
  }

  /**
   * Instantiates `module` with `imports`, given in the order of `module.imports()`.
   * @throws LinkError when an import's type does not match
   * @throws Trap when the start function or a segment initialization traps
   */
  static new(store: Store<unknown>, module: Module, imports: readonly Extern[]): Instance {
    return Instance.instantiate(store, module, imports, []);
  }

  /** Instantiates and binds the callers of the linker's host functions; internal to the api. */
  static instantiate<T>(store: Store<T>, module: Module, imports: readonly Extern[], callers: readonly Caller<T>[]): Instance {
    if (module.engine !== store.engine) throw new TypeError('module and store belong to different engines');
    const importObject = checkImports(store, module, imports);
    const opaque = store.opaque;
    let raw: WebAssembly.Instance;
    try {
      raw = new WebAssembly.Instance(module.compiled, importObject);
    } catch (error) {
      if (error instanceof WebAssembly.LinkError) throw new LinkError(error.message, { cause: error });
      throw opaque.mapError(error, null);
    }
    opaque.addModule(module.translation);
    const instance = new Instance(opaque, module, raw.exports);
    for (const caller of callers) caller.bindInstance(instance);
    return instance;
  }

  /** The module this is an instance of. */
  get module(): Module {
    return this.#module;
  }

  /** The export called `name`, or undefined. */
  getExport(store: Store<unknown>, name: string): Extern | undefined {
    if (store.opaque !== this.#opaque) throw new TypeError('instance used with a store it does not belong to');
    const cached = this.#items.get(name);
    if (cached !== undefined) return cached;
    const item = this.#wrap(name);
    if (item !== undefined) this.#items.set(name, item);
    return item;
  }

  #wrap(name: string): Extern | undefined {
    const translation = this.#module.translation;
    const entity = translation.exports.get(name);
    const raw = this.#exports[name];
    if (entity === undefined || raw === undefined) return undefined;
    switch (entity.kind) {
      case 'func': {
        const type = funcTypeAt(translation, translation.functions.get(entity.index));
        return Func.fromExport(this.#opaque, raw as Function, type, { translation, funcIndex: entity.index });
      }
      case 'memory':
        return Memory.fromRaw(this.#opaque, raw as WebAssembly.Memory, translation.memories.get(entity.index));
      case 'table':
        return Table.fromRaw(this.#opaque, raw as WebAssembly.Table, translation.tables.get(entity.index));
      case 'global':
        return Global.fromRaw(this.#opaque, raw as WebAssembly.Global, translation.globals.get(entity.index).type);
      case 'tag':
        return Tag.fromRaw(this.#opaque, raw as WebAssembly.Tag, funcTypeAt(translation, translation.tags.get(entity.index).typeIndex));
    }
  }

  /** The exported function `name`, or undefined. */
  getFunc(store: Store<unknown>, name: string): Func | undefined {
    const item = this.getExport(store, name);
    return item instanceof Func ? item : undefined;
  }

  /**
   * The exported function `name` with its type checked against `params` and `results`.
   * @throws TypeError when there is no such function or its type differs
   */
  getTypedFunc<P extends unknown[], R>(store: Store<unknown>, name: string, params: readonly ValKind[], results: readonly ValKind[]): TypedFunc<P, R> {
    const func = this.getFunc(store, name);
    if (func === undefined) throw new TypeError(`failed to find function export \`${name}\``);
    return func.typed<P, R>(store, params, results);
  }

  /** The exported memory `name`, or undefined. */
  getMemory(store: Store<unknown>, name: string): Memory | undefined {
    const item = this.getExport(store, name);
    return item instanceof Memory ? item : undefined;
  }

  /** The exported table `name`, or undefined. */
  getTable(store: Store<unknown>, name: string): Table | undefined {
    const item = this.getExport(store, name);
    return item instanceof Table ? item : undefined;
  }

  /** The exported global `name`, or undefined. */
  getGlobal(store: Store<unknown>, name: string): Global | undefined {
    const item = this.getExport(store, name);
    return item instanceof Global ? item : undefined;
  }

  /** The exported tag `name`, or undefined. */
  getTag(store: Store<unknown>, name: string): Tag | undefined {
    const item = this.getExport(store, name);
    return item instanceof Tag ? item : undefined;
  }

  /** Every export, in the module's order. */
  exports(store: Store<unknown>): { name: string; ext: Extern }[] {
    const out: { name: string; ext: Extern }[] = [];
    for (const name of this.#module.translation.exports.keys()) {
      const ext = this.getExport(store, name);
      if (ext !== undefined) out.push({ name, ext });
    }
    return out;
  }
}
