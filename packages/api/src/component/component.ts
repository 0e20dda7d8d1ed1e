// A compiled component (wasmtime's `component::Component`): environ's flat translation plus each
// static core module compiled by the host engine. The canonical-ABI trampolines are compiled on
// first use through the engine's `TrampolineCache` (one per signature key, shared by every
// component and instance of the engine); a deserialized component takes them from its
// artifact's JS instead, so loading generates nothing. The lowered imports' sources are then
// compiled once more per component, at its first instantiation, each lowering as its own code
// (lowered-import-entries.ts).

import { readFileSync } from 'node:fs';
import { describeComponentType, type ComponentDescription, type ComponentTranslation, type LoweredIndex, type StaticModuleIndex } from '@tswasm/environ';
import { ArtifactError, type LoadedFactory } from '@tswasm/jit';
import type { Engine } from '../engine/engine.js';
import { watToBinary, watToBinarySync } from '../module/wat.js';
import { componentTrampolines, type ComponentTrampolines } from './canonical-trampolines.js';
import { compileLoweredImportEntries, type LoweredImportMaker } from './lowered-import-entries.js';
import { lookupExportIndex, type ComponentExportIndex } from './export-index.js';
import { buildComponentArtifactFor, loadComponentArtifactFor, loadComponentArtifactForAsync } from './component-artifact.js';

// The bytes as V8 takes them: a view of an ArrayBuffer (a SharedArrayBuffer's view is copied).
function bufferSource(bytes: Uint8Array): Uint8Array<ArrayBuffer> {
  return bytes.buffer instanceof ArrayBuffer ? (bytes as Uint8Array<ArrayBuffer>) : Uint8Array.from(bytes);
}

/**
 * A validated, compiled component. Immutable; instantiate it with a `component.Linker` any
 * number of times.
 */
export class Component {
  /** The engine this component was compiled for. */
  readonly engine: Engine;
  /** What environ read from the bytes: the static modules and the flat `ComponentInfo`. */
  readonly translation: ComponentTranslation;
  /** The host engine's compiled module of each static module, by `StaticModuleIndex`. */
  readonly #modules: readonly WebAssembly.Module[];
  /** The canonical trampolines of its lowered imports and lifted exports. */
  readonly trampolines: ComponentTrampolines;
  #type: ComponentDescription | null = null;
  #loweredImports: ReadonlyMap<LoweredIndex, LoweredImportMaker> | null = null;

  private constructor(
    engine: Engine,
    translation: ComponentTranslation,
    modules: readonly WebAssembly.Module[],
    factories: ReadonlyMap<string, LoadedFactory> | null = null,
  ) {
    this.engine = engine;
    this.translation = translation;
    this.#modules = modules;
    this.trampolines = componentTrampolines(engine.trampolines, translation.component, factories);
  }

  /**
   * Validates and compiles a component from its binary or its WAT text, as wasmtime's
   * `Component::new`. Text is parsed synchronously on a helper thread (Node only; elsewhere use
   * `Component.compile`).
   * @throws ValidationError when the bytes are not a valid component for the engine's features
   * @throws Error when the text is not well-formed WAT
   */
  static new(engine: Engine, bytesOrWat: Uint8Array | string): Component {
    const bytes = typeof bytesOrWat === 'string' ? watToBinarySync(bytesOrWat) : bytesOrWat;
    return Component.fromBinary(engine, bytes);
  }

  /**
   * Validates and compiles a component from bytes or WAT text, on any host. The static modules
   * are compiled with `WebAssembly.compile`, side by side on the host's threads, while their
   * function bodies are validated (on the engine's workers too, as in `Engine.translateComponent`).
   * @throws ValidationError when the component is invalid
   * @throws TypeError when it lifts or lowers an async function (not supported yet)
   */
  static async compile(engine: Engine, bytesOrWat: Uint8Array | string): Promise<Component> {
    const bytes = typeof bytesOrWat === 'string' ? await watToBinary(bytesOrWat) : bytesOrWat;
    const compiling: Promise<WebAssembly.Module>[] = [];
    const translation = engine.translateComponent(bytes, (sections) => {
      // V8 compiles off this thread while the bodies are validated here (and on the engine's
      // workers); once our validation passes, V8 compiles the bytes unchanged.
      for (const module of sections.local.staticModules.values()) {
        const compiled = WebAssembly.compile(bufferSource(module.wasm));
        // Handled from the start: when our validation rejects the bytes, V8's verdict is never
        // awaited and must not surface as an unhandled rejection. Awaiting it still throws.
        compiled.catch(() => undefined);
        compiling.push(compiled);
      }
    });
    const modules = await Promise.all(compiling);
    return new Component(engine, translation, modules);
  }

  /**
   * Validates and compiles a component binary (wasmtime's `Component::from_binary`).
   * @throws ValidationError when the bytes are not a valid component for the engine's features
   * @throws TypeError when it lifts or lowers an async function (not supported yet)
   */
  static fromBinary(engine: Engine, bytes: Uint8Array): Component {
    const translation = engine.translateComponent(bytes);
    const modules: WebAssembly.Module[] = [];
    for (const [, module] of translation.staticModules.entries()) {
      // environ validated each module, so V8 compiles its bytes unchanged.
      modules.push(new WebAssembly.Module(bufferSource(module.wasm)));
    }
    return new Component(engine, translation, modules);
  }

  /**
   * Loads a component from an artifact of `serialize()` or `Engine.precompileComponent`,
   * without validating or translating it again and without generating its trampolines: that
   * is the point (it is faster), and also what the caller must accept. The artifact's JS, the
   * factory of every canonical trampoline, is compiled piece by piece as it is first used.
   *
   * Trust: as with wasmtime's `unsafe fn deserialize`, the artifact is trusted completely:
   * loading evaluates the JS it carries, with the rights of the calling code. Loading checks
   * that the bytes are a component artifact of this tswasm version and of an engine with the
   * same features and settings, and that no byte changed since it was written (a CRC-32): that
   * catches truncation, corruption and mixed-up files, not a forgery. A forged artifact can
   * run any JS on load, and describe the component wrongly to the api. Load only artifacts
   * that your own engines wrote and that nobody else could change.
   * @param engine an engine with the settings of the one that wrote the artifact
   * @param artifact the artifact bytes; they are copied, so the caller may reuse its buffer
   * @throws ArtifactError when the bytes are not an artifact (a wasm binary is named as such),
   *   are a module's, come from another tswasm version or engine settings (the message names
   *   the differing feature), or are truncated, corrupted or malformed
   * @throws TypeError when it lifts or lowers an async function (not supported yet)
   */
  static deserialize(engine: Engine, artifact: Uint8Array): Component {
    const { translation, modules, factories } = loadComponentArtifactFor(engine, artifact);
    return new Component(engine, translation, modules, factories);
  }

  /**
   * `deserialize` (same trust model and errors), with the static modules compiled by
   * `WebAssembly.compile`, side by side on the host's threads: the faster way to load a large
   * component when V8 has not compiled its modules in this process yet (a program starting).
   * @throws ArtifactError as `deserialize` does (the promise rejects)
   * @throws TypeError when it lifts or lowers an async function (not supported yet)
   */
  static async deserializeAsync(engine: Engine, artifact: Uint8Array): Promise<Component> {
    const { translation, modules, factories } = await loadComponentArtifactForAsync(engine, artifact);
    return new Component(engine, translation, modules, factories);
  }

  /**
   * Reads a file written from `serialize()` and loads it as `deserialize` does (same trust
   * model); every error names the path.
   * @throws ArtifactError with the path in its message when the file is not a loadable
   *   component artifact (the loader's error as `cause`)
   * @throws Error with the path in its message when the file cannot be read or the component
   *   cannot be loaded (cause: the original error)
   */
  static deserializeFile(engine: Engine, path: string): Component {
    try {
      // The bytes just read are ours alone: the loader takes them instead of copying 13 MB.
      const { translation, modules, factories } = loadComponentArtifactFor(engine, readFileSync(path), 'take');
      return new Component(engine, translation, modules, factories);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      const message = `failed to deserialize component from \`${path}\`: ${reason}`;
      throw error instanceof ArtifactError ? new ArtifactError(message, { cause: error }) : new Error(message, { cause: error });
    }
  }

  /**
   * Writes this component's artifact, for `Component.deserialize` by an engine with the same
   * settings (see `Engine.fingerprintInput`).
   * @returns the artifact bytes
   */
  serialize(): Uint8Array {
    return buildComponentArtifactFor(this.engine, this.translation, this.trampolines);
  }

  /**
   * What this component imports and exports, with their types (wasmtime's `Component::component_type`),
   * as self-contained data: every type resolved, named as the component names it.
   */
  componentType(): ComponentDescription {
    this.#type ??= describeComponentType(this.translation.component.types, this.translation.component.type);
    return this.#type;
  }

  /**
   * The export `name` of this component (`instance` null) or of its exported instance
   * `instance` (an index this method returned), to look exports up without names later:
   * `getExportIndex(getExportIndex(null, 'wasi:cli/run@0.2.0'), 'run')` finds the `run`
   * function inside that instance (wasmtime's `Component::get_export_index`). Its `item` says
   * what the export is.
   * @returns null when there is no such export, or `instance` is not an instance export of this
   *   component
   * @throws TypeError when `name` is not a string or `instance` is not a `ComponentExportIndex`
   */
  getExportIndex(instance: ComponentExportIndex | null, name: string): ComponentExportIndex | null {
    return lookupExportIndex(this, this.componentType(), instance, name);
  }

  /** The compiled core module `index` (for instantiation). */
  staticModule(index: StaticModuleIndex): WebAssembly.Module {
    const module = this.#modules[index];
    if (module === undefined) throw new RangeError(`no static module ${index}: the component has ${this.#modules.length}`);
    return module;
  }

  /**
   * The makers of this component's lowered imports, by `LoweredIndex` (for instantiation; see
   * lowered-import-entries.ts). Compiled at the first instantiation, then shared by every instance.
   */
  loweredImportMakers(): ReadonlyMap<LoweredIndex, LoweredImportMaker> {
    this.#loweredImports ??= compileLoweredImportEntries(this.translation.component, this.trampolines.lowerings, this.engine.nextSerial());
    return this.#loweredImports;
  }
}
