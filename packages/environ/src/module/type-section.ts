// The type section (binary format 5.5.4). Without GC every entry is a plain function type
// (0x60) and forms a recursion group of its own; rec groups (0x4e), sub types (0x50, 0x4f)
// and struct/array types are GC-only and rejected until environ validates GC.

import type { BinaryReader } from '../binary/binary-reader.js';
import type { SubType } from '../types/core-types.js';
import type { TypeIndex } from '../types/indices.js';
import type { ValType } from '../types/val-type.js';
import { MAX_WASM_FUNCTION_PARAMS, MAX_WASM_FUNCTION_RETURNS, MAX_WASM_TYPES } from './limits.js';
import type { ModuleState } from './module-state.js';
import { readValType } from '../types/val-type-reader.js';

/**
 * Reads the type section into `state.types` and `state.recGroups`.
 * @throws ValidationError for a malformed or disabled type form, or too many types
 */
export function readTypeSection(reader: BinaryReader, state: ModuleState): void {
  const count = reader.readSize(MAX_WASM_TYPES, 'type');
  for (let i = 0; i < count; i++) {
    const pos = reader.pos;
    const form = reader.readU8();
    if (form !== 0x60) failTypeForm(reader, form, pos, state.features.gc);
    const params = readResultTypes(reader, state, MAX_WASM_FUNCTION_PARAMS, 'function params');
    const resultsPos = reader.pos;
    const results = readResultTypes(reader, state, MAX_WASM_FUNCTION_RETURNS, 'function returns');
    if (results.length > 1 && !state.features.multiValue) {
      reader.fail('invalid result arity: func type returns multiple values', resultsPos);
    }
    const subType: SubType = { isFinal: true, supertype: null, composite: { kind: 'func', params, results } };
    const index = state.types.push(subType) - 1;
    state.recGroups.push({ start: index as TypeIndex, count: 1 });
  }
}

function readResultTypes(reader: BinaryReader, state: ModuleState, limit: number, what: string): ValType[] {
  const count = reader.readSize(limit, what);
  // Filled by `push` so the array is packed: the body validator reads these lists in its hot
  // loop, and every type list it sees should have the same elements kind (see validation-stacks.ts).
  const types: ValType[] = [];
  for (let i = 0; i < count; i++) types.push(readValType(reader, state.features));
  return types;
}

function failTypeForm(reader: BinaryReader, form: number, pos: number, gc: boolean): never {
  // The gc flag is reserved; GC types are not read yet even when it is set.
  if (gc && (form === 0x4e || form === 0x50 || form === 0x4f || form === 0x5f || form === 0x5e)) {
    return reader.fail('gc types are not supported yet', pos);
  }
  switch (form) {
    case 0x4e:
      return reader.fail('rec group usage requires `gc` proposal to be enabled', pos);
    case 0x50:
    case 0x4f:
      return reader.fail('gc proposal must be enabled to use subtypes', pos);
    case 0x5f:
    case 0x5e:
      return reader.fail('gc proposal must be enabled to use struct and array types', pos);
    default:
      return reader.fail(`invalid leading byte (0x${form.toString(16)}) for type definition`, pos);
  }
}
