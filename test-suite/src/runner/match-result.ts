// Whether a result is what `assert_return` expects (spec interpreter, script/run.ml, and the
// spec's NaN rules, section 4.3.3): floats compare by bits, except for the patterns
// `nan:canonical` (payload exactly the top significand bit, either sign) and `nan:arithmetic`
// (top significand bit set, any other payload, either sign); v128 compares lane by lane in the
// expectation's shape, so a float lane may carry a pattern.

import { assertNever } from '@tswasm/environ';

import type { FloatExpected, NanPattern, WastExpected, WastValue } from '../wast/wast-value.js';
import { laneBitsOf, lanesOfV128 } from '../wast/wast-value.js';

interface FloatBits {
  readonly mantissaBits: number;
  readonly exponentBits: number;
}

const F32: FloatBits = { mantissaBits: 23, exponentBits: 8 };
const F64: FloatBits = { mantissaBits: 52, exponentBits: 11 };

/** True if `bits` is a NaN of the pattern in the format. */
export function matchesNan(bits: bigint, format: FloatBits, nan: NanPattern): boolean {
  const mantissaMask = (1n << BigInt(format.mantissaBits)) - 1n;
  const exponentMask = (1n << BigInt(format.exponentBits)) - 1n;
  const exponent = (bits >> BigInt(format.mantissaBits)) & exponentMask;
  const mantissa = bits & mantissaMask;
  const quiet = 1n << BigInt(format.mantissaBits - 1);
  if (exponent !== exponentMask) return false;
  return nan === 'canonical' ? mantissa === quiet : (mantissa & quiet) !== 0n;
}

function matchesFloat(bits: bigint, format: FloatBits, expected: FloatExpected): boolean {
  return expected.kind === 'bits' ? bits === expected.bits : matchesNan(bits, format, expected.nan);
}

// Heap types by their top type: a null of any heap type in a hierarchy is the same null.
const TOP_HEAP: ReadonlyMap<string, string> = new Map([
  ['func', 'func'],
  ['nofunc', 'func'],
  ['extern', 'extern'],
  ['noextern', 'extern'],
  ['exn', 'exn'],
  ['noexn', 'exn'],
  ['any', 'any'],
  ['eq', 'any'],
  ['i31', 'any'],
  ['struct', 'any'],
  ['array', 'any'],
  ['none', 'any'],
]);

function sameHierarchy(a: string, b: string): boolean {
  // A concrete type index (`$t`, `0`) is a function type here; unknown names compare as written.
  const top = (heap: string): string => TOP_HEAP.get(heap) ?? (heap.startsWith('$') || /^[0-9]/.test(heap) ? 'func' : heap);
  return top(a) === top(b);
}

/** True if `actual` is the exact value `expected` (floats by bits). */
function matchesValue(actual: WastValue, expected: WastValue): boolean {
  switch (expected.kind) {
    case 'i32':
    case 'i64':
      return actual.kind === expected.kind && actual.value === expected.value;
    case 'f32':
    case 'f64':
      return actual.kind === expected.kind && actual.bits === expected.bits;
    case 'v128':
      return actual.kind === 'v128' && actual.bytes.every((byte, i) => byte === expected.bytes[i]);
    case 'ref.null':
      return actual.kind === 'ref.null' && sameHierarchy(actual.heap, expected.heap);
    case 'ref':
      return actual.kind === 'ref' && actual.host === expected.host && sameHierarchy(actual.heap, expected.heap);
    default:
      return assertNever(expected);
  }
}

/** True if `actual` is what `expected` asks for. */
export function matchesExpected(actual: WastValue, expected: WastExpected): boolean {
  switch (expected.kind) {
    case 'value':
      return matchesValue(actual, expected.value);
    case 'nan':
      if (actual.kind === 'f32' && expected.type === 'f32') return matchesNan(BigInt(actual.bits), F32, expected.nan);
      if (actual.kind === 'f64' && expected.type === 'f64') return matchesNan(actual.bits, F64, expected.nan);
      return false;
    case 'v128': {
      if (actual.kind !== 'v128') return false;
      const laneBits = laneBitsOf(expected.shape);
      const format = expected.shape === 'f32x4' ? F32 : F64;
      const lanes = lanesOfV128(actual.bytes, laneBits);
      return expected.lanes.every((lane, i) => matchesFloat(lanes[i] ?? 0n, format, lane));
    }
    case 'ref':
      return actual.kind === 'ref' && sameHierarchy(actual.heap, expected.heap);
    case 'either':
      return expected.options.some((option) => matchesExpected(actual, option));
    default:
      return assertNever(expected);
  }
}

function hex(bits: bigint, width: number): string {
  return `0x${bits.toString(16).padStart(width / 4, '0')}`;
}

/** A value as the report prints it, e.g. `i32:42`, `f32:0x7fc00000`, `v128:i32x4 ...`. */
export function describeValue(value: WastValue): string {
  switch (value.kind) {
    case 'i32':
    case 'i64':
      return `${value.kind}:${value.value}`;
    case 'f32':
      return `f32:${hex(BigInt(value.bits), 32)}`;
    case 'f64':
      return `f64:${hex(value.bits, 64)}`;
    case 'v128':
      return `v128:i32x4 ${lanesOfV128(value.bytes, 32)
        .map((lane) => hex(lane, 32))
        .join(' ')}`;
    case 'ref.null':
      return `ref.null ${value.heap}`;
    case 'ref':
      return value.host === null ? `ref.${value.heap}` : `ref.${value.heap} ${value.host}`;
    default:
      return assertNever(value);
  }
}

/** An expectation as the report prints it. */
export function describeExpected(expected: WastExpected): string {
  switch (expected.kind) {
    case 'value':
      return describeValue(expected.value);
    case 'nan':
      return `${expected.type}:nan:${expected.nan}`;
    case 'v128': {
      const width = laneBitsOf(expected.shape);
      return `v128:${expected.shape} ${expected.lanes.map((lane) => (lane.kind === 'bits' ? hex(lane.bits, width) : `nan:${lane.nan}`)).join(' ')}`;
    }
    case 'ref':
      return `ref.${expected.heap}`;
    case 'either':
      return `either(${expected.options.map(describeExpected).join(' | ')})`;
    default:
      return assertNever(expected);
  }
}
