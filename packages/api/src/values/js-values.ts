// Conversions between `Val` and the values V8 passes across the JS/wasm boundary (number,
// bigint, function or null, any JS value for externref). v128 never crosses that boundary;
// it travels as four i32 lanes through an adapter (see @tswasm/jit's v128 adapters).

import { EXNREF, F32, F64, I32, I64, V128, type ValType } from '@tswasm/environ';
import { f32ToBits, f64ToBits } from './float-bits.js';
import { V128_LANES } from '@tswasm/jit';
import type { StoreOpaque } from '../store/store-opaque.js';
import { Func } from '../func/func.js';
import { NON_NULL_EXNREF, Val, valKindOf } from './val.js';

/**
 * The JS value of `val` for a parameter, global or table slot of `type`.
 * @throws TypeError when the value's kind is not the type's, or a funcref is from another store
 */
export function valToJs(opaque: StoreOpaque, val: Val, type: ValType): unknown {
  const kind = valKindOf(type);
  if (val.kind !== kind) throw new TypeError(`type mismatch: expected ${kind}, found ${val.kind}`);
  switch (val.kind) {
    case 'i32':
    case 'f32':
    case 'f64':
    case 'i64':
    case 'externref':
      return val.value;
    case 'funcref':
      return val.value === null ? null : val.value.wasmFunction(opaque);
    case 'v128':
      throw new TypeError('a v128 cannot cross the JS boundary as one value');
    case 'exnref':
      throw new TypeError('an exnref cannot cross the JS boundary');
  }
}

/** The `Val` of a JS value that wasm produced as `type`. */
export function valFromJs(opaque: StoreOpaque, raw: unknown, type: ValType): Val {
  switch (type) {
    case I32:
      return { kind: 'i32', value: Number(raw) | 0 };
    case I64:
      return { kind: 'i64', value: typeof raw === 'bigint' ? raw : BigInt(Number(raw)) };
    case F32:
      return { kind: 'f32', value: Number(raw) };
    case F64:
      return { kind: 'f64', value: Number(raw) };
    case V128:
      throw new TypeError('a v128 cannot cross the JS boundary as one value');
  }
  const kind = valKindOf(type);
  if (kind === 'exnref') throw new TypeError('an exnref cannot cross the JS boundary');
  if (kind === 'funcref') return { kind: 'funcref', value: raw === null ? null : Func.fromRaw(opaque, raw) };
  return { kind: 'externref', value: raw };
}

/** Appends the four little-endian i32 lanes of 16 bytes to `out`. */
export function pushLanes(bytes: Uint8Array, out: unknown[]): void {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (let lane = 0; lane < V128_LANES; lane++) out.push(view.getInt32(lane * 4, true));
}

/** The 16 bytes of four i32 lanes starting at `at` in `lanes`. */
export function bytesOfLanes(lanes: readonly unknown[], at: number): Uint8Array {
  const bytes = new Uint8Array(16);
  const view = new DataView(bytes.buffer);
  for (let lane = 0; lane < V128_LANES; lane++) view.setInt32(lane * 4, Number(lanes[at + lane]) | 0, true);
  return bytes;
}

/** The JS arguments for params of `types`, with each v128 split into lanes (and floats as bits with `floatBits`). */
export function lowerParams(opaque: StoreOpaque, params: readonly Val[], types: readonly ValType[], floatBits = false): unknown[] {
  if (params.length !== types.length) throw new TypeError(`expected ${types.length} arguments, found ${params.length}`);
  const out: unknown[] = [];
  for (let i = 0; i < types.length; i++) {
    const val = params[i] as Val;
    const type = types[i] as ValType;
    if (type === V128) {
      if (val.kind !== 'v128') throw new TypeError(`type mismatch: expected v128, found ${val.kind}`);
      pushLanes(val.value, out);
    } else if (floatBits && type === EXNREF) {
      if (val.kind !== 'exnref' || val.value !== null) throw new TypeError(`type mismatch: expected a null exnref, found ${val.kind}`);
      out.push(1);
    } else if (floatBits && val.kind === 'f32' && type === F32) {
      out.push((val.bits ?? f32ToBits(val.value)) | 0);
    } else if (floatBits && val.kind === 'f64' && type === F64) {
      out.push(BigInt.asIntN(64, val.bits ?? f64ToBits(val.value)));
    } else {
      out.push(valToJs(opaque, val, type));
    }
  }
  return out;
}

/** The `Val`s of JS values of `types`, where each v128 arrives as four lanes (and floats as bits with `floatBits`). */
export function liftValues(opaque: StoreOpaque, raw: readonly unknown[], types: readonly ValType[], floatBits = false): Val[] {
  const out: Val[] = [];
  let at = 0;
  for (const type of types) {
    if (type === V128) {
      out.push({ kind: 'v128', value: bytesOfLanes(raw, at) });
      at += V128_LANES;
    } else if (floatBits && type === EXNREF) {
      out.push({ kind: 'exnref', value: Number(raw[at++]) === 1 ? null : NON_NULL_EXNREF });
    } else if (floatBits && type === F32) {
      out.push(Val.f32Bits(Number(raw[at++])));
    } else if (floatBits && type === F64) {
      out.push(Val.f64Bits(BigInt(raw[at++] as bigint)));
    } else {
      out.push(valFromJs(opaque, raw[at], type));
      at += 1;
    }
  }
  return out;
}

/** The results of a JS-visible call as a list: V8 returns one value bare and several as an array. */
export function resultList(raw: unknown, count: number): readonly unknown[] {
  if (count === 0) return [];
  if (count === 1) return [raw];
  return raw as readonly unknown[];
}

/** What a JS function should return for results of the given count: one bare, several as an array. */
export function returnValue(values: unknown[]): unknown {
  if (values.length === 0) return undefined;
  if (values.length === 1) return values[0];
  return values;
}
