// A v128 global's value cannot be read or written from JS, so two small modules help:
// an accessor imports the global and exports `get` (-> four i32 lanes) and, when mutable,
// `set` (four i32 lanes ->); and a definer makes a new v128 global with a given initial value,
// which the JS API cannot construct either.

import { ADAPTER_IMPORT } from './host-func-adapter.js';
import { V128_LANES } from './v128-adapter.js';
import { WASM_HEADER, name, section, uleb, vec } from './wasm-bytes.js';

const V128 = 0x7b;
const I32 = 0x7f;
const GLOBAL_GET = 0x23;
const GLOBAL_SET = 0x24;
const LOCAL_GET = 0x20;
const LOCAL_SET = 0x21;
const SIMD_PREFIX = 0xfd;
const V128_CONST = 0x0c;
const I32X4_SPLAT = 0x11;
const I32X4_EXTRACT_LANE = 0x1b;
const I32X4_REPLACE_LANE = 0x1c;
const END = 0x0b;

function body(locals: number[][], code: number[]): number[] {
  const content = [...vec(locals), ...code, END];
  return [...uleb(content.length), ...content];
}

/** The bytes of an accessor of an imported v128 global (`h.f`): exports `get`, and `set` when mutable. */
export function v128GlobalAccessorBytes(mutable: boolean): Uint8Array<ArrayBuffer> {
  const lanes = new Array<number>(V128_LANES).fill(I32);
  const getCode: number[] = [GLOBAL_GET, 0x00, LOCAL_SET, 0x00];
  for (let lane = 0; lane < V128_LANES; lane++) getCode.push(LOCAL_GET, 0x00, SIMD_PREFIX, I32X4_EXTRACT_LANE, lane);
  const setCode: number[] = [LOCAL_GET, 0x00, SIMD_PREFIX, I32X4_SPLAT];
  for (let lane = 1; lane < V128_LANES; lane++) setCode.push(LOCAL_GET, lane, SIMD_PREFIX, I32X4_REPLACE_LANE, lane);
  setCode.push(GLOBAL_SET, 0x00);
  const funcs = mutable ? [[0x00], [0x01]] : [[0x00]];
  const exports = [[...name('get'), 0x00, 0x00], ...(mutable ? [[...name('set'), 0x00, 0x01]] : [])];
  const bodies = [body([[0x01, V128]], getCode), ...(mutable ? [body([], setCode)] : [])];
  return Uint8Array.from([
    ...WASM_HEADER,
    ...section(1, vec([[0x60, 0x00, ...vec(lanes.map((t) => [t]))], [0x60, ...vec(lanes.map((t) => [t])), 0x00]])),
    ...section(2, vec([[...name(ADAPTER_IMPORT.module), ...name(ADAPTER_IMPORT.name), 0x03, V128, mutable ? 1 : 0]])),
    ...section(3, vec(funcs)),
    ...section(7, vec(exports)),
    ...section(10, vec(bodies.map((b) => b))),
  ]);
}

/** The bytes of a module exporting, as `g`, a new v128 global initialized to `value` (16 bytes). */
export function v128GlobalBytes(mutable: boolean, value: Uint8Array): Uint8Array<ArrayBuffer> {
  if (value.length !== 16) throw new RangeError(`expected 16 bytes for a v128, found ${value.length}`);
  return Uint8Array.from([
    ...WASM_HEADER,
    ...section(6, vec([[V128, mutable ? 1 : 0, SIMD_PREFIX, V128_CONST, ...value, END]])),
    ...section(7, vec([[...name('g'), 0x03, 0x00]])),
  ]);
}
