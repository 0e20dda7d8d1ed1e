/**
 * Validation of the 0xfd-prefixed instructions: fixed-width SIMD (Wasm 2.0, spec §5.4.8 and
 * the validation rules of §3.3.3) and relaxed SIMD (subopcodes 0x100..0x113).
 *
 * Almost every SIMD instruction has one of a dozen shapes ("v128 v128 -> v128", "v128 -> i32",
 * a load with natural alignment N, ...), so instead of a 275-arm `switch` each subopcode maps
 * to a shape id in a typed array, plus one immediate parameter (alignment or lane count) and,
 * for splats and lane accessors, the scalar type. The hot path is two array reads and a
 * `switch` on the shape: no allocation, no closures. Unassigned subopcodes keep shape 0.
 */
import { F32, F64, I32, I64, V128 } from '../types/val-type.js';
import type { ValType } from '../types/val-type.js';
import { unreachable } from '../util/assert-never.js';
import type { OperatorContext } from './operator-context.js';

// Shape ids. The operand lists read left to right as the spec writes them; `addr` is the
// memory's index type (i32, or i64 for memory64).
/** Unassigned subopcode. */
const UNKNOWN = 0;
/** memarg: [addr] -> [v128]; IMM is the natural alignment (log2). */
const LOAD = 1;
/** memarg: [addr v128] -> []; IMM is the natural alignment (log2). */
const STORE = 2;
/** 16 immediate bytes: [] -> [v128]. */
const CONST = 3;
/** 16 lane bytes, each < 32: [v128 v128] -> [v128]. */
const SHUFFLE = 4;
/** [t] -> [v128]; SCALAR is t. */
const SPLAT = 5;
/** lane byte < IMM: [v128] -> [t]; SCALAR is t. */
const EXTRACT_LANE = 6;
/** lane byte < IMM: [v128 t] -> [v128]; SCALAR is t. */
const REPLACE_LANE = 7;
/** [v128] -> [v128]. */
const UNARY = 8;
/** [v128 v128] -> [v128]. */
const BINARY = 9;
/** [v128 v128 v128] -> [v128]. */
const TERNARY = 10;
/** [v128] -> [i32]: any_true, all_true, bitmask. */
const TEST = 11;
/** [v128 i32] -> [v128]. */
const SHIFT = 12;
/** memarg, lane byte < 16 >> IMM: [addr v128] -> [v128]; IMM is the alignment (log2). */
const LOAD_LANE = 13;
/** memarg, lane byte < 16 >> IMM: [addr v128] -> []; IMM is the alignment (log2). */
const STORE_LANE = 14;

/** One past the highest assigned subopcode (i32x4.relaxed_dot_i8x16_i7x16_add_s). */
const SUBOPCODE_LIMIT = 0x114;
/** The first relaxed-SIMD subopcode; everything from here on needs the relaxedSimd feature. */
const FIRST_RELAXED = 0x100;

const SHAPE = new Uint8Array(SUBOPCODE_LIMIT);
const IMM = new Uint8Array(SUBOPCODE_LIMIT);
const SCALAR = new Uint8Array(SUBOPCODE_LIMIT);

/** Assigns subopcodes `first..last` (inclusive) one shape; runs once, at module load. */
function define(first: number, last: number, shape: number, imm = 0, scalar: ValType = I32): void {
  for (let op = first; op <= last; op++) {
    SHAPE[op] = shape;
    IMM[op] = imm;
    SCALAR[op] = scalar;
  }
}

// The table, in opcode order, checked against the spec's binary/instructions and V8. Gaps in
// the numbering are opcodes dropped from the proposal before it was merged; they stay UNKNOWN.
define(0x00, 0x00, LOAD, 4); // v128.load
define(0x01, 0x06, LOAD, 3); // v128.load{8x8,16x4,32x2}_{s,u}
define(0x07, 0x07, LOAD, 0); // v128.load8_splat
define(0x08, 0x08, LOAD, 1); // v128.load16_splat
define(0x09, 0x09, LOAD, 2); // v128.load32_splat
define(0x0a, 0x0a, LOAD, 3); // v128.load64_splat
define(0x0b, 0x0b, STORE, 4); // v128.store
define(0x0c, 0x0c, CONST); // v128.const
define(0x0d, 0x0d, SHUFFLE); // i8x16.shuffle
define(0x0e, 0x0e, BINARY); // i8x16.swizzle
define(0x0f, 0x11, SPLAT, 0, I32); // i8x16.splat, i16x8.splat, i32x4.splat
define(0x12, 0x12, SPLAT, 0, I64); // i64x2.splat
define(0x13, 0x13, SPLAT, 0, F32); // f32x4.splat
define(0x14, 0x14, SPLAT, 0, F64); // f64x2.splat
define(0x15, 0x16, EXTRACT_LANE, 16, I32); // i8x16.extract_lane_{s,u}
define(0x17, 0x17, REPLACE_LANE, 16, I32); // i8x16.replace_lane
define(0x18, 0x19, EXTRACT_LANE, 8, I32); // i16x8.extract_lane_{s,u}
define(0x1a, 0x1a, REPLACE_LANE, 8, I32); // i16x8.replace_lane
define(0x1b, 0x1b, EXTRACT_LANE, 4, I32); // i32x4.extract_lane
define(0x1c, 0x1c, REPLACE_LANE, 4, I32); // i32x4.replace_lane
define(0x1d, 0x1d, EXTRACT_LANE, 2, I64); // i64x2.extract_lane
define(0x1e, 0x1e, REPLACE_LANE, 2, I64); // i64x2.replace_lane
define(0x1f, 0x1f, EXTRACT_LANE, 4, F32); // f32x4.extract_lane
define(0x20, 0x20, REPLACE_LANE, 4, F32); // f32x4.replace_lane
define(0x21, 0x21, EXTRACT_LANE, 2, F64); // f64x2.extract_lane
define(0x22, 0x22, REPLACE_LANE, 2, F64); // f64x2.replace_lane
// 0x23..0x2c i8x16, 0x2d..0x36 i16x8, 0x37..0x40 i32x4: eq ne lt_s lt_u gt_s gt_u le_s le_u
// ge_s ge_u; 0x41..0x46 f32x4, 0x47..0x4c f64x2: eq ne lt gt le ge
define(0x23, 0x4c, BINARY);
define(0x4d, 0x4d, UNARY); // v128.not
define(0x4e, 0x51, BINARY); // v128.and, andnot, or, xor
define(0x52, 0x52, TERNARY); // v128.bitselect
define(0x53, 0x53, TEST); // v128.any_true
define(0x54, 0x54, LOAD_LANE, 0); // v128.load8_lane
define(0x55, 0x55, LOAD_LANE, 1); // v128.load16_lane
define(0x56, 0x56, LOAD_LANE, 2); // v128.load32_lane
define(0x57, 0x57, LOAD_LANE, 3); // v128.load64_lane
define(0x58, 0x58, STORE_LANE, 0); // v128.store8_lane
define(0x59, 0x59, STORE_LANE, 1); // v128.store16_lane
define(0x5a, 0x5a, STORE_LANE, 2); // v128.store32_lane
define(0x5b, 0x5b, STORE_LANE, 3); // v128.store64_lane
define(0x5c, 0x5c, LOAD, 2); // v128.load32_zero
define(0x5d, 0x5d, LOAD, 3); // v128.load64_zero
define(0x5e, 0x5f, UNARY); // f32x4.demote_f64x2_zero, f64x2.promote_low_f32x4
define(0x60, 0x62, UNARY); // i8x16.abs, neg, popcnt
define(0x63, 0x64, TEST); // i8x16.all_true, bitmask
define(0x65, 0x66, BINARY); // i8x16.narrow_i16x8_{s,u}
define(0x67, 0x6a, UNARY); // f32x4.ceil, floor, trunc, nearest
define(0x6b, 0x6d, SHIFT); // i8x16.shl, shr_s, shr_u
define(0x6e, 0x73, BINARY); // i8x16.add, add_sat_{s,u}, sub, sub_sat_{s,u}
define(0x74, 0x75, UNARY); // f64x2.ceil, floor
define(0x76, 0x79, BINARY); // i8x16.min_{s,u}, max_{s,u}
define(0x7a, 0x7a, UNARY); // f64x2.trunc
define(0x7b, 0x7b, BINARY); // i8x16.avgr_u
define(0x7c, 0x7f, UNARY); // i16x8.extadd_pairwise_i8x16_{s,u}, i32x4.extadd_pairwise_i16x8_{s,u}
define(0x80, 0x81, UNARY); // i16x8.abs, neg
define(0x82, 0x82, BINARY); // i16x8.q15mulr_sat_s
define(0x83, 0x84, TEST); // i16x8.all_true, bitmask
define(0x85, 0x86, BINARY); // i16x8.narrow_i32x4_{s,u}
define(0x87, 0x8a, UNARY); // i16x8.extend_low_i8x16_s, extend_high_i8x16_s, extend_low_i8x16_u, extend_high_i8x16_u
define(0x8b, 0x8d, SHIFT); // i16x8.shl, shr_s, shr_u
define(0x8e, 0x93, BINARY); // i16x8.add, add_sat_{s,u}, sub, sub_sat_{s,u}
define(0x94, 0x94, UNARY); // f64x2.nearest
define(0x95, 0x99, BINARY); // i16x8.mul, min_{s,u}, max_{s,u}
define(0x9b, 0x9b, BINARY); // i16x8.avgr_u
define(0x9c, 0x9f, BINARY); // i16x8.extmul_low_i8x16_s, extmul_high_i8x16_s, extmul_low_i8x16_u, extmul_high_i8x16_u
define(0xa0, 0xa1, UNARY); // i32x4.abs, neg
define(0xa3, 0xa4, TEST); // i32x4.all_true, bitmask
define(0xa7, 0xaa, UNARY); // i32x4.extend_low_i16x8_s, extend_high_i16x8_s, extend_low_i16x8_u, extend_high_i16x8_u
define(0xab, 0xad, SHIFT); // i32x4.shl, shr_s, shr_u
define(0xae, 0xae, BINARY); // i32x4.add
define(0xb1, 0xb1, BINARY); // i32x4.sub
define(0xb5, 0xba, BINARY); // i32x4.mul, min_{s,u}, max_{s,u}, dot_i16x8_s
define(0xbc, 0xbf, BINARY); // i32x4.extmul_low_i16x8_s, extmul_high_i16x8_s, extmul_low_i16x8_u, extmul_high_i16x8_u
define(0xc0, 0xc1, UNARY); // i64x2.abs, neg
define(0xc3, 0xc4, TEST); // i64x2.all_true, bitmask
define(0xc7, 0xca, UNARY); // i64x2.extend_low_i32x4_s, extend_high_i32x4_s, extend_low_i32x4_u, extend_high_i32x4_u
define(0xcb, 0xcd, SHIFT); // i64x2.shl, shr_s, shr_u
define(0xce, 0xce, BINARY); // i64x2.add
define(0xd1, 0xd1, BINARY); // i64x2.sub
define(0xd5, 0xd5, BINARY); // i64x2.mul
define(0xd6, 0xdb, BINARY); // i64x2.eq, ne, lt_s, gt_s, le_s, ge_s
define(0xdc, 0xdf, BINARY); // i64x2.extmul_low_i32x4_s, extmul_high_i32x4_s, extmul_low_i32x4_u, extmul_high_i32x4_u
define(0xe0, 0xe1, UNARY); // f32x4.abs, neg
define(0xe3, 0xe3, UNARY); // f32x4.sqrt
define(0xe4, 0xeb, BINARY); // f32x4.add, sub, mul, div, min, max, pmin, pmax
define(0xec, 0xed, UNARY); // f64x2.abs, neg
define(0xef, 0xef, UNARY); // f64x2.sqrt
define(0xf0, 0xf7, BINARY); // f64x2.add, sub, mul, div, min, max, pmin, pmax
// i32x4.trunc_sat_f32x4_{s,u}, f32x4.convert_i32x4_{s,u}, i32x4.trunc_sat_f64x2_{s,u}_zero,
// f64x2.convert_low_i32x4_{s,u}
define(0xf8, 0xff, UNARY);
// Relaxed SIMD.
define(0x100, 0x100, BINARY); // i8x16.relaxed_swizzle
define(0x101, 0x104, UNARY); // i32x4.relaxed_trunc_f32x4_{s,u}, i32x4.relaxed_trunc_f64x2_{s,u}_zero
define(0x105, 0x108, TERNARY); // f32x4.relaxed_{madd,nmadd}, f64x2.relaxed_{madd,nmadd}
define(0x109, 0x10c, TERNARY); // {i8x16,i16x8,i32x4,i64x2}.relaxed_laneselect
define(0x10d, 0x110, BINARY); // f32x4.relaxed_{min,max}, f64x2.relaxed_{min,max}
define(0x111, 0x112, BINARY); // i16x8.relaxed_q15mulr_s, i16x8.relaxed_dot_i8x16_i7x16_s
define(0x113, 0x113, TERNARY); // i32x4.relaxed_dot_i8x16_i7x16_add_s

/** The scalar type stored for `subop` (the table holds the type's one-byte code). */
function scalarOf(subop: number): ValType {
  // The table was filled from ValType constants, so the code is a valid ValType.
  return SCALAR[subop] as ValType;
}

/**
 * Reads a lane-index immediate and checks it is below `lanes` (spec: `laneidx < dim`).
 *
 * @throws ValidationError `invalid lane index` at the lane byte.
 */
function readLaneIndex(ctx: OperatorContext, lanes: number): void {
  const reader = ctx.reader;
  const at = reader.offset;
  if (reader.readU8() >= lanes) ctx.fail('invalid lane index', at);
}

/**
 * Validates one 0xfd-prefixed instruction: reads its immediates from `ctx.reader` (positioned
 * after the subopcode) and applies its type to the operand stack.
 *
 * @param subop The u32 subopcode the caller already read.
 * @param ctx The function-body validator's operand stack and module context.
 * @param offset The offset of the 0xfd prefix byte, where opcode-level errors are reported.
 * @throws ValidationError `unknown 0xfd subopcode: 0x..` (at `offset`) for an unassigned
 *   subopcode; `SIMD support is not enabled` / `relaxed SIMD support is not enabled` (at
 *   `offset`) when the feature is off; `invalid lane index` at a lane byte out of range; and
 *   whatever `ctx.readMemarg`, `ctx.popOperand` and the reader throw (truncated immediates,
 *   bad alignment, missing memory, type mismatches).
 */
export function validateSimdOperator(subop: number, ctx: OperatorContext, offset: number): void {
  const shape = subop < SUBOPCODE_LIMIT ? (SHAPE[subop] as number) : UNKNOWN;
  if (shape === UNKNOWN) ctx.fail(`unknown 0xfd subopcode: 0x${subop.toString(16)}`, offset);
  const features = ctx.module.features;
  if (!features.simd) ctx.fail('SIMD support is not enabled', offset);
  if (subop >= FIRST_RELAXED && !features.relaxedSimd) ctx.fail('relaxed SIMD support is not enabled', offset);

  switch (shape) {
    case LOAD: {
      const memarg = ctx.readMemarg(IMM[subop] as number, false);
      ctx.popOperand(memarg.indexType);
      ctx.pushOperand(V128);
      return;
    }
    case STORE: {
      const memarg = ctx.readMemarg(IMM[subop] as number, false);
      ctx.popOperand(V128);
      ctx.popOperand(memarg.indexType);
      return;
    }
    case CONST:
      ctx.reader.skip(16);
      ctx.pushOperand(V128);
      return;
    case SHUFFLE: {
      // Lanes index the 32 bytes of both operands together.
      for (let i = 0; i < 16; i++) readLaneIndex(ctx, 32);
      ctx.popOperand(V128);
      ctx.popOperand(V128);
      ctx.pushOperand(V128);
      return;
    }
    case SPLAT:
      ctx.popOperand(scalarOf(subop));
      ctx.pushOperand(V128);
      return;
    case EXTRACT_LANE:
      readLaneIndex(ctx, IMM[subop] as number);
      ctx.popOperand(V128);
      ctx.pushOperand(scalarOf(subop));
      return;
    case REPLACE_LANE:
      readLaneIndex(ctx, IMM[subop] as number);
      ctx.popOperand(scalarOf(subop));
      ctx.popOperand(V128);
      ctx.pushOperand(V128);
      return;
    case UNARY:
      ctx.popOperand(V128);
      ctx.pushOperand(V128);
      return;
    case BINARY:
      ctx.popOperand(V128);
      ctx.popOperand(V128);
      ctx.pushOperand(V128);
      return;
    case TERNARY:
      ctx.popOperand(V128);
      ctx.popOperand(V128);
      ctx.popOperand(V128);
      ctx.pushOperand(V128);
      return;
    case TEST:
      ctx.popOperand(V128);
      ctx.pushOperand(I32);
      return;
    case SHIFT:
      ctx.popOperand(I32);
      ctx.popOperand(V128);
      ctx.pushOperand(V128);
      return;
    case LOAD_LANE: {
      const alignLog2 = IMM[subop] as number;
      const memarg = ctx.readMemarg(alignLog2, false);
      readLaneIndex(ctx, 16 >> alignLog2);
      ctx.popOperand(V128);
      ctx.popOperand(memarg.indexType);
      ctx.pushOperand(V128);
      return;
    }
    case STORE_LANE: {
      const alignLog2 = IMM[subop] as number;
      const memarg = ctx.readMemarg(alignLog2, false);
      readLaneIndex(ctx, 16 >> alignLog2);
      ctx.popOperand(V128);
      ctx.popOperand(memarg.indexType);
      return;
    }
    default:
      // Every id `define` stores is handled above; UNKNOWN was rejected before the switch.
      return unreachable(`unhandled SIMD shape ${shape}`);
  }
}
