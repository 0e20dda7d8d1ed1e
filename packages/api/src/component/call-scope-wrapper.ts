// A lowered import whose signature passes handles runs in its own call scope: the lends of the
// guest's own handles it borrows end, and the borrows given to the host die, when it returns
// (CanonicalABI.md: the `Subtask` of `canon lower` resolves). Only such lowerings are wrapped,
// so the others keep their direct call.

import type { InstanceResources } from '@tswasm/runtime';

/**
 * `lowered` wrapped in a call scope of `resources`. Small arities get a fixed-arity wrapper: a
 * rest-parameter spread costs about as much as the call itself.
 */
export function withCallScope(resources: InstanceResources, lowered: Function): Function {
  switch (lowered.length) {
    case 1:
      return (a: unknown): unknown => {
        const scope = resources.enterCall();
        let result: unknown;
        try {
          result = lowered(a);
        } catch (error) {
          resources.abandonCall(scope);
          throw error;
        }
        resources.exitCall(scope);
        return result;
      };
    default:
      return (...args: unknown[]): unknown => {
        const scope = resources.enterCall();
        let result: unknown;
        try {
          result = lowered(...args);
        } catch (error) {
          resources.abandonCall(scope);
          throw error;
        }
        resources.exitCall(scope);
        return result;
      };
  }
}
