/**
 * Validation of the `0xfc`-prefixed instructions: the saturating float-to-int truncations
 * (0..7), bulk memory (8..11), and the table instructions of bulk memory and reference types
 * (12..17). Like the SIMD and atomics families it works through `OperatorContext`; these
 * instructions are rare enough that the indirection costs nothing measurable.
 */
import { I32, I64, type ValType } from '../types/val-type.js';
import { checkDataSegment, elemTypeAt, isSubtype, tableAt } from './module-lookups.js';
import { SATURATING_OPERAND, SATURATING_RESULT } from './numeric-signatures.js';
import type { OperatorContext } from './operator-context.js';

/**
 * Validates the `0xfc` instruction with subopcode `sub`, whose immediates follow in
 * `ctx.reader`; `offset` is the prefix byte's offset, where errors are reported.
 * @throws ValidationError for a disabled feature, an unknown subopcode, a bad index or a type
 *   mismatch
 */
export function validatePrefixFcOperator(sub: number, ctx: OperatorContext, offset: number): void {
  const module = ctx.module;
  const features = module.features;
  const reader = ctx.reader;
  switch (sub) {
    case 0:
    case 1:
    case 2:
    case 3:
    case 4:
    case 5:
    case 6:
    case 7:
      if (!features.saturatingFloatToInt) featureOff(ctx, offset, 'saturating float to int conversions');
      ctx.popOperand(SATURATING_OPERAND[sub] as ValType);
      ctx.pushOperand(SATURATING_RESULT[sub] as ValType);
      return;
    case 8: {
      // memory.init
      if (!features.bulkMemory) featureOff(ctx, offset, 'bulk memory');
      const segment = reader.readVarU32();
      const indexType = memoryIndexType(ctx, offset, reader.readVarU32());
      checkDataSegment(module, segment, offset);
      ctx.popOperand(I32);
      ctx.popOperand(I32);
      ctx.popOperand(indexType);
      return;
    }
    case 9: // data.drop
      if (!features.bulkMemory) featureOff(ctx, offset, 'bulk memory');
      checkDataSegment(module, reader.readVarU32(), offset);
      return;
    case 10: {
      // memory.copy
      if (!features.bulkMemory) featureOff(ctx, offset, 'bulk memory');
      const dst = reader.readVarU32();
      const src = reader.readVarU32();
      const dstType = memoryIndexType(ctx, offset, dst);
      const srcType = memoryIndexType(ctx, offset, src);
      // The length has the smaller of the two index types.
      ctx.popOperand(srcType === I32 ? I32 : dstType);
      ctx.popOperand(srcType);
      ctx.popOperand(dstType);
      return;
    }
    case 11: {
      // memory.fill
      if (!features.bulkMemory) featureOff(ctx, offset, 'bulk memory');
      const indexType = memoryIndexType(ctx, offset, reader.readVarU32());
      ctx.popOperand(indexType);
      ctx.popOperand(I32);
      ctx.popOperand(indexType);
      return;
    }
    case 12: {
      // table.init
      if (!features.bulkMemory) featureOff(ctx, offset, 'bulk memory');
      const segment = reader.readVarU32();
      const table = tableAt(module, reader.readVarU32(), offset);
      const elemType = elemTypeAt(module, segment, offset);
      if (!isSubtype(module, elemType, table.element)) ctx.fail('type mismatch', offset);
      ctx.popOperand(I32);
      ctx.popOperand(I32);
      ctx.popOperand(table.is64 ? I64 : I32);
      return;
    }
    case 13: // elem.drop
      if (!features.bulkMemory) featureOff(ctx, offset, 'bulk memory');
      elemTypeAt(module, reader.readVarU32(), offset);
      return;
    case 14: {
      // table.copy
      if (!features.bulkMemory) featureOff(ctx, offset, 'bulk memory');
      const dstIndex = reader.readVarU32();
      const srcIndex = reader.readVarU32();
      const src = tableAt(module, srcIndex, offset);
      const dst = tableAt(module, dstIndex, offset);
      if (!isSubtype(module, src.element, dst.element)) ctx.fail('type mismatch', offset);
      const srcType = src.is64 ? I64 : I32;
      const dstType = dst.is64 ? I64 : I32;
      ctx.popOperand(srcType === I32 ? I32 : dstType);
      ctx.popOperand(srcType);
      ctx.popOperand(dstType);
      return;
    }
    case 15: {
      // table.grow
      if (!features.referenceTypes) featureOff(ctx, offset, 'reference types');
      const table = tableAt(module, reader.readVarU32(), offset);
      const indexType = table.is64 ? I64 : I32;
      ctx.popOperand(indexType);
      ctx.popOperand(table.element);
      ctx.pushOperand(indexType);
      return;
    }
    case 16: {
      // table.size
      if (!features.referenceTypes) featureOff(ctx, offset, 'reference types');
      const table = tableAt(module, reader.readVarU32(), offset);
      ctx.pushOperand(table.is64 ? I64 : I32);
      return;
    }
    case 17: {
      // table.fill
      if (!features.referenceTypes) featureOff(ctx, offset, 'reference types');
      const table = tableAt(module, reader.readVarU32(), offset);
      const indexType = table.is64 ? I64 : I32;
      ctx.popOperand(indexType);
      ctx.popOperand(table.element);
      ctx.popOperand(indexType);
      return;
    }
    default:
      ctx.fail(`unknown 0xfc subopcode: 0x${sub.toString(16)}`, offset);
  }
}

/** The address type of memory `memory`. */
function memoryIndexType(ctx: OperatorContext, offset: number, memory: number): ValType {
  const mem = ctx.module.memories[memory];
  if (mem === undefined) return ctx.fail(`unknown memory ${memory}`, offset);
  return mem.is64 ? I64 : I32;
}

function featureOff(ctx: OperatorContext, offset: number, description: string): never {
  return ctx.fail(`${description} support is not enabled`, offset);
}
