import { Func } from '../func/func.js';
import type { ExternType } from '../module/extern-type.js';
import type { StoreOpaque } from '../store/store-opaque.js';
import { Global } from './global.js';
import { Memory } from './memory.js';
import { Table } from './table.js';
import { Tag } from './tag.js';

/** Anything an instance can import or export (wasmtime's `Extern`). */
export type Extern = Func | Memory | Table | Global | Tag;

/** The external type of an item. */
export function externTypeOfItem(item: Extern): ExternType {
  if (item instanceof Func) return { kind: 'func', type: item.ty() };
  if (item instanceof Memory) return { kind: 'memory', type: item.ty() };
  if (item instanceof Table) return { kind: 'table', type: item.ty() };
  if (item instanceof Tag) return { kind: 'tag', type: item.ty() };
  return { kind: 'global', type: item.ty() };
}

/** What `WebAssembly.Instance` takes for an item. */
export function importValueOf(item: Extern): WebAssembly.ImportValue {
  if (item instanceof Func) return item.importValue() as WebAssembly.ImportValue;
  // The DOM typings predate tags in ImportValue; V8 accepts a WebAssembly.Tag for a tag import.
  if (item instanceof Tag) return item.raw as unknown as WebAssembly.ImportValue;
  return item.raw;
}

/** The store an item belongs to. */
export function storeOfItem(item: Extern): StoreOpaque {
  return item.opaque;
}
