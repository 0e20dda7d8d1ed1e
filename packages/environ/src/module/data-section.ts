// The data section (binary format 5.5.14). Flags 0: active in memory 0; 1: passive; 2: active
// with an explicit memory index. The bytes stay in the binary: a segment records its range.

import type { BinaryReader } from '../binary/binary-reader.js';
import type { DataMode } from '../translate/module-translation.js';
import { readConstExpr } from '../validator/const-expr.js';
import { I32 } from '../types/val-type.js';
import { MAX_WASM_DATA_SEGMENTS } from './limits.js';
import { checkMemoryIndex } from './index-bounds.js';
import type { ModuleState } from './module-state.js';

/**
 * Reads the data section into `state.dataSegments`.
 * @throws ValidationError for bad flags, an unknown memory, a bad offset expression, or a
 *   count that differs from the data count section's
 */
export function readDataSection(reader: BinaryReader, state: ModuleState): void {
  const countPos = reader.pos;
  const count = reader.readSize(MAX_WASM_DATA_SEGMENTS, 'data segment');
  if (state.dataCount !== null && count !== state.dataCount) {
    reader.fail('data count and data section have inconsistent lengths', countPos);
  }
  for (let i = 0; i < count; i++) {
    const flagsPos = reader.pos;
    const flags = reader.readVarU32();
    let mode: DataMode;
    switch (flags) {
      case 0:
      case 2: {
        const memoryPos = reader.pos;
        const memory = checkMemoryIndex(state, reader, flags === 2 ? reader.readVarU32() : 0, flags === 2 ? memoryPos : flagsPos);
        const offset = readConstExpr(reader, state, I32, false);
        mode = { kind: 'active', memory, offset };
        break;
      }
      case 1:
        if (!state.features.bulkMemory) reader.fail('passive data segments require the bulk-memory proposal', flagsPos);
        mode = { kind: 'passive' };
        break;
      default:
        return reader.fail(`malformed data segment kind: invalid flags (0x${flags.toString(16)})`, flagsPos);
    }
    const length = reader.readVarU32();
    const start = reader.pos;
    reader.skip(length);
    state.dataSegments.push({ mode, data: { offset: reader.offsetOf(start), length } });
  }
}
