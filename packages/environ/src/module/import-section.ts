// The import section (binary format 5.5.5). Each import takes the next index of its kind, so
// imported items come first in every index space.

import type { BinaryReader } from '../binary/binary-reader.js';
import type { EntityType } from '../translate/module-translation.js';
import { MAX_WASM_FUNCTIONS, MAX_WASM_GLOBALS, MAX_WASM_IMPORTS, MAX_WASM_TAGS } from './limits.js';
import { checkFuncTypeIndex, checkIndexSpace, checkMemoryCount, checkTableCount } from './index-bounds.js';
import type { ModuleState } from './module-state.js';
import { readGlobalType, readMemoryType, readTableType, readTagType } from './entity-types.js';

/**
 * Reads the import section into `state.imports` and the index spaces.
 * @throws ValidationError for a bad kind or type, or an index space over its limit
 */
export function readImportSection(reader: BinaryReader, state: ModuleState): void {
  const count = reader.readSize(MAX_WASM_IMPORTS, 'import');
  for (let i = 0; i < count; i++) {
    const module = reader.readName();
    const field = reader.readName();
    const kindPos = reader.pos;
    const kind = reader.readU8();
    let type: EntityType;
    switch (kind) {
      case 0x00: {
        const at = reader.pos;
        const typeIndex = checkFuncTypeIndex(state, reader, reader.readVarU32(), at);
        checkIndexSpace(reader, state.funcTypeIndices.length, 1, MAX_WASM_FUNCTIONS, 'function', kindPos);
        state.funcTypeIndices.push(typeIndex);
        state.numImportedFuncs++;
        type = { kind: 'func', typeIndex };
        break;
      }
      case 0x01: {
        const table = readTableType(reader, state);
        checkTableCount(reader, state, 1, kindPos);
        state.tables.push(table);
        state.numImportedTables++;
        type = { kind: 'table', type: table };
        break;
      }
      case 0x02: {
        const memory = readMemoryType(reader, state);
        checkMemoryCount(reader, state, 1, kindPos);
        state.memories.push(memory);
        state.numImportedMemories++;
        type = { kind: 'memory', type: memory };
        break;
      }
      case 0x03: {
        const global = readGlobalType(reader, state);
        if (global.mutable && !state.features.mutableGlobal) reader.fail('mutable global support is not enabled', kindPos);
        checkIndexSpace(reader, state.globals.length, 1, MAX_WASM_GLOBALS, 'global', kindPos);
        state.globals.push(global);
        state.globalInits.push(null);
        state.numImportedGlobals++;
        type = { kind: 'global', type: global };
        break;
      }
      case 0x04: {
        const tag = readTagType(reader, state);
        checkIndexSpace(reader, state.tags.length, 1, MAX_WASM_TAGS, 'tag', kindPos);
        state.tags.push(tag);
        state.numImportedTags++;
        type = { kind: 'tag', type: tag };
        break;
      }
      default:
        return reader.fail(`malformed import kind: invalid leading byte (0x${kind.toString(16)}) for external kind`, kindPos);
    }
    state.imports.push({ module, field, type });
  }
}
