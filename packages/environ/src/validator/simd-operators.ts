// Placeholder so this worktree compiles; the SIMD operator validator replaces this file at merge.
import { ValidationError } from '../error.js';
import type { OperatorContext } from './operator-context.js';

/**
 * Validates the `0xfd` operator with subopcode `subop`; `offset` is the prefix byte's offset.
 * @throws ValidationError always, until the SIMD validator lands
 */
export function validateSimdOperator(subop: number, ctx: OperatorContext, offset: number): void {
  void subop;
  void ctx;
  throw new ValidationError('SIMD operators are not validated yet', offset);
}
