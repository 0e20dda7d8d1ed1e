/**
 * Validation of the 0xfe-prefixed instructions of the threads proposal: wait/notify, the
 * fence, and the atomic loads, stores and read-modify-writes.
 *
 * From 0x10 to 0x4e the opcodes come in nine families of seven (load, store, rmw add, sub,
 * and, or, xor, xchg, cmpxchg), and every family lists the same seven widths in the same
 * order: i32, i64, i32 8-bit, i32 16-bit, i64 8-bit, i64 16-bit, i64 32-bit. So the family is
 * `(subop - 0x10) / 7` and the width `(subop - 0x10) % 7`, and two seven-entry tables give the
 * value type and the natural alignment. Atomic accesses must be naturally aligned exactly
 * (threads proposal, "Alignment"), hence `readMemarg(n, true)`.
 */
import { I32, I64 } from '../types/val-type.js';
import type { ValType } from '../types/val-type.js';
import { unreachable } from '../util/assert-never.js';
import type { OperatorContext } from './operator-context.js';

const MEMORY_ATOMIC_NOTIFY = 0x00;
const MEMORY_ATOMIC_WAIT32 = 0x01;
const MEMORY_ATOMIC_WAIT64 = 0x02;
const ATOMIC_FENCE = 0x03;
/** The first access opcode (i32.atomic.load). */
const FIRST_ACCESS = 0x10;
/** The last access opcode (i64.atomic.rmw32.cmpxchg_u). */
const LAST_ACCESS = 0x4e;
/** Opcodes per family: one per width. */
const WIDTHS = 7;

// Families, numbered by `(subop - FIRST_ACCESS) / WIDTHS`; 2..7 (add, sub, and, or, xor,
// xchg) share the read-modify-write shape.
const FAMILY_LOAD = 0;
const FAMILY_STORE = 1;
const FAMILY_CMPXCHG = 8;

/** Per width: whether the operand and result type is i64 (else i32). */
const WIDTH_IS_I64 = Uint8Array.of(0, 1, 0, 0, 1, 1, 1);
/** Per width: the natural alignment, log2 of the access size in bytes. */
const WIDTH_ALIGN = Uint8Array.of(2, 3, 0, 1, 0, 1, 2);

/**
 * Validates one 0xfe-prefixed instruction: reads its immediates from `ctx.reader` (positioned
 * after the subopcode) and applies its type to the operand stack. Atomics are valid on
 * unshared memories too (they then behave as ordinary accesses, and `wait` traps).
 *
 * @param subop The u32 subopcode the caller already read.
 * @param ctx The function-body validator's operand stack and module context.
 * @param offset The offset of the 0xfe prefix byte, where opcode-level errors are reported.
 * @throws ValidationError `unknown 0xfe subopcode: 0x..` (at `offset`) for an unassigned
 *   subopcode; `threads support is not enabled` (at `offset`) when the feature is off;
 *   `nonzero byte after \`atomic.fence\`` at that byte; and whatever `ctx.readMemarg`,
 *   `ctx.popOperand` and the reader throw (alignment not natural, missing memory, type
 *   mismatches, truncated immediates).
 */
export function validateAtomicOperator(subop: number, ctx: OperatorContext, offset: number): void {
  if (subop > ATOMIC_FENCE && (subop < FIRST_ACCESS || subop > LAST_ACCESS)) {
    ctx.fail(`unknown 0xfe subopcode: 0x${subop.toString(16)}`, offset);
  }
  if (!ctx.module.features.threads) ctx.fail('threads support is not enabled', offset);

  switch (subop) {
    case MEMORY_ATOMIC_NOTIFY: {
      // [addr i32(count)] -> [i32(woken)]
      const memarg = ctx.readMemarg(2, true);
      ctx.popOperand(I32);
      ctx.popOperand(memarg.indexType);
      ctx.pushOperand(I32);
      return;
    }
    case MEMORY_ATOMIC_WAIT32:
    case MEMORY_ATOMIC_WAIT64: {
      // [addr expected i64(timeout)] -> [i32(result)]
      const is64 = subop === MEMORY_ATOMIC_WAIT64;
      const memarg = ctx.readMemarg(is64 ? 3 : 2, true);
      ctx.popOperand(I64);
      ctx.popOperand(is64 ? I64 : I32);
      ctx.popOperand(memarg.indexType);
      ctx.pushOperand(I32);
      return;
    }
    case ATOMIC_FENCE: {
      // The byte is reserved for a future memory-ordering immediate.
      const reader = ctx.reader;
      const at = reader.offset;
      if (reader.readU8() !== 0) ctx.fail('nonzero byte after `atomic.fence`', at);
      return;
    }
    default:
      return validateAccess(subop - FIRST_ACCESS, ctx);
  }
}

/**
 * Validates a load, store or read-modify-write; `index` is `subop - 0x10`, already known to
 * be in range.
 */
function validateAccess(index: number, ctx: OperatorContext): void {
  const family = (index / WIDTHS) | 0;
  const width = index - family * WIDTHS;
  const type: ValType = WIDTH_IS_I64[width] === 1 ? I64 : I32;
  const memarg = ctx.readMemarg(WIDTH_ALIGN[width] as number, true);
  switch (family) {
    case FAMILY_LOAD:
      // [addr] -> [t]
      ctx.popOperand(memarg.indexType);
      ctx.pushOperand(type);
      return;
    case FAMILY_STORE:
      // [addr t] -> []
      ctx.popOperand(type);
      ctx.popOperand(memarg.indexType);
      return;
    case FAMILY_CMPXCHG:
      // [addr t(expected) t(replacement)] -> [t(loaded)]
      ctx.popOperand(type);
      ctx.popOperand(type);
      ctx.popOperand(memarg.indexType);
      ctx.pushOperand(type);
      return;
    default:
      if (family > FAMILY_CMPXCHG) return unreachable(`atomic family ${family} out of range`);
      // rmw add, sub, and, or, xor, xchg: [addr t] -> [t]
      ctx.popOperand(type);
      ctx.popOperand(memarg.indexType);
      ctx.pushOperand(type);
      return;
  }
}
