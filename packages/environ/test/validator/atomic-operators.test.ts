import { expect } from 'chai';
import {
  ALL_SUPPORTED_FEATURES,
  BinaryReader,
  I32,
  I64,
  ValidationError,
  WASM2_FEATURES,
  validateAtomicOperator,
  valTypeToString,
} from '../../src/index.js';
import type {
  MemArg,
  MemoryType,
  ModuleValidationContext,
  OperatorContext,
  ValType,
  WasmFeatures,
} from '../../src/index.js';

// The 0xfe prefix sits at PREFIX_OFFSET, the one-byte subopcode after it, and the immediates
// start at IMMEDIATE_OFFSET.
const PREFIX_OFFSET = 100;
const IMMEDIATE_OFFSET = 102;

/**
 * A stand-in for the function-body validator: a plain operand stack that throws on a
 * mismatch, and a memarg reader that checks the memory and the alignment.
 */
class MockOperatorContext implements OperatorContext {
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

const MEMORY32: MemoryType = { limits: { min: 1, max: null }, shared: false, is64: false, pageSizeLog2: 16 };
const MEMORY64: MemoryType = { ...MEMORY32, is64: true };

interface Run {
  readonly imm?: readonly number[];
  readonly stack?: ValType[];
  readonly features?: WasmFeatures;
  readonly memories?: MemoryType[];
}

/** Validates `subop` and returns the context, whose stack then holds the result. */
function validate(subop: number, run: Run = {}): MockOperatorContext {
  const ctx = new MockOperatorContext(run.imm ?? [], run.stack ?? [], run.features ?? ALL_SUPPORTED_FEATURES, run.memories ?? [MEMORY32]);
  validateAtomicOperator(subop, ctx, PREFIX_OFFSET);
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

const SHARED: MemoryType = { limits: { min: 1, max: 1 }, shared: true, is64: false, pageSizeLog2: 16 };

describe('validateAtomicOperator', () => {
  describe('wait and notify', () => {
    it('types memory.atomic.notify as [i32 i32] -> [i32] with 4-byte alignment', () => {
      const ctx = validate(0x00, { imm: [2, 0], stack: [I32, I32] });
      expect(ctx.stack).to.deep.equal([I32]);
      expect(ctx.reader.eof).to.equal(true);
    });
    it('types memory.atomic.wait32 as [i32 i32 i64] -> [i32]', () => {
      expect(validate(0x01, { imm: [2, 0], stack: [I32, I32, I64] }).stack).to.deep.equal([I32]);
      expectReject(0x01, { imm: [2, 0], stack: [I32, I64, I64] }, 'type mismatch: expected i32, found i64', IMMEDIATE_OFFSET + 2);
    });
    it('types memory.atomic.wait64 as [i32 i64 i64] -> [i32] with 8-byte alignment', () => {
      expect(validate(0x02, { imm: [3, 0], stack: [I32, I64, I64] }).stack).to.deep.equal([I32]);
      expectReject(0x02, { imm: [2, 0], stack: [I32, I64, I64] }, 'alignment must be equal to natural', IMMEDIATE_OFFSET);
    });
    it('pops a memory64 address as i64', () => {
      expect(validate(0x00, { imm: [2, 0], stack: [I64, I32], memories: [MEMORY64] }).stack).to.deep.equal([I32]);
    });
  });

  describe('atomic.fence', () => {
    it('reads one zero byte and leaves the stack alone', () => {
      const ctx = validate(0x03, { imm: [0], stack: [I64] });
      expect(ctx.stack).to.deep.equal([I64]);
      expect(ctx.reader.eof).to.equal(true);
    });
    it('rejects a nonzero byte at that byte', () => {
      expectReject(0x03, { imm: [1] }, 'nonzero byte after `atomic.fence`', IMMEDIATE_OFFSET);
    });
    it('rejects a missing byte as the end of input', () => {
      expect(() => validate(0x03)).to.throw(ValidationError, 'unexpected end-of-file').with.property('offset', IMMEDIATE_OFFSET);
    });
  });

  describe('loads, stores and read-modify-writes', () => {
    it('types loads as [i32] -> [t] with their natural alignment', () => {
      const loads: [number, ValType, number][] = [
        [0x10, I32, 2], [0x11, I64, 3], [0x12, I32, 0], [0x13, I32, 1], [0x14, I64, 0], [0x15, I64, 1], [0x16, I64, 2],
      ];
      for (const [subop, type, align] of loads) {
        expect(validate(subop, { imm: [align, 4], stack: [I32] }).stack).to.deep.equal([type]);
      }
    });
    it('types stores as [i32 t] -> []', () => {
      const stores: [number, ValType, number][] = [
        [0x17, I32, 2], [0x18, I64, 3], [0x19, I32, 0], [0x1a, I32, 1], [0x1b, I64, 0], [0x1c, I64, 1], [0x1d, I64, 2],
      ];
      for (const [subop, type, align] of stores) {
        expect(validate(subop, { imm: [align, 0], stack: [I32, type] }).stack).to.deep.equal([]);
      }
      expectReject(0x18, { imm: [3, 0], stack: [I32, I32] }, 'type mismatch: expected i64, found i32', IMMEDIATE_OFFSET + 2);
    });
    it('types rmw add, sub, and, or, xor and xchg as [i32 t] -> [t]', () => {
      const rmws: [number, ValType, number][] = [
        [0x1e, I32, 2], [0x1f, I64, 3], [0x24, I64, 2], // add
        [0x25, I32, 2], [0x2b, I64, 2], // sub
        [0x2e, I32, 0], [0x32, I64, 2], // and
        [0x33, I32, 2], [0x37, I64, 0], // or
        [0x3a, I32, 2], [0x3f, I64, 1], // xor
        [0x41, I32, 2], [0x42, I64, 3], [0x44, I32, 1], [0x47, I64, 2], // xchg
      ];
      for (const [subop, type, align] of rmws) {
        expect(validate(subop, { imm: [align, 0], stack: [I32, type] }).stack).to.deep.equal([type]);
      }
    });
    it('types cmpxchg as [i32 t t] -> [t]', () => {
      const cmpxchgs: [number, ValType, number][] = [
        [0x48, I32, 2], [0x49, I64, 3], [0x4a, I32, 0], [0x4b, I32, 1], [0x4c, I64, 0], [0x4d, I64, 1], [0x4e, I64, 2],
      ];
      for (const [subop, type, align] of cmpxchgs) {
        expect(validate(subop, { imm: [align, 0], stack: [I32, type, type] }).stack).to.deep.equal([type]);
      }
      expectReject(0x49, { imm: [3, 0], stack: [I32, I64] }, 'type mismatch: expected i64, found i32', IMMEDIATE_OFFSET + 2);
    });
    it('asks for exactly the natural alignment, neither less nor more', () => {
      expectReject(0x11, { imm: [2, 0], stack: [I32] }, 'alignment must be equal to natural', IMMEDIATE_OFFSET);
      expectReject(0x13, { imm: [0, 0], stack: [I32] }, 'alignment must be equal to natural', IMMEDIATE_OFFSET);
      expectReject(0x12, { imm: [1, 0], stack: [I32] }, 'alignment must be equal to natural', IMMEDIATE_OFFSET);
      expectReject(0x4e, { imm: [3, 0], stack: [I32, I64, I64] }, 'alignment must be equal to natural', IMMEDIATE_OFFSET);
    });
    it('accepts shared and unshared memories alike', () => {
      expect(validate(0x1e, { imm: [2, 0], stack: [I32, I32], memories: [SHARED] }).stack).to.deep.equal([I32]);
      expect(validate(0x1e, { imm: [2, 0], stack: [I32, I32], memories: [MEMORY32] }).stack).to.deep.equal([I32]);
    });
  });

  describe('rejections', () => {
    it('rejects unassigned subopcodes at the prefix', () => {
      for (const subop of [0x04, 0x0f, 0x4f, 0x80, 0xffffffff]) {
        expectReject(subop, { imm: [2, 0], stack: [I32, I32] }, `unknown 0xfe subopcode: 0x${subop.toString(16)}`, PREFIX_OFFSET);
      }
    });
    it('needs the threads feature, reported at the prefix', () => {
      expectReject(0x03, { imm: [0], features: WASM2_FEATURES }, 'threads support is not enabled', PREFIX_OFFSET);
      expectReject(0x10, { imm: [2, 0], stack: [I32], features: WASM2_FEATURES }, 'threads support is not enabled', PREFIX_OFFSET);
    });
    it('reports a missing memory through readMemarg', () => {
      expectReject(0x10, { imm: [2, 0], stack: [I32], memories: [] }, 'unknown memory 0', IMMEDIATE_OFFSET);
    });
  });
});
