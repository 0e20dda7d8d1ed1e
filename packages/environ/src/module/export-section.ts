import type { BinaryReader } from '../binary/binary-reader.js';
import type { EntityIndex } from '../translate/module-translation.js';
import { MAX_WASM_EXPORTS } from './limits.js';
import { checkFuncIndex, checkGlobalIndex, checkMemoryIndex, checkTableIndex, checkTagIndex } from './index-bounds.js';
import type { ModuleState } from './module-state.js';

/**
 * Reads the export section (binary format 5.5.10). Names must be unique; an exported
 * function becomes a declared function reference (it can escape as a funcref).
 * @throws ValidationError for a bad kind, an unknown index, a duplicate name, or a mutable
 *   global without mutable-global support
 */
export function readExportSection(reader: BinaryReader, state: ModuleState): void {
  const count = reader.readSize(MAX_WASM_EXPORTS, 'export');
  for (let i = 0; i < count; i++) {
    const namePos = reader.pos;
    const name = reader.readName();
    const kindPos = reader.pos;
    const kind = reader.readU8();
    const indexPos = reader.pos;
    const index = reader.readVarU32();
    let entity: EntityIndex;
    switch (kind) {
      case 0x00:
        entity = { kind: 'func', index: checkFuncIndex(state, reader, index, indexPos) };
        state.declaredFuncRefs.add(index);
        break;
      case 0x01:
        entity = { kind: 'table', index: checkTableIndex(state, reader, index, indexPos) };
        break;
      case 0x02:
        entity = { kind: 'memory', index: checkMemoryIndex(state, reader, index, indexPos) };
        break;
      case 0x03: {
        entity = { kind: 'global', index: checkGlobalIndex(state, reader, index, indexPos) };
        if (state.globals[index]?.mutable === true && !state.features.mutableGlobal) {
          reader.fail('mutable global support is not enabled', kindPos);
        }
        break;
      }
      case 0x04:
        entity = { kind: 'tag', index: checkTagIndex(state, reader, index, indexPos) };
        break;
      default:
        return reader.fail(`invalid leading byte (0x${kind.toString(16)}) for external kind`, kindPos);
    }
    if (state.exports.has(name)) reader.fail(`duplicate export name \`${name}\` already defined`, namePos);
    state.exports.set(name, entity);
  }
}
