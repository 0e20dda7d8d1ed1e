// The artifact container: what `ObjectBuilder` writes and `CodeMemory` reads. wasmtime uses an
// ELF object; our code is wasm for V8 plus generated JS, so a small container of our own does:
//
//   offset  size  field
//        0     8  magic "\0tswasm\x01" (differs from wasm's "\0asm" at byte 1)
//        8     4  format version (u32, little-endian like every number here)
//       12     4  total length of the artifact in bytes
//       16     4  CRC-32 of every byte from offset 20 to the end
//       20     1  kind: 0 module, 1 component; then 3 zero bytes
//       24        three strings, each a u32 byte length and UTF-8: the tswasm version, the
//                 engine fingerprint, the readable engine description (may be empty)
//                 section count (u32), then per section: type, offset, length (u32 each);
//                 types: 1 metadata (CBOR, exactly one), 2 wasm (in index order), 3 JS source
//                 (UTF-8, exactly one)
//                 zero padding to a multiple of 4, then the payloads in table order, each at a
//                 multiple of 4 with zero padding between; wasm payloads are the bytes as given
//
// The first 24 bytes and the three strings keep this layout in every format version, so
// `CodeMemory.peek` can say what any artifact is. Every byte is checked on load: magic,
// version and length directly, the rest by the CRC, so every single-byte change and every
// truncation is rejected. Payload offsets are multiples of 4 so a reader may view them as
// 32-bit arrays later.

import { ArtifactError } from './artifact-error.js';
import type { ArtifactKind } from './artifact-kind.js';

/** The first 8 bytes of every artifact. */
export const ARTIFACT_MAGIC: Uint8Array = Uint8Array.of(0x00, 0x74, 0x73, 0x77, 0x61, 0x73, 0x6d, 0x01);

/**
 * The format version this code writes and reads (2: the metadata's large integer lists became
 * typed arrays).
 */
export const ARTIFACT_FORMAT_VERSION = 2;

/** Offsets of the fixed header fields. */
export const HeaderOffset = {
  version: 8,
  totalLength: 12,
  checksum: 16,
  /** The first byte the checksum covers. */
  checksummed: 20,
  kind: 20,
  strings: 24,
} as const;

/** The type of a section in the section table. */
export const SectionType = {
  metadata: 1,
  wasm: 2,
  js: 3,
} as const;

/** One entry of the section table. */
export interface SectionEntry {
  readonly type: number;
  readonly offset: number;
  readonly length: number;
}

/** The decoded header: everything before the payloads. */
export interface ArtifactHeader {
  readonly formatVersion: number;
  readonly totalLength: number;
  readonly kind: ArtifactKind;
  readonly tswasmVersion: string;
  readonly fingerprint: string;
  readonly engineDescription: string;
  readonly sections: readonly SectionEntry[];
  /** Where the section table ends (before padding). */
  readonly tableEnd: number;
}

/** The kind byte of each kind. */
export const KIND_CODES: Readonly<Record<ArtifactKind, number>> = { module: 0, component: 1 };

/** Rounds `n` up to a multiple of 4. */
export function align4(n: number): number {
  return (n + 3) & ~3;
}

/** Reads a little-endian u32 at `pos`; the caller checks bounds. */
export function readU32(bytes: Uint8Array, pos: number): number {
  const b0 = bytes[pos] as number;
  const b1 = bytes[pos + 1] as number;
  const b2 = bytes[pos + 2] as number;
  const b3 = bytes[pos + 3] as number;
  return (b0 | (b1 << 8) | (b2 << 16) | (b3 << 24)) >>> 0;
}

/** Writes a little-endian u32 at `pos`. */
export function writeU32(bytes: Uint8Array, pos: number, value: number): void {
  bytes[pos] = value & 0xff;
  bytes[pos + 1] = (value >>> 8) & 0xff;
  bytes[pos + 2] = (value >>> 16) & 0xff;
  bytes[pos + 3] = (value >>> 24) & 0xff;
}

/** True when `bytes` begins with the wasm magic `\0asm`. */
function isWasmMagic(bytes: Uint8Array): boolean {
  return bytes.length >= 4 && bytes[0] === 0x00 && bytes[1] === 0x61 && bytes[2] === 0x73 && bytes[3] === 0x6d;
}

/**
 * Checks the magic and the fixed prefix (format version aside) and says what the bytes are
 * when they are not an artifact.
 * @throws ArtifactError for bytes without the magic (naming a wasm module or component when
 *   that is what they are) or too short for the fixed header
 */
export function checkMagic(bytes: Uint8Array): void {
  const n = Math.min(bytes.length, ARTIFACT_MAGIC.length);
  for (let i = 0; i < n; i++) {
    if (bytes[i] !== ARTIFACT_MAGIC[i]) {
      if (isWasmMagic(bytes)) {
        // Layer byte 0x01 (bytes 6..7 of the version word) marks a component binary.
        const isComponent = bytes.length >= 8 && bytes[6] === 0x01 && bytes[7] === 0x00;
        throw new ArtifactError(isComponent
          ? 'expected a tswasm artifact, found a WebAssembly component binary: use Component.new'
          : 'expected a tswasm artifact, found a WebAssembly binary: use Module.new');
      }
      const found = Array.from(bytes.subarray(0, ARTIFACT_MAGIC.length), (b) => b.toString(16).padStart(2, '0')).join(' ');
      throw new ArtifactError(`expected a tswasm artifact, found bytes without its magic header (${found})`);
    }
  }
  if (bytes.length === 0) throw new ArtifactError('expected a tswasm artifact, found empty input');
  if (bytes.length < HeaderOffset.strings) {
    throw new ArtifactError(`artifact is truncated: expected at least ${HeaderOffset.strings} bytes, found ${bytes.length}`);
  }
}

const UTF8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Decodes UTF-8, rejecting invalid sequences.
 * @throws ArtifactError naming `what` for invalid UTF-8
 */
export function decodeUtf8(bytes: Uint8Array, what: string): string {
  try {
    return UTF8.decode(bytes);
  } catch (error) {
    throw new ArtifactError(`artifact ${what} is not valid UTF-8`, { cause: error });
  }
}

/** The part of the header every format version shares (see the layout above). */
export interface HeaderPrefix {
  readonly formatVersion: number;
  readonly totalLength: number;
  readonly kind: ArtifactKind;
  readonly tswasmVersion: string;
  readonly fingerprint: string;
  readonly engineDescription: string;
  /** Where the three strings end. */
  readonly end: number;
}

/**
 * Reads the part of the header that every format version shares: kind and strings, checking
 * every bound against the smaller of the stated total length and the bytes present. The
 * caller has checked the magic and that the fixed 24 bytes are present.
 * @throws ArtifactError for an unknown kind or a string that overruns or is not UTF-8
 */
export function readHeaderPrefix(bytes: Uint8Array): HeaderPrefix {
  const formatVersion = readU32(bytes, HeaderOffset.version);
  const totalLength = readU32(bytes, HeaderOffset.totalLength);
  const limit = Math.min(totalLength, bytes.length);
  const kindCode = bytes[HeaderOffset.kind];
  const kind: ArtifactKind | null = kindCode === KIND_CODES.module ? 'module' : kindCode === KIND_CODES.component ? 'component' : null;
  if (kind === null) throw new ArtifactError(`artifact is corrupted: unknown kind ${kindCode ?? 'none'}`);
  let pos: number = HeaderOffset.strings;
  const readString = (what: string): string => {
    if (pos + 4 > limit) throw new ArtifactError(`artifact header is out of bounds: ${what} length at ${pos} of ${limit} bytes`);
    const length = readU32(bytes, pos);
    pos += 4;
    if (length > limit - pos) {
      throw new ArtifactError(`artifact header is out of bounds: ${what} of ${length} bytes at ${pos} of ${limit} bytes`);
    }
    const text = decodeUtf8(bytes.subarray(pos, pos + length), what);
    pos += length;
    return text;
  };
  const tswasmVersion = readString('tswasm version');
  const fingerprint = readString('engine fingerprint');
  const engineDescription = readString('engine description');
  return { formatVersion, totalLength, kind, tswasmVersion, fingerprint, engineDescription, end: pos };
}

/**
 * Reads the whole header of a current-version artifact: the shared prefix, then the section
 * table, checking that sections lie in order, without overlap, inside the artifact. Does not
 * check the format version, the total length or the checksum.
 * @throws ArtifactError for an unknown kind, a string or table that overruns, or a section
 *   outside the payload area
 */
export function readHeader(bytes: Uint8Array): ArtifactHeader {
  const prefix = readHeaderPrefix(bytes);
  const limit = Math.min(prefix.totalLength, bytes.length);
  let pos = prefix.end;
  if (pos + 4 > limit) throw new ArtifactError(`artifact section table is out of bounds: count at ${pos} of ${limit} bytes`);
  const count = readU32(bytes, pos);
  pos += 4;
  // Checked before allocating: a hostile count cannot make a giant array.
  if (count > (limit - pos) / 12) {
    throw new ArtifactError(`artifact section table is out of bounds: ${count} sections at ${pos} of ${limit} bytes`);
  }
  const sections: SectionEntry[] = [];
  for (let i = 0; i < count; i++, pos += 12) {
    sections.push({ type: readU32(bytes, pos), offset: readU32(bytes, pos + 4), length: readU32(bytes, pos + 8) });
  }
  const tableEnd = pos;
  let previousEnd = tableEnd;
  sections.forEach((section, i) => {
    const end = section.offset + section.length;
    if (section.offset < previousEnd || end > limit) {
      throw new ArtifactError(
        `artifact section table is out of bounds: section ${i} spans ${section.offset}..${end}, expected within ${previousEnd}..${limit}`,
      );
    }
    previousEnd = end;
  });
  const { formatVersion, totalLength, kind, tswasmVersion, fingerprint, engineDescription } = prefix;
  return { formatVersion, totalLength, kind, tswasmVersion, fingerprint, engineDescription, sections, tableEnd };
}
