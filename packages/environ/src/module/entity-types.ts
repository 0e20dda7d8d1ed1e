// Reading and validating the types of tables, memories, globals and tags (binary format
// 5.3.6-5.3.10), shared by the import section and the sections that define them.

import type { BinaryReader } from '../binary/binary-reader.js';
import type { GlobalType, MemoryType, TableType, TagType } from '../types/core-types.js';
import { MAX_WASM_MEMORY32_PAGES } from './limits.js';
import { checkFuncTypeIndex, funcTypeAt } from './index-bounds.js';
import type { ModuleState } from './module-state.js';
import { readRefType, readValType } from '../types/val-type-reader.js';

/**
 * Reads a table type: element type then limits (flags 0x00 or 0x01).
 * @throws ValidationError for bad flags, a disabled element type, or min > max
 */
export function readTableType(reader: BinaryReader, state: ModuleState): TableType {
  const element = readRefType(reader, state.features);
  const flagsPos = reader.pos;
  const flags = reader.readU8();
  if (flags === 0x04 || flags === 0x05) reader.fail('memory64 must be enabled for 64-bit tables', flagsPos);
  if (flags > 0x01) reader.fail(`invalid table resizable limits flags: 0x${flags.toString(16)}`, flagsPos);
  const min = reader.readVarU32();
  const maxPos = reader.pos;
  const max = flags === 0x01 ? reader.readVarU32() : null;
  if (max !== null && min > max) reader.fail('size minimum must not be greater than maximum', maxPos);
  return { element, limits: { min, max }, is64: false };
}

/**
 * Reads a memory type: limits flags (bit 0 max present, bit 1 shared, bit 2 memory64, bit 3
 * custom page size), min and optional max in 64 KiB pages.
 * @throws ValidationError for bad or disabled flags, min > max, more than 65536 pages, or a
 *   shared memory without threads or without a maximum
 */
export function readMemoryType(reader: BinaryReader, state: ModuleState): MemoryType {
  const flagsPos = reader.pos;
  const flags = reader.readU8();
  if (flags & 0x04) reader.fail('memory64 must be enabled for 64-bit memories', flagsPos);
  if (flags & 0x08) reader.fail("the custom page sizes proposal must be enabled to customize a memory's page size", flagsPos);
  if (flags > 0x03) reader.fail(`invalid memory limits flags: 0x${flags.toString(16)}`, flagsPos);
  const shared = (flags & 0x02) !== 0;
  const minPos = reader.pos;
  const min = reader.readVarU32();
  const maxPos = reader.pos;
  const max = flags & 0x01 ? reader.readVarU32() : null;
  if (max !== null && min > max) reader.fail('size minimum must not be greater than maximum', maxPos);
  if (min > MAX_WASM_MEMORY32_PAGES) reader.fail('memory size must be at most 65536 pages (4GiB)', minPos);
  if (max !== null && max > MAX_WASM_MEMORY32_PAGES) reader.fail('memory size must be at most 65536 pages (4GiB)', maxPos);
  if (shared) {
    if (!state.features.threads) reader.fail('threads must be enabled for shared memories', flagsPos);
    if (max === null) reader.fail('shared memory must have maximum size', flagsPos);
  }
  return { limits: { min, max }, shared, is64: false, pageSizeLog2: 16 };
}

/**
 * Reads a global type: value type and mutability (0x00 const, 0x01 var).
 * @throws ValidationError for a bad value type or mutability byte
 */
export function readGlobalType(reader: BinaryReader, state: ModuleState): GlobalType {
  const content = readValType(reader, state.features);
  const pos = reader.pos;
  const mutability = reader.readU8();
  if (mutability > 1) reader.fail('malformed mutability', pos);
  return { content, mutable: mutability === 1 };
}

/**
 * Reads a tag type: attribute 0 (exception) and a function type index with no results.
 * @throws ValidationError when exceptions are disabled, for a bad attribute or type
 */
export function readTagType(reader: BinaryReader, state: ModuleState): TagType {
  const pos = reader.pos;
  if (!state.features.exceptions && !state.features.legacyExceptions) reader.fail('exceptions proposal not enabled', pos);
  const attribute = reader.readU8();
  if (attribute !== 0) reader.fail('invalid tag attributes', pos);
  const typePos = reader.pos;
  const typeIndex = checkFuncTypeIndex(state, reader, reader.readVarU32(), typePos);
  if (funcTypeAt(state, typeIndex).results.length > 0) {
    reader.fail('invalid exception type: non-empty tag result type', typePos);
  }
  return { typeIndex };
}
