import type { BinaryReader } from '../binary/binary-reader.js';
import type { ModuleState } from './module-state.js';
import { readMemoryType } from './entity-types.js';
import { checkMemoryCount } from './index-bounds.js';

/**
 * Reads the memory section (binary format 5.5.8) into `state.memories`.
 * @throws ValidationError for a bad memory type or too many memories
 */
export function readMemorySection(reader: BinaryReader, state: ModuleState): void {
  const countPos = reader.pos;
  const count = reader.readVarU32();
  checkMemoryCount(reader, state, count, countPos);
  for (let i = 0; i < count; i++) state.memories.push(readMemoryType(reader, state));
}
