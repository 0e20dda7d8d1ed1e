import type { ComponentSections, ComponentTranslation, ModuleTranslation, WasmFeatures } from '@tswasm/environ';
import {
  CodeMemory,
  detectHostFeatures,
  engineFingerprint,
  TrampolineCache,
  translateComponentParallel,
  translateModuleParallel,
  WorkerPool,
  type EngineFingerprintInput,
} from '@tswasm/jit';
import { componentTrampolines } from '../component/canonical-trampolines.js';
import { buildComponentArtifactFor } from '../component/component-artifact.js';
import { buildModuleArtifact } from '../module/module-artifact.js';
import { Config } from './config.js';
import { OPT_IN_FEATURES } from './opt-in-features.js';
import { engineFingerprintInput } from './engine-fingerprint-input.js';
import { watToBinarySync } from '../module/wat.js';

/** A module this large starts the compilation workers, for the modules after it. */
const PRESTART_MODULE_BYTES = 1 << 20;

function narrowFeatures(host: WasmFeatures, requested: Partial<WasmFeatures> | undefined): WasmFeatures {
  if (requested === undefined) return host;
  const features: Record<string, boolean> = { ...host };
  for (const [name, on] of Object.entries(requested)) {
    if (on === undefined || !(name in features)) continue;
    features[name] = on && (features[name] === true || OPT_IN_FEATURES.has(name as keyof WasmFeatures));
  }
  // Every key came from `host`, so the record is a WasmFeatures again.
  return Object.freeze(features as unknown as WasmFeatures);
}

/**
 * The shared, process-wide context of compilation (wasmtime's `Engine`): its settings, and the
 * per-signature trampolines and adapter modules every store of this engine reuses.
 */
export class Engine {
  /** The settings this engine was made with. */
  readonly config: Config;
  /** The proposals modules may use: the host's, narrowed by `config.features`. */
  readonly features: WasmFeatures;
  /** Per-signature trampolines and adapters, made once per engine. */
  readonly trampolines = new TrampolineCache();
  /** What makes this engine's artifacts differ from another's, in readable form. */
  readonly fingerprintInput: EngineFingerprintInput;
  /** The digest of `fingerprintInput` written into, and required of, every artifact. */
  readonly fingerprint: string;
  /** Compilation workers, made on first need (parallel compilation of a large module). */
  #workers: WorkerPool | null = null;
  /** A pending start of the workers, after a first large component (`translateComponent`). */
  #prestartTimer: ReturnType<typeof setTimeout> | null = null;
  // Numbers generated per-function code apart (see component/lifted-export-entry.ts).
  #serial = 0;

  /** A number not handed out before by this engine; internal to the api. */
  nextSerial(): number {
    return this.#serial++;
  }

  constructor(config: Config = new Config()) {
    this.config = config;
    this.features = narrowFeatures(detectHostFeatures(), config.features);
    this.fingerprintInput = engineFingerprintInput(this.features);
    this.fingerprint = engineFingerprint(this.fingerprintInput);
  }

  /**
   * Validates and translates a module and writes its artifact, for `Module.deserialize` by an
   * engine with the same settings, without compiling or instantiating anything: the artifact
   * keeps the wasm bytes, which the host engine compiles when the artifact is loaded.
   * Text is parsed as in `Module.new`.
   * @throws ValidationError when the bytes are not a valid module for this engine's features
   * @throws Error when the text is not well-formed WAT
   */
  precompileModule(bytesOrWat: Uint8Array | string): Uint8Array {
    const bytes = typeof bytesOrWat === 'string' ? watToBinarySync(bytesOrWat) : bytesOrWat;
    return buildModuleArtifact(this, this.translateModule(bytes));
  }

  /**
   * Validates and translates a component and writes its artifact, for `Component.deserialize`
   * by an engine with the same settings, without compiling its core modules or instantiating
   * anything: the artifact keeps each static module's bytes, which the host engine compiles
   * when the artifact is loaded, and the generated trampolines' JS. Text is parsed as in
   * `Component.new`.
   * @throws ValidationError when the bytes are not a valid component for this engine's features
   * @throws Error when the text is not well-formed WAT
   * @throws TypeError when it lifts or lowers an async function (not supported yet)
   */
  precompileComponent(bytesOrWat: Uint8Array | string): Uint8Array {
    const bytes = typeof bytesOrWat === 'string' ? watToBinarySync(bytesOrWat) : bytesOrWat;
    const translation = this.translateComponent(bytes);
    return buildComponentArtifactFor(this, translation, componentTrampolines(this.trampolines, translation.component));
  }

  /**
   * environ's validation and translation of a core module, with the function bodies of a large
   * module validated on this engine's worker threads too when `config.parallelCompilation` is
   * on (Node; elsewhere, or on one core, everything runs on the calling thread). The calling
   * thread validates too and never waits for a worker, so this is never much slower than
   * validating on one thread.
   * @throws ValidationError when the bytes are not a valid module for this engine's features
   * @throws Error when a worker thread exits while validating
   */
  translateModule(bytes: Uint8Array): ModuleTranslation {
    const pool = this.#pool();
    if (pool !== null && !pool.started) {
      // Loading workers costs more than they save on the first module: validate this one on
      // the calling thread while they load, so only later modules use them.
      if (bytes.length >= PRESTART_MODULE_BYTES) pool.prestart();
      return translateModuleParallel(bytes, this.features, null, { parallel: false });
    }
    return translateModuleParallel(bytes, this.features, pool, { parallel: this.config.parallelCompilation });
  }

  /**
   * environ's validation and translation of a component, with the function bodies of its
   * static modules validated on this engine's worker threads too when they are large and
   * `config.parallelCompilation` is on, as `translateModule` does for a module.
   * @param onSections called after the single pass over the component, before the bodies are
   *   validated (work started there overlaps with the validation; `Component.compile` starts
   *   the host's compilation of the static modules)
   * @throws ValidationError when the bytes are not a valid component for this engine's features
   * @throws Error when a worker thread exits while validating
   */
  translateComponent(bytes: Uint8Array, onSections?: (sections: ComponentSections) => void): ComponentTranslation {
    const pool = this.#pool();
    if (pool !== null && !pool.started) {
      // As for a module, the first large component is validated on this thread only, and the
      // workers start for the next. Unlike a module, they start once the caller yields to the
      // event loop: on two cores a worker starting during the load (beside the validation, or
      // the host's compilation and the trampolines after it) made the load 5-15% slower
      // (componentize-js output, Node 20 and 26). A caller that never yields never starts them.
      const translation = translateComponentParallel(bytes, this.features, null, { parallel: false, onSections });
      if (bytes.length >= PRESTART_MODULE_BYTES) this.#prestartSoon(pool);
      return translation;
    }
    return translateComponentParallel(bytes, this.features, pool, { parallel: this.config.parallelCompilation, onSections });
  }

  /**
   * Stops this engine's compilation worker threads, if any were started. They never keep the
   * process alive, so this is only needed to release them early (tests, short-lived engines);
   * the engine stays usable and starts new workers when it next needs them.
   */
  async close(): Promise<void> {
    if (this.#prestartTimer !== null) clearTimeout(this.#prestartTimer);
    this.#prestartTimer = null;
    await this.#workers?.close();
  }

  // Starts the workers on a later turn of the event loop, unless `close` comes first.
  #prestartSoon(pool: WorkerPool): void {
    if (this.#prestartTimer !== null) return;
    const timer = setTimeout(() => {
      this.#prestartTimer = null;
      pool.prestart();
    }, 0);
    // Never keeps the process alive (Node's timers have unref, browsers' are numbers).
    if (typeof timer === 'object') timer.unref();
    this.#prestartTimer = timer;
  }

  #pool(): WorkerPool | null {
    if (!this.config.parallelCompilation) return null;
    this.#workers ??= new WorkerPool();
    return this.#workers;
  }

  /**
   * Whether `bytes` look like an artifact written by tswasm, and of which kind. As in
   * wasmtime, only the header is inspected: this does not check the checksum or whether this
   * engine's settings match, so deserializing may still fail; it helps decide whether to
   * call `Module.deserialize`, `Component.deserialize`, `Module.new` or `Component.new` on input of unknown kind.
   * @returns 'module' or 'component' for an artifact, null for anything else (wasm binaries
   *   included)
   */
  detectPrecompiled(bytes: Uint8Array): 'module' | 'component' | null {
    return CodeMemory.peek(bytes)?.kind ?? null;
  }
}
