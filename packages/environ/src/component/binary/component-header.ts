// The preamble of a component (Binary.md "Component Definitions"): the core magic, then a 16-bit
// version and a 16-bit layer where a core module has its 32-bit version. Layer 0 is a core
// module and layer 1 a component, so the two are told apart in the first 8 bytes.

import type { BinaryReader } from '../../binary/binary-reader.js';
import { WASM_MAGIC } from '../../module/module-header.js';

/** The pre-standard component binary version this reader accepts. */
const COMPONENT_VERSION = 0x0d;
/** The layer of a component; a core module has layer 0. */
const COMPONENT_LAYER = 1;

/**
 * Reads the 8-byte preamble of a component.
 * @throws ValidationError on a short input, a wrong magic, a core module, or another version
 */
export function readComponentHeader(reader: BinaryReader): void {
  const at = reader.pos;
  if (reader.remaining < 4) reader.failEof(4);
  const magic = reader.readU32LE();
  if (magic !== WASM_MAGIC) reader.fail('magic header not detected: bad magic number', at);
  const versionAt = reader.pos;
  if (reader.remaining < 4) reader.failEof(4);
  const version = reader.readU8() | (reader.readU8() << 8);
  const layer = reader.readU8() | (reader.readU8() << 8);
  if (layer === 0) reader.fail(`expected a version header for a component, found a core module (layer 0, version ${version})`, versionAt);
  if (layer !== COMPONENT_LAYER) reader.fail(`unknown binary layer: 0x${layer.toString(16)}`, versionAt + 2);
  if (version !== COMPONENT_VERSION) reader.fail(`unknown binary version: 0x${version.toString(16)}, expected component version 0x${COMPONENT_VERSION.toString(16)}`, versionAt);
}
