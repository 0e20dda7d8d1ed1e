// JS-Reference.md "create a JS function for a component function" and "invoke a component
// function": the JS function an export becomes. The embedding `Func` converts the values
// (ToComponentValue / ToJSValue, in generated code); this adds what the JS API puts around a
// call: missing arguments as `undefined`, a `result` unwrapped into a return or a thrown
// `ComponentError`, and the store's lockdown after a trap.

import { Trap } from '@tswasm/runtime';
import type { Func } from '../func.js';
import type { Instance } from '../instance.js';
import { ComponentError } from './component-error.js';
import type { ComponentStore } from './component-store.js';
import { HostTrap } from './host-trap.js';
import { resultShape, type ResultShape } from './result-shape.js';

/** A `result` as the embedding API returns it. */
interface ResultValue {
  readonly kind: 'Ok' | 'Err';
  readonly value?: unknown;
}

// What a failed call throws, and whether the store is locked down. JS-Reference.md: a trap
// locks the store down and throws a `WebAssembly.RuntimeError`; a conversion that throws after
// the guest was entered locks it down too but its own exception propagates; one that throws
// before leaves the instance untouched.
function failedCall(cs: ComponentStore, func: Func, error: unknown, hostCallsBefore: number, tableWritesBefore: number): unknown {
  // A host trap, a guest trap, or the canonical ABI refusing to enter (re-entrance, an instance
  // that failed).
  if (error instanceof HostTrap || error instanceof Trap) return cs.trapFrom(error);
  // A handle added to the guest's table (or an own taken out of a JS object) enters the guest
  // as much as `realloc` does.
  if (!func.enteredGuest && cs.resources.tableWrites === tableWritesBefore) return error;
  // Arguments are all converted before the guest's function runs, so a TypeError from before
  // any host call is an argument that failed after `realloc` ran: the original propagates.
  if (error instanceof TypeError && cs.hostCalls === hostCallsBefore) {
    cs.lockDown();
    return error;
  }
  // A canonical-ABI violation by the guest (wasmtime reports those without a trap code), or a
  // host result that did not convert.
  return cs.trapFrom(error);
}

/**
 * Calls `func` with `values` in `cs`'s store, per JS-Reference.md "invoke a component
 * function" (without the `result` unwrapping).
 * @throws WebAssembly.RuntimeError when the store is locked down, or the call traps (the store
 *   is then locked down)
 * @throws TypeError when an argument does not convert
 */
export function invokeComponentFunction(cs: ComponentStore, func: Func, name: string, values: unknown[]): unknown {
  if (cs.lockedDown) throw cs.trap(`cannot call \`${name}\`: the component instance is locked down after a trap`);
  const hostCallsBefore = cs.hostCalls;
  const tableWritesBefore = cs.resources.tableWrites;
  // The call's lender list: what it lends goes back when it returns, whichever way.
  const loanMark = cs.resources.beginCall();
  try {
    return func.call(cs.store, values);
  } catch (error) {
    throw failedCall(cs, func, error, hostCallsBefore, tableWritesBefore);
  } finally {
    cs.resources.endCall(loanMark);
  }
}

/**
 * JS-Reference.md "create a JS function for a component function": a function named `name`
 * whose `length` is the parameter count (less `self` when `takesSelf`), which calls `func`
 * and unwraps a `result` return into a return value or a thrown `ComponentError`. It is not a
 * constructor, as a built-in function is not.
 */
export function exportFunction(cs: ComponentStore, func: Func, shape: ResultShape, name: string, takesSelf: boolean): (...args: unknown[]) => unknown {
  const paramCount = func.type.params.length;
  const formalCount = takesSelf ? paramCount - 1 : paramCount;
  // A method definition, so that the function has a `this` but no [[Construct]].
  const holder = {
    call(this: unknown, ...args: unknown[]): unknown {
      let values = takesSelf ? [this, ...args] : args;
      // Missing arguments are `undefined`; extra ones are not read.
      if (values.length !== paramCount) {
        values = values.slice(0, paramCount);
        while (values.length < paramCount) values.push(undefined);
      }
      const result = invokeComponentFunction(cs, func, name, values);
      if (!shape.throwing) return shape.hasOk ? result : undefined;
      const { kind, value } = result as ResultValue;
      if (kind === 'Err') throw new ComponentError(`\`${name}\` returned an error`, shape.hasErr ? value : undefined);
      return shape.hasOk ? value : undefined;
    },
  };
  const fn = holder.call;
  Object.defineProperty(fn, 'name', { value: name });
  Object.defineProperty(fn, 'length', { value: formalCount });
  return fn;
}

/**
 * `exportFunction` for the lifted function export at `path` (export names through exported
 * instances) of `instance`.
 */
export function exportFunctionAt(cs: ComponentStore, instance: Instance, path: readonly string[], name: string, takesSelf: boolean): (...args: unknown[]) => unknown {
  const func = instance.getFunc(cs.store, path);
  if (func === null) throw new TypeError(`internal error: no function export \`${path.join('/')}\``);
  return exportFunction(cs, func, resultShape(instance.component.translation.component.types, func.type), name, takesSelf);
}
