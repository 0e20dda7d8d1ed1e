/**
 * Reading the block type of `block`, `loop`, `if`, `try` and `try_table`: empty (0x40), one
 * value type, or an s33 type index naming a function type (multi-value). The result is the
 * block's signature; the common one-type signatures are shared objects, so reading a block type
 * allocates nothing.
 */
import type { BinaryReader } from '../binary/binary-reader.js';
import { ValidationError } from '../error.js';
import type { FuncType } from '../types/core-types.js';
import { EXNREF, EXTERNREF, F32, F64, FUNCREF, I32, I64, V128, type ValType } from '../types/val-type.js';
import type { ModuleValidationContext } from './module-context.js';
import { funcTypeAt } from './module-lookups.js';
import { EMPTY } from './validation-stacks.js';
import { readValType } from '../types/val-type-reader.js';

/** What a block takes from the stack and leaves on it. */
export interface BlockSignature {
  readonly params: readonly ValType[];
  readonly results: readonly ValType[];
}

// The shared signatures have the shape of the type section's `FuncType`s (and are not frozen,
// which would give them another hidden class), so `params`/`results` reads in the body
// validator see one object shape and one array shape whatever the block type.
function resultOnly(type: ValType): FuncType {
  return { kind: 'func', params: EMPTY, results: [type] };
}

const EMPTY_BLOCK: FuncType = { kind: 'func', params: EMPTY, results: EMPTY };
const I32_BLOCK = resultOnly(I32);
const I64_BLOCK = resultOnly(I64);
const F32_BLOCK = resultOnly(F32);
const F64_BLOCK = resultOnly(F64);
const V128_BLOCK = resultOnly(V128);
const FUNCREF_BLOCK = resultOnly(FUNCREF);
const EXTERNREF_BLOCK = resultOnly(EXTERNREF);
const EXNREF_BLOCK = resultOnly(EXNREF);

/**
 * Reads a block type. `offset` is the instruction's offset, where type-index errors go.
 * @throws ValidationError for a bad value type, a negative or unknown type index, or a type
 *   index without the multi-value feature
 */
export function readBlockType(reader: BinaryReader, ctx: ModuleValidationContext, offset: number): BlockSignature {
  const b = reader.peekU8();
  if (b === 0x40) {
    reader.pos++;
    return EMPTY_BLOCK;
  }
  // A one-byte negative s33 is a value type; anything else is an s33 type index.
  if ((b & 0xc0) === 0x40) {
    const type = readValType(reader, ctx.features);
    switch (type) {
      case I32:
        return I32_BLOCK;
      case I64:
        return I64_BLOCK;
      case F32:
        return F32_BLOCK;
      case F64:
        return F64_BLOCK;
      case V128:
        return V128_BLOCK;
      case FUNCREF:
        return FUNCREF_BLOCK;
      case EXTERNREF:
        return EXTERNREF_BLOCK;
      case EXNREF:
        return EXNREF_BLOCK;
      default:
        return resultOnly(type);
    }
  }
  const at = reader.pos;
  const index = reader.readVarS33();
  if (index < 0) reader.fail('invalid function type', at);
  if (!ctx.features.multiValue) {
    throw new ValidationError('blocks, loops, and ifs may only produce a resulttype when multi-value is not enabled', offset);
  }
  return funcTypeAt(ctx, index, offset);
}
