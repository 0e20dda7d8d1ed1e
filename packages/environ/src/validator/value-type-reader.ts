/**
 * Reading value and heap types inside function bodies (locals, block types, `select t`,
 * `ref.null`), with the feature checks that decide whether an encoding is allowed.
 */
import type { BinaryReader } from '../binary/binary-reader.js';
import type { WasmFeatures } from '../features/wasm-features.js';
import {
  AbstractHeapType,
  EXNREF,
  EXTERNREF,
  F32,
  F64,
  FUNCREF,
  I32,
  I64,
  V128,
  type HeapType,
  type ValType,
} from '../types/val-type.js';

/**
 * Reads one value type byte and checks that its proposal is enabled.
 * @throws ValidationError `invalid value type` for an unknown code, or `<proposal> support is
 *   not enabled` when the type's proposal is off; the offset is that of the type byte
 */
export function readValType(reader: BinaryReader, features: WasmFeatures): ValType {
  const at = reader.pos;
  const code = reader.readU8();
  switch (code) {
    case 0x7f:
      return I32;
    case 0x7e:
      return I64;
    case 0x7d:
      return F32;
    case 0x7c:
      return F64;
    case 0x7b:
      if (!features.simd) reader.fail('SIMD support is not enabled', at);
      return V128;
    case 0x70:
      if (!features.referenceTypes) reader.fail('reference types support is not enabled', at);
      return FUNCREF;
    case 0x6f:
      if (!features.referenceTypes) reader.fail('reference types support is not enabled', at);
      return EXTERNREF;
    case 0x69:
      if (!features.exceptions) reader.fail('exceptions support is not enabled', at);
      return EXNREF;
    case 0x64:
    case 0x63:
      // (ref ht) and (ref null ht): function references / GC, which we do not validate yet.
      return reader.fail('function references support is not enabled', at);
    case 0x6e:
    case 0x6d:
    case 0x6c:
    case 0x6b:
    case 0x6a:
    case 0x71:
    case 0x72:
    case 0x73:
    case 0x74:
      return reader.fail('gc support is not enabled', at);
    default:
      return reader.fail('invalid value type', at);
  }
}

/**
 * Reads the heap type immediate of `ref.null`.
 * @throws ValidationError when the heap type is unknown or its proposal is off
 */
export function readHeapType(reader: BinaryReader, features: WasmFeatures): HeapType {
  const at = reader.pos;
  const code = reader.peekU8();
  // A non-negative s33 is a concrete type index (function references); read it whole so an
  // overlong encoding is reported as such.
  if ((code & 0xc0) !== 0x40) {
    const index = reader.readVarS33();
    if (index >= 0) return reader.fail('function references support is not enabled', at);
    return reader.fail('invalid heap type', at);
  }
  reader.pos++;
  switch (code) {
    case AbstractHeapType.func:
    case AbstractHeapType.extern:
      return code as HeapType;
    case AbstractHeapType.exn:
      if (!features.exceptions) reader.fail('exceptions support is not enabled', at);
      return code as HeapType;
    case AbstractHeapType.any:
    case AbstractHeapType.eq:
    case AbstractHeapType.i31:
    case AbstractHeapType.struct:
    case AbstractHeapType.array:
    case AbstractHeapType.none:
    case AbstractHeapType.noextern:
    case AbstractHeapType.nofunc:
    case AbstractHeapType.noexn:
      return reader.fail('gc support is not enabled', at);
    default:
      return reader.fail('invalid heap type', at);
  }
}
