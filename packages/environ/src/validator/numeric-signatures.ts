/**
 * Operand signatures of the plain numeric instructions (opcodes 0x45..0xc4 and the saturating
 * truncations 0xfc 0..7), as three small tables indexed by opcode. The function-body
 * validator checks all of these with one code path instead of ~180 switch cases: a numeric
 * instruction pops at most two operands of fixed types and pushes one result.
 */
import { F32, F64, I32, I64, type ValType } from '../types/val-type.js';

/** Result type of each one-byte numeric opcode, or 0 when the opcode is not a plain numeric one. */
export const NUMERIC_RESULT = new Uint8Array(256);
/** Type of the top operand (popped first). */
export const NUMERIC_OPERAND_TOP = new Uint8Array(256);
/** Type of the second operand (popped second), or 0 for unary instructions. */
export const NUMERIC_OPERAND_SECOND = new Uint8Array(256);

/** Result type of each saturating truncation `0xfc n` (n in 0..7). */
export const SATURATING_RESULT: readonly ValType[] = [I32, I32, I32, I32, I64, I64, I64, I64];
/** Operand type of each saturating truncation `0xfc n` (n in 0..7). */
export const SATURATING_OPERAND: readonly ValType[] = [F32, F32, F64, F64, F32, F32, F64, F64];

function define(first: number, last: number, result: ValType, top: ValType, second: number): void {
  for (let op = first; op <= last; op++) {
    NUMERIC_RESULT[op] = result;
    NUMERIC_OPERAND_TOP[op] = top;
    NUMERIC_OPERAND_SECOND[op] = second;
  }
}

const unary = (first: number, last: number, t: ValType): void => define(first, last, t, t, 0);
const binary = (first: number, last: number, t: ValType): void => define(first, last, t, t, t);
const compare = (first: number, last: number, t: ValType): void => define(first, last, I32, t, t);
const convert = (op: number, to: ValType, from: ValType): void => define(op, op, to, from, 0);

define(0x45, 0x45, I32, I32, 0); // i32.eqz
compare(0x46, 0x4f, I32);
define(0x50, 0x50, I32, I64, 0); // i64.eqz
compare(0x51, 0x5a, I64);
compare(0x5b, 0x60, F32);
compare(0x61, 0x66, F64);
unary(0x67, 0x69, I32);
binary(0x6a, 0x78, I32);
unary(0x79, 0x7b, I64);
binary(0x7c, 0x8a, I64);
unary(0x8b, 0x91, F32);
binary(0x92, 0x98, F32);
unary(0x99, 0x9f, F64);
binary(0xa0, 0xa6, F64);
convert(0xa7, I32, I64); // i32.wrap_i64
convert(0xa8, I32, F32);
convert(0xa9, I32, F32);
convert(0xaa, I32, F64);
convert(0xab, I32, F64);
convert(0xac, I64, I32); // i64.extend_i32_s
convert(0xad, I64, I32);
convert(0xae, I64, F32);
convert(0xaf, I64, F32);
convert(0xb0, I64, F64);
convert(0xb1, I64, F64);
convert(0xb2, F32, I32); // f32.convert_i32_s
convert(0xb3, F32, I32);
convert(0xb4, F32, I64);
convert(0xb5, F32, I64);
convert(0xb6, F32, F64); // f32.demote_f64
convert(0xb7, F64, I32);
convert(0xb8, F64, I32);
convert(0xb9, F64, I64);
convert(0xba, F64, I64);
convert(0xbb, F64, F32); // f64.promote_f32
convert(0xbc, I32, F32); // reinterpretations
convert(0xbd, I64, F64);
convert(0xbe, F32, I32);
convert(0xbf, F64, I64);
// Sign-extension operators (gated by the signExtension feature in the validator).
unary(0xc0, 0xc1, I32);
unary(0xc2, 0xc4, I64);

/** First opcode of the sign-extension operators, which need the signExtension feature. */
export const FIRST_SIGN_EXTENSION_OPCODE = 0xc0;
