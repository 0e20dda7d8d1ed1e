// A JS number cannot hold every NaN: reading an f32 or f64 global through the JS API quiets a
// signalling NaN and may change its payload, and writing one has the same problem. So, when a
// float global holds (or must receive) a NaN, the api goes through small modules that move the
// value as integer bits: an accessor imports the global and exports `get` (-> the bits) and,
// when mutable, `set` (bits ->); a definer makes a new global with an exact initial value.

import { ADAPTER_IMPORT } from './host-func-adapter.js';
import { WASM_HEADER, name, section, uleb, vec } from './wasm-bytes.js';

/** Which float type a global holds. */
export type FloatGlobalKind = 'f32' | 'f64';

const END = 0x0b;
const GLOBAL_GET = 0x23;
const GLOBAL_SET = 0x24;
const LOCAL_GET = 0x20;

// Per float type: its value type, the integer type of its bits, and the reinterpret opcodes.
const SHAPES = {
  f32: { type: 0x7d, bits: 0x7f, toBits: 0xbc, fromBits: 0xbe },
  f64: { type: 0x7c, bits: 0x7e, toBits: 0xbd, fromBits: 0xbf },
} as const;

function body(code: number[]): number[] {
  const content = [0x00, ...code, END];
  return [...uleb(content.length), ...content];
}

/**
 * The bytes of an accessor of an imported float global (`h.f`): exports `get` returning its
 * bits (i32 for f32, i64 for f64) and, when mutable, `set` taking them.
 */
export function floatGlobalAccessorBytes(kind: FloatGlobalKind, mutable: boolean): Uint8Array<ArrayBuffer> {
  const shape = SHAPES[kind];
  const funcs = mutable ? [[0x00], [0x01]] : [[0x00]];
  const exports = [[...name('get'), 0x00, 0x00], ...(mutable ? [[...name('set'), 0x00, 0x01]] : [])];
  const bodies = [body([GLOBAL_GET, 0x00, shape.toBits])];
  if (mutable) bodies.push(body([LOCAL_GET, 0x00, shape.fromBits, GLOBAL_SET, 0x00]));
  return Uint8Array.from([
    ...WASM_HEADER,
    ...section(1, vec([[0x60, 0x00, 0x01, shape.bits], [0x60, 0x01, shape.bits, 0x00]])),
    ...section(2, vec([[...name(ADAPTER_IMPORT.module), ...name(ADAPTER_IMPORT.name), 0x03, shape.type, mutable ? 1 : 0]])),
    ...section(3, vec(funcs)),
    ...section(7, vec(exports)),
    ...section(10, vec(bodies)),
  ]);
}

/** The bytes of a module exporting, as `g`, a new float global whose initial value has `bits`. */
export function floatGlobalBytes(kind: FloatGlobalKind, mutable: boolean, bits: number | bigint): Uint8Array<ArrayBuffer> {
  const value = new DataView(new ArrayBuffer(8));
  let constant: number[];
  if (kind === 'f32') {
    value.setUint32(0, Number(bits) >>> 0, true);
    constant = [0x43, ...new Uint8Array(value.buffer, 0, 4)];
  } else {
    value.setBigUint64(0, BigInt.asUintN(64, BigInt(bits)), true);
    constant = [0x44, ...new Uint8Array(value.buffer, 0, 8)];
  }
  return Uint8Array.from([
    ...WASM_HEADER,
    ...section(6, vec([[SHAPES[kind].type, mutable ? 1 : 0, ...constant, END]])),
    ...section(7, vec([[...name('g'), 0x03, 0x00]])),
  ]);
}
