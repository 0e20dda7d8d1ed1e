import { ArtifactError } from './artifact-error.js';
import type { ArtifactKind } from './artifact-kind.js';
import {
  ARTIFACT_FORMAT_VERSION,
  HeaderOffset,
  SectionType,
  checkMagic,
  decodeUtf8,
  readHeader,
  readHeaderPrefix,
  readU32,
  type ArtifactHeader,
  type SectionEntry,
} from './container-format.js';
import { crc32 } from './crc32.js';
import { describeEngine, describeEngineDifference, type EngineFingerprintInput } from './engine-fingerprint.js';
import { decodeMetadata } from './metadata-encoding.js';

/** What a published artifact gives the runtime: its compiled modules. */
export interface PublishedCode {
  /** One compiled module per wasm section, in section order. */
  readonly modules: readonly WebAssembly.Module[];
}

/**
 * Whether `CodeMemory.fromBytes` copies its input (`'copy'`, the safe default) or takes it over
 * (`'take'`: the caller promises that nothing else holds or writes it).
 */
export type ArtifactOwnership = 'copy' | 'take';

/** What a loader expects an artifact to be. */
export interface ExpectedArtifact {
  readonly kind: ArtifactKind;
  readonly fingerprint: string;
  /** The loading engine's fingerprint input; lets a mismatch name the setting that differs. */
  readonly engine?: EngineFingerprintInput;
}

/** What an artifact's header claims, unchecked (`CodeMemory.peek`). */
export interface ArtifactSummary {
  readonly kind: ArtifactKind;
  readonly fingerprint: string;
  readonly tswasmVersion: string;
}

/**
 * A loaded artifact, in wasmtime's `CodeMemory` role: `fromBytes` checks everything before
 * anything runs, and `publish` compiles the wasm sections once. The JS section stays text
 * (`jsSource`): its loader compiles the pieces it runs (a component's `lazyFactories`).
 *
 * Trust: like wasmtime's `unsafe fn deserialize`, loading trusts a well-formed artifact
 * completely, since its loader runs the JS source it carries. The checks catch accidents
 * (truncation, corruption, another version or engine), not a forger, so load only artifacts
 * your own engine wrote.
 */
export class CodeMemory {
  /** What the artifact holds. */
  readonly kind: ArtifactKind;
  /** The decoded metadata (byte strings are views of the artifact). */
  readonly metadata: unknown;
  /** The wasm sections, as views of the checked copy of the artifact. */
  readonly wasm: readonly Uint8Array<ArrayBuffer>[];
  /** The generated JS: the body of a function returning an object of named exports. */
  readonly jsSource: string;
  /** The tswasm version that wrote the artifact. */
  readonly tswasmVersion: string;
  /** The engine fingerprint the artifact was compiled for. */
  readonly fingerprint: string;
  #published: PublishedCode | null = null;

  private constructor(header: ArtifactHeader, metadata: unknown, wasm: Uint8Array<ArrayBuffer>[], jsSource: string) {
    this.kind = header.kind;
    this.metadata = metadata;
    this.wasm = wasm;
    this.jsSource = jsSource;
    this.tswasmVersion = header.tswasmVersion;
    this.fingerprint = header.fingerprint;
  }

  /**
   * Checks magic, format version, length, checksum, kind and fingerprint, then reads the
   * sections and decodes the metadata. It works on its own copy of `input` (about 1 ms per
   * 10 MB when the pages are warm, 10 ms in a fresh process), so what was checked is what runs
   * even if the caller reuses its buffer, and the wasm sections are views of that copy.
   * @param input the artifact
   * @param expected the kind and engine fingerprint the caller needs
   * @param ownership `'take'` when nothing else holds `input` (a file the caller just read):
   *   the sections are then views of `input` itself, with no copy
   * @throws ArtifactError when the bytes are not an artifact (naming a wasm binary if they
   *   are one), have another format version, are truncated or have trailing bytes, fail the
   *   checksum, hold the other kind, were compiled by another tswasm version or engine
   *   settings, have a section table out of bounds, or metadata that does not decode
   */
  static fromBytes(input: Uint8Array, expected: ExpectedArtifact, ownership: ArtifactOwnership = 'copy'): CodeMemory {
    checkMagic(input);
    const bytes = ownership === 'take' && input.buffer instanceof ArrayBuffer ? (input as Uint8Array<ArrayBuffer>) : copyOf(input);
    const version = readU32(bytes, HeaderOffset.version);
    if (version !== ARTIFACT_FORMAT_VERSION) {
      throw new ArtifactError(`unsupported artifact format version ${version}: this tswasm reads version ${ARTIFACT_FORMAT_VERSION}`);
    }
    const totalLength = readU32(bytes, HeaderOffset.totalLength);
    if (bytes.length < totalLength) {
      throw new ArtifactError(`artifact is truncated: expected ${totalLength} bytes, found ${bytes.length}`);
    }
    if (bytes.length > totalLength) {
      throw new ArtifactError(`artifact has trailing bytes: expected ${totalLength} bytes, found ${bytes.length}`);
    }
    const stored = readU32(bytes, HeaderOffset.checksum);
    const actual = crc32(bytes, HeaderOffset.checksummed);
    if (stored !== actual) throw new ArtifactError('artifact is corrupted: checksum mismatch');

    const header = readHeader(bytes);
    if (header.kind !== expected.kind) {
      throw new ArtifactError(`artifact is a ${header.kind} but a ${expected.kind} was expected`);
    }
    if (header.fingerprint !== expected.fingerprint) throw fingerprintMismatch(header, expected);

    let metadataBytes: Uint8Array | null = null;
    let jsBytes: Uint8Array | null = null;
    const wasm: Uint8Array<ArrayBuffer>[] = [];
    for (let i = 0; i < header.sections.length; i++) {
      const section = header.sections[i] as SectionEntry;
      const payload = bytes.subarray(section.offset, section.offset + section.length);
      switch (section.type) {
        case SectionType.metadata:
          if (metadataBytes !== null) throw new ArtifactError('artifact is malformed: more than one metadata section');
          metadataBytes = payload;
          break;
        case SectionType.wasm:
          wasm.push(payload);
          break;
        case SectionType.js:
          if (jsBytes !== null) throw new ArtifactError('artifact is malformed: more than one JS section');
          jsBytes = payload;
          break;
        default:
          throw new ArtifactError(`artifact is malformed: section ${i} has unknown type ${section.type}`);
      }
    }
    if (metadataBytes === null) throw new ArtifactError('artifact is malformed: no metadata section');
    if (jsBytes === null) throw new ArtifactError('artifact is malformed: no JS section');
    const jsSource = decodeUtf8(jsBytes, 'JS source');
    return new CodeMemory(header, decodeMetadata(metadataBytes), wasm, jsSource);
  }

  /**
   * What the bytes claim to be, without checking kind, fingerprint or checksum (for
   * `Engine.detectPrecompiled`); reads any format version, as the fixed prefix never changes.
   * @returns the header's claims, or null when the bytes are not an artifact or the header
   *   is cut short
   */
  static peek(bytes: Uint8Array): ArtifactSummary | null {
    try {
      checkMagic(bytes);
      const header = readHeaderPrefix(bytes);
      return { kind: header.kind, fingerprint: header.fingerprint, tswasmVersion: header.tswasmVersion };
    } catch (error) {
      if (error instanceof ArtifactError) return null;
      throw error;
    }
  }

  /**
   * Compiles each wasm section to a `WebAssembly.Module`; the first call does the work, later
   * calls return the same object.
   * @throws ArtifactError when a wasm section does not compile on this host (cause: the
   *   engine's CompileError)
   */
  publish(): PublishedCode {
    if (this.#published !== null) return this.#published;
    const modules = this.wasm.map((bytes, i) => {
      try {
        return new WebAssembly.Module(bytes);
      } catch (error) {
        throw compileError(i, error);
      }
    });
    return this.#finishPublish(modules);
  }

  /**
   * `publish`, with the wasm sections compiled by `WebAssembly.compile`, all at once: the host
   * compiles them on its own threads, side by side (in Node 20 this took 110-135 ms for a
   * 12.5 MB module in a fresh process, against 150-215 ms for the synchronous constructor).
   * @throws ArtifactError as `publish` does (the promise rejects)
   */
  async publishAsync(): Promise<PublishedCode> {
    if (this.#published !== null) return this.#published;
    const modules = await Promise.all(
      this.wasm.map(async (bytes, i) => {
        try {
          return await WebAssembly.compile(bytes);
        } catch (error) {
          throw compileError(i, error);
        }
      }),
    );
    // Another call may have published meanwhile; the first result stays the result.
    return this.#published ?? this.#finishPublish(modules);
  }

  #finishPublish(modules: WebAssembly.Module[]): PublishedCode {
    this.#published = Object.freeze({ modules: Object.freeze(modules) });
    return this.#published;
  }
}

// A copy in a new ArrayBuffer. `ArrayBuffer.prototype.slice` copies without first zero-filling
// a new buffer, as `Uint8Array.prototype.slice` does: 2.7 ms against 8 ms for 13.7 MB in Node 20.
function compileError(section: number, error: unknown): ArtifactError {
  const message = error instanceof Error ? error.message : String(error);
  return new ArtifactError(`artifact wasm section ${section} failed to compile: ${message}`, { cause: error });
}

function copyOf(input: Uint8Array): Uint8Array<ArrayBuffer> {
  const buffer = input.buffer;
  if (buffer instanceof ArrayBuffer) return new Uint8Array(buffer.slice(input.byteOffset, input.byteOffset + input.byteLength));
  return new Uint8Array(input);
}

function fingerprintMismatch(header: ArtifactHeader, expected: ExpectedArtifact): ArtifactError {
  const engine = expected.engine;
  if (engine !== undefined) {
    if (engine.tswasmVersion !== header.tswasmVersion) {
      return new ArtifactError(`artifact was compiled by tswasm ${header.tswasmVersion}, but this is tswasm ${engine.tswasmVersion}`);
    }
    if (header.engineDescription !== '') {
      const difference = describeEngineDifference(header.engineDescription, describeEngine(engine));
      if (difference !== null) return new ArtifactError(`artifact was compiled with different engine settings: ${difference}`);
    }
  }
  return new ArtifactError(
    `artifact was compiled by a different tswasm version or engine settings: ` +
      `fingerprint ${header.fingerprint} (tswasm ${header.tswasmVersion}), this engine's is ${expected.fingerprint}`,
  );
}
