// JS cannot pass a v128 across the JS/wasm boundary, so a function with v128 in its type is
// reached through a wasm adapter whose signature replaces each v128 by four i32 lanes:
// - 'lower' (host calls wasm): the adapter imports the target of the real type and exports a
//   lane-typed wrapper that assembles v128 params from lanes and splits v128 results into lanes;
// - 'lift' (wasm calls host): the adapter imports a lane-typed host function and exports a
//   wrapper of the real type that does the opposite, so wasm can import or call_indirect it.
// With `floatBits`, f32 and f64 also cross as their bit patterns (i32, i64): JS numbers cannot
// carry a signaling NaN (converting one quiets it), and wasm's reinterpret instructions keep
// every bit, so an embedder that needs exact floats (the .wast runner) gets them. In the same
// mode an exnref (which JS cannot hold at all) crosses as an i32: a param is always null (the
// i32 is ignored) and a result says whether it is null (1) or not (0).

import { AbstractHeapType, EXNREF, F32, F64, I32, I64, V128, type FuncType, type ValType } from '@tswasm/environ';
import { ADAPTER_EXPORT, ADAPTER_IMPORT } from './host-func-adapter.js';
import { WASM_HEADER, funcTypeBytes, name, section, uleb, valTypeBytes, vec } from './wasm-bytes.js';

const SIMD_PREFIX = 0xfd;
const I32X4_SPLAT = 0x11;
const I32X4_EXTRACT_LANE = 0x1b;
const I32X4_REPLACE_LANE = 0x1c;
const LOCAL_GET = 0x20;
const LOCAL_SET = 0x21;
const CALL = 0x10;
const I32_REINTERPRET_F32 = 0xbc;
const I64_REINTERPRET_F64 = 0xbd;
const F32_REINTERPRET_I32 = 0xbe;
const F64_REINTERPRET_I64 = 0xbf;
const REF_NULL = 0xd0;
const REF_IS_NULL = 0xd1;
const END = 0x0b;

/** The number of i32 lanes a v128 is split into. */
export const V128_LANES = 4;

/** Which way an adapter converts; see the file comment. */
export type V128AdapterDirection = 'lower' | 'lift';

/** True when a function type needs a v128 adapter to be called from or to call JS. */
export function hasV128(type: FuncType): boolean {
  return type.params.includes(V128) || type.results.includes(V128);
}

/** True when a function type has f32, f64 (or exnref) params or results: those need the exact adapter. */
export function hasFloat(type: FuncType): boolean {
  const isFloat = (t: ValType): boolean => t === F32 || t === F64 || t === EXNREF;
  return type.params.some(isFloat) || type.results.some(isFloat);
}

/** The function type with each v128 replaced by four i32s, and with `floatBits` f32 by i32 and f64 by i64. */
export function laneType(type: FuncType, floatBits = false): FuncType {
  const lanes = (types: readonly ValType[]): ValType[] =>
    types.flatMap((t) => {
      if (t === V128) return [I32, I32, I32, I32];
      if (floatBits && t === F32) return [I32];
      if (floatBits && t === F64) return [I64];
      if (floatBits && t === EXNREF) return [I32];
      return [t];
    });
  return { kind: 'func', params: lanes(type.params), results: lanes(type.results) };
}

/**
 * The bytes of an adapter module for `type` (see the file comment); it imports `h.f` and
 * exports `f`.
 */
export function v128AdapterBytes(type: FuncType, direction: V128AdapterDirection, floatBits = false): Uint8Array<ArrayBuffer> {
  const lanes = laneType(type, floatBits);
  const [inner, outer] = direction === 'lower' ? [type, lanes] : [lanes, type];
  const body = adapterBody(type, direction, outer, inner, floatBits);
  return Uint8Array.from([
    ...WASM_HEADER,
    ...section(1, vec([funcTypeBytes(inner), funcTypeBytes(outer)])),
    ...section(2, vec([[...name(ADAPTER_IMPORT.module), ...name(ADAPTER_IMPORT.name), 0x00, 0x00]])),
    ...section(3, vec([[0x01]])),
    ...section(7, vec([[...name(ADAPTER_EXPORT), 0x00, 0x01]])),
    ...section(10, vec([[...uleb(body.length), ...body]])),
  ]);
}

// The wrapper takes `outer` params, calls import 0 (of type `inner`) and returns `outer`
// results. Both shapes come from the real type, so one walk over it converts each value; locals
// after the params hold the inner call's results so they can be pushed again in outer shape.
function adapterBody(type: FuncType, direction: V128AdapterDirection, outer: FuncType, inner: FuncType, floatBits: boolean): number[] {
  const code: number[] = [];
  // Reinterpretation of params and results: lowering turns bits into floats on the way in and
  // floats into bits on the way out; lifting does the opposite.
  const paramOp = (t: ValType): number => (direction === 'lower' ? fromBits(t) : toBits(t));
  const resultOp = (t: ValType): number => (direction === 'lower' ? toBits(t) : fromBits(t));
  const isFloat = (t: ValType): boolean => floatBits && (t === F32 || t === F64);
  let local = 0;
  for (const t of type.params) {
    if (floatBits && t === EXNREF && direction === 'lower') {
      code.push(REF_NULL, AbstractHeapType.exn);
      local++;
    } else if (isFloat(t)) {
      code.push(LOCAL_GET, ...uleb(local++), paramOp(t));
    } else if (t !== V128) {
      code.push(LOCAL_GET, ...uleb(local++));
    } else if (direction === 'lower') {
      code.push(...assemble(local));
      local += V128_LANES;
    } else {
      code.push(...split(local++));
    }
  }
  code.push(CALL, 0x00);
  const firstResult = outer.params.length;
  for (let i = inner.results.length - 1; i >= 0; i--) code.push(LOCAL_SET, ...uleb(firstResult + i));
  local = firstResult;
  for (const t of type.results) {
    if (floatBits && t === EXNREF && direction === 'lower') {
      code.push(LOCAL_GET, ...uleb(local++), REF_IS_NULL);
    } else if (isFloat(t)) {
      code.push(LOCAL_GET, ...uleb(local++), resultOp(t));
    } else if (t !== V128) {
      code.push(LOCAL_GET, ...uleb(local++));
    } else if (direction === 'lower') {
      code.push(...split(local++));
    } else {
      code.push(...assemble(local));
      local += V128_LANES;
    }
  }
  code.push(END);
  const locals = inner.results.map((t) => [0x01, ...valTypeBytes(t)]);
  return [...vec(locals), ...code];
}

function toBits(t: ValType): number {
  return t === F32 ? I32_REINTERPRET_F32 : I64_REINTERPRET_F64;
}

function fromBits(t: ValType): number {
  return t === F32 ? F32_REINTERPRET_I32 : F64_REINTERPRET_I64;
}

// Four i32 locals starting at `first` -> one v128 on the stack.
function assemble(first: number): number[] {
  const code = [LOCAL_GET, ...uleb(first), SIMD_PREFIX, I32X4_SPLAT];
  for (let lane = 1; lane < V128_LANES; lane++) code.push(LOCAL_GET, ...uleb(first + lane), SIMD_PREFIX, I32X4_REPLACE_LANE, lane);
  return code;
}

// One v128 local -> its four i32 lanes on the stack, lane 0 first.
function split(local: number): number[] {
  const code: number[] = [];
  for (let lane = 0; lane < V128_LANES; lane++) code.push(LOCAL_GET, ...uleb(local), SIMD_PREFIX, I32X4_EXTRACT_LANE, lane);
  return code;
}
