import { validateModule, type ModuleTranslation } from '@tswasm/environ';
import type { Engine } from '../engine/engine.js';
import { externTypeOf, funcTypeAt, type ExportType, type ExternType, type ImportType } from './extern-type.js';
import type { EntityIndex } from '@tswasm/environ';
import { ArtifactError } from '@tswasm/jit';
import { readFileSync } from 'node:fs';
import { buildModuleArtifact, loadModuleArtifact } from './module-artifact.js';
import { watToBinary, watToBinarySync } from './wat.js';

// The bytes as V8 takes them: a view of an ArrayBuffer (a SharedArrayBuffer's view is copied).
function bufferSource(bytes: Uint8Array): Uint8Array<ArrayBuffer> {
  return bytes.buffer instanceof ArrayBuffer ? (bytes as Uint8Array<ArrayBuffer>) : Uint8Array.from(bytes);
}

function compileBytes(bytes: Uint8Array): WebAssembly.Module {
  // Our validator accepted the bytes, so V8 compiles them unchanged, byte for byte.
  return new WebAssembly.Module(bufferSource(bytes));
}

/**
 * A validated, compiled core module (wasmtime's `Module`): environ's translation of its bytes and
 * the host engine's compiled code. Immutable; instantiate it any number of times.
 */
export class Module {
  /** The engine this module was compiled for. */
  readonly engine: Engine;
  /** What environ read from the bytes. */
  readonly translation: ModuleTranslation;
  /** The host engine's compiled module. */
  readonly compiled: WebAssembly.Module;
  #importTypes: readonly ImportType[] | null = null;

  private constructor(engine: Engine, translation: ModuleTranslation, compiled: WebAssembly.Module) {
    this.engine = engine;
    this.translation = translation;
    this.compiled = compiled;
  }

  /**
   * Validates and compiles a module from its binary or its WAT text, as wasmtime's
   * `Module::new`. Text needs the optional dependency @bytecodealliance/jco and, being parsed
   * synchronously on a helper thread, Node; in browsers use `Module.compile` for text.
   * @throws ValidationError when the bytes are not a valid module for the engine's features
   * @throws Error when the text is not well-formed WAT (with its line and column)
   */
  static new(engine: Engine, bytesOrWat: Uint8Array | string): Module {
    const bytes = typeof bytesOrWat === 'string' ? watToBinarySync(bytesOrWat) : bytesOrWat;
    return Module.fromBinary(engine, bytes);
  }

  /**
   * Validates and compiles a module from bytes or WAT text (parsed with jco, loaded on demand).
   * @throws ValidationError when the module is invalid
   */
  static async compile(engine: Engine, bytesOrWat: Uint8Array | string): Promise<Module> {
    let bytes: Uint8Array;
    if (typeof bytesOrWat === 'string') {
      bytes = await watToBinary(bytesOrWat);
    } else {
      bytes = bytesOrWat;
    }
    // V8 compiles off the main thread while our validation runs here (and on the engine's
    // workers for a large module).
    const compiled = WebAssembly.compile(bufferSource(bytes));
    // Handled from the start: when our validation rejects the bytes, V8's verdict on them is
    // never awaited and must not surface as an unhandled rejection. Awaiting it below still
    // throws V8's error.
    compiled.catch(() => undefined);
    const translation = engine.translateModule(bytes);
    return new Module(engine, translation, await compiled);
  }

  /**
   * Validates and compiles a module from its binary; a large module's function bodies are
   * validated in parallel when the engine's `config.parallelCompilation` allows.
   * @throws ValidationError when the bytes are not a valid module for the engine's features
   */
  static fromBinary(engine: Engine, bytes: Uint8Array): Module {
    const translation = engine.translateModule(bytes);
    return new Module(engine, translation, compileBytes(bytes));
  }

  /**
   * Reads, validates and compiles a module file; every error names the path.
   * @throws Error with the path in its message and the underlying error as `cause`
   */
  static fromFile(engine: Engine, path: string): Module {
    try {
      return Module.fromBinary(engine, readFileSync(path));
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      throw new Error(`failed to compile module from \`${path}\`: ${reason}`, { cause: error });
    }
  }

  /**
   * Validates a module's bytes without compiling them.
   * @throws ValidationError when the bytes are not a valid module for the engine's features
   */
  static validate(engine: Engine, bytes: Uint8Array): void {
    validateModule(bytes, engine.features);
  }

  /**
   * Loads a module from an artifact of `serialize()` or `Engine.precompileModule`, without
   * validating or translating the wasm again: that is the point (it is faster), and also what
   * the caller must accept.
   *
   * Trust: as with wasmtime's `unsafe fn deserialize`, the artifact is trusted. Loading checks
   * that the bytes are a module artifact of this tswasm version and of an engine with the same
   * features and settings, and that no byte changed since it was written (a CRC-32): that
   * catches truncation, corruption and mixed-up files, not a forgery. A forged artifact can
   * describe the module wrongly to the api (its types, names, imports), so that calls and
   * linking misbehave; the wasm itself still passes the host engine's own checks, and module
   * artifacts carry no JS to run. Load only artifacts that your own engines wrote and that
   * nobody else could change.
   * @param engine an engine with the settings of the one that wrote the artifact
   * @param artifact the artifact bytes; they are copied, so the caller may reuse its buffer
   * @throws ArtifactError when the bytes are not an artifact (a wasm binary is named as such),
   *   are a component's, come from another tswasm version or engine settings (the message
   *   names the differing feature), or are truncated, corrupted or malformed
   */
  static deserialize(engine: Engine, artifact: Uint8Array): Module {
    const { translation, compiled } = loadModuleArtifact(engine, artifact);
    return new Module(engine, translation, compiled);
  }

  /**
   * Reads a file written from `serialize()` and loads it as `deserialize` does (same trust
   * model); every error names the path.
   * @throws ArtifactError with the path in its message when the file is not a loadable module
   *   artifact (the loader's error as `cause`)
   * @throws Error with the path in its message when the file cannot be read (cause: the
   *   file system's error)
   */
  static deserializeFile(engine: Engine, path: string): Module {
    try {
      // The bytes just read are ours alone: the loader takes them instead of copying.
      const { translation, compiled } = loadModuleArtifact(engine, readFileSync(path), 'take');
      return new Module(engine, translation, compiled);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      const message = `failed to deserialize module from \`${path}\`: ${reason}`;
      throw error instanceof ArtifactError ? new ArtifactError(message, { cause: error }) : new Error(message, { cause: error });
    }
  }

  /**
   * Writes this module's artifact, for `Module.deserialize` by an engine with the same
   * settings (see `Engine.fingerprintInput`).
   * @returns the artifact bytes
   */
  serialize(): Uint8Array {
    return buildModuleArtifact(this.engine, this.translation);
  }

  /** The module's name from its name section, or null. */
  get name(): string | null {
    return this.translation.names.moduleName;
  }

  /** The module's imports, in binary order, with their types. */
  imports(): ImportType[] {
    return [...this.importTypes];
  }

  /** The imports' types, computed once (instantiation checks them every time). */
  get importTypes(): readonly ImportType[] {
    this.#importTypes ??= this.translation.imports.map((imp) => ({ module: imp.module, name: imp.field, type: externTypeOf(this.translation, imp.type) }));
    return this.#importTypes;
  }

  /** The module's exports, in binary order, with their types. */
  exports(): ExportType[] {
    return [...this.translation.exports].map(([name, entity]) => ({ name, type: this.entityType(entity) }));
  }

  /** The type of an entity of this module. */
  entityType(entity: EntityIndex): ExternType {
    const t = this.translation;
    switch (entity.kind) {
      case 'func':
        return { kind: 'func', type: funcTypeAt(t, t.functions.get(entity.index)) };
      case 'global':
        return { kind: 'global', type: t.globals.get(entity.index).type };
      case 'table':
        return { kind: 'table', type: t.tables.get(entity.index) };
      case 'memory':
        return { kind: 'memory', type: t.memories.get(entity.index) };
      case 'tag': {
        return { kind: 'tag', type: funcTypeAt(t, t.tags.get(entity.index).typeIndex) };
      }
    }
  }
}
