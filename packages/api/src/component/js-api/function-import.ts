// JS-Reference.md "read the function import": a JS callable becomes the host function of a
// component function import. The embedding API converts the values; this decides how the
// callable is called (a constructor, a method on its `self` argument, or a plain call on a
// receiver) and unwraps a `result` result: a return is `ok`, a throw is `error`. Any other
// exception, and a return value that does not convert, is a trap.

import type { ComponentHostFunc } from '../linker-instance.js';
import type { ComponentStore } from './component-store.js';
import { HostTrap } from './host-trap.js';
import { linkError } from './wasm-errors.js';
import { describeValue } from './js-path.js';
import type { PlainName } from './names.js';
import type { ResultShape } from './result-shape.js';

// ECMA-262 IsConstructor, observed without calling `value`: `Reflect.construct` checks its
// `newTarget` is a constructor before it runs anything.
function isConstructor(value: Function): boolean {
  try {
    Reflect.construct(Object, [], value);
    return true;
  } catch {
    return false;
  }
}

/**
 * The host function for import `where` (a JS path, for messages), called as `name` says.
 * @param staticReceiver the `this` of a plain or static call
 * @throws WebAssembly.LinkError when `importValue` is not callable, or not a constructor for a
 *   `[constructor]` import
 */
export function functionImport(cs: ComponentStore, importValue: unknown, name: PlainName | null, staticReceiver: unknown, shape: ResultShape, where: string): ComponentHostFunc<undefined> {
  if (typeof importValue !== 'function') throw linkError(`${where} must be a function, found ${describeValue(importValue)}`);
  const construct = name !== null && name.kind === 'constructor';
  if (construct && !isConstructor(importValue)) throw linkError(`${where} must be a constructor`);
  // A `[method]`'s receiver is its first component argument, the `self` borrow.
  const method = name !== null && name.kind === 'method' && name.scope === 'method';
  const callable = importValue;
  return (_store, ...args) => {
    cs.hostCalls++;
    let value: unknown;
    try {
      if (construct) value = Reflect.construct(callable, args);
      else if (method) value = Reflect.apply(callable, args[0], args.slice(1));
      else value = Reflect.apply(callable, staticReceiver, args);
    } catch (error) {
      // The host call locked the store down (a trap in a call back into it): no guest code of
      // the store may run again, so the guest does not see this call return.
      if (cs.lockedDown) throw new HostTrap(`${where} returned to a component instance that was locked down during the call`, error);
      if (!shape.throwing) throw new HostTrap(`${where} threw an exception`, error);
      return shape.hasErr ? { kind: 'Err', value: error } : { kind: 'Err' };
    }
    if (cs.lockedDown) throw new HostTrap(`${where} returned to a component instance that was locked down during the call`, undefined);
    if (!shape.throwing) return shape.hasOk ? value : undefined;
    return shape.hasOk ? { kind: 'Ok', value } : { kind: 'Ok' };
  };
}
