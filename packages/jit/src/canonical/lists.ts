// Lists (`list<T>` and fixed-length `list<T, N>`) and maps, CanonicalABI.md "Lists" (a pointer
// and a length, elements at `elem_size` strides) and JS-Reference.md: a list of a number type
// is the matching typed array (copied in one block both ways), other lists are arrays, a map
// is a `Map` (in memory a `list<tuple<K, V>>`). Fixed-length lists are inline: flat, N copies
// of the element's flat values; in memory, N elements in place.

import { alignTo } from '@tswasm/environ';
import type { ComponentValType } from '@tswasm/environ';
import { TRAP_MESSAGES } from './abi-options.js';
import { toFixedHelper, toListHelper, requireObjectHelper } from './host-values.js';
import { jsString } from './js-emitter.js';
import { allocHelper, checkRangeHelper } from './memory-access.js';
import { typedArrayClass } from './scalars.js';
import type { FlatSource, FlatValue, ValueCodegen } from './value-codegen.js';

const OOB = jsString(TRAP_MESSAGES.listOutOfBounds);
const UNALIGNED = jsString(TRAP_MESSAGES.listUnaligned);

/** The typed-array class of a list's element type, or null when the list is an array. */
function scalarClass(g: ValueCodegen, elem: ComponentValType): string | null {
  const r = g.resolve(elem);
  return r.kind === 'primitive' ? typedArrayClass(r.type) : null;
}

/** Lifts the elements `[ptr, ptr + n * size)` (already checked) into a typed array or an array. */
function liftElements(g: ValueCodegen, elem: ComponentValType, ptr: string, n: string): string {
  const emit = g.emit;
  const { size } = g.layout(elem);
  const cls = scalarClass(g, elem);
  if (cls !== null) return emit.bind(`new ${cls}(buf.slice(${ptr}, ${ptr} + ${n} * ${size}))`, 'a');
  const out = emit.tmp('a');
  const i = emit.tmp('i');
  emit.line(`const ${out} = new Array(${n});`);
  emit.open(`for (let ${i} = 0; ${i} < ${n}; ${i}++)`);
  const x = g.load(elem, `${ptr} + ${i} * ${size}`);
  emit.line(`${out}[${i}] = ${x};`);
  emit.close();
  return out;
}

/** An expression lifting the `list<elem>` at guest `ptr` with `len` elements. */
export function liftList(g: ValueCodegen, elem: ComponentValType, ptr: string, len: string): string {
  const emit = g.emit;
  const { size, align } = g.layout(elem);
  const p = emit.bind(`(${ptr} >>> 0)`, 'lp');
  const n = emit.bind(`(${len} >>> 0)`, 'ln');
  emit.line(`${checkRangeHelper(emit)}(${p}, ${align}, ${n} * ${size}, ${OOB}, ${UNALIGNED});`);
  return liftElements(g, elem, p, n);
}

/** Allocates `n` elements in the guest and stores the host elements of `arr` there; returns the pointer local. */
function storeElements(g: ValueCodegen, elem: ComponentValType, arr: string, n: string): string {
  const emit = g.emit;
  const { size, align } = g.layout(elem);
  emit.line(`if (${n} * ${size} > 0xffffffff) trap(null, ${jsString(TRAP_MESSAGES.listTooLong)});`);
  const p = emit.bind(`${allocHelper(emit)}(0, 0, ${align}, ${n} * ${size})`, 'lp');
  const i = emit.tmp('i');
  emit.open(`for (let ${i} = 0; ${i} < ${n}; ${i}++)`);
  const x = emit.bind(`${arr}[${i}]`, 'e');
  g.store(elem, x, `${p} + ${i} * ${size}`);
  emit.close();
  return p;
}

/** Lowers the host list `value` into the guest; returns the locals of its pointer and length. */
export function lowerList(g: ValueCodegen, elem: ComponentValType, value: string): [string, string] {
  const emit = g.emit;
  const { size, align } = g.layout(elem);
  const cls = scalarClass(g, elem);
  const ptr = emit.tmp('lp');
  const len = emit.tmp('ln');
  emit.line(`let ${ptr}, ${len};`);
  if (cls !== null) {
    // The typed array JS-Reference.md hands out is copied in one block; anything else is an
    // iterable converted element by element.
    emit.open(`if (${value} instanceof ${cls})`);
    emit.line(`${len} = ${value}.length;`);
    emit.line(`${ptr} = ${allocHelper(emit)}(0, 0, ${align}, ${len} * ${size});`);
    emit.line(`u8.set(new Uint8Array(${value}.buffer, ${value}.byteOffset, ${len} * ${size}), ${ptr});`);
    emit.close(' else {');
  } else {
    emit.open('');
  }
  const arr = emit.bind(`${toListHelper(emit)}(${value}, ${jsString(`list<${g.describe(elem)}>`)})`, 'a');
  emit.line(`${len} = ${arr}.length;`);
  const p = storeElements(g, elem, arr, len);
  emit.line(`${ptr} = ${p};`);
  emit.close();
  return [ptr, len];
}

/** `lift_flat` of `list<elem, length>`: `length` elements from the flat values. */
export function liftFixedListFlat(g: ValueCodegen, elem: ComponentValType, length: number, src: FlatSource): string {
  const parts: string[] = [];
  for (let i = 0; i < length; i++) parts.push(g.liftFlat(elem, src));
  const cls = scalarClass(g, elem);
  return g.emit.bind(cls !== null ? `${cls}.of(${parts.join(', ')})` : `[${parts.join(', ')}]`, 'a');
}

/** `lower_flat` of the host value `value` as `list<elem, length>`. */
export function lowerFixedListFlat(g: ValueCodegen, elem: ComponentValType, length: number, value: string): FlatValue[] {
  const emit = g.emit;
  const a = emit.bind(`${toFixedHelper(emit)}(${value}, ${length}, ${jsString(`list<${g.describe(elem)}, ${length}>`)})`, 'a');
  const out: FlatValue[] = [];
  for (let i = 0; i < length; i++) out.push(...g.lowerFlat(elem, emit.bind(`${a}[${i}]`, 'e')));
  return out;
}

/** `load` of `list<elem, length>` at `addr`. */
export function loadFixedList(g: ValueCodegen, elem: ComponentValType, length: number, addr: string): string {
  const base = g.emit.bind(addr, 'fp');
  return liftElements(g, elem, base, String(length));
}

/** `store` of the host value `value` as `list<elem, length>` at `addr`. */
export function storeFixedList(g: ValueCodegen, elem: ComponentValType, length: number, value: string, addr: string): void {
  const emit = g.emit;
  const { size } = g.layout(elem);
  const base = emit.bind(addr, 'fp');
  const a = emit.bind(`${toFixedHelper(emit)}(${value}, ${length}, ${jsString(`list<${g.describe(elem)}, ${length}>`)})`, 'a');
  const i = emit.tmp('i');
  emit.open(`for (let ${i} = 0; ${i} < ${length}; ${i}++)`);
  g.store(elem, emit.bind(`${a}[${i}]`, 'e'), `${base} + ${i} * ${size}`);
  emit.close();
}

/** Offsets of a map entry (`tuple<K, V>`): the value's offset and the entry stride. */
function entryLayout(g: ValueCodegen, key: ComponentValType, value: ComponentValType): { valueOffset: number; stride: number; align: number } {
  const k = g.layout(key);
  const v = g.layout(value);
  const valueOffset = alignTo(k.size, v.align);
  const align = Math.max(k.align, v.align);
  return { valueOffset, stride: alignTo(valueOffset + v.size, align), align };
}

/** An expression lifting the `map<key, value>` at guest `ptr` with `len` entries into a `Map`. */
export function liftMap(g: ValueCodegen, key: ComponentValType, value: ComponentValType, ptr: string, len: string): string {
  const emit = g.emit;
  const { valueOffset, stride, align } = entryLayout(g, key, value);
  const p = emit.bind(`(${ptr} >>> 0)`, 'lp');
  const n = emit.bind(`(${len} >>> 0)`, 'ln');
  emit.line(`${checkRangeHelper(emit)}(${p}, ${align}, ${n} * ${stride}, ${OOB}, ${UNALIGNED});`);
  const m = emit.tmp('m');
  const i = emit.tmp('i');
  emit.line(`const ${m} = new Map();`);
  emit.open(`for (let ${i} = 0; ${i} < ${n}; ${i}++)`);
  const at = emit.bind(`${p} + ${i} * ${stride}`, 'ea');
  const k = g.load(key, at);
  const v = g.load(value, `${at} + ${valueOffset}`);
  emit.line(`${m}.set(${k}, ${v});`);
  emit.close();
  return m;
}

/** Lowers the host map `value` (iterable of pairs, or a plain object for string keys). */
export function lowerMap(g: ValueCodegen, key: ComponentValType, value: ComponentValType, hostValue: string): [string, string] {
  const emit = g.emit;
  const { valueOffset, stride, align } = entryLayout(g, key, value);
  const what = `map<${g.describe(key)}, ${g.describe(value)}>`;
  emit.line(`${requireObjectHelper(emit)}(${hostValue}, ${jsString(what)});`);
  const entries = emit.tmp('me');
  const resolvedKey = g.resolve(key);
  const stringKeys = resolvedKey.kind === 'primitive' && resolvedKey.type === 'string';
  emit.open(`const ${entries} = typeof ${hostValue}[Symbol.iterator] === 'function' ? Array.from(${hostValue}) : (() =>`);
  if (!stringKeys) emit.line(`throw new TypeError(${jsString(`expected an iterable for ${what}, found an object`)});`);
  else emit.line(`return Object.keys(${hostValue}).map((k) => [k, ${hostValue}[k]]);`);
  emit.close(')();');
  const n = emit.bind(`${entries}.length`, 'ln');
  emit.line(`if (${n} * ${stride} > 0xffffffff) trap(null, ${jsString(TRAP_MESSAGES.listTooLong)});`);
  const p = emit.bind(`${allocHelper(emit)}(0, 0, ${align}, ${n} * ${stride})`, 'lp');
  const i = emit.tmp('i');
  emit.open(`for (let ${i} = 0; ${i} < ${n}; ${i}++)`);
  const pair = emit.bind(`${toFixedHelper(emit)}(${entries}[${i}], 2, ${jsString(`tuple<${g.describe(key)}, ${g.describe(value)}>`)})`, 'pr');
  const at = emit.bind(`${p} + ${i} * ${stride}`, 'ea');
  g.store(key, emit.bind(`${pair}[0]`, 'k'), at);
  g.store(value, emit.bind(`${pair}[1]`, 'v'), `${at} + ${valueOffset}`);
  emit.close();
  return [p, n];
}
