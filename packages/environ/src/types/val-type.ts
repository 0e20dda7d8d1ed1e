/**
 * Core value types, packed into one small integer so the validator's operand stack is an
 * array of numbers (as wasmparser packs `ValType`).
 *
 *   bits 0..7   the binary code: 0x7f i32, 0x7e i64, 0x7d f32, 0x7c f64, 0x7b v128, or for a
 *               reference to an abstract heap type its code (0x70 func, 0x6f extern, ...)
 *   bit 8       set for reference types
 *   bit 9       set for nullable references
 *   bits 10..   for a reference to a concrete type: type index + 1 (0 for abstract heap types)
 *
 * Concrete type indices (up to 1,000,000) keep the value below 2^30, a small integer in V8.
 * The layout already carries what GC and function references need (nullability, concrete
 * heap types), so those proposals extend it without a rewrite.
 */
export type ValType = number & { readonly __brand: 'ValType' };

/** A reference type: a `ValType` with bit 8 set. */
export type RefType = ValType & { readonly __ref: true };

/** A heap type: an abstract heap type code, or a concrete type index (`HeapType.concrete`). */
export type HeapType = number & { readonly __brand: 'HeapType' };

export const REF_BIT = 0x100;
export const NULLABLE_BIT = 0x200;
const INDEX_SHIFT = 10;

/** Abstract heap type codes, as the binary format spells them. */
export const AbstractHeapType = {
  func: 0x70,
  extern: 0x6f,
  any: 0x6e,
  eq: 0x6d,
  i31: 0x6c,
  struct: 0x6b,
  array: 0x6a,
  exn: 0x69,
  none: 0x71,
  noextern: 0x72,
  nofunc: 0x73,
  noexn: 0x74,
} as const;

export const I32 = 0x7f as ValType;
export const I64 = 0x7e as ValType;
export const F32 = 0x7d as ValType;
export const F64 = 0x7c as ValType;
export const V128 = 0x7b as ValType;
export const FUNCREF = (REF_BIT | NULLABLE_BIT | AbstractHeapType.func) as RefType;
export const EXTERNREF = (REF_BIT | NULLABLE_BIT | AbstractHeapType.extern) as RefType;
export const EXNREF = (REF_BIT | NULLABLE_BIT | AbstractHeapType.exn) as RefType;

/** A reference type to `heap`, which is an abstract code or `concreteHeapType(index)`. */
export function refType(heap: HeapType, nullable: boolean): RefType {
  return (REF_BIT | (nullable ? NULLABLE_BIT : 0) | heap) as RefType;
}

/** The heap type of a concrete type index. */
export function concreteHeapType(typeIndex: number): HeapType {
  return ((typeIndex + 1) << INDEX_SHIFT) as HeapType;
}

export function isRefType(t: ValType): t is RefType {
  return (t & REF_BIT) !== 0;
}

export function isNumType(t: ValType): boolean {
  return t === I32 || t === I64 || t === F32 || t === F64;
}

export function isNullable(t: RefType): boolean {
  return (t & NULLABLE_BIT) !== 0;
}

/** The heap type of a reference type. */
export function heapTypeOf(t: RefType): HeapType {
  return (t & ~(REF_BIT | NULLABLE_BIT)) as HeapType;
}

/** The type index of a concrete heap type, or -1 for an abstract one. */
export function concreteIndexOf(heap: HeapType): number {
  return (heap >>> INDEX_SHIFT) - 1;
}

const ABSTRACT_NAMES: Record<number, string> = {
  0x70: 'func',
  0x6f: 'extern',
  0x6e: 'any',
  0x6d: 'eq',
  0x6c: 'i31',
  0x6b: 'struct',
  0x6a: 'array',
  0x69: 'exn',
  0x71: 'none',
  0x72: 'noextern',
  0x73: 'nofunc',
  0x74: 'noexn',
};

/** The heap type as the text format writes it. */
export function heapTypeToString(heap: HeapType): string {
  const index = concreteIndexOf(heap);
  if (index >= 0) return String(index);
  return ABSTRACT_NAMES[heap] ?? `heap type 0x${heap.toString(16)}`;
}

/** The value type as the text format (and wasmparser's messages) writes it. */
export function valTypeToString(t: ValType): string {
  switch (t) {
    case I32:
      return 'i32';
    case I64:
      return 'i64';
    case F32:
      return 'f32';
    case F64:
      return 'f64';
    case V128:
      return 'v128';
    case FUNCREF:
      return 'funcref';
    case EXTERNREF:
      return 'externref';
    case EXNREF:
      return 'exnref';
  }
  if (isRefType(t)) {
    const heap = heapTypeOf(t);
    return `(ref ${isNullable(t) ? 'null ' : ''}${heapTypeToString(heap)})`;
  }
  return `unknown type 0x${t.toString(16)}`;
}
