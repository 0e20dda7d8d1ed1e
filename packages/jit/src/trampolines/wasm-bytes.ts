// The few pieces of the binary format that adapter modules need. Adapters are tiny and made
// once per signature per engine, so plain number arrays are clear and fast enough.

import { F32, F64, I32, I64, V128, heapTypeOf, isNullable, isRefType, type FuncType, type ValType } from '@tswasm/environ';

/** The wasm magic number and version 1. */
export const WASM_HEADER: readonly number[] = [0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00];

/** Unsigned LEB128 of a non-negative integer below 2^32. */
export function uleb(value: number): number[] {
  const out: number[] = [];
  let v = value >>> 0;
  do {
    const byte = v & 0x7f;
    v >>>= 7;
    out.push(v === 0 ? byte : byte | 0x80);
  } while (v !== 0);
  return out;
}

/** A name: its UTF-8 length, then its bytes. */
export function name(text: string): number[] {
  const bytes = new TextEncoder().encode(text);
  return [...uleb(bytes.length), ...bytes];
}

/** A section with its id and size prefix. */
export function section(id: number, content: readonly number[]): number[] {
  return [id, ...uleb(content.length), ...content];
}

/** A vector: its count, then its items' bytes. */
export function vec(items: readonly (readonly number[])[]): number[] {
  return [...uleb(items.length), ...items.flat()];
}

/** The binary encoding of a value type. */
export function valTypeBytes(t: ValType): number[] {
  if (t === I32 || t === I64 || t === F32 || t === F64 || t === V128) return [t];
  if (isRefType(t)) {
    const heap = heapTypeOf(t);
    // Abstract heap types are one byte; nullable ones have a shorthand (funcref = 0x70).
    if (heap < 0x80) return isNullable(t) ? [heap] : [0x64, heap];
    throw new TypeError(`adapters do not support concrete reference types, found ${t}`);
  }
  throw new TypeError(`unknown value type ${t}`);
}

/** The binary encoding of a function type (`0x60 params results`). */
export function funcTypeBytes(type: FuncType): number[] {
  return [0x60, ...vec(type.params.map(valTypeBytes)), ...vec(type.results.map(valTypeBytes))];
}

/** A stable key for a function type, for per-signature caches. */
export function funcTypeKey(type: FuncType): string {
  return `${type.params.join(',')}->${type.results.join(',')}`;
}
