// Prelude helpers that check the shape of host values (JS-Reference.md `ToComponentValue`):
// objects for records, flags and variants, iterables for lists, tuples and maps. A value of the
// wrong shape is host misuse and throws a `TypeError` naming the expected type.

import type { JsEmitter } from './js-emitter.js';

/** `describeValue(v)`: a short description of a host value for error messages. */
function describeValueHelper(emit: JsEmitter): string {
  return emit.helper('describeValue', () => `function describeValue(v) {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  switch (typeof v) {
    case 'string': return 'a string';
    case 'number': return 'the number ' + v;
    case 'bigint': return 'a bigint';
    case 'boolean': return 'a boolean';
    case 'undefined': return 'undefined';
    case 'symbol': return 'a symbol';
    case 'function': return 'a function';
    default: return 'an object';
  }
}`);
}

/** `requireObject(v, t)`: throws a `TypeError` unless `v` is an object (JS-Reference.md "is not an Object"). */
export function requireObjectHelper(emit: JsEmitter): string {
  const describe = describeValueHelper(emit);
  return emit.helper('requireObject', () => `function requireObject(v, t) {
  if (v === null || (typeof v !== 'object' && typeof v !== 'function')) {
    throw new TypeError('expected an object for ' + t + ', found ' + ${describe}(v));
  }
}`);
}

/** `toList(v, t)`: the elements of the iterable `v` as an array (`ToComponentValueList`). */
export function toListHelper(emit: JsEmitter): string {
  const describe = describeValueHelper(emit);
  return emit.helper('toList', () => `function toList(v, t) {
  if (Array.isArray(v)) return v;
  if (v === null || (typeof v !== 'object' && typeof v !== 'function') || typeof v[Symbol.iterator] !== 'function') {
    throw new TypeError('expected an iterable for ' + t + ', found ' + ${describe}(v));
  }
  return Array.from(v);
}`);
}

/** `toFixed(v, n, t)`: `v` as an indexable of exactly `n` elements (tuples, `list<T, N>`); a typed array is used as it is. */
export function toFixedHelper(emit: JsEmitter): string {
  const toList = toListHelper(emit);
  return emit.helper('toFixed', () => `function toFixed(v, n, t) {
  const a = ArrayBuffer.isView(v) && !(v instanceof DataView) ? v : ${toList}(v, t);
  if (a.length !== n) throw new TypeError('expected ' + n + ' elements for ' + t + ', found ' + a.length);
  return a;
}`);
}
