// Values as `Func.wrap` callbacks and `TypedFunc` see them: the `Val`'s payload alone.

import { Func } from '../func/func.js';
import { Val, type ValKind } from './val.js';

/** The payload of a `Val`. */
export function userValue(val: Val): unknown {
  return val.value;
}

/**
 * The `Val` of a payload of `kind`.
 * @throws TypeError when the payload does not fit the kind
 */
export function valOfUser(kind: ValKind, value: unknown): Val {
  switch (kind) {
    case 'i32':
    case 'f32':
    case 'f64':
      if (typeof value !== 'number') throw new TypeError(`expected a number for ${kind}, found ${typeof value}`);
      return Val[kind](value);
    case 'i64':
      if (typeof value !== 'bigint') throw new TypeError(`expected a bigint for i64, found ${typeof value}`);
      return Val.i64(value);
    case 'v128':
      if (!(value instanceof Uint8Array)) throw new TypeError('expected 16 bytes for v128');
      return Val.v128(value);
    case 'funcref':
      if (value !== null && !(value instanceof Func)) throw new TypeError('expected a Func or null for funcref');
      return Val.funcref(value);
    case 'externref':
      return Val.externref(value);
    case 'exnref':
      if (value !== null) throw new TypeError('the host can pass only a null exnref');
      return Val.exnrefNull();
  }
}
