// Constant expressions (spec 3.3.10 "Constant Expressions"): the initializers of globals,
// element and data segment offsets and element items. They are validated and decoded in one
// pass into plain data, so instantiation evaluates a short list instead of re-reading bytes.
// Allowed: the four number constants, v128.const, ref.null, ref.func, global.get of an
// imported immutable global (Wasm 2.0; GC widens it to any earlier immutable global), and with
// extended-const the i32/i64 add, sub and mul.

import type { BinaryReader } from '../binary/binary-reader.js';
import type { FuncIndex, GlobalIndex } from '../types/indices.js';
import type { RefType, ValType } from '../types/val-type.js';
import { F32, F64, FUNCREF, I32, I64, V128, refType, valTypeToString } from '../types/val-type.js';
import { checkFuncIndex, checkGlobalIndex } from '../module/index-bounds.js';
import type { ModuleState } from '../module/module-state.js';
import { readHeapType } from '../types/val-type-reader.js';

/** One instruction of a constant expression, decoded. */
export type ConstOp =
  | { readonly kind: 'i32.const'; readonly value: number }
  | { readonly kind: 'i64.const'; readonly value: bigint }
  /** The raw IEEE 754 bits, so NaN payloads survive. */
  | { readonly kind: 'f32.const'; readonly bits: number }
  /** The raw IEEE 754 bits, so NaN payloads survive. */
  | { readonly kind: 'f64.const'; readonly bits: bigint }
  /** The 16 bytes, little-endian lane order. */
  | { readonly kind: 'v128.const'; readonly bytes: Uint8Array }
  | { readonly kind: 'ref.null'; readonly type: RefType }
  | { readonly kind: 'ref.func'; readonly func: FuncIndex }
  | { readonly kind: 'global.get'; readonly global: GlobalIndex }
  | { readonly kind: 'i32.add' }
  | { readonly kind: 'i32.sub' }
  | { readonly kind: 'i32.mul' }
  | { readonly kind: 'i64.add' }
  | { readonly kind: 'i64.sub' }
  | { readonly kind: 'i64.mul' };

/** A constant expression: its instructions in order, without the final `end`. */
export type ConstExpr = readonly ConstOp[];

/**
 * Reads and validates a constant expression whose result must be `expected`, up to and
 * including its `end`. `ref.func` adds the function to `state.declaredFuncRefs` when
 * `declareFuncRefs` is set (globals and element segments; a data offset cannot hold one).
 * @throws ValidationError for a non-constant instruction, an unknown index, a type mismatch,
 *   or a missing `end`
 */
export function readConstExpr(reader: BinaryReader, state: ModuleState, expected: ValType, declareFuncRefs: boolean): ConstExpr {
  const ops: ConstOp[] = [];
  // The operand types; constant expressions are short, so a plain array is enough.
  const stack: ValType[] = [];
  const features = state.features;
  for (;;) {
    const pos = reader.pos;
    const opcode = reader.readU8();
    switch (opcode) {
      case 0x0b: {
        // end
        const top = stack[0];
        if (stack.length !== 1 || top === undefined || top !== expected) {
          const found = stack.length === 0 ? 'nothing' : stack.map(valTypeToString).join(', ');
          reader.fail(`type mismatch: expected ${valTypeToString(expected)}, found ${found}`, pos);
        }
        return ops;
      }
      case 0x41:
        ops.push({ kind: 'i32.const', value: reader.readVarS32() });
        stack.push(I32);
        break;
      case 0x42:
        ops.push({ kind: 'i64.const', value: reader.readVarS64() });
        stack.push(I64);
        break;
      case 0x43:
        ops.push({ kind: 'f32.const', bits: reader.readF32Bits() });
        stack.push(F32);
        break;
      case 0x44:
        ops.push({ kind: 'f64.const', bits: reader.readF64Bits() });
        stack.push(F64);
        break;
      case 0xd0: {
        const type = refType(readHeapType(reader, features), true);
        ops.push({ kind: 'ref.null', type });
        stack.push(type);
        break;
      }
      case 0xd2: {
        const at = reader.pos;
        const func = checkFuncIndex(state, reader, reader.readVarU32(), at);
        // A data offset cannot hold a funcref; its type check below rejects it.
        if (declareFuncRefs) state.declaredFuncRefs.add(func);
        ops.push({ kind: 'ref.func', func });
        // Without function references the type of ref.func is funcref (nullable).
        stack.push(FUNCREF);
        break;
      }
      case 0x23: {
        const at = reader.pos;
        const global = checkGlobalIndex(state, reader, reader.readVarU32(), at);
        if (global >= state.numImportedGlobals && !features.gc) {
          reader.fail('constant expression required: global.get of locally defined global', pos);
        }
        const type = state.globals[global];
        if (type === undefined) return reader.fail(`unknown global ${global}: global index out of bounds`, at);
        if (type.mutable) reader.fail('constant expression required: global.get of mutable global', pos);
        ops.push({ kind: 'global.get', global });
        stack.push(type.content);
        break;
      }
      case 0x6a:
      case 0x6b:
      case 0x6c:
      case 0x7c:
      case 0x7d:
      case 0x7e: {
        const op = ARITHMETIC_OPS[opcode];
        if (op === undefined || !features.extendedConst) {
          reader.fail(`constant expression required: non-constant operator: ${op?.kind ?? ''}`, pos);
        }
        const type = opcode < 0x7c ? I32 : I64;
        popExpected(reader, stack, type, pos);
        popExpected(reader, stack, type, pos);
        stack.push(type);
        ops.push(op);
        break;
      }
      case 0xfd: {
        const sub = reader.readVarU32();
        if (sub !== 12 || !features.simd) {
          reader.fail('constant expression required: non-constant operator', pos);
        }
        // Copy the 16 bytes: a view would keep the whole binary alive for one constant.
        ops.push({ kind: 'v128.const', bytes: reader.readBytes(16).slice() });
        stack.push(V128);
        break;
      }
      default:
        reader.fail('constant expression required: non-constant operator', pos);
    }
  }
}

// The extended-const arithmetic, by opcode; shared objects, as they carry no immediate.
const ARITHMETIC_OPS: Readonly<Record<number, ConstOp>> = {
  0x6a: Object.freeze({ kind: 'i32.add' }),
  0x6b: Object.freeze({ kind: 'i32.sub' }),
  0x6c: Object.freeze({ kind: 'i32.mul' }),
  0x7c: Object.freeze({ kind: 'i64.add' }),
  0x7d: Object.freeze({ kind: 'i64.sub' }),
  0x7e: Object.freeze({ kind: 'i64.mul' }),
};

function popExpected(reader: BinaryReader, stack: ValType[], expected: ValType, pos: number): void {
  const top = stack.pop();
  if (top === undefined) reader.fail(`type mismatch: expected ${valTypeToString(expected)} but nothing on stack`, pos);
  if (top !== expected) reader.fail(`type mismatch: expected ${valTypeToString(expected)}, found ${valTypeToString(top)}`, pos);
}
