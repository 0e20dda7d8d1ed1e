// The JS entries of host functions: what V8 calls when wasm calls an import. Numeric
// signatures use a per-arity trampoline that only prepends the caller; others convert each
// value (funcref to Func, v128 from lanes) on the way in and out.

import type { FuncType, ValType } from '@tswasm/environ';
import { hasV128 } from '@tswasm/jit';
import type { StoreOpaque } from '../store/store-opaque.js';
import { liftValues, lowerParams, returnValue } from '../values/js-values.js';
import { valKindOf, type Val } from '../values/val.js';
import type { Caller } from './caller.js';
import { userValue, valOfUser } from '../values/user-values.js';

/** A `Func.wrap` callback: JS params in, nothing / one value / an array of values out. */
export type FuncWrapCallback<T> = (caller: Caller<T>, ...params: never[]) => unknown;

/** A `Func.new` callback: `Val`s in, `Val`s out. */
export type FuncNewCallback<T> = (caller: Caller<T>, params: Val[]) => Val[];

function isNumeric(type: FuncType): boolean {
  const numeric = (t: ValType): boolean => {
    const kind = valKindOf(t);
    return kind === 'i32' || kind === 'i64' || kind === 'f32' || kind === 'f64';
  };
  return type.params.every(numeric) && type.results.every(numeric);
}

function resultsOf(type: FuncType, returned: unknown): unknown[] {
  const count = type.results.length;
  if (count === 0) return [];
  if (count === 1) return [returned];
  if (!Array.isArray(returned) || returned.length !== count) throw new TypeError(`expected ${count} results from the host function as an array`);
  return returned;
}

/** The JS entry of a `Func.wrap` host function. */
export function makeWrapHost<T>(opaque: StoreOpaque, type: FuncType, fn: FuncWrapCallback<T>, caller: Caller<T>): Function {
  if (isNumeric(type)) return opaque.engine.trampolines.hostCall(type.params.length)(fn, caller);
  const call = fn as (caller: Caller<T>, ...params: unknown[]) => unknown;
  const resultKinds = type.results.map(valKindOf);
  return (...args: unknown[]): unknown => {
    const params = liftValues(opaque, args, type.params).map(userValue);
    const results = resultsOf(type, call(caller, ...params)).map((value, i) => valOfUser(resultKinds[i] ?? 'i32', value));
    return returnValue(lowerParams(opaque, results, type.results));
  };
}

/** The JS entry of a `Func.new` host function. */
export function makeNewHost<T>(opaque: StoreOpaque, type: FuncType, fn: FuncNewCallback<T>, caller: Caller<T>): Function {
  return (...args: unknown[]): unknown => {
    const results = fn(caller, liftValues(opaque, args, type.params));
    if (!Array.isArray(results)) throw new TypeError('expected the host function to return an array of values');
    const lowered = lowerParams(opaque, results, type.results);
    return hasV128(type) || lowered.length !== 1 ? returnValue(lowered) : lowered[0];
  };
}
