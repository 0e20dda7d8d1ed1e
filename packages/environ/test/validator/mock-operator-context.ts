// A stand-in OperatorContext for testing the prefixed-opcode validators (0xfd SIMD, 0xfe
// atomics) without the function-body validator.

import { expect } from 'chai';
import { ALL_SUPPORTED_FEATURES, BinaryReader, I32, I64, ValidationError, valTypeToString } from '../../src/index.js';
import type { MemArg, MemoryType, ModuleValidationContext, OperatorContext, ValType, WasmFeatures } from '../../src/index.js';

// The prefix sits at PREFIX_OFFSET, the one-byte subopcode after it, and the immediates
// start at IMMEDIATE_OFFSET.
export const PREFIX_OFFSET = 100;
export const IMMEDIATE_OFFSET = 102;

/**
 * A stand-in for the function-body validator: a plain operand stack that throws on a
 * mismatch, and a memarg reader that checks the memory and the alignment.
 */
export class MockOperatorContext implements OperatorContext {
  readonly reader: BinaryReader;
  readonly module: ModuleValidationContext;
  readonly stack: ValType[];

  constructor(immediates: readonly number[], stack: ValType[], features: WasmFeatures, memories: MemoryType[]) {
    this.reader = new BinaryReader(Uint8Array.from(immediates), 0, immediates.length, IMMEDIATE_OFFSET);
    this.stack = stack;
    this.module = {
      features,
      types: [],
      funcTypeIndices: [],
      tables: [],
      memories,
      globals: [],
      tags: [],
      elemTypes: [],
      dataCount: null,
      declaredFuncRefs: new Set(),
    };
  }

  popOperand(expected: ValType): void {
    const found = this.stack.pop();
    if (found === undefined) this.fail(`type mismatch: expected ${valTypeToString(expected)} but nothing on stack`, this.reader.offset);
    if (found !== expected) {
      this.fail(`type mismatch: expected ${valTypeToString(expected)}, found ${valTypeToString(found)}`, this.reader.offset);
    }
  }

  pushOperand(type: ValType): void {
    this.stack.push(type);
  }

  readMemarg(maxAlignLog2: number, exact: boolean): MemArg {
    const at = this.reader.offset;
    const flags = this.reader.readVarU32();
    this.reader.readVarU32();
    const memory = this.module.memories[0];
    if (memory === undefined) this.fail('unknown memory 0', at);
    if (exact ? flags !== maxAlignLog2 : flags > maxAlignLog2) {
      this.fail(exact ? 'alignment must be equal to natural' : 'alignment must not be larger than natural', at);
    }
    return { memory: 0, indexType: memory.is64 ? I64 : I32, alignLog2: flags, shared: memory.shared };
  }

  fail(reason: string, offset: number): never {
    throw new ValidationError(reason, offset);
  }
}

export const MEMORY32: MemoryType = { limits: { min: 1, max: null }, shared: false, is64: false, pageSizeLog2: 16 };
export const MEMORY64: MemoryType = { ...MEMORY32, is64: true };

export interface Run {
  readonly imm?: readonly number[];
  readonly stack?: ValType[];
  readonly features?: WasmFeatures;
  readonly memories?: MemoryType[];
}

/** The validator of one prefixed opcode family, as the function-body validator calls it. */
export type PrefixedOperatorValidator = (subop: number, ctx: OperatorContext, offset: number) => void;

/** `validate` and `expectReject` for one opcode family. */
export function operatorHarness(validator: PrefixedOperatorValidator): {
  validate(subop: number, run?: Run): MockOperatorContext;
  expectReject(subop: number, run: Run, reason: string, offset: number): void;
} {
  /** Validates `subop` and returns the context, whose stack then holds the result. */
  function validate(subop: number, run: Run = {}): MockOperatorContext {
    const ctx = new MockOperatorContext(run.imm ?? [], run.stack ?? [], run.features ?? ALL_SUPPORTED_FEATURES, run.memories ?? [MEMORY32]);
    validator(subop, ctx, PREFIX_OFFSET);
    return ctx;
  }

  /** Expects `subop` to be rejected with `reason` at `offset`. */
  function expectReject(subop: number, run: Run, reason: string, offset: number): void {
    let error: unknown;
    try {
      validate(subop, run);
    } catch (e) {
      error = e;
    }
    if (!(error instanceof ValidationError)) return expect.fail(`expected a ValidationError, got ${String(error)}`);
    expect({ reason: error.reason, offset: error.offset }).to.deep.equal({ reason, offset });
  }

  return { validate, expectReject };
}
