// A lifted export of a component instance, callable from the host (wasmtime's
// `component::Func`). The generated lifted-export trampoline lowers the JS arguments, calls the
// core function, lifts the result and calls `post-return`; this class adds what the canonical
// ABI asks of the caller around it: the may-enter flag, and traps as `Trap`.

import type { ComponentFuncType, FuncDescription, NamedValTypeDescription, RuntimeComponentInstanceIndex, ValTypeDescription } from '@tswasm/environ';
import { mapEngineError, type ComponentInstanceState, type InstanceResources } from '@tswasm/runtime';
import type { Store } from '../store/store.js';

/** A component function: call it with one JS value per parameter. */
export class Func {
  /** The function's component type, its types as ids into the component's type table (see `ty()`). */
  readonly type: ComponentFuncType;
  readonly #store: Store<unknown>;
  readonly #state: ComponentInstanceState;
  readonly #instance: RuntimeComponentInstanceIndex;
  readonly #trampoline: Function;
  // Set when the signature passes handles: each call counts its borrows in a call scope.
  readonly #resources: InstanceResources | null;
  // Set by the core callee and realloc wrappers: whether guest code ran during this call, so a
  // failure while lowering the host's arguments does not poison the instance.
  #entered = false;
  readonly #describe: () => FuncDescription;
  #description: FuncDescription | null = null;

  /** Made by `component.Instance.getFunc`; not for embedders. */
  constructor(
    store: Store<unknown>,
    state: ComponentInstanceState,
    instance: RuntimeComponentInstanceIndex,
    type: ComponentFuncType,
    describe: () => FuncDescription,
    makeTrampoline: (onEnter: () => void) => Function,
    scoped = false,
  ) {
    this.type = type;
    this.#describe = describe;
    this.#resources = scoped ? state.resources : null;
    this.#store = store;
    this.#state = state;
    this.#instance = instance;
    this.#trampoline = makeTrampoline(() => {
      this.#entered = true;
    });
  }

  /**
   * Calls the function with one JS value per parameter and returns the result's JS value
   * (`undefined` without a result), per the Component Model JS API mapping; a `result<…>` is
   * returned as `{ kind: 'Ok' | 'Err', value }`. An `own` or `borrow` of a host-defined
   * resource is a `Resource`, of a guest-defined one a `ResourceAny`, both ways. The function's `post-return`, if any, runs
   * before this returns (unlike wasmtime, where the embedder calls `post_return`).
   *
   * A component instance whose guest trapped cannot be entered again, as in wasmtime.
   * @throws TypeError when `store` is not the instance's store, the argument count is wrong or
   *   an argument does not convert to its parameter type (the instance stays usable)
   * @throws Trap when the guest traps (code `CannotEnterComponent` when the instance trapped
   *   before or is already running), or breaks the resource rules (a null code and wasmtime's
   *   message, e.g. "unknown handle index 3" or "borrow handles still remain at the end of the
   *   call")
   * @throws Error for canonical-ABI violations wasmtime reports without a trap code (invalid
   *   UTF-8, a bad discriminant, ...), and whatever a host function called by the guest throws
   */
  call(store: Store<unknown>, args: readonly unknown[]): unknown {
    if (store !== this.#store) throw new TypeError('the function belongs to a different store');
    if (args.length !== this.type.params.length) {
      throw new TypeError(`expected ${this.type.params.length} argument${this.type.params.length === 1 ? '' : 's'}, found ${args.length}`);
    }
    this.#state.enter(this.#instance);
    this.#entered = false;
    const resources = this.#resources;
    const scope = resources === null ? null : resources.enterCall();
    let result: unknown;
    try {
      const t = this.#trampoline;
      // Fixed arities skip the spread, which costs about as much as a small call.
      switch (args.length) {
        case 0:
          result = t();
          break;
        case 1:
          result = t(args[0]);
          break;
        case 2:
          result = t(args[0], args[1]);
          break;
        default:
          result = t(...args);
      }
    } catch (error) {
      if (scope !== null) resources?.abandonCall(scope);
      // Guest code ran and failed: the instance stays unenterable. Otherwise the arguments
      // failed to lower before the guest was entered, and it is as if nothing was called.
      if (!this.#entered) this.#state.exit(this.#instance);
      throw mapEngineError(error);
    }
    // A borrow the guest kept past its return is a trap in the guest: the instance stays
    // unenterable (CanonicalABI.md `Task.return`).
    if (scope !== null) resources?.exitCall(scope);
    this.#state.exit(this.#instance);
    return result;
  }

  /**
   * Whether the latest call entered guest code (ran the core function or `realloc`) before it
   * returned or failed. The JS API binding reads it after a failed call: JS-Reference.md locks
   * the store down only when the failure came after the guest was entered.
   */
  get enteredGuest(): boolean {
    return this.#entered;
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
