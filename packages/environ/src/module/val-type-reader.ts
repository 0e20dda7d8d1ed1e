// Reading value, reference and heap types (binary format 5.3), gated by the enabled features.
// Typed references (`ref`/`ref null` with 0x64/0x63) belong to function references and GC,
// which environ does not validate yet, so they are rejected here rather than half-supported.

import type { BinaryReader } from '../binary/binary-reader.js';
import type { WasmFeatures } from '../features/wasm-features.js';
import { EXNREF, EXTERNREF, F32, F64, FUNCREF, I32, I64, V128 } from '../types/val-type.js';
import type { HeapType, RefType, ValType } from '../types/val-type.js';
import { AbstractHeapType } from '../types/val-type.js';

/**
 * Reads a value type.
 * @throws ValidationError for an unknown code or one whose proposal is not enabled
 */
export function readValType(reader: BinaryReader, features: WasmFeatures): ValType {
  const pos = reader.pos;
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
      if (!features.simd) reader.fail('SIMD support is not enabled', pos);
      return V128;
    default:
      reader.pos = pos;
      // Before reference types, funcref existed only as a table's element type.
      if (isRefTypeCode(code) && !features.referenceTypes) reader.fail('reference types support is not enabled', pos);
      if (isRefTypeCode(code)) return readRefType(reader, features);
      return reader.fail(`invalid value type: 0x${code.toString(16)}`, pos);
  }
}

function isRefTypeCode(code: number): boolean {
  return (code >= 0x69 && code <= 0x74) || code === 0x64 || code === 0x63;
}

/**
 * Reads a reference type.
 * @throws ValidationError for a code that is no reference type, or one not enabled
 */
export function readRefType(reader: BinaryReader, features: WasmFeatures): RefType {
  const pos = reader.pos;
  const code = reader.readU8();
  switch (code) {
    case 0x70:
      return FUNCREF;
    case 0x6f:
      if (!features.referenceTypes) reader.fail('reference types support is not enabled', pos);
      return EXTERNREF;
    case 0x69:
      if (!features.exceptions) reader.fail('exceptions proposal not enabled', pos);
      return EXNREF;
    case 0x64:
    case 0x63:
      return reader.fail('function references required for typed references', pos);
    default:
      if (code >= 0x6a && code <= 0x74) return reader.fail('heap types support requires the gc proposal', pos);
      return reader.fail(`malformed reference type: 0x${code.toString(16)}`, pos);
  }
}

/**
 * Reads the heap type of `ref.null` (an s33: negative codes are abstract heap types, a
 * non-negative value a type index).
 * @throws ValidationError for an unknown heap type or one not enabled
 */
export function readHeapType(reader: BinaryReader, features: WasmFeatures): HeapType {
  const pos = reader.pos;
  const value = reader.readVarS33();
  if (value >= 0) return reader.fail('function references required for index reference types', pos);
  // A one-byte negative s33 is the code minus 0x80.
  const code = value + 0x80;
  switch (code) {
    case AbstractHeapType.func:
      return code as HeapType;
    case AbstractHeapType.extern:
      if (!features.referenceTypes) reader.fail('reference types support is not enabled', pos);
      return code as HeapType;
    case AbstractHeapType.exn:
      if (!features.exceptions) reader.fail('exceptions proposal not enabled', pos);
      return code as HeapType;
    default:
      if (code >= 0x6a && code <= 0x74) return reader.fail('heap types support requires the gc proposal', pos);
      return reader.fail(`invalid heap type: ${value}`, pos);
  }
}
