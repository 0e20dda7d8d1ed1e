import type { Store } from '../store/store.js';
import type { StoreOpaque } from '../store/store-opaque.js';
import { userValue, valOfUser } from '../values/user-values.js';
import { valKindOf } from '../values/val.js';
import type { Func } from './func.js';

/**
 * A function whose type was checked once, at creation (wasmtime's `TypedFunc`). For numeric
 * signatures `call` is a generated per-arity trampoline around the raw export, so a call costs
 * little more than calling the export directly; it does not check the store on each call.
 * Results: undefined for none, the value for one, an array for several.
 */
export class TypedFunc<P extends unknown[], R> {
  /** The untyped function. */
  readonly func: Func;
  /**
   * Calls the function.
   * @throws Trap when wasm traps; a host function's error is rethrown as itself
   */
  readonly call: (store: Store<unknown>, ...params: P) => R;

  private constructor(func: Func, call: (store: Store<unknown>, ...params: P) => R) {
    this.func = func;
    this.call = call;
  }

  /** Makes the typed view of a checked function; internal to the api (use `Func.typed`). */
  static create<P extends unknown[], R>(func: Func, opaque: StoreOpaque): TypedFunc<P, R> {
    const raw = func.rawNumericEntry();
    if (raw !== null) {
      const origin = func.origin;
      const mapError = (error: unknown): unknown => opaque.mapError(error, origin);
      const call = opaque.engine.trampolines.typedCall(func.ty().params.length)(raw, mapError);
      return new TypedFunc(func, call as (store: Store<unknown>, ...params: P) => R);
    }
    const type = func.ty();
    const paramKinds = type.params.map(valKindOf);
    const call = (store: Store<unknown>, ...params: P): R => {
      const results = func.call(store, params.map((p, i) => valOfUser(paramKinds[i] ?? 'i32', p))).map(userValue);
      return (results.length === 0 ? undefined : results.length === 1 ? results[0] : results) as R;
    };
    return new TypedFunc(func, call);
  }
}
