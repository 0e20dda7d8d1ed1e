// Index checks shared by the section readers and constant expressions. Each one is where a
// raw u32 from the binary becomes a branded index, so each checks the bound first.

import type { BinaryReader } from '../binary/binary-reader.js';
import type { FuncType } from '../types/core-types.js';
import type { FuncIndex, GlobalIndex, MemoryIndex, TableIndex, TagIndex, TypeIndex } from '../types/indices.js';
import { unreachable } from '../util/assert-never.js';
import type { ModuleState } from './module-state.js';
import { MAX_WASM_MEMORIES, MAX_WASM_TABLES } from './limits.js';

/**
 * Checks that `index`, read at `pos`, names a function type.
 * @throws ValidationError when the type does not exist or is not a function type
 */
export function checkFuncTypeIndex(state: ModuleState, reader: BinaryReader, index: number, pos: number): TypeIndex {
  const type = state.types[index];
  if (type === undefined) reader.fail(`unknown type ${index}: type index out of bounds`, pos);
  if (type.composite.kind !== 'func') reader.fail(`type index ${index} is not a function type`, pos);
  return index as TypeIndex;
}

/** The function type at a type index already checked by `checkFuncTypeIndex`. */
export function funcTypeAt(state: ModuleState, index: TypeIndex): FuncType {
  const type = state.types[index];
  if (type === undefined || type.composite.kind !== 'func') unreachable(`no function type ${index}`);
  return type.composite;
}

/** The type of a function whose index was already checked by `checkFuncIndex`. */
export function funcTypeOfFunction(state: ModuleState, func: FuncIndex): FuncType {
  const typeIndex = state.funcTypeIndices[func];
  if (typeIndex === undefined) unreachable(`no function ${func}`);
  return funcTypeAt(state, typeIndex);
}

/**
 * Checks a function index read at `pos`.
 * @throws ValidationError when the function does not exist
 */
export function checkFuncIndex(state: ModuleState, reader: BinaryReader, index: number, pos: number): FuncIndex {
  if (index >= state.funcTypeIndices.length) reader.fail(`unknown function ${index}: func index out of bounds`, pos);
  return index as FuncIndex;
}

/**
 * Checks a table index read at `pos`.
 * @throws ValidationError when the table does not exist
 */
export function checkTableIndex(state: ModuleState, reader: BinaryReader, index: number, pos: number): TableIndex {
  if (index >= state.tables.length) reader.fail(`unknown table ${index}: table index out of bounds`, pos);
  return index as TableIndex;
}

/**
 * Checks a memory index read at `pos`.
 * @throws ValidationError when the memory does not exist
 */
export function checkMemoryIndex(state: ModuleState, reader: BinaryReader, index: number, pos: number): MemoryIndex {
  if (index >= state.memories.length) reader.fail(`unknown memory ${index}: memory index out of bounds`, pos);
  return index as MemoryIndex;
}

/**
 * Checks a global index read at `pos`.
 * @throws ValidationError when the global does not exist
 */
export function checkGlobalIndex(state: ModuleState, reader: BinaryReader, index: number, pos: number): GlobalIndex {
  if (index >= state.globals.length) reader.fail(`unknown global ${index}: global index out of bounds`, pos);
  return index as GlobalIndex;
}

/**
 * Checks a tag index read at `pos`.
 * @throws ValidationError when the tag does not exist
 */
export function checkTagIndex(state: ModuleState, reader: BinaryReader, index: number, pos: number): TagIndex {
  if (index >= state.tags.length) reader.fail(`unknown tag ${index}: tag index out of bounds`, pos);
  return index as TagIndex;
}

/**
 * Checks that adding `added` items to an index space of `current` stays within `limit`.
 * @throws ValidationError at `pos` when it does not
 */
export function checkIndexSpace(reader: BinaryReader, current: number, added: number, limit: number, what: string, pos: number): void {
  if (current + added > limit) reader.fail(`${what} count ${current + added} exceeds the limit of ${limit}`, pos);
}

// One table before reference types and one memory before multi-memory; at most 100 after.

/**
 * Checks that `added` more tables fit.
 * @throws ValidationError at `pos` with `multiple tables` or a count over the limit
 */
export function checkTableCount(reader: BinaryReader, state: ModuleState, added: number, pos: number): void {
  const total = state.tables.length + added;
  if (!state.features.referenceTypes) {
    if (total > 1) reader.fail('multiple tables', pos);
  } else if (total > MAX_WASM_TABLES) {
    reader.fail(`table count ${total} exceeds the limit of ${MAX_WASM_TABLES}`, pos);
  }
}

/**
 * Checks that `added` more memories fit.
 * @throws ValidationError at `pos` with `multiple memories` or a count over the limit
 */
export function checkMemoryCount(reader: BinaryReader, state: ModuleState, added: number, pos: number): void {
  const total = state.memories.length + added;
  if (!state.features.multiMemory) {
    if (total > 1) reader.fail('multiple memories', pos);
  } else if (total > MAX_WASM_MEMORIES) {
    reader.fail(`memory count ${total} exceeds the limit of ${MAX_WASM_MEMORIES}`, pos);
  }
}

