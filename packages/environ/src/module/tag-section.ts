import type { BinaryReader } from '../binary/binary-reader.js';
import { MAX_WASM_TAGS } from './limits.js';
import { checkIndexSpace } from './index-bounds.js';
import type { ModuleState } from './module-state.js';
import { readTagType } from './entity-types.js';

/**
 * Reads the tag section (exception handling; id 13, between memory and global).
 * @throws ValidationError when exceptions are disabled, for a bad tag type, or too many tags
 */
export function readTagSection(reader: BinaryReader, state: ModuleState): void {
  const countPos = reader.pos;
  if (!state.features.exceptions && !state.features.legacyExceptions) reader.fail('exceptions proposal not enabled', countPos);
  const count = reader.readSize(MAX_WASM_TAGS, 'tag');
  checkIndexSpace(reader, state.tags.length, count, MAX_WASM_TAGS, 'tag', countPos);
  for (let i = 0; i < count; i++) state.tags.push(readTagType(reader, state));
}
