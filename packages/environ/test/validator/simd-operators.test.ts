import { expect } from 'chai';
import {
  ALL_SUPPORTED_FEATURES,
  F32,
  F64,
  I32,
  I64,
  V128,
  ValidationError,
  WASM2_FEATURES,
  validateSimdOperator,
  withFeatures,
} from '../../src/index.js';
import type { ValType } from '../../src/index.js';
import { IMMEDIATE_OFFSET, MEMORY64, PREFIX_OFFSET, operatorHarness } from './mock-operator-context.js';

const { validate, expectReject } = operatorHarness(validateSimdOperator);

const V16 = new Array<number>(16).fill(0);

describe('validateSimdOperator', () => {
  describe('loads and stores', () => {
    it('types v128.load as [i32] -> [v128] with a natural alignment of 16 bytes', () => {
      const ctx = validate(0x00, { imm: [4, 0], stack: [I32] });
      expect(ctx.stack).to.deep.equal([V128]);
      expect(ctx.reader.eof).to.equal(true);
      expectReject(0x00, { imm: [5, 0], stack: [I32] }, 'alignment must not be larger than natural', IMMEDIATE_OFFSET);
    });
    it('gives the extending, splatting and zeroing loads their natural alignments', () => {
      const natural: [number, number][] = [
        [0x01, 3], [0x06, 3], [0x07, 0], [0x08, 1], [0x09, 2], [0x0a, 3], [0x5c, 2], [0x5d, 3],
      ];
      for (const [subop, align] of natural) {
        expect(validate(subop, { imm: [align, 0], stack: [I32] }).stack).to.deep.equal([V128]);
        expectReject(subop, { imm: [align + 1, 0], stack: [I32] }, 'alignment must not be larger than natural', IMMEDIATE_OFFSET);
      }
    });
    it('pops a memory64 address as i64', () => {
      expect(validate(0x00, { imm: [0, 0], stack: [I64], memories: [MEMORY64] }).stack).to.deep.equal([V128]);
      expectReject(0x00, { imm: [0, 0], stack: [I32], memories: [MEMORY64] }, 'type mismatch: expected i64, found i32', IMMEDIATE_OFFSET + 2);
    });
    it('types v128.store as [i32 v128] -> []', () => {
      expect(validate(0x0b, { imm: [4, 8], stack: [I32, V128] }).stack).to.deep.equal([]);
      expectReject(0x0b, { imm: [4, 8], stack: [V128, I32] }, 'type mismatch: expected v128, found i32', IMMEDIATE_OFFSET + 2);
    });
    it('reports a missing memory through readMemarg', () => {
      expectReject(0x0b, { imm: [4, 0], stack: [I32, V128], memories: [] }, 'unknown memory 0', IMMEDIATE_OFFSET);
    });
  });

  describe('lane loads and stores', () => {
    it('reads the memarg and then a lane index below 16 >> alignment', () => {
      const lanes: [number, number, number][] = [
        [0x54, 0, 16], [0x55, 1, 8], [0x56, 2, 4], [0x57, 3, 2], [0x58, 0, 16], [0x59, 1, 8], [0x5a, 2, 4], [0x5b, 3, 2],
      ];
      for (const [subop, align, count] of lanes) {
        const ctx = validate(subop, { imm: [align, 0, count - 1], stack: [I32, V128] });
        expect(ctx.stack).to.deep.equal(subop < 0x58 ? [V128] : []);
        expect(ctx.reader.eof).to.equal(true);
        expectReject(subop, { imm: [align, 0, count], stack: [I32, V128] }, 'invalid lane index', IMMEDIATE_OFFSET + 2);
        expectReject(subop, { imm: [align + 1, 0, 0], stack: [I32, V128] }, 'alignment must not be larger than natural', IMMEDIATE_OFFSET);
      }
    });
    it('pops the vector before the address', () => {
      expectReject(0x56, { imm: [2, 0, 0], stack: [V128, I32] }, 'type mismatch: expected v128, found i32', IMMEDIATE_OFFSET + 3);
    });
  });

  describe('v128.const and i8x16.shuffle', () => {
    it('reads 16 immediate bytes for v128.const and pushes a v128', () => {
      const ctx = validate(0x0c, { imm: new Array<number>(16).fill(0xff) });
      expect(ctx.stack).to.deep.equal([V128]);
      expect(ctx.reader.eof).to.equal(true);
    });
    it('rejects a truncated v128.const at the end of input', () => {
      expect(() => validate(0x0c, { imm: new Array<number>(15).fill(0) }))
        .to.throw(ValidationError, 'unexpected end-of-file')
        .with.property('offset', IMMEDIATE_OFFSET);
    });
    it('accepts shuffle lanes up to 31 and types it [v128 v128] -> [v128]', () => {
      const ctx = validate(0x0d, { imm: new Array<number>(16).fill(31), stack: [V128, V128] });
      expect(ctx.stack).to.deep.equal([V128]);
      expect(ctx.reader.eof).to.equal(true);
    });
    it('rejects a shuffle lane of 32 at that lane byte', () => {
      const imm = [...V16];
      imm[7] = 32;
      expectReject(0x0d, { imm, stack: [V128, V128] }, 'invalid lane index', IMMEDIATE_OFFSET + 7);
    });
  });

  describe('splats and lane accessors', () => {
    it('pops the scalar of each splat', () => {
      const splats: [number, ValType][] = [[0x0f, I32], [0x10, I32], [0x11, I32], [0x12, I64], [0x13, F32], [0x14, F64]];
      for (const [subop, scalar] of splats) expect(validate(subop, { stack: [scalar] }).stack).to.deep.equal([V128]);
      expectReject(0x14, { stack: [I32] }, 'type mismatch: expected f64, found i32', IMMEDIATE_OFFSET);
    });
    it('bounds extract_lane by the lane count and pushes the lane type', () => {
      const extracts: [number, number, ValType][] = [
        [0x15, 16, I32], [0x16, 16, I32], [0x18, 8, I32], [0x19, 8, I32], [0x1b, 4, I32], [0x1d, 2, I64], [0x1f, 4, F32], [0x21, 2, F64],
      ];
      for (const [subop, lanes, scalar] of extracts) {
        expect(validate(subop, { imm: [lanes - 1], stack: [V128] }).stack).to.deep.equal([scalar]);
        expectReject(subop, { imm: [lanes], stack: [V128] }, 'invalid lane index', IMMEDIATE_OFFSET);
      }
    });
    it('types replace_lane as [v128 t] -> [v128]', () => {
      const replaces: [number, number, ValType][] = [
        [0x17, 16, I32], [0x1a, 8, I32], [0x1c, 4, I32], [0x1e, 2, I64], [0x20, 4, F32], [0x22, 2, F64],
      ];
      for (const [subop, lanes, scalar] of replaces) {
        expect(validate(subop, { imm: [lanes - 1], stack: [V128, scalar] }).stack).to.deep.equal([V128]);
        expectReject(subop, { imm: [lanes], stack: [V128, scalar] }, 'invalid lane index', IMMEDIATE_OFFSET);
      }
      expectReject(0x1e, { imm: [0], stack: [V128, I32] }, 'type mismatch: expected i64, found i32', IMMEDIATE_OFFSET + 1);
    });
  });

  describe('arithmetic shapes', () => {
    it('types unary ops as [v128] -> [v128]', () => {
      // v128.not, i8x16.popcnt, f64x2.nearest, i32x4.extend_high_i16x8_u, f32x4.sqrt, f64x2.convert_low_i32x4_u
      for (const subop of [0x4d, 0x62, 0x94, 0xaa, 0xe3, 0xff]) {
        expect(validate(subop, { stack: [V128] }).stack).to.deep.equal([V128]);
      }
    });
    it('types binary ops as [v128 v128] -> [v128]', () => {
      // swizzle, i8x16.eq, f64x2.ge, v128.andnot, i16x8.q15mulr_sat_s, i32x4.dot_i16x8_s, i64x2.ge_s, f64x2.pmax
      for (const subop of [0x0e, 0x23, 0x4c, 0x4f, 0x82, 0xba, 0xdb, 0xf7]) {
        expect(validate(subop, { stack: [V128, V128] }).stack).to.deep.equal([V128]);
      }
      expectReject(0xae, { stack: [V128] }, 'type mismatch: expected v128 but nothing on stack', IMMEDIATE_OFFSET);
    });
    it('types v128.bitselect as [v128 v128 v128] -> [v128]', () => {
      expect(validate(0x52, { stack: [V128, V128, V128] }).stack).to.deep.equal([V128]);
    });
    it('types any_true, all_true and bitmask as [v128] -> [i32]', () => {
      for (const subop of [0x53, 0x63, 0x64, 0x83, 0x84, 0xa3, 0xa4, 0xc3, 0xc4]) {
        expect(validate(subop, { stack: [V128] }).stack).to.deep.equal([I32]);
      }
    });
    it('types shifts as [v128 i32] -> [v128]', () => {
      for (const subop of [0x6b, 0x6d, 0x8b, 0xab, 0xcd]) {
        expect(validate(subop, { stack: [V128, I32] }).stack).to.deep.equal([V128]);
      }
      expectReject(0xcb, { stack: [V128, I64] }, 'type mismatch: expected i32, found i64', IMMEDIATE_OFFSET);
    });
  });

  describe('relaxed SIMD', () => {
    it('types the relaxed ops by shape', () => {
      expect(validate(0x100, { stack: [V128, V128] }).stack).to.deep.equal([V128]); // relaxed_swizzle
      expect(validate(0x104, { stack: [V128] }).stack).to.deep.equal([V128]); // relaxed_trunc_f64x2_u_zero
      expect(validate(0x105, { stack: [V128, V128, V128] }).stack).to.deep.equal([V128]); // f32x4.relaxed_madd
      expect(validate(0x10c, { stack: [V128, V128, V128] }).stack).to.deep.equal([V128]); // i64x2.relaxed_laneselect
      expect(validate(0x110, { stack: [V128, V128] }).stack).to.deep.equal([V128]); // f64x2.relaxed_max
      expect(validate(0x112, { stack: [V128, V128] }).stack).to.deep.equal([V128]); // relaxed_dot_i8x16_i7x16_s
      expect(validate(0x113, { stack: [V128, V128, V128] }).stack).to.deep.equal([V128]); // relaxed_dot_..._add_s
    });
    it('needs the relaxedSimd feature, reported at the prefix', () => {
      expectReject(0x105, { stack: [V128, V128, V128], features: WASM2_FEATURES }, 'relaxed SIMD support is not enabled', PREFIX_OFFSET);
      expect(validate(0x0e, { stack: [V128, V128], features: WASM2_FEATURES }).stack).to.deep.equal([V128]);
    });
  });

  describe('rejections', () => {
    it('needs the simd feature, reported at the prefix', () => {
      const features = withFeatures(ALL_SUPPORTED_FEATURES, { simd: false });
      expectReject(0x0c, { imm: V16, features }, 'SIMD support is not enabled', PREFIX_OFFSET);
      expectReject(0x100, { stack: [V128, V128], features }, 'SIMD support is not enabled', PREFIX_OFFSET);
    });
    it('rejects the holes in the numbering and anything past 0x113', () => {
      for (const subop of [0x9a, 0xa2, 0xa5, 0xaf, 0xb4, 0xbb, 0xc2, 0xc6, 0xd0, 0xd3, 0xe2, 0xee, 0x114, 0x1ff, 0xffffffff]) {
        expectReject(subop, { stack: [V128, V128, V128] }, `unknown 0xfd subopcode: 0x${subop.toString(16)}`, PREFIX_OFFSET);
      }
    });
    it('assigns exactly the 236 opcodes of Wasm 2.0 SIMD and the 20 of relaxed SIMD', () => {
      const known: number[] = [];
      for (let subop = 0; subop < 0x120; subop++) {
        try {
          validate(subop, { imm: [...V16, ...V16] });
          known.push(subop);
        } catch (e) {
          if (!(e instanceof ValidationError)) throw e;
          if (!e.reason.startsWith('unknown 0xfd subopcode')) known.push(subop);
        }
      }
      expect(known.filter((op) => op < 0x100)).to.have.length(236);
      expect(known.filter((op) => op >= 0x100)).to.deep.equal(Array.from({ length: 20 }, (_, i) => 0x100 + i));
      const holes = [0x9a, 0xa2, 0xa5, 0xa6, 0xaf, 0xb0, 0xb2, 0xb3, 0xb4, 0xbb, 0xc2, 0xc5, 0xc6, 0xcf, 0xd0, 0xd2, 0xd3, 0xd4, 0xe2, 0xee];
      for (const hole of holes) expect(known).to.not.include(hole);
    });
    it('checks the unknown subopcode before the feature', () => {
      expectReject(0x9a, { features: withFeatures(WASM2_FEATURES, { simd: false }) }, 'unknown 0xfd subopcode: 0x9a', PREFIX_OFFSET);
    });
  });
});
