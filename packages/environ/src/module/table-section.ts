import type { BinaryReader } from '../binary/binary-reader.js';
import type { ModuleState } from './module-state.js';
import { readTableType } from './entity-types.js';
import { checkTableCount } from './index-bounds.js';

/**
 * Reads the table section (binary format 5.5.7). The 0x40 0x00 form (a table with an initializer expression)
 * belongs to function references and is rejected.
 * @throws ValidationError for a bad table type or too many tables
 */
export function readTableSection(reader: BinaryReader, state: ModuleState): void {
  const countPos = reader.pos;
  const count = reader.readVarU32();
  checkTableCount(reader, state, count, countPos);
  for (let i = 0; i < count; i++) {
    const pos = reader.pos;
    if (reader.peekU8() === 0x40) reader.fail('tables with expression initializers require the function-references proposal', pos);
    state.tables.push(readTableType(reader, state));
  }
}
