// Script component values to and from the JS values of the Component Model JS API mapping
// (JS-Reference.md `ToJSValue` / `ToComponentValue`, as the embedding API's `component.Func`
// takes and returns them): numbers, bigints for 64-bit integers, typed arrays for lists of
// number types, null-prototype objects with camelCase keys for records and flags, the label
// string for an enum, `{ kind, value }` with a PascalCase `kind` for variants, results and
// options nested directly in options, and `undefined` or the payload for other options. A map
// is a JS `Map`; scripts write it as a `list.const` of 2-tuples, since the text format has no
// map literal.
//
// The conversion is directed by the component type of the parameter or result, as wasmtime's
// `Val` is checked against a `Type`: a literal that does not fit its type is the script's (or
// the runner's) problem, a `ComponentValueError`, and never reaches the engine.

import type { ComponentDefinedType, ComponentTypeList, ComponentValType } from '@tswasm/environ';
import { assertNever } from '@tswasm/environ';
import { f32FromBits, f32ToBits, f64FromBits, f64ToBits } from '@tswasm/api';
import { camelCase, pascalCase } from '@tswasm/jit';

import { ComponentValueError } from './runner/component-value-error.js';
import type { ComponentValue, SmallIntKind } from './wast/component-value.js';
import { describeComponentValue } from './runner/match-component-value.js';

type Resolved = ComponentDefinedType;

function resolve(types: ComponentTypeList, type: ComponentValType): Resolved {
  if (type.kind === 'primitive') return type;
  const entry = types.get(type.id);
  if (entry.kind !== 'defined') throw new ComponentValueError(`type ${type.id} is not a value type`);
  return entry.type;
}

function describeType(r: Resolved): string {
  return r.kind === 'primitive' ? r.type : r.kind;
}

type TypedArrayClass = { new (length: number): ArrayLike<number | bigint> & { [i: number]: number | bigint } };

// The typed array a `list<T>` of a number type is (JS-Reference.md).
const TYPED_ARRAYS: ReadonlyMap<string, TypedArrayClass> = new Map<string, TypedArrayClass>([
  ['s8', Int8Array],
  ['u8', Uint8Array],
  ['s16', Int16Array],
  ['u16', Uint16Array],
  ['s32', Int32Array],
  ['u32', Uint32Array],
  ['s64', BigInt64Array],
  ['u64', BigUint64Array],
  ['f32', Float32Array],
  ['f64', Float64Array],
]);

function wrongKind(r: Resolved, value: ComponentValue): ComponentValueError {
  return new ComponentValueError(`expected a value of type ${describeType(r)}, found ${describeComponentValue(value)}`);
}

function unsupported(r: Resolved): ComponentValueError {
  return new ComponentValueError(`the runner has no value form for type ${describeType(r)}`);
}

/** The typed array of a list of a number type, filled from the literals (floats by their bits). */
function typedList(element: string, elements: readonly ComponentValue[], r: Resolved): unknown {
  const Class = TYPED_ARRAYS.get(element);
  if (Class === undefined) return undefined;
  const array = new Class(elements.length);
  for (const [i, e] of elements.entries()) {
    if (e.kind !== element) throw wrongKind({ kind: 'primitive', type: element as 'u8' }, e);
    switch (e.kind) {
      case 'f32':
        array[i] = f32FromBits(e.bits);
        break;
      case 'f64':
        array[i] = f64FromBits(e.bits);
        break;
      case 's8':
      case 'u8':
      case 's16':
      case 'u16':
      case 's32':
      case 'u32':
      case 's64':
      case 'u64':
        array[i] = e.value;
        break;
      default:
        throw wrongKind(r, e);
    }
  }
  // A float array keeps NaN payloads only if written through its own buffer; rewrite them so.
  if (element === 'f32' || element === 'f64') {
    const view = new DataView((array as unknown as Float32Array).buffer);
    for (const [i, e] of elements.entries()) {
      if (e.kind === 'f32') view.setUint32(i * 4, e.bits, true);
      if (e.kind === 'f64') view.setBigUint64(i * 8, e.bits, true);
    }
  }
  return array;
}

/**
 * The JS value the embedding API takes for `value` at `type`.
 *
 * @param optionPayload whether `type` is directly the payload of an option (such an option is
 *   `{ kind: 'None' | 'Some' }`, not `undefined` or its payload)
 * @throws {ComponentValueError} if the literal does not fit the type, or the type has no
 *   literal form in scripts (resources, streams, futures, maps)
 */
export function toJsValue(types: ComponentTypeList, type: ComponentValType, value: ComponentValue, optionPayload = false): unknown {
  const r = resolve(types, type);
  switch (r.kind) {
    case 'primitive': {
      if (r.type === 'error-context') throw unsupported(r);
      if (value.kind !== r.type) throw wrongKind(r, value);
      switch (value.kind) {
        case 'f32':
          return f32FromBits(value.bits);
        case 'f64':
          return f64FromBits(value.bits);
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
          return value.value;
        default:
          throw wrongKind(r, value);
      }
    }
    case 'list': {
      if (value.kind !== 'list') throw wrongKind(r, value);
      if (r.length !== null && value.elements.length !== r.length) throw new ComponentValueError(`expected ${r.length} elements for ${describeType(r)}, found ${value.elements.length}`);
      const element = resolve(types, r.element);
      const typed = element.kind === 'primitive' ? typedList(element.type, value.elements, r) : undefined;
      return typed ?? value.elements.map((e) => toJsValue(types, r.element, e));
    }
    case 'tuple':
      if (value.kind !== 'tuple') throw wrongKind(r, value);
      if (value.elements.length !== r.types.length) throw new ComponentValueError(`expected a ${r.types.length}-tuple, found ${value.elements.length} elements`);
      return r.types.map((t, i) => toJsValue(types, t, value.elements[i] as ComponentValue));
    case 'record': {
      if (value.kind !== 'record') throw wrongKind(r, value);
      const object: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
      for (const field of value.fields) {
        if (!r.fields.some((f) => f.name === field.name)) throw new ComponentValueError(`the record has no field \`${field.name}\``);
      }
      for (const field of r.fields) {
        const given = value.fields.find((f) => f.name === field.name);
        if (given === undefined) throw new ComponentValueError(`missing record field \`${field.name}\``);
        object[camelCase(field.name)] = toJsValue(types, field.type, given.value);
      }
      return object;
    }
    case 'variant': {
      if (value.kind !== 'variant') throw wrongKind(r, value);
      const c = r.cases.find((x) => x.name === value.case);
      if (c === undefined) throw new ComponentValueError(`the variant has no case \`${value.case}\``);
      return caseObject(types, pascalCase(c.name), c.type, value.payload, value.case);
    }
    case 'enum':
      if (value.kind !== 'enum') throw wrongKind(r, value);
      if (!r.names.includes(value.case)) throw new ComponentValueError(`the enum has no case \`${value.case}\``);
      return value.case;
    case 'option': {
      if (value.kind !== 'option') throw wrongKind(r, value);
      if (optionPayload) return caseObject(types, value.value === null ? 'None' : 'Some', value.value === null ? null : r.type, value.value, 'some', true);
      return value.value === null ? undefined : toJsValue(types, r.type, value.value, true);
    }
    case 'result': {
      if (value.kind !== 'result') throw wrongKind(r, value);
      return caseObject(types, value.ok ? 'Ok' : 'Err', value.ok ? r.ok : r.err, value.payload, value.ok ? 'ok' : 'err');
    }
    case 'flags': {
      if (value.kind !== 'flags') throw wrongKind(r, value);
      for (const name of value.names) if (!r.names.includes(name)) throw new ComponentValueError(`the flags have no flag \`${name}\``);
      const object: Record<string, boolean> = Object.create(null) as Record<string, boolean>;
      for (const name of r.names) object[camelCase(name)] = value.names.includes(name);
      return object;
    }
    case 'map': {
      // Scripts have no map literal (the suite's own comment says so): a map is written as the
      // list<tuple<K, V>> it despecializes to, and becomes a JS Map, the last pair of a key winning.
      if (value.kind !== 'list') throw wrongKind(r, value);
      const map = new Map<unknown, unknown>();
      for (const entry of value.elements) {
        if (entry.kind !== 'tuple' || entry.elements.length !== 2) throw new ComponentValueError(`expected a 2-tuple for an entry of a map, found ${describeComponentValue(entry)}`);
        map.set(toJsValue(types, r.key, entry.elements[0] as ComponentValue), toJsValue(types, r.value, entry.elements[1] as ComponentValue));
      }
      return map;
    }
    case 'own':
    case 'borrow':
    case 'stream':
    case 'future':
      throw unsupported(r);
    default:
      return assertNever(r);
  }
}

// `{ kind, value }`; `optionPayload` when the case is an option's `some`, whose payload may be
// an option nested directly in it.
function caseObject(types: ComponentTypeList, kind: string, type: ComponentValType | null, payload: ComponentValue | null, label: string, optionPayload = false): unknown {
  if (type === null) {
    if (payload !== null) throw new ComponentValueError(`case \`${label}\` has no payload, but one is given`);
    return { __proto__: null, kind };
  }
  if (payload === null) throw new ComponentValueError(`case \`${label}\` needs a payload`);
  return { __proto__: null, kind, value: toJsValue(types, type, payload, optionPayload) };
}

function unreadable(r: Resolved, js: unknown): ComponentValueError {
  const shown = typeof js === 'bigint' ? `${js}n` : typeof js === 'string' ? JSON.stringify(js) : String(js);
  return new ComponentValueError(`the engine returned ${typeof js} ${shown.slice(0, 80)} for type ${describeType(r)}`);
}

function isObject(js: unknown): js is Record<string, unknown> {
  return typeof js === 'object' && js !== null;
}

/** The script value of a number list element of `array` at `i` (floats by their exact bits). */
function typedElement(element: string, array: ArrayBufferView, i: number): ComponentValue {
  const view = new DataView(array.buffer, array.byteOffset, array.byteLength);
  switch (element) {
    case 'f32':
      return { kind: 'f32', bits: view.getUint32(i * 4, true) };
    case 'f64':
      return { kind: 'f64', bits: view.getBigUint64(i * 8, true) };
    case 's64':
    case 'u64':
      return { kind: element, value: (array as unknown as ArrayLike<bigint>)[i] as bigint };
    default:
      return { kind: element as SmallIntKind, value: (array as unknown as ArrayLike<number>)[i] as number };
  }
}

/**
 * Reads back the JS value the embedding API returned for `type`.
 *
 * @param optionPayload as for `toJsValue`
 * @throws {ComponentValueError} if `js` is not a value of that type in the JS API mapping
 */
export function fromJsValue(types: ComponentTypeList, type: ComponentValType, js: unknown, optionPayload = false): ComponentValue {
  const r = resolve(types, type);
  switch (r.kind) {
    case 'primitive': {
      const primitive = r.type;
      switch (primitive) {
        case 'bool':
          if (typeof js !== 'boolean') throw unreadable(r, js);
          return { kind: 'bool', value: js };
        case 's8':
        case 'u8':
        case 's16':
        case 'u16':
        case 's32':
        case 'u32':
          if (typeof js !== 'number' || !Number.isInteger(js)) throw unreadable(r, js);
          return { kind: primitive, value: js };
        case 's64':
        case 'u64':
          if (typeof js !== 'bigint') throw unreadable(r, js);
          return { kind: primitive, value: js };
        case 'f32':
          if (typeof js !== 'number') throw unreadable(r, js);
          return { kind: 'f32', bits: f32ToBits(js) };
        case 'f64':
          if (typeof js !== 'number') throw unreadable(r, js);
          return { kind: 'f64', bits: f64ToBits(js) };
        case 'char':
        case 'string':
          if (typeof js !== 'string') throw unreadable(r, js);
          return { kind: primitive, value: js };
        case 'error-context':
          throw unsupported(r);
        default:
          return assertNever(primitive);
      }
    }
    case 'list': {
      const element = resolve(types, r.element);
      if (element.kind === 'primitive' && TYPED_ARRAYS.has(element.type) && ArrayBuffer.isView(js) && !(js instanceof DataView)) {
        const length = (js as unknown as ArrayLike<unknown>).length;
        if (r.length !== null && length !== r.length) throw unreadable(r, js);
        return { kind: 'list', elements: Array.from({ length }, (_, i) => typedElement(element.type, js, i)) };
      }
      if (!Array.isArray(js) || (r.length !== null && js.length !== r.length)) throw unreadable(r, js);
      return { kind: 'list', elements: js.map((e: unknown) => fromJsValue(types, r.element, e)) };
    }
    case 'tuple':
      if (!Array.isArray(js) || js.length !== r.types.length) throw unreadable(r, js);
      return { kind: 'tuple', elements: r.types.map((t, i) => fromJsValue(types, t, js[i])) };
    case 'record':
      if (!isObject(js)) throw unreadable(r, js);
      return { kind: 'record', fields: r.fields.map((f) => ({ name: f.name, value: fromJsValue(types, f.type, js[camelCase(f.name)]) })) };
    case 'variant': {
      if (!isObject(js)) throw unreadable(r, js);
      const c = r.cases.find((x) => pascalCase(x.name) === js['kind']);
      if (c === undefined) throw unreadable(r, js['kind']);
      return { kind: 'variant', case: c.name, payload: c.type === null ? null : fromJsValue(types, c.type, js['value']) };
    }
    case 'enum':
      if (typeof js !== 'string' || !r.names.includes(js)) throw unreadable(r, js);
      return { kind: 'enum', case: js };
    case 'option':
      if (optionPayload) {
        if (!isObject(js) || (js['kind'] !== 'None' && js['kind'] !== 'Some')) throw unreadable(r, js);
        return { kind: 'option', value: js['kind'] === 'None' ? null : fromJsValue(types, r.type, js['value'], true) };
      }
      return { kind: 'option', value: js === undefined ? null : fromJsValue(types, r.type, js, true) };
    case 'result': {
      if (!isObject(js) || (js['kind'] !== 'Ok' && js['kind'] !== 'Err')) throw unreadable(r, js);
      const ok = js['kind'] === 'Ok';
      const payload = ok ? r.ok : r.err;
      return { kind: 'result', ok, payload: payload === null ? null : fromJsValue(types, payload, js['value']) };
    }
    case 'flags':
      if (!isObject(js)) throw unreadable(r, js);
      return { kind: 'flags', names: r.names.filter((name) => js[camelCase(name)] === true) };
    case 'map':
      if (!(js instanceof Map)) throw unreadable(r, js);
      return { kind: 'list', elements: [...js].map(([k, v]: [unknown, unknown]) => ({ kind: 'tuple', elements: [fromJsValue(types, r.key, k), fromJsValue(types, r.value, v)] })) };
    case 'own':
    case 'borrow':
    case 'stream':
    case 'future':
      throw unsupported(r);
    default:
      return assertNever(r);
  }
}
