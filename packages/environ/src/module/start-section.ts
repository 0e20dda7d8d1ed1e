import type { BinaryReader } from '../binary/binary-reader.js';
import { checkFuncIndex, funcTypeOfFunction } from './index-bounds.js';
import type { ModuleState } from './module-state.js';

/**
 * Reads the start section (binary format 5.5.11): a function of type [] -> [].
 * @throws ValidationError for an unknown function or one with parameters or results
 */
export function readStartSection(reader: BinaryReader, state: ModuleState): void {
  const pos = reader.pos;
  const func = checkFuncIndex(state, reader, reader.readVarU32(), pos);
  const type = funcTypeOfFunction(state, func);
  if (type.params.length !== 0 || type.results.length !== 0) reader.fail('invalid start function type', pos);
  state.start = func;
}
