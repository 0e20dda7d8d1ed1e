import type { BinaryReader } from '../binary/binary-reader.js';
import { MAX_WASM_FUNCTIONS } from './limits.js';
import type { ModuleState } from './module-state.js';

/**
 * Reads the code section (binary format 5.5.13) as far as framing: each body's size and range.
 * The bodies are validated once every section is read, because element segments (which
 * declare `ref.func` targets) and the data section come after the code section.
 * @throws ValidationError when the count differs from the function section's, or a body
 *   overruns the section
 */
export function readCodeSection(reader: BinaryReader, state: ModuleState): void {
  const countPos = reader.pos;
  const count = reader.readSize(MAX_WASM_FUNCTIONS, 'function body');
  if (count !== (state.definedFuncCount ?? 0)) {
    reader.fail('function and code section have inconsistent lengths', countPos);
  }
  for (let i = 0; i < count; i++) {
    const size = reader.readVarU32();
    const start = reader.pos;
    reader.skip(size);
    state.functionBodies.push({ offset: reader.offsetOf(start), length: size });
  }
}
