// Placeholder so this worktree compiles; the atomics operator validator replaces this file at merge.
import { ValidationError } from '../error.js';
import type { OperatorContext } from './operator-context.js';

/**
 * Validates the `0xfe` operator with subopcode `subop`; `offset` is the prefix byte's offset.
 * @throws ValidationError always, until the atomics validator lands
 */
export function validateAtomicOperator(subop: number, ctx: OperatorContext, offset: number): void {
  void subop;
  void ctx;
  throw new ValidationError('atomic operators are not validated yet', offset);
}
