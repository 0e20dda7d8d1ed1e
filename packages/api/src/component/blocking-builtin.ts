// The core function of a built-in that may block, `(i32 × arity) -> i32` as all of them are:
// through the scheduler's blocking glue where the host has JSPI, so that a block suspends the
// caller's fiber; as is otherwise, blocking on the JS stack.

import { I32 } from '@tswasm/environ';
import type { FiberGlue } from '@tswasm/runtime';

/** `fn`, a built-in of `arity` i32 parameters and an i32 result, made blocking through `glue` (if any). */
export function blockingBuiltin(glue: FiberGlue | null, arity: number, fn: (...flat: number[]) => number | undefined): Function {
  if (glue === null) return fn;
  return glue.blocking(fn, { kind: 'func', params: Array.from({ length: arity }, () => I32), results: [I32] });
}
