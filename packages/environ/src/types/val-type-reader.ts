// Reading value, reference and heap types (binary format 5.3), gated by the enabled features.
// One reader serves the sections (imports, globals, tables, types) and function bodies
// (locals, block types, `select t`, `ref.null`), so the two never disagree. Typed references
// (`ref`/`ref null`, 0x64/0x63) and GC's abstract heap types are rejected as not enabled:
// environ does not validate function references or GC yet.

import type { BinaryReader } from '../binary/binary-reader.js';
import type { WasmFeatures } from '../features/wasm-features.js';
import { AbstractHeapType, EXNREF, EXTERNREF, F32, F64, FUNCREF, I32, I64, V128 } from './val-type.js';
import type { HeapType, RefType, ValType } from './val-type.js';

/** True for GC's abstract heap type codes (any, eq, i31, struct, array and the bottom types). */
function isGcHeapCode(code: number): boolean {
  return (code >= 0x6a && code <= 0x6e) || (code >= 0x71 && code <= 0x74);
}

/**
 * Reads a value type and checks that its proposal is enabled.
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
    case 0x6f:
    case 0x69:
    case 0x64:
    case 0x63:
      // Before reference types, funcref existed only as a table's element type.
      if (!features.referenceTypes) reader.fail('reference types support is not enabled', at);
      reader.pos = at;
      return readRefType(reader, features);
    default:
      if (isGcHeapCode(code)) return reader.fail('gc support is not enabled', at);
      return reader.fail('invalid value type', at);
  }
}

/**
 * Reads a reference type (a table's element type, an element segment's type, a value type).
 * @throws ValidationError for a code that is no reference type, or one not enabled
 */
export function readRefType(reader: BinaryReader, features: WasmFeatures): RefType {
  const at = reader.pos;
  const code = reader.readU8();
  switch (code) {
    case 0x70:
      return FUNCREF;
    case 0x6f:
      if (!features.referenceTypes) reader.fail('reference types support is not enabled', at);
      return EXTERNREF;
    case 0x69:
      if (!features.exceptions) reader.fail('exceptions support is not enabled', at);
      return EXNREF;
    case 0x64:
    case 0x63:
      return reader.fail('function references support is not enabled', at);
    default:
      if (isGcHeapCode(code)) return reader.fail('gc support is not enabled', at);
      return reader.fail(`malformed reference type: 0x${code.toString(16)}`, at);
  }
}

/**
 * Reads the heap type immediate of `ref.null` (an s33: negative values are abstract heap type
 * codes, non-negative ones concrete type indices).
 * @throws ValidationError when the heap type is unknown or its proposal is off
 */
export function readHeapType(reader: BinaryReader, features: WasmFeatures): HeapType {
  const at = reader.pos;
  const code = reader.peekU8();
  // Anything but a one-byte negative s33 is a type index or malformed; read it whole so an
  // overlong encoding is reported as such.
  if ((code & 0xc0) !== 0x40) {
    const index = reader.readVarS33();
    if (index >= 0) return reader.fail('function references support is not enabled', at);
    return reader.fail('invalid heap type', at);
  }
  reader.pos++;
  switch (code) {
    case AbstractHeapType.func:
      return code as HeapType;
    case AbstractHeapType.extern:
      if (!features.referenceTypes) reader.fail('reference types support is not enabled', at);
      return code as HeapType;
    case AbstractHeapType.exn:
      if (!features.exceptions) reader.fail('exceptions support is not enabled', at);
      return code as HeapType;
    default:
      if (isGcHeapCode(code)) return reader.fail('gc support is not enabled', at);
      return reader.fail('invalid heap type', at);
  }
}
