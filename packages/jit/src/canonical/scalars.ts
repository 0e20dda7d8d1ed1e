// Booleans, integers, floats and `char`: CanonicalABI.md "Loading"/"Storing" and "Flat
// Lifting"/"Flat Lowering" of the scalar types, and JS-Reference.md's `ToJSValue` /
// `ToComponentValueInteger` / `ToComponentValueFloat` for their JS side. Host values that do not
// fit throw a `TypeError` (host misuse); guest values that are not valid (`char` outside the
// scalar values) trap.

import { assertNever } from '@tswasm/environ';
import type { FlatSource, FlatValue, ValueCodegen } from './value-codegen.js';
import { CORE } from './value-codegen.js';
import { TRAP_MESSAGES, type CanonicalTrapCode } from './abi-options.js';
import type { JsEmitter } from './js-emitter.js';
import { jsString } from './js-emitter.js';

/** The primitive types this family handles (every primitive but `string` and `error-context`). */
export type ScalarType = 'bool' | 's8' | 'u8' | 's16' | 'u16' | 's32' | 'u32' | 's64' | 'u64' | 'f32' | 'f64' | 'char';

interface IntRange {
  readonly lo: number;
  readonly hi: number;
  /** An expression true when `v` already is an in-range integer number. */
  readonly fast: (v: string) => string;
  readonly get: string;
  readonly set: string;
}

const INT_RANGES: Readonly<Record<'s8' | 'u8' | 's16' | 'u16' | 's32' | 'u32', IntRange>> = {
  s8: { lo: -0x80, hi: 0x7f, fast: (v) => `((${v} << 24) >> 24) === ${v}`, get: 'getInt8', set: 'setInt8' },
  u8: { lo: 0, hi: 0xff, fast: (v) => `(${v} & 255) === ${v}`, get: 'getUint8', set: 'setUint8' },
  s16: { lo: -0x8000, hi: 0x7fff, fast: (v) => `((${v} << 16) >> 16) === ${v}`, get: 'getInt16', set: 'setInt16' },
  u16: { lo: 0, hi: 0xffff, fast: (v) => `(${v} & 65535) === ${v}`, get: 'getUint16', set: 'setUint16' },
  s32: { lo: -0x80000000, hi: 0x7fffffff, fast: (v) => `(${v} | 0) === ${v}`, get: 'getInt32', set: 'setInt32' },
  u32: { lo: 0, hi: 0xffffffff, fast: (v) => `(${v} >>> 0) === ${v}`, get: 'getUint32', set: 'setUint32' },
};

/** The helper that lifts a `char` code (CanonicalABI.md `convert_i32_to_char`), trapping on non-scalars. */
function liftCharHelper(emit: JsEmitter): string {
  const code: CanonicalTrapCode = null;
  return emit.helper('liftChar', () => `function liftChar(i) {
  i >>>= 0;
  if (i >= 0x110000 || (i >= 0xd800 && i < 0xe000)) trap(${code}, ${jsString(TRAP_MESSAGES.char)});
  return String.fromCodePoint(i);
}`);
}

function toCharHelper(emit: JsEmitter): string {
  return emit.helper('toChar', () => `function toChar(v) {
  const s = typeof v === 'string' ? v : \`\${v}\`;
  const c = s.codePointAt(0);
  if (c === undefined || s.length !== (c > 0xffff ? 2 : 1) || (c >= 0xd800 && c < 0xe000)) {
    throw new TypeError('expected a string of one unicode scalar value for char, found ' + JSON.stringify(s));
  }
  return c;
}`);
}

function toIntHelper(emit: JsEmitter): string {
  return emit.helper('toInt', () => `function toInt(v, lo, hi, t) {
  if (typeof v === 'bigint') throw new TypeError('expected a number for ' + t + ', found a bigint');
  const n = Math.trunc(+v);
  if (!(n >= lo && n <= hi)) throw new TypeError('expected an integer in the range of ' + t + ', found ' + String(v));
  return n;
}`);
}

function toBigHelper(emit: JsEmitter): string {
  return emit.helper('toBig', () => `function toBig(v, signed) {
  const t = signed ? 's64' : 'u64';
  if (typeof v === 'bigint') {
    if ((signed ? BigInt.asIntN(64, v) : BigInt.asUintN(64, v)) !== v) throw new TypeError('expected an integer in the range of ' + t + ', found ' + v);
    return v;
  }
  const n = Math.trunc(+v);
  if (!(signed ? n >= -9223372036854775808 && n < 9223372036854775808 : n >= 0 && n < 18446744073709551616)) {
    throw new TypeError('expected an integer in the range of ' + t + ', found ' + String(v));
  }
  return BigInt(n);
}`);
}

/** The checked host value of `value` as a JS number or bigint ready for a core value or a store. */
function toCore(g: ValueCodegen, type: ScalarType, value: string): string {
  const emit = g.emit;
  switch (type) {
    case 'bool':
      return emit.bind(`(${value} ? 1 : 0)`, 'b');
    case 's8':
    case 'u8':
    case 's16':
    case 'u16':
    case 's32':
    case 'u32': {
      const r = INT_RANGES[type];
      return emit.bind(`(${r.fast(value)} ? ${value} : ${toIntHelper(emit)}(${value}, ${r.lo}, ${r.hi}, '${type}'))`, 'n');
    }
    case 's64':
      return emit.bind(`(typeof ${value} === 'bigint' && BigInt.asIntN(64, ${value}) === ${value} ? ${value} : ${toBigHelper(emit)}(${value}, true))`, 'n');
    case 'u64':
      return emit.bind(`(typeof ${value} === 'bigint' && BigInt.asUintN(64, ${value}) === ${value} ? ${value} : ${toBigHelper(emit)}(${value}, false))`, 'n');
    case 'f32':
    case 'f64':
      return emit.bind(`+${value}`, 'f');
    case 'char':
      return emit.bind(`${toCharHelper(emit)}(${value})`, 'c');
    default:
      return assertNever(type);
  }
}

/** CanonicalABI.md `lift_flat` of a scalar. */
export function liftScalarFlat(g: ValueCodegen, type: ScalarType, src: FlatSource): string {
  const emit = g.emit;
  switch (type) {
    case 'bool':
      return emit.bind(`(${src.next(CORE.i32)} !== 0)`, 'b');
    case 'u8':
      return emit.bind(`(${src.next(CORE.i32)} & 255)`, 'n');
    case 's8':
      return emit.bind(`((${src.next(CORE.i32)} << 24) >> 24)`, 'n');
    case 'u16':
      return emit.bind(`(${src.next(CORE.i32)} & 65535)`, 'n');
    case 's16':
      return emit.bind(`((${src.next(CORE.i32)} << 16) >> 16)`, 'n');
    case 'u32':
      return emit.bind(`(${src.next(CORE.i32)} >>> 0)`, 'n');
    case 's32':
      return emit.bind(`(${src.next(CORE.i32)} | 0)`, 'n');
    case 's64':
      return emit.bind(`BigInt.asIntN(64, ${src.next(CORE.i64)})`, 'n');
    case 'u64':
      return emit.bind(`BigInt.asUintN(64, ${src.next(CORE.i64)})`, 'n');
    case 'f32':
      return emit.bind(src.next(CORE.f32), 'f');
    case 'f64':
      return emit.bind(src.next(CORE.f64), 'f');
    case 'char':
      return emit.bind(`${liftCharHelper(emit)}(${src.next(CORE.i32)})`, 'c');
    default:
      return assertNever(type);
  }
}

/** CanonicalABI.md `lower_flat` of a scalar given as a host value. */
export function lowerScalarFlat(g: ValueCodegen, type: ScalarType, value: string): FlatValue[] {
  const core = toCore(g, type, value);
  switch (type) {
    case 's64':
    case 'u64':
      return [{ expr: core, type: CORE.i64 }];
    case 'f32':
      return [{ expr: `Math.fround(${core})`, type: CORE.f32 }];
    case 'f64':
      return [{ expr: core, type: CORE.f64 }];
    default:
      return [{ expr: core, type: CORE.i32 }];
  }
}

/** CanonicalABI.md `load` of a scalar at `addr`. */
export function loadScalar(g: ValueCodegen, type: ScalarType, addr: string): string {
  const emit = g.emit;
  switch (type) {
    case 'bool':
      return emit.bind(`(u8[${addr}] !== 0)`, 'b');
    case 'u8':
      return emit.bind(`u8[${addr}]`, 'n');
    case 's8':
    case 's16':
    case 'u16':
    case 's32':
    case 'u32':
      return emit.bind(`dv.${INT_RANGES[type].get}(${addr}, true)`, 'n');
    case 's64':
      return emit.bind(`dv.getBigInt64(${addr}, true)`, 'n');
    case 'u64':
      return emit.bind(`dv.getBigUint64(${addr}, true)`, 'n');
    case 'f32':
      return emit.bind(`dv.getFloat32(${addr}, true)`, 'f');
    case 'f64':
      return emit.bind(`dv.getFloat64(${addr}, true)`, 'f');
    case 'char':
      return emit.bind(`${liftCharHelper(emit)}(dv.getUint32(${addr}, true))`, 'c');
    default:
      return assertNever(type);
  }
}

/** CanonicalABI.md `store` of a scalar host value at `addr`. */
export function storeScalar(g: ValueCodegen, type: ScalarType, value: string, addr: string): void {
  const core = toCore(g, type, value);
  const emit = g.emit;
  switch (type) {
    case 'bool':
    case 'u8':
      emit.line(`u8[${addr}] = ${core};`);
      return;
    case 's8':
    case 's16':
    case 'u16':
    case 's32':
    case 'u32':
      emit.line(`dv.${INT_RANGES[type].set}(${addr}, ${core}, true);`);
      return;
    case 's64':
      emit.line(`dv.setBigInt64(${addr}, ${core}, true);`);
      return;
    case 'u64':
      emit.line(`dv.setBigUint64(${addr}, ${core}, true);`);
      return;
    case 'f32':
      emit.line(`dv.setFloat32(${addr}, ${core}, true);`);
      return;
    case 'f64':
      emit.line(`dv.setFloat64(${addr}, ${core}, true);`);
      return;
    case 'char':
      emit.line(`dv.setUint32(${addr}, ${core}, true);`);
      return;
    default:
      return assertNever(type);
  }
}

/** The typed-array class of a scalar list (JS-Reference.md "scalar typed array class"), or null. */
export function typedArrayClass(type: string): string | null {
  switch (type) {
    case 's8':
      return 'Int8Array';
    case 'u8':
      return 'Uint8Array';
    case 's16':
      return 'Int16Array';
    case 'u16':
      return 'Uint16Array';
    case 's32':
      return 'Int32Array';
    case 'u32':
      return 'Uint32Array';
    case 'f32':
      return 'Float32Array';
    case 'f64':
      return 'Float64Array';
    case 's64':
      return 'BigInt64Array';
    case 'u64':
      return 'BigUint64Array';
    default:
      return null;
  }
}
