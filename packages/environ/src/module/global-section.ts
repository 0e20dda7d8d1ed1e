import type { BinaryReader } from '../binary/binary-reader.js';
import { readConstExpr } from '../validator/const-expr.js';
import { MAX_WASM_GLOBALS } from './limits.js';
import { checkIndexSpace } from './index-bounds.js';
import type { ModuleState } from './module-state.js';
import { readGlobalType } from './entity-types.js';

/**
 * Reads the global section (binary format 5.5.9): each global's type and initializer. A
 * global is pushed after its initializer is read, so the initializer cannot see it.
 * @throws ValidationError for a bad type or initializer, or too many globals
 */
export function readGlobalSection(reader: BinaryReader, state: ModuleState): void {
  const countPos = reader.pos;
  const count = reader.readSize(MAX_WASM_GLOBALS, 'global');
  checkIndexSpace(reader, state.globals.length, count, MAX_WASM_GLOBALS, 'global', countPos);
  for (let i = 0; i < count; i++) {
    const type = readGlobalType(reader, state);
    const init = readConstExpr(reader, state, type.content, true);
    state.globals.push(type);
    state.globalInits.push(init);
  }
}
