// Records, tuples and flags, CanonicalABI.md "Records"/"Flags": fields one after the other at
// their alignment (flat: the fields' flat values in order), flags as bits in 1, 2 or 4*k bytes
// (flat: one i32 per 32 flags). JS-Reference.md: records and flags are null-prototype objects
// keyed by `CamelCase(label)` (built as `null-object.ts` says); tuples are arrays of exactly
// their arity.

import { alignTo } from '@tswasm/environ';
import type { ComponentValType, NamedValType } from '@tswasm/environ';
import { requireObjectHelper, toFixedHelper } from './host-values.js';
import { jsString } from './js-emitter.js';
import { camelCase } from './names.js';
import { nullProtoObject } from './null-object.js';
import type { FlatSource, FlatValue, ValueCodegen } from './value-codegen.js';
import { CORE } from './value-codegen.js';

/** Byte offsets of consecutive fields (CanonicalABI.md `load_record` / `store_record`). */
export function fieldOffsets(g: ValueCodegen, fields: readonly ComponentValType[]): number[] {
  const offsets: number[] = [];
  let at = 0;
  for (const f of fields) {
    const { size, align } = g.layout(f);
    at = alignTo(at, align);
    offsets.push(at);
    at += size;
  }
  return offsets;
}

// Reads a record field from the host object; only an option may be missing (ToComponentValueRecord).
function hostField(g: ValueCodegen, value: string, field: NamedValType, recordName: string): string {
  const emit = g.emit;
  const key = camelCase(field.name);
  const f = emit.bind(`${value}[${jsString(key)}]`, 'fv');
  if (!g.isTopLevelOption(field.type)) {
    emit.line(`if (${f} === undefined) throw new TypeError(${jsString(`missing field \`${key}\` of ${recordName}`)});`);
  }
  return f;
}

/** `lift_flat` of a record. */
export function liftRecordFlat(g: ValueCodegen, fields: readonly NamedValType[], src: FlatSource): string {
  const values = fields.map((f) => g.liftFlat(f.type, src));
  return nullProtoObject(g.emit, fields.map((f) => camelCase(f.name)), values, 'r');
}

/** `lower_flat` of the host record `value`. */
export function lowerRecordFlat(g: ValueCodegen, fields: readonly NamedValType[], value: string, name: string): FlatValue[] {
  g.emit.line(`${requireObjectHelper(g.emit)}(${value}, ${jsString(name)});`);
  const out: FlatValue[] = [];
  for (const f of fields) out.push(...g.lowerFlat(f.type, hostField(g, value, f, name)));
  return out;
}

/** `load` of a record at `addr`. */
export function loadRecord(g: ValueCodegen, fields: readonly NamedValType[], addr: string): string {
  const base = g.emit.bind(addr, 'ra');
  const offsets = fieldOffsets(g, fields.map((f) => f.type));
  const values = fields.map((f, i) => g.load(f.type, `${base} + ${offsets[i] ?? 0}`));
  return nullProtoObject(g.emit, fields.map((f) => camelCase(f.name)), values, 'r');
}

/** `store` of the host record `value` at `addr`. */
export function storeRecord(g: ValueCodegen, fields: readonly NamedValType[], value: string, addr: string, name: string): void {
  const emit = g.emit;
  emit.line(`${requireObjectHelper(emit)}(${value}, ${jsString(name)});`);
  const base = emit.bind(addr, 'ra');
  const offsets = fieldOffsets(g, fields.map((f) => f.type));
  fields.forEach((f, i) => g.store(f.type, hostField(g, value, f, name), `${base} + ${offsets[i] ?? 0}`));
}

/** `lift_flat` of a tuple: an array. */
export function liftTupleFlat(g: ValueCodegen, types: readonly ComponentValType[], src: FlatSource): string {
  const values = types.map((t) => g.liftFlat(t, src));
  return g.emit.bind(`[${values.join(', ')}]`, 'tu');
}

function hostTuple(g: ValueCodegen, types: readonly ComponentValType[], value: string, name: string): string {
  return g.emit.bind(`${toFixedHelper(g.emit)}(${value}, ${types.length}, ${jsString(name)})`, 'tu');
}

/** `lower_flat` of the host tuple `value` (an iterable of exactly the arity). */
export function lowerTupleFlat(g: ValueCodegen, types: readonly ComponentValType[], value: string, name: string): FlatValue[] {
  const a = hostTuple(g, types, value, name);
  const out: FlatValue[] = [];
  types.forEach((t, i) => out.push(...g.lowerFlat(t, g.emit.bind(`${a}[${i}]`, 'e'))));
  return out;
}

/** `load` of a tuple at `addr`. */
export function loadTuple(g: ValueCodegen, types: readonly ComponentValType[], addr: string): string {
  const base = g.emit.bind(addr, 'ra');
  const offsets = fieldOffsets(g, types);
  const values = types.map((t, i) => g.load(t, `${base} + ${offsets[i] ?? 0}`));
  return g.emit.bind(`[${values.join(', ')}]`, 'tu');
}

/** `store` of the host tuple `value` at `addr`. */
export function storeTuple(g: ValueCodegen, types: readonly ComponentValType[], value: string, addr: string, name: string): void {
  const a = hostTuple(g, types, value, name);
  const base = g.emit.bind(addr, 'ra');
  const offsets = fieldOffsets(g, types);
  types.forEach((t, i) => g.store(t, g.emit.bind(`${a}[${i}]`, 'e'), `${base} + ${offsets[i] ?? 0}`));
}

// Flags as 32-bit words; bit i of word k is label 32k + i (CanonicalABI.md `pack_flags_into_int`).
function flagsObject(g: ValueCodegen, names: readonly string[], words: readonly string[]): string {
  const values = names.map((_, i) => `(${words[i >> 5] ?? '0'} & ${1 << (i & 31)}) !== 0`);
  return nullProtoObject(g.emit, names.map(camelCase), values, 'fl');
}

function flagsWords(g: ValueCodegen, names: readonly string[], value: string, name: string): string[] {
  const emit = g.emit;
  emit.line(`${requireObjectHelper(emit)}(${value}, ${jsString(name)});`);
  const words: string[] = [];
  for (let k = 0; k < Math.ceil(names.length / 32); k++) {
    const bits = names.slice(32 * k, 32 * k + 32).map((n, i) => `(${value}[${jsString(camelCase(n))}] ? ${1 << i} : 0)`);
    words.push(emit.bind(bits.join(' | '), 'w'));
  }
  return words;
}

/** `lift_flat` of flags. */
export function liftFlagsFlat(g: ValueCodegen, names: readonly string[], src: FlatSource): string {
  const words: string[] = [];
  for (let k = 0; k < Math.ceil(names.length / 32); k++) words.push(g.emit.bind(src.next(CORE.i32), 'w'));
  return flagsObject(g, names, words);
}

/** `lower_flat` of the host flags object `value`. */
export function lowerFlagsFlat(g: ValueCodegen, names: readonly string[], value: string, name: string): FlatValue[] {
  return flagsWords(g, names, value, name).map((expr) => ({ expr, type: CORE.i32 }));
}

/** `load` of flags at `addr`. */
export function loadFlags(g: ValueCodegen, names: readonly string[], addr: string): string {
  const emit = g.emit;
  if (names.length <= 8) return flagsObject(g, names, [emit.bind(`u8[${addr}]`, 'w')]);
  if (names.length <= 16) return flagsObject(g, names, [emit.bind(`dv.getUint16(${addr}, true)`, 'w')]);
  const base = emit.bind(addr, 'ra');
  const words: string[] = [];
  for (let k = 0; k < Math.ceil(names.length / 32); k++) words.push(emit.bind(`dv.getInt32(${base} + ${4 * k}, true)`, 'w'));
  return flagsObject(g, names, words);
}

/** `store` of the host flags object `value` at `addr`. */
export function storeFlags(g: ValueCodegen, names: readonly string[], value: string, addr: string, name: string): void {
  const emit = g.emit;
  const words = flagsWords(g, names, value, name);
  if (names.length <= 8) emit.line(`u8[${addr}] = ${words[0] ?? '0'};`);
  else if (names.length <= 16) emit.line(`dv.setUint16(${addr}, ${words[0] ?? '0'}, true);`);
  else {
    const base = emit.bind(addr, 'ra');
    words.forEach((w, k) => emit.line(`dv.setInt32(${base} + ${4 * k}, ${w}, true);`));
  }
}
