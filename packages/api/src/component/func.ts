// A lifted export of a component instance, callable from the host (wasmtime's
// `component::Func`). Its entry (see `lifted-export-entry.ts`) does the work: the may-enter
// flag, the generated trampoline (lower, call, lift, post-return) and traps as `Trap`.

import type { ComponentFuncType, ComponentTypeList, FuncDescription, NamedValTypeDescription, ValTypeDescription } from '@tswasm/environ';
import type { Store } from '../store/store.js';
import type { LiftedExportEntry } from './lifted-export-entry.js';
import { hostJspi } from '@tswasm/runtime';
import { TypedFunc } from './typed-func.js';
import { checkTypedSignature, type ParamsOf, type ResultOf, type TypedSignature } from './typed-signature.js';

/** A component function: call it with one JS value per parameter. */
export class Func {
  /** The function's component type. */
  readonly type: ComponentFuncType;
  readonly #store: Store<unknown>;
  readonly #types: ComponentTypeList;
  readonly #entry: LiftedExportEntry;
  readonly #describe: () => FuncDescription;
  #description: FuncDescription | null = null;

  /** Made by `component.Instance.getFunc`; not for embedders. */
  constructor(store: Store<unknown>, types: ComponentTypeList, type: ComponentFuncType, describe: () => FuncDescription, entry: LiftedExportEntry) {
    this.type = type;
    this.#describe = describe;
    this.#store = store;
    this.#types = types;
    this.#entry = entry;
  }

  /**
   * Calls the function with one JS value per parameter and returns the result's JS value
   * (`undefined` without a result), per the Component Model JS API mapping; a `result<…>` is
   * returned as `{ kind: 'Ok' | 'Err', value }`. The function's `post-return`, if any, runs
   * before this returns (unlike wasmtime, where the embedder calls `post_return`).
   *
   * A component instance whose guest trapped cannot be entered again, as in wasmtime.
   * @throws TypeError when `store` is not the instance's store, the argument count is wrong or
   *   an argument does not convert to its parameter type (the instance stays usable)
   * @throws Trap when the guest traps (code `CannotEnterComponent` when the instance trapped
   *   before or is already running) or breaks the canonical ABI (a null `code` where wasmtime
   *   has none: invalid UTF-8, a bad discriminant, ...)
   * @throws Error whatever a host function called by the guest throws
   */
  call(store: Store<unknown>, args: readonly unknown[]): unknown {
    return this.#entry.callArray(store, args);
  }

  /**
   * Calls the function as `call` does, as a Promise (wasmtime's `Func::call_async`): where the
   * guest's tasks block (a wait, a synchronous call of a callee that blocks), each is suspended
   * on a stack of its own (JSPI) while the others go on, where `call` would trap on deadlock.
   * Make no other call into the store's instances before the Promise settles: their tasks may
   * be suspended mid-call. Tasks still blocked when it resolves go on in a later `callAsync`.
   * @throws TypeError (synchronously) where the host lacks JSPI (`WebAssembly.Suspending` and
   *   `WebAssembly.promising`) or the engine's Config turned the component model async feature off
   * @throws as `call` otherwise (the Promise rejects)
   */
  callAsync(store: Store<unknown>, args: readonly unknown[]): Promise<unknown> {
    checkAsyncCalls(store);
    const callAsync = this.#entry.callAsync;
    if (callAsync !== undefined) return callAsync(store, args);
    // An export that is not a task never blocks: its call is the whole work.
    return new Promise((resolve) => resolve(this.#entry.callArray(store, args)));
  }

  /**
   * This function with the signature `signature`, checked once here (wasmtime's
   * `Func::typed`): its `call` takes the arguments one by one and is typed after the signature.
   * @throws TypeError when `store` is not the instance's store, or the signature does not
   *   describe the function's type (the message names the first difference)
   */
  typed<const G extends TypedSignature>(store: Store<unknown>, signature: G): TypedFunc<ParamsOf<G>, ResultOf<G>> {
    if (store !== this.#store) throw new TypeError('the function belongs to a different store');
    checkTypedSignature(this.#types, this.type, signature);
    // The signature was checked against the type, so the entry converts exactly these values.
    return new TypedFunc<ParamsOf<G>, ResultOf<G>>(this, this.#entry.call as never, ((s: Store<unknown>, ...args: unknown[]) => this.callAsync(s, args)) as never);
  }

  /**
   * After a failed call, whether it entered guest code (ran the core function or `realloc`)
   * before it failed; false after a call that returned. The JS API binding reads it after a
   * failed call: JS-Reference.md locks the store down only when the failure came after the guest
   * was entered.
   */
  get enteredGuest(): boolean {
    return this.#entry.enteredGuest();
  }

  /**
   * The function's type as self-contained data (wasmtime's `Func::ty`): parameter names and
   * types and the result type, every type resolved and named as the component names it.
   */
  ty(): FuncDescription {
    this.#description ??= this.#describe();
    return this.#description;
  }

  /** The parameters' names and types, in order (wasmtime's `Func::params`). */
  params(): readonly NamedValTypeDescription[] {
    return this.ty().params;
  }

  /** The result types: none, or the one result (wasmtime's `Func::results`). */
  results(): readonly ValTypeDescription[] {
    const { result } = this.ty();
    return result === null ? [] : [result];
  }

  /**
   * Kept for wasmtime's shape: `call` already runs the function's `post-return`, so this does
   * nothing.
   */
  postReturn(store: Store<unknown>): void {
    if (store !== this.#store) throw new TypeError('the function belongs to a different store');
  }
}

// `callAsync`'s preconditions (wasmtime: a Config with async support).
function checkAsyncCalls(store: Store<unknown>): void {
  if (hostJspi() === null) throw new TypeError('callAsync needs JSPI (`WebAssembly.Suspending` and `WebAssembly.promising`), which this host lacks');
  if (!store.engine.features.componentModelAsync) throw new TypeError('callAsync needs the component model async feature, which the engine\'s Config turned off');
}
