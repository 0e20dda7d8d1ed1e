// The host side of a lowered import: what the generated lowered-import trampoline calls with
// one JS value per parameter. It checks CanonicalABI.md `canon lower`'s `trap_if(not
// may_leave)` and calls the host function with the store first. Small arities get a
// fixed-arity closure: a rest parameter and a spread cost more than the rest of a small call.

import type { RuntimeComponentInstanceIndex } from '@tswasm/environ';
import { Trap, type ComponentInstanceState } from '@tswasm/runtime';
import type { Store } from '../store/store.js';
import type { ComponentHostFunc } from './linker-instance.js';

/** The callee of a lowered import of `arity` parameters, calling `host` with `store` first. */
export function loweredImportCallee<T>(state: ComponentInstanceState, instance: RuntimeComponentInstanceIndex, store: Store<T>, host: ComponentHostFunc<T>, arity: number): Function {
  const leave = (): void => {
    if (!state.mayLeave(instance)) throw new Trap('CannotLeaveComponent');
  };
  switch (arity) {
    case 0:
      return () => (leave(), host(store));
    case 1:
      return (a: unknown) => (leave(), host(store, a));
    case 2:
      return (a: unknown, b: unknown) => (leave(), host(store, a, b));
    case 3:
      return (a: unknown, b: unknown, c: unknown) => (leave(), host(store, a, b, c));
    case 4:
      return (a: unknown, b: unknown, c: unknown, d: unknown) => (leave(), host(store, a, b, c, d));
    default:
      return (...args: unknown[]) => (leave(), host(store, ...args));
  }
}
