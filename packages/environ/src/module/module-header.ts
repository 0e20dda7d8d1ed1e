import type { BinaryReader } from '../binary/binary-reader.js';

/** The magic bytes `\0asm` every wasm binary starts with, as a little-endian u32. */
export const WASM_MAGIC = 0x6d736100;
/** Version 1 and layer 0: a core module (a component has layer 1). */
export const WASM_MODULE_VERSION = 1;

const hexBytes = (word: number): string =>
  `[${[0, 8, 16, 24].map((shift) => `0x${((word >>> shift) & 0xff).toString(16)}`).join(', ')}]`;

/**
 * Reads the 8-byte preamble of a core module: the magic and the version word.
 * @throws ValidationError on a short input, a wrong magic, or a version other than 1
 */
export function readModuleHeader(reader: BinaryReader): void {
  const at = reader.pos;
  if (reader.remaining < 4) reader.failEof(4);
  const magic = reader.readU32LE();
  if (magic !== WASM_MAGIC) {
    reader.fail(`magic header not detected: bad magic number - expected=${hexBytes(WASM_MAGIC)} actual=${hexBytes(magic)}`, at);
  }
  const versionAt = reader.pos;
  if (reader.remaining < 4) reader.failEof(4);
  const version = reader.readU32LE();
  if (version !== WASM_MODULE_VERSION) {
    reader.fail(`unknown binary version: 0x${version.toString(16)}`, versionAt);
  }
}
