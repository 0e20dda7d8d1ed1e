import { expect } from 'chai';
import {
  I32,
  I64,
  ValidationError,
  WASM2_FEATURES,
  validateAtomicOperator,
} from '../../src/index.js';
import type { MemoryType, ValType } from '../../src/index.js';
import { IMMEDIATE_OFFSET, MEMORY32, MEMORY64, PREFIX_OFFSET, operatorHarness } from './mock-operator-context.js';

const { validate, expectReject } = operatorHarness(validateAtomicOperator);

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
