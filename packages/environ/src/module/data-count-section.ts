import type { BinaryReader } from '../binary/binary-reader.js';
import { MAX_WASM_DATA_SEGMENTS } from './limits.js';
import type { ModuleState } from './module-state.js';

/**
 * Reads the data count section (binary format 5.5.16): how many data segments the data
 * section will hold, so function bodies (which come first) can check data indices.
 * @throws ValidationError for a count over the data segment limit
 */
export function readDataCountSection(reader: BinaryReader, state: ModuleState): void {
  const pos = reader.pos;
  const count = reader.readVarU32();
  if (count > MAX_WASM_DATA_SEGMENTS) reader.fail('data count section specifies too many data segments', pos);
  state.dataCount = count;
}
