import type { BinaryReader } from '../binary/binary-reader.js';
import type { ValType } from '../types/val-type.js';
import type { ModuleValidationContext } from './module-context.js';

/** A memory operand after validation of its `memarg` immediate. */
export interface MemArg {
  /** The memory index (0 unless multi-memory's bit 6 of the alignment flags names another). */
  readonly memory: number;
  /** I32, or I64 for a memory64 memory: the type of the address operand. */
  readonly indexType: ValType;
  readonly alignLog2: number;
  readonly shared: boolean;
}

/**
 * The operand-stack interface that instruction validators for prefixed opcode families
 * (0xfd SIMD, 0xfe atomics) use. The function-body validator implements it; stack
 * polymorphism after `unreachable` is handled inside `popOperand`.
 */
export interface OperatorContext {
  readonly reader: BinaryReader;
  readonly module: ModuleValidationContext;
  /** Pops one operand, which must match `expected`; throws a `type mismatch` error otherwise. */
  popOperand(expected: ValType): void;
  pushOperand(type: ValType): void;
  /**
   * Reads a memarg immediate and checks it: the memory exists, and the alignment is at most
   * `maxAlignLog2` (or exactly it when `exact`, as atomics require).
   */
  readMemarg(maxAlignLog2: number, exact: boolean): MemArg;
  /** Throws a `ValidationError` at `offset` (an offset into the original binary). */
  fail(reason: string, offset: number): never;
}
