// The dispatcher of the canonical-ABI generators: one object per trampoline that knows the
// type table, the options and the emitter, and routes each of the four operations of
// CanonicalABI.md (`lift_flat`, `lower_flat`, `load`, `store`) to the family file of the type.
// Family files take this object as a parameter, so they import only its type and never each
// other.
//
// Conventions of the generated code (see `func-trampolines.ts` for the prelude):
// - `dv` / `u8` / `buf` are views of the current memory buffer; `mem()` refreshes them and is
//   called after anything that may run guest code (the callee, `realloc`), since memory may grow.
// - flat core values are JS values as the WebAssembly JS API passes them: i32/f32/f64 numbers,
//   i64 bigints.
// - `trap(code, message)` never returns.

import { F32, F64, I32, I64, flattenValType, valTypeLayout } from '@tswasm/environ';
import type { ComponentDefinedType, ComponentTypeList, ComponentValType, Layout, PrimitiveValType, ResourceId, ValType } from '@tswasm/environ';
import type { CanonicalAbiOptions } from './abi-options.js';
import type { JsEmitter } from './js-emitter.js';

/** One flat core value being produced: a JS expression and its core type. */
export interface FlatValue {
  readonly expr: string;
  readonly type: ValType;
}

/** A sequence of flat core values being consumed (CanonicalABI.md's `ValueIter`). */
export interface FlatSource {
  /** The next flat value as an expression of core type `want` (coerced from what is there). */
  next(want: ValType): string;
}

/** A value type with its defined type looked up: a primitive, or the defined type. */
export type ResolvedType = { readonly kind: 'primitive'; readonly type: PrimitiveValType } | ComponentDefinedType;

/** The operations of every family, and the state they share. */
export interface ValueCodegen {
  readonly types: ComponentTypeList;
  readonly options: CanonicalAbiOptions;
  readonly emit: JsEmitter;
  /** Resolves `type` to a primitive or its defined type. */
  resolve(type: ComponentValType): ResolvedType;
  /** Size and alignment of `type` in memory (32-bit pointers). */
  layout(type: ComponentValType): Layout;
  /** The flat core types of `type`. */
  flat(type: ComponentValType): ValType[];
  /** A short readable name of `type`, for host error messages. */
  describe(type: ComponentValType): string;
  /** The slot of `resource` in the trampoline's resource list. */
  resourceSlot(resource: ResourceId): number;
  /** CanonicalABI.md `lift_flat`: an expression (usually a local) holding the JS value. */
  liftFlat(type: ComponentValType, src: FlatSource): string;
  /** CanonicalABI.md `lower_flat` of the JS value held by the expression `value`. */
  lowerFlat(type: ComponentValType, value: string): FlatValue[];
  /** CanonicalABI.md `load` at byte address `addr` (already checked for bounds and alignment). */
  load(type: ComponentValType, addr: string): string;
  /** CanonicalABI.md `store` of the JS value `value` at byte address `addr` (already checked). */
  store(type: ComponentValType, value: string, addr: string): void;
  /** Whether `type` is an `option` whose JS form is `undefined` or the payload. */
  isTopLevelOption(type: ComponentValType): boolean;
}

/** The flat types of `type` (no limit needed: callers only flatten what goes flat). */
export function flatTypes(types: ComponentTypeList, type: ComponentValType): ValType[] {
  const out: ValType[] = [];
  flattenValType(types, type, out, Number.MAX_SAFE_INTEGER);
  return out;
}

/** `type` resolved to a primitive or the defined type its id names in `types`. */
export function resolveValType(types: ComponentTypeList, type: ComponentValType): ResolvedType {
  if (type.kind === 'primitive') return type;
  const entry = types.get(type.id);
  if (entry.kind !== 'defined') throw new Error(`internal error: type ${type.id} is not a value type`);
  return entry.type;
}

/** The slot of `resource` in `resources`, a signature's resources in slot order. */
export function resourceSlotOf(resources: readonly ResourceId[], resource: ResourceId): number {
  const at = resources.indexOf(resource);
  if (at < 0) throw new Error(`internal error: resource ${resource} is not in the signature key`);
  return at;
}

/** The layout of `type` with 32-bit pointers. */
export function layoutOf(types: ComponentTypeList, type: ComponentValType): Layout {
  return valTypeLayout(types, type, 4);
}

/** A `FlatSource` over given flat values (e.g. core arguments, or a variant's joined payload). */
export class FlatList implements FlatSource {
  readonly #values: readonly FlatValue[];
  readonly #emit: JsEmitter;
  #pos = 0;

  constructor(values: readonly FlatValue[], emit: JsEmitter) {
    this.#values = values;
    this.#emit = emit;
  }

  next(want: ValType): string {
    const value = this.#values[this.#pos++];
    if (value === undefined) throw new Error('internal error: flat values exhausted');
    return coerceLifted(this.#emit, value.expr, value.type, want);
  }
}

/**
 * CanonicalABI.md `lift_flat_variant`'s `CoerceValueIter`: a joined flat value read as the
 * case's own flat type. i64 -> i32 wraps; i32 -> f32 and i64 -> f64 reinterpret bits.
 */
export function coerceLifted(emit: JsEmitter, expr: string, have: ValType, want: ValType): string {
  if (have === want) return expr;
  const scratch = scratchHelper(emit);
  if (have === I32 && want === F32) return `(${scratch}.setInt32(0, ${expr}, true), ${scratch}.getFloat32(0, true))`;
  if (have === I64 && want === I32) return `Number(BigInt.asIntN(32, ${expr}))`;
  if (have === I64 && want === F32) return `(${scratch}.setInt32(0, Number(BigInt.asIntN(32, ${expr})), true), ${scratch}.getFloat32(0, true))`;
  if (have === I64 && want === F64) return `(${scratch}.setBigInt64(0, ${expr}, true), ${scratch}.getFloat64(0, true))`;
  throw new Error(`internal error: cannot coerce flat ${have} to ${want}`);
}

/** CanonicalABI.md `lower_flat_variant`: a case's flat value widened to the joined type. */
export function coerceLowered(emit: JsEmitter, expr: string, have: ValType, want: ValType): string {
  if (have === want) return expr;
  const scratch = scratchHelper(emit);
  if (have === F32 && want === I32) return `(${scratch}.setFloat32(0, ${expr}, true), ${scratch}.getInt32(0, true))`;
  if (have === I32 && want === I64) return `BigInt((${expr}) >>> 0)`;
  if (have === F32 && want === I64) return `BigInt((${scratch}.setFloat32(0, ${expr}, true), ${scratch}.getUint32(0, true)))`;
  if (have === F64 && want === I64) return `(${scratch}.setFloat64(0, ${expr}, true), ${scratch}.getBigInt64(0, true))`;
  throw new Error(`internal error: cannot coerce flat ${have} to ${want}`);
}

/** The zero of a flat type as a JS literal (a variant's unused joined positions). */
export function flatZero(type: ValType): string {
  return type === I64 ? '0n' : '0';
}

function scratchHelper(emit: JsEmitter): string {
  return emit.helper('scratch', () => 'const scratch = new DataView(new ArrayBuffer(8));');
}

/** The core value types the generators distinguish. */
export const CORE = { i32: I32, i64: I64, f32: F32, f64: F64 } as const;
