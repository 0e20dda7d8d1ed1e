import { ArtifactError } from './artifact-error.js';
import type { ArtifactKind } from './artifact-kind.js';
import { ARTIFACT_FORMAT_VERSION, ARTIFACT_MAGIC, HeaderOffset, KIND_CODES, SectionType, align4, writeU32 } from './container-format.js';
import { crc32 } from './crc32.js';
import { describeEngine, engineFingerprint, type EngineFingerprintInput } from './engine-fingerprint.js';
import { encodeMetadata } from './metadata-encoding.js';
import { TSWASM_VERSION } from './tswasm-version.js';

/**
 * Writes an artifact (see container-format.ts): wasm sections kept byte for byte, one JS
 * source, CBOR metadata, under a header with the kind, the engine fingerprint and a CRC-32.
 * wasmtime's `ObjectBuilder` plays this role for its ELF objects.
 */
export class ObjectBuilder {
  readonly #kind: ArtifactKind;
  readonly #fingerprint: string;
  readonly #tswasmVersion: string;
  readonly #engineDescription: string;
  readonly #wasm: Uint8Array[] = [];
  #jsSource = '';
  #metadata: unknown = null;

  /**
   * @param kind what the artifact holds
   * @param fingerprint the compiling engine's `engineFingerprint`
   * @param engine the input of that fingerprint; when given, the artifact stores its tswasm
   *   version and readable form, so a mismatch on load can name the setting that differs
   * @throws TypeError when `engine` does not produce `fingerprint`
   */
  constructor(kind: ArtifactKind, fingerprint: string, engine?: EngineFingerprintInput) {
    if (engine !== undefined && engineFingerprint(engine) !== fingerprint) {
      throw new TypeError('the engine description does not match the fingerprint');
    }
    this.#kind = kind;
    this.#fingerprint = fingerprint;
    this.#tswasmVersion = engine?.tswasmVersion ?? TSWASM_VERSION;
    this.#engineDescription = engine === undefined ? '' : describeEngine(engine);
  }

  /**
   * Adds a wasm binary, stored byte for byte.
   * @returns the section's index in `CodeMemory.wasm`
   */
  addWasm(bytes: Uint8Array): number {
    return this.#wasm.push(bytes) - 1;
  }

  /**
   * Sets the generated JS: the body of a function that returns an object of named exports.
   */
  setJsSource(source: string): void {
    this.#jsSource = source;
  }

  /**
   * Sets the metadata: plain data, CBOR-encoded (bigint, Uint8Array and Map are kept).
   */
  setMetadata(metadata: unknown): void {
    this.#metadata = metadata;
  }

  /**
   * Lays out and checksums the artifact.
   * @returns the artifact bytes
   * @throws ArtifactError when the artifact would exceed 4 GiB (its lengths are u32)
   */
  finish(): Uint8Array {
    const utf8 = new TextEncoder();
    const strings = [this.#tswasmVersion, this.#fingerprint, this.#engineDescription].map((s) => utf8.encode(s));
    const payloads: { type: number; bytes: Uint8Array }[] = [
      { type: SectionType.metadata, bytes: encodeMetadata(this.#metadata) },
      ...this.#wasm.map((bytes) => ({ type: SectionType.wasm, bytes })),
      { type: SectionType.js, bytes: utf8.encode(this.#jsSource) },
    ];
    let pos: number = HeaderOffset.strings;
    for (const s of strings) pos += 4 + s.length;
    pos += 4 + 12 * payloads.length;
    const offsets: number[] = [];
    for (const payload of payloads) {
      pos = align4(pos);
      offsets.push(pos);
      pos += payload.bytes.length;
    }
    const total = pos;
    if (total > 0xffffffff) throw new ArtifactError(`artifact of ${total} bytes exceeds the format's limit of 4 GiB`);

    const out = new Uint8Array(total);
    out.set(ARTIFACT_MAGIC, 0);
    writeU32(out, HeaderOffset.version, ARTIFACT_FORMAT_VERSION);
    writeU32(out, HeaderOffset.totalLength, total);
    out[HeaderOffset.kind] = KIND_CODES[this.#kind];
    let at: number = HeaderOffset.strings;
    for (const s of strings) {
      writeU32(out, at, s.length);
      out.set(s, at + 4);
      at += 4 + s.length;
    }
    writeU32(out, at, payloads.length);
    at += 4;
    payloads.forEach((payload, i) => {
      const offset = offsets[i] ?? 0;
      writeU32(out, at, payload.type);
      writeU32(out, at + 4, offset);
      writeU32(out, at + 8, payload.bytes.length);
      at += 12;
      out.set(payload.bytes, offset);
    });
    writeU32(out, HeaderOffset.checksum, crc32(out, HeaderOffset.checksummed));
    return out;
  }
}
