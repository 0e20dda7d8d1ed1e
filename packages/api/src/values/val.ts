// Values crossing between the host and wasm, tagged with their wasm type, as wasmtime's `Val`.

import { EXNREF, EXTERNREF, F32, F64, FUNCREF, I32, I64, V128, valTypeToString, type ValType } from '@tswasm/environ';
import type { Func } from '../func/func.js';
import { f32FromBits, f64FromBits } from './float-bits.js';

/** The kind of a value: a wasm value type as the text format spells it. */
export type ValKind = 'i32' | 'i64' | 'f32' | 'f64' | 'v128' | 'funcref' | 'externref' | 'exnref';

/**
 * A wasm value. i64 is a bigint; v128 is 16 little-endian bytes; a null ref has value null.
 * Floats may carry their exact bit pattern (unsigned) in `bits`, which wins over `value` when
 * present; `Func.call` results always carry it, since a JS number cannot hold a signaling NaN.
 */
export type Val =
  | { readonly kind: 'i32'; readonly value: number }
  | { readonly kind: 'i64'; readonly value: bigint }
  | { readonly kind: 'f32'; readonly value: number; readonly bits?: number }
  | { readonly kind: 'f64'; readonly value: number; readonly bits?: bigint }
  | { readonly kind: 'v128'; readonly value: Uint8Array }
  | { readonly kind: 'funcref'; readonly value: Func | null }
  | { readonly kind: 'externref'; readonly value: unknown }
  /** JS cannot hold an exception reference, so only its nullness crosses: null or `NON_NULL_EXNREF`. */
  | { readonly kind: 'exnref'; readonly value: null | typeof NON_NULL_EXNREF };

/** The value of a non-null exnref as the host sees it (JS cannot hold the reference itself). */
export const NON_NULL_EXNREF = Object.freeze({ exnref: 'non-null' as const });

/** Constructors of `Val`s, normalizing numbers to the type's range. */
export const Val = {
  /** An i32; the number is wrapped to a signed 32-bit integer. */
  i32: (value: number): Val => ({ kind: 'i32', value: value | 0 }),
  /** An i64; the bigint is wrapped to a signed 64-bit integer. */
  i64: (value: bigint): Val => ({ kind: 'i64', value: BigInt.asIntN(64, value) }),
  /** An f32; the number is rounded to single precision. */
  f32: (value: number): Val => ({ kind: 'f32', value: Math.fround(value) }),
  /** An f64. */
  f64: (value: number): Val => ({ kind: 'f64', value }),
  /** An f32 given by its bit pattern, kept exactly (signaling NaNs included). */
  f32Bits: (bits: number): Val => ({ kind: 'f32', value: f32FromBits(bits), bits: bits >>> 0 }),
  /** An f64 given by its bit pattern, kept exactly (signaling NaNs included). */
  f64Bits: (bits: bigint): Val => ({ kind: 'f64', value: f64FromBits(bits), bits: BigInt.asUintN(64, bits) }),
  /** A v128 from 16 bytes (copied). @throws RangeError for another length */
  v128: (bytes: Uint8Array): Val => {
    if (bytes.length !== 16) throw new RangeError(`expected 16 bytes for a v128, found ${bytes.length}`);
    return { kind: 'v128', value: Uint8Array.from(bytes) };
  },
  /** A funcref; null is `ref.null func`. */
  funcref: (value: Func | null): Val => ({ kind: 'funcref', value }),
  /** An externref; null is `ref.null extern`, any other value is a host reference. */
  externref: (value: unknown): Val => ({ kind: 'externref', value }),
  /** The null exnref (the only one the host can make). */
  exnrefNull: (): Val => ({ kind: 'exnref', value: null }),
} as const;

// Each kind and its value type, once; both directions below read this table.
const TYPE_OF_KIND: Readonly<Record<ValKind, ValType>> = {
  i32: I32,
  i64: I64,
  f32: F32,
  f64: F64,
  v128: V128,
  funcref: FUNCREF,
  externref: EXTERNREF,
  exnref: EXNREF,
};
const KIND_OF_TYPE: ReadonlyMap<ValType, ValKind> = new Map(
  (Object.entries(TYPE_OF_KIND) as [ValKind, ValType][]).map(([kind, type]) => [type, kind]),
);

/** The kind of a value type. @throws TypeError for types the api cannot carry yet */
export function valKindOf(type: ValType): ValKind {
  const kind = KIND_OF_TYPE.get(type);
  if (kind === undefined) throw new TypeError(`values of type ${valTypeToString(type)} are not supported by the api yet`);
  return kind;
}

/** The value type of a kind. */
export function valTypeOf(kind: ValKind): ValType {
  return TYPE_OF_KIND[kind];
}
