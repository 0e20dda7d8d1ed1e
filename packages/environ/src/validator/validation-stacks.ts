/**
 * The operand and control stacks of the spec's validation algorithm (appendix "Validation
 * Algorithm": `push_val`/`pop_val`, `push_ctrl`/`pop_ctrl`, `unreachable`), as the base of
 * `FunctionBodyValidator`, which adds instruction decoding on top.
 *
 * Why this shape: the operand stack is a `number[]` of packed `ValType`s with a separate
 * length, and the control stack is a set of parallel arrays; neither ever shrinks, so a
 * validator reused for every body of a module allocates nothing per instruction. The unknown
 * ("bottom") type of unreachable code is the number 0, which no real type uses. Members are
 * TypeScript-`private`/`protected` rather than `#private`: `#` fields compile to keyed loads
 * that warm up measurably slower in this hot loop.
 */
import { ValidationError } from '../error.js';
import { valTypeToString, type ValType } from '../types/val-type.js';
import type { ModuleValidationContext } from './module-context.js';
import { isSubtype } from './module-lookups.js';

// Control frame kinds: what pushed a frame decides where a branch to it goes and which
// instructions may close it.
/** `block`, and the function's own frame. */
export const FRAME_BLOCK = 0;
/** `loop`: branches carry its params. */
export const FRAME_LOOP = 1;
/** `if`: `end` without `else` checks that params equal results. */
export const FRAME_IF = 2;
/** The `else` half of an `if`. */
export const FRAME_ELSE = 3;
/** `try_table`. */
export const FRAME_TRY_TABLE = 4;
/** Legacy `try`, before any `catch`. */
export const FRAME_LEGACY_TRY = 5;
/** Legacy `catch`: a `rethrow` target. */
export const FRAME_LEGACY_CATCH = 6;
/** Legacy `catch_all`: a `rethrow` target. */
export const FRAME_LEGACY_CATCH_ALL = 7;

/** The bottom type of unreachable code: matches every expected type. */
export const UNKNOWN = 0;

/**
 * The empty result type, shared. Not frozen: a frozen array has its own hidden class, and
 * the stacks read every type list in the hot loop, where one shape (a packed small-integer
 * array, like the type section's lists) keeps those reads monomorphic.
 */
export const EMPTY: readonly ValType[] = [];

/**
 * Bound on the operand stack. One instruction can push up to 1,000 results, so a hostile body
 * of repeated multi-result calls could otherwise ask for billions of slots; no real function
 * comes near this.
 */
const MAX_OPERAND_STACK = 1 << 24;

/** Operand and control stacks, with the error helpers every instruction check uses. */
export abstract class ValidationStacks {
  /**
   * The module around the bodies being validated (the spec's context C). `declare`d, so that
   * it is not first defined as `undefined` (see `FunctionBodyValidator`).
   */
  declare readonly module: ModuleValidationContext;

  /** The operand stack: `ops[0..opsLen)`. Entries are `ValType`s or `UNKNOWN`. */
  protected readonly ops: number[] = [];
  protected opsLen = 0;

  // The control stack, as parallel arrays `[0..ctrlLen)`.
  protected readonly ctrlKind: number[] = [];
  protected readonly ctrlHeight: number[] = [];
  protected readonly ctrlUnreachable: boolean[] = [];
  protected readonly ctrlParams: (readonly ValType[])[] = [];
  protected readonly ctrlResults: (readonly ValType[])[] = [];
  protected ctrlLen = 0;
  // Height and unreachable flag of the innermost frame, kept out of the arrays because every
  // pop reads them. The array slot of the innermost frame is refreshed when a frame is pushed.
  protected curHeight = 0;
  protected curUnreachable = false;

  /** Offset in the original binary of the instruction being validated. */
  protected opOffset = 0;

  constructor(ctx: ModuleValidationContext) {
    this.module = ctx;
  }

  /** Pushes one operand. */
  pushOperand(type: ValType): void {
    this.ops[this.opsLen++] = type;
  }

  /**
   * Pops one operand, which must match `expected`.
   * @throws ValidationError `type mismatch` at the current instruction
   */
  popOperand(expected: ValType): void {
    const len = this.opsLen;
    if (len > this.curHeight) {
      const actual = this.ops[len - 1];
      if (actual === expected || actual === UNKNOWN) {
        this.opsLen = len - 1;
        return;
      }
    }
    this.popOperandSlow(expected);
  }

  /** Empties both stacks for the next body. */
  protected resetStacks(): void {
    this.opsLen = 0;
    this.ctrlLen = 0;
    this.curHeight = 0;
    this.curUnreachable = false;
  }

  private popOperandSlow(expected: ValType): void {
    const len = this.opsLen;
    if (len === this.curHeight) {
      if (this.curUnreachable) return;
      this.failAtOp(`type mismatch: expected ${valTypeToString(expected)} but nothing on stack`);
    }
    const actual = this.ops[len - 1] as number;
    this.opsLen = len - 1;
    if (actual === UNKNOWN || isSubtype(this.module, actual, expected)) return;
    this.failAtOp(`type mismatch: expected ${valTypeToString(expected)}, found ${valTypeToString(actual as ValType)}`);
  }

  /** Pops any operand; returns its type, or `UNKNOWN` in unreachable code. */
  protected popAny(): number {
    const len = this.opsLen;
    if (len > this.curHeight) {
      this.opsLen = len - 1;
      return this.ops[len - 1] as number;
    }
    if (this.curUnreachable) return UNKNOWN;
    return this.failAtOp('type mismatch: expected a type but nothing on stack');
  }

  /** Pops `types`, last first. */
  protected popAll(types: readonly ValType[]): void {
    for (let i = types.length - 1; i >= 0; i--) this.popOperand(types[i] as ValType);
  }

  /** Pushes `types`, first first. */
  protected pushAll(types: readonly ValType[]): void {
    const n = types.length;
    if (n === 0) return;
    if (this.opsLen + n > MAX_OPERAND_STACK) this.failAtOp('implementation limit: operand stack too deep');
    const ops = this.ops;
    let len = this.opsLen;
    for (let i = 0; i < n; i++) ops[len++] = types[i] as number;
    this.opsLen = len;
  }

  /** Checks that the top of the stack matches `types` without popping (for `br_table`). */
  protected matchStackTop(types: readonly ValType[]): void {
    const n = types.length;
    const ops = this.ops;
    const len = this.opsLen;
    for (let i = 0; i < n; i++) {
      const expected = types[n - 1 - i] as ValType;
      const at = len - 1 - i;
      if (at < this.curHeight) {
        if (this.curUnreachable) return;
        this.failAtOp(`type mismatch: expected ${valTypeToString(expected)} but nothing on stack`);
      }
      const actual = ops[at] as number;
      if (actual !== UNKNOWN && actual !== expected) this.expectSubtype(actual as ValType, expected);
    }
  }

  /** Opens a frame whose params were already popped, and pushes them again inside it. */
  protected pushCtrl(kind: number, params: readonly ValType[], results: readonly ValType[]): void {
    const n = this.ctrlLen;
    if (n > 0) this.ctrlUnreachable[n - 1] = this.curUnreachable;
    const height = this.opsLen;
    this.ctrlKind[n] = kind;
    this.ctrlHeight[n] = height;
    this.ctrlUnreachable[n] = false;
    this.ctrlParams[n] = params;
    this.ctrlResults[n] = results;
    this.ctrlLen = n + 1;
    this.curHeight = height;
    this.curUnreachable = false;
    this.pushAll(params);
  }

  /** Pops the innermost frame after checking its results; its array slots stay readable. */
  protected popCtrl(): void {
    const top = this.ctrlLen - 1;
    this.popAll(this.ctrlResults[top] as readonly ValType[]);
    if (this.opsLen !== this.curHeight) this.failAtOp('type mismatch: values remaining on stack at end of block');
    this.ctrlLen = top;
    if (top > 0) {
      this.curHeight = this.ctrlHeight[top - 1] as number;
      this.curUnreachable = this.ctrlUnreachable[top - 1] as boolean;
    }
  }

  /** The rest of the innermost frame is unreachable: its stack becomes polymorphic. */
  protected setUnreachable(): void {
    this.opsLen = this.curHeight;
    this.curUnreachable = true;
  }

  protected checkDepth(depth: number): void {
    if (depth >= this.ctrlLen) this.failAtOp('unknown label: branch depth too large');
  }

  /** The types a branch to label `depth` carries: a loop's params, any other frame's results. */
  protected labelTypes(depth: number): readonly ValType[] {
    if (depth >= this.ctrlLen) this.failAtOp('unknown label: branch depth too large');
    const index = this.ctrlLen - 1 - depth;
    return (this.ctrlKind[index] === FRAME_LOOP ? this.ctrlParams[index] : this.ctrlResults[index]) as readonly ValType[];
  }

  protected expectSubtype(actual: ValType, expected: ValType): void {
    if (!isSubtype(this.module, actual, expected)) {
      this.failAtOp(`type mismatch: expected ${valTypeToString(expected)}, found ${valTypeToString(actual)}`);
    }
  }

  /** Throws at the current instruction's offset. */
  protected failAtOp(reason: string): never {
    throw new ValidationError(reason, this.opOffset);
  }
}
