// Moving handles between two component instances' tables, for canonical code that connects two
// guests without the host in between (fused adapters): a value of type `own<T>` or `borrow<T>`
// is lifted from the caller's table and lowered into the callee's (params), or the other way
// (results, which are only ever own). Both sides name the same runtime type `type`.

import type { CallScope } from './call-scope.js';
import type { HandleTable } from './handle-table.js';
import type { RuntimeResourceType } from './runtime-resource-type.js';

/**
 * Moves own handle `index` of `type` from table `from` to a new own handle in table `to`
 * (CanonicalABI.md `lift_own` in `from`, then `lower_own` in `to`) and returns the new index.
 * @throws Trap when `index` is unknown in `from`, of another type, lent, or a borrow; or when
 *   `to` is full
 */
export function transferOwn(from: HandleTable, index: number, to: HandleTable, type: RuntimeResourceType): number {
  return to.lowerOwn(type, from.liftOwn(index, type));
}

/**
 * Lends handle `index` of `type` in table `from` to table `to` for the call `scope`
 * (CanonicalABI.md `lift_borrow` in `from`, then `lower_borrow` in `to`) and returns what the
 * callee receives: the rep when `to` implements `type`, else a new borrow handle in `to`, which
 * the callee must drop before `scope.exit()`.
 * @throws Trap when `index` is unknown in `from` or of another type; or when `to` is full
 */
export function lendBorrow(from: HandleTable, index: number, to: HandleTable, type: RuntimeResourceType, scope: CallScope): number {
  return to.lowerBorrow(type, from.liftBorrow(index, type, scope), scope);
}
