import type { BinaryReader } from '../binary/binary-reader.js';
import type { ModuleState } from './module-state.js';

/**
 * Reads a custom section (binary format 5.5.3): a UTF-8 name, then content kept as a view
 * into the binary. Only the name is validated; the content means nothing to validation.
 * @throws ValidationError for a malformed or overrunning name
 */
export function readCustomSection(reader: BinaryReader, state: ModuleState): void {
  const name = reader.readName();
  const offset = reader.offset;
  const bytes = reader.readBytes(reader.remaining);
  state.customSections.push({ name, offset, bytes });
}
