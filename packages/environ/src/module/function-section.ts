import type { BinaryReader } from '../binary/binary-reader.js';
import { MAX_WASM_FUNCTIONS } from './limits.js';
import { checkFuncTypeIndex, checkIndexSpace } from './index-bounds.js';
import type { ModuleState } from './module-state.js';

/**
 * Reads the function section (binary format 5.5.6): the type of each defined function. Their
 * bodies come later, in the code section, whose count must match.
 * @throws ValidationError for an unknown or non-function type, or too many functions
 */
export function readFunctionSection(reader: BinaryReader, state: ModuleState): void {
  const countPos = reader.pos;
  const count = reader.readSize(MAX_WASM_FUNCTIONS, 'function');
  checkIndexSpace(reader, state.funcTypeIndices.length, count, MAX_WASM_FUNCTIONS, 'function', countPos);
  state.definedFuncCount = count;
  for (let i = 0; i < count; i++) {
    const pos = reader.pos;
    state.funcTypeIndices.push(checkFuncTypeIndex(state, reader, reader.readVarU32(), pos));
  }
}
