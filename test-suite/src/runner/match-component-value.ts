// Whether a component result is what `assert_return` expects, compared structurally as the
// `wast` crate's runners do (wasmtime's crates/wast/src/component.rs `match_val`): kinds must be
// equal, lists and tuples element by element, records field by field in order, variants,
// enums, options and results by case and payload, flags as sets. Floats compare by bits, with
// one allowance: a NaN crosses the JS boundary as a JS number, which need not keep its payload,
// so an expected NaN accepts any NaN.

import { assertNever } from '@tswasm/environ';

import type { ComponentValue } from '../wast/component-value.js';

const F32_EXPONENT = 0x7f80_0000;
const F32_MANTISSA = 0x007f_ffff;
const F64_EXPONENT = 0x7ff0_0000_0000_0000n;
const F64_MANTISSA = 0x000f_ffff_ffff_ffffn;

function isNan32(bits: number): boolean {
  return (bits & F32_EXPONENT) === F32_EXPONENT && (bits & F32_MANTISSA) !== 0;
}

function isNan64(bits: bigint): boolean {
  return (bits & F64_EXPONENT) === F64_EXPONENT && (bits & F64_MANTISSA) !== 0n;
}

function quote(text: string): string {
  return JSON.stringify(text);
}

function hex(bits: bigint, width: number): string {
  return `0x${bits.toString(16).padStart(width / 4, '0')}`;
}

/** A value in the script's own syntax, e.g. `(record.const (field "a" u32.const 1))`. */
export function describeComponentValue(value: ComponentValue): string {
  switch (value.kind) {
    case 'bool':
    case 's8':
    case 'u8':
    case 's16':
    case 'u16':
    case 's32':
    case 'u32':
    case 's64':
    case 'u64':
      return `(${value.kind}.const ${value.value})`;
    case 'f32':
      return `(f32.const ${hex(BigInt(value.bits), 32)})`;
    case 'f64':
      return `(f64.const ${hex(value.bits, 64)})`;
    case 'char':
      return `(char.const ${quote(value.value)})`;
    case 'string':
      return `(str.const ${quote(value.value)})`;
    case 'list':
    case 'tuple':
      return `(${value.kind}.const${value.elements.map((e) => ` ${describeComponentValue(e)}`).join('')})`;
    case 'record':
      return `(record.const${value.fields.map((f) => ` (field ${quote(f.name)} ${describeComponentValue(f.value).slice(1, -1)})`).join('')})`;
    case 'variant':
      return `(variant.const ${quote(value.case)}${value.payload === null ? '' : ` ${describeComponentValue(value.payload)}`})`;
    case 'enum':
      return `(enum.const ${quote(value.case)})`;
    case 'option':
      return value.value === null ? '(option.none)' : `(option.some ${describeComponentValue(value.value)})`;
    case 'result':
      return `(result.${value.ok ? 'ok' : 'err'}${value.payload === null ? '' : ` ${describeComponentValue(value.payload)}`})`;
    case 'flags':
      return `(flags.const${value.names.map((n) => ` ${quote(n)}`).join('')})`;
    default:
      return assertNever(value);
  }
}

function mismatch(expected: ComponentValue, actual: ComponentValue): string {
  return `expected ${describeComponentValue(expected)}, got ${describeComponentValue(actual)}`;
}

function within(where: string, problem: string | null): string | null {
  return problem === null ? null : `${where}: ${problem}`;
}

function matchPayload(where: string, expected: ComponentValue | null, actual: ComponentValue | null): string | null {
  if (expected === null && actual === null) return null;
  if (expected === null) return `unexpected payload for case \`${where}\``;
  if (actual === null) return `expected a payload for case \`${where}\``;
  return within(`case \`${where}\``, matchComponentValue(expected, actual));
}

function matchSequence(expected: readonly ComponentValue[], actual: readonly ComponentValue[], what: string): string | null {
  if (expected.length !== actual.length) return `expected ${expected.length} ${what} elements, got ${actual.length}`;
  for (const [i, e] of expected.entries()) {
    const problem = matchComponentValue(e, actual[i] as ComponentValue);
    if (problem !== null) return `${what} element ${i}: ${problem}`;
  }
  return null;
}

/**
 * Compares a result with its expectation.
 *
 * @returns null when they match, otherwise where and how they differ
 */
export function matchComponentValue(expected: ComponentValue, actual: ComponentValue): string | null {
  switch (expected.kind) {
    case 'bool':
    case 's8':
    case 'u8':
    case 's16':
    case 'u16':
    case 's32':
    case 'u32':
    case 's64':
    case 'u64':
    case 'char':
    case 'string':
      return actual.kind === expected.kind && actual.value === expected.value ? null : mismatch(expected, actual);
    case 'f32':
      if (actual.kind !== 'f32') return mismatch(expected, actual);
      return actual.bits === expected.bits || (isNan32(expected.bits) && isNan32(actual.bits)) ? null : mismatch(expected, actual);
    case 'f64':
      if (actual.kind !== 'f64') return mismatch(expected, actual);
      return actual.bits === expected.bits || (isNan64(expected.bits) && isNan64(actual.bits)) ? null : mismatch(expected, actual);
    case 'list':
    case 'tuple':
      return actual.kind === expected.kind ? matchSequence(expected.elements, actual.elements, expected.kind) : mismatch(expected, actual);
    case 'record': {
      if (actual.kind !== 'record') return mismatch(expected, actual);
      if (expected.fields.length !== actual.fields.length) return `expected ${expected.fields.length} record fields, got ${actual.fields.length}`;
      for (const [i, e] of expected.fields.entries()) {
        const a = actual.fields[i];
        if (a === undefined || a.name !== e.name) return `expected field \`${e.name}\`, got \`${a?.name ?? ''}\``;
        const problem = within(`field \`${e.name}\``, matchComponentValue(e.value, a.value));
        if (problem !== null) return problem;
      }
      return null;
    }
    case 'variant':
      if (actual.kind !== 'variant') return mismatch(expected, actual);
      if (actual.case !== expected.case) return `expected case \`${expected.case}\`, got \`${actual.case}\``;
      return matchPayload(expected.case, expected.payload, actual.payload);
    case 'enum':
      return actual.kind === 'enum' && actual.case === expected.case ? null : mismatch(expected, actual);
    case 'option':
      if (actual.kind !== 'option') return mismatch(expected, actual);
      if ((expected.value === null) !== (actual.value === null)) return mismatch(expected, actual);
      return expected.value === null || actual.value === null ? null : within('some', matchComponentValue(expected.value, actual.value));
    case 'result':
      if (actual.kind !== 'result' || actual.ok !== expected.ok) return mismatch(expected, actual);
      return matchPayload(expected.ok ? 'ok' : 'err', expected.payload, actual.payload);
    case 'flags': {
      if (actual.kind !== 'flags') return mismatch(expected, actual);
      const want = new Set(expected.names);
      const have = new Set(actual.names);
      const same = want.size === have.size && [...want].every((name) => have.has(name));
      return same ? null : mismatch(expected, actual);
    }
    default:
      return assertNever(expected);
  }
}
