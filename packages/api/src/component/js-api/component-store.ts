// JS-Reference.md "Component store": every top-level instance made through the JS API gets its
// own store, the unit of failure. A trap locks the store down, and a locked-down store refuses
// every later call before any code runs. This record holds the store with that state, the
// count of host calls the binding uses to tell where a failure came from, and the store's
// resource representation (host objects and guest resource class instances).

import type { Engine } from '../../engine/engine.js';
import { Store } from '../../store/store.js';
import { HostTrap } from './host-trap.js';
import { ResourceValues } from './resource-values.js';
import { runtimeError } from './wasm-errors.js';

/** The store of one top-level component instance, and whether it is locked down. */
export class ComponentStore {
  /** The embedding store the instance lives in. */
  readonly store: Store<undefined>;
  /** Set by `lockDown`; never cleared. */
  lockedDown = false;
  /**
   * How many host functions the guest has called so far. An export call that fails with a
   * `TypeError` after the guest called the host failed to convert a host function's result
   * (a trap), not its own arguments (which are all converted before the guest runs).
   */
  hostCalls = 0;
  /** How resources of this store cross to JS (set as the store's `ResourceValueHooks`). */
  readonly resources = new ResourceValues();

  constructor(engine: Engine) {
    this.store = new Store(engine);
    this.store.opaque.componentResourceValues = this.resources;
  }

  /** CanonicalABI.md `lock_down`: no code of this store runs again. */
  lockDown(): void {
    this.lockedDown = true;
  }

  /**
   * JS-Reference.md `trap`: locks the store down and returns the `WebAssembly.RuntimeError`
   * to throw, with `cause` the error that made the trap.
   */
  trap(message: string, cause?: unknown): WebAssembly.RuntimeError {
    this.lockDown();
    return runtimeError(message, cause);
  }

  /**
   * `trap` for an error that ended a call into the store: a `HostTrap` gives its message and
   * the host's error as `cause`; any other error (a guest `Trap`, a canonical-ABI violation, a
   * host result that did not convert) is itself the `cause`.
   */
  trapFrom(error: unknown): WebAssembly.RuntimeError {
    if (error instanceof HostTrap) return this.trap(error.message, error.cause);
    return this.trap(error instanceof Error ? error.message : String(error), error);
  }
}
