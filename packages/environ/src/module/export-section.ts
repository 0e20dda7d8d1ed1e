import type { BinaryReader } from '../binary/binary-reader.js';
import type { EntityIndex } from '../translate/module-translation.js';
import { MAX_WASM_EXPORTS } from './limits.js';
import type { FuncIndex, GlobalIndex, MemoryIndex, TableIndex, TagIndex } from '../types/indices.js';
import type { ModuleState } from './module-state.js';

// Per export kind byte: its name in messages and the size of its index space.
const EXPORT_KINDS: readonly { readonly name: string; readonly count: (state: ModuleState) => number }[] = [
  { name: 'function', count: (state) => state.funcTypeIndices.length },
  { name: 'table', count: (state) => state.tables.length },
  { name: 'memory', count: (state) => state.memories.length },
  { name: 'global', count: (state) => state.globals.length },
  { name: 'tag', count: (state) => state.tags.length },
];

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
    const space = EXPORT_KINDS[kind];
    if (space === undefined) reader.fail(`invalid leading byte (0x${kind.toString(16)}) for external kind`, kindPos);
    if (index >= space.count(state)) reader.fail(`unknown ${space.name} ${index}: exported ${space.name} index out of bounds`, indexPos);
    // The index is in bounds: this is where it becomes a branded index.
    let entity: EntityIndex;
    switch (kind) {
      case 0x00:
        entity = { kind: 'func', index: index as FuncIndex };
        state.declaredFuncRefs.add(index);
        break;
      case 0x01:
        entity = { kind: 'table', index: index as TableIndex };
        break;
      case 0x02:
        entity = { kind: 'memory', index: index as MemoryIndex };
        break;
      case 0x03: {
        entity = { kind: 'global', index: index as GlobalIndex };
        if (state.globals[index]?.mutable === true && !state.features.mutableGlobal) {
          reader.fail('mutable global support is not enabled', kindPos);
        }
        break;
      }
      case 0x04:
        entity = { kind: 'tag', index: index as TagIndex };
        break;
      default:
        return reader.fail(`invalid leading byte (0x${kind.toString(16)}) for external kind`, kindPos);
    }
    if (state.exports.has(name)) reader.fail(`duplicate export name \`${name}\` already defined`, namePos);
    state.exports.set(name, entity);
  }
}
