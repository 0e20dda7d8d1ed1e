// wasmtime's `component::TypedFunc<Params, Results>`: a component function whose signature was
// checked once, when it was made (`Func.typed`, `Instance.getTypedFunc`), so that a call only
// converts values.

import type { Store } from '../store/store.js';
import type { Func } from './func.js';

/** A component function with a checked signature: `P` the JS argument types, `R` the result's. */
export class TypedFunc<P, R> {
  /** The untyped function. */
  readonly func: Func;
  /**
   * Calls the function with one JS value per parameter; as `Func.call` otherwise (post-return
   * included), with the same errors, except that the argument count is not checked again.
   * @throws TypeError when `store` is not the instance's store or an argument does not convert
   * @throws Trap when the guest traps or the instance cannot be entered
   */
  readonly call: (store: Store<unknown>, ...args: Extract<P, readonly unknown[]>) => R;

  /**
   * `call` as a Promise, with the same errors (wasmtime's `TypedFunc::call_async`; see
   * `Func.callAsync`).
   * @throws TypeError (synchronously) where the host lacks JSPI or the engine's Config turned
   *   the component model async feature off
   */
  readonly callAsync: (store: Store<unknown>, ...args: Extract<P, readonly unknown[]>) => Promise<R>;

  /** Made by `Func.typed`; not for embedders. */
  constructor(func: Func, call: (store: Store<unknown>, ...args: Extract<P, readonly unknown[]>) => R, callAsync: (store: Store<unknown>, ...args: Extract<P, readonly unknown[]>) => Promise<R>) {
    this.func = func;
    this.call = call;
    this.callAsync = callAsync;
  }
}
