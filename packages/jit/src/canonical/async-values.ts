// Stream and future ends, and error contexts: like resource handles, an i32 index in flat form
// and in memory. What an end means (its shared stream or future, the instance tables it moves
// between) belongs to the runtime, so the generated code only calls the environment's
// `liftAsyncValue` / `lowerAsyncValue` with the type's structural key (`error-context` for an
// error context), which the runtime compares with the end's (CanonicalABI.md
// `lift_async_value`: `trap_if(e.shared.t != t)`). An environment without them (a call from or
// to the host) refuses the value.

import type { ComponentTypeList, ComponentValType } from '@tswasm/environ';
import { jsString } from './js-emitter.js';
import { valueTypeKey } from './signature-key.js';
import type { FlatSource, FlatValue, ValueCodegen } from './value-codegen.js';
import { CORE } from './value-codegen.js';

/**
 * The key the generated code passes for stream or future type `type`. Resource ids are left
 * out: the cached source of a signature must not depend on them (resource handles do not cross
 * the async ABI yet).
 */
export function asyncValueKey(types: ComponentTypeList, type: ComponentValType): string {
  return valueTypeKey(types, type).replace(/#\d+#/g, '#');
}

function lift(g: ValueCodegen): string {
  return g.emit.helper('liftAsyncValue', () => "const liftAsyncValue = env.liftAsyncValue ?? ((key) => trap(null, 'passing `' + key + '` values to or from the host is not supported yet'));");
}

function lower(g: ValueCodegen): string {
  return g.emit.helper('lowerAsyncValue', () => "const lowerAsyncValue = env.lowerAsyncValue ?? ((key) => { throw new TypeError('passing `' + key + '` values to or from the host is not supported yet'); });");
}

/** `lift_flat` of a stream or future end of type `key`: the runtime's shared object. */
export function liftAsyncValueFlat(g: ValueCodegen, key: string, src: FlatSource): string {
  return g.emit.bind(`${lift(g)}(${jsString(key)}, ${src.next(CORE.i32)} >>> 0)`, 'sf');
}

/** `lower_flat` of the shared object `value` as a new readable end of type `key`. */
export function lowerAsyncValueFlat(g: ValueCodegen, key: string, value: string): FlatValue[] {
  return [{ expr: g.emit.bind(`${lower(g)}(${jsString(key)}, ${value})`, 'sf'), type: CORE.i32 }];
}

/** `load` of a stream or future end at `addr`. */
export function loadAsyncValue(g: ValueCodegen, key: string, addr: string): string {
  return g.emit.bind(`${lift(g)}(${jsString(key)}, dv.getUint32(${addr}, true))`, 'sf');
}

/** `store` of the shared object `value` as a new readable end at `addr`. */
export function storeAsyncValue(g: ValueCodegen, key: string, value: string, addr: string): void {
  g.emit.line(`dv.setUint32(${addr}, ${lower(g)}(${jsString(key)}, ${value}), true);`);
}
