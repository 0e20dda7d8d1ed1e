import { Func } from '../func/func.js';
import type { ExternType } from '../module/extern-type.js';
import type { StoreOpaque } from '../store/store-opaque.js';
import { Global } from './global.js';
import { Memory } from './memory.js';
import { Table } from './table.js';

/** Anything an instance can import or export (wasmtime's `Extern`); tags are not supported yet. */
export type Extern = Func | Memory | Table | Global;

/** The external type of an item. */
export function externTypeOfItem(item: Extern): ExternType {
  if (item instanceof Func) return { kind: 'func', type: item.ty() };
  if (item instanceof Memory) return { kind: 'memory', type: item.ty() };
  if (item instanceof Table) return { kind: 'table', type: item.ty() };
  return { kind: 'global', type: item.ty() };
}

/** What `WebAssembly.Instance` takes for an item. */
export function importValueOf(item: Extern): WebAssembly.ImportValue {
  if (item instanceof Func) return item.importValue() as WebAssembly.ImportValue;
  return item.raw;
}

/** The store an item belongs to. */
export function storeOfItem(item: Extern): StoreOpaque {
  return item.opaque;
}
