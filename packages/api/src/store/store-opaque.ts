// The untyped inside of a `Store` (wasmtime's `StoreOpaque`): what the store owns and what
// symbolizing a trap needs. Kept apart from `Store<T>` so internals never see the user's type.

import type { FuncIndex, ModuleTranslation } from '@tswasm/environ';
import { mapEngineError, parseWasmFrames, type FrameSymbolizer, type RawWasmFrame } from '@tswasm/runtime';
import type { Engine } from '../engine/engine.js';
import type { Func } from '../func/func.js';
import type { ResourceValueHooks } from '../component/resource-value-hooks.js';

/** A function's place in a module, for learning which module a backtrace frame belongs to. */
export interface FuncOrigin {
  readonly translation: ModuleTranslation;
  readonly funcIndex: number;
}

/** The store's state that does not depend on its user data. */
export class StoreOpaque {
  /** The engine of every module instantiated in this store. */
  readonly engine: Engine;
  // The modules instantiated in this store, for naming backtrace frames and typing funcrefs.
  // Only modules are kept, not instances, so the garbage collector can free instances (and
  // their memories' address space) that the embedder no longer references.
  readonly #modules = new Set<ModuleTranslation>();
  // Raw engine function -> its Func, so a funcref that comes back is the same Func.
  readonly #funcs = new WeakMap<object, Func>();
  // V8's module hash (from stack frames) -> the module, learned as traps happen.
  readonly #modulesByHash = new Map<string, ModuleTranslation>();
  /** Symbolizes backtrace frames with the modules of this store. */
  readonly symbolize: FrameSymbolizer = (frame) => this.#symbolize(frame);
  /**
   * How component resources reach the host in this store: null for the embedding API's
   * `Resource`/`ResourceAny`; a binding (the JS API) sets its own before instantiating.
   */
  componentResourceValues: ResourceValueHooks | null = null;

  constructor(engine: Engine) {
    this.engine = engine;
  }

  /** Records that a module was instantiated in this store. */
  addModule(translation: ModuleTranslation): void {
    this.#modules.add(translation);
  }

  /** The modules instantiated in this store, most recently first seen last. */
  get modules(): readonly ModuleTranslation[] {
    return [...this.#modules];
  }

  /** Remembers the Func of a raw engine function. */
  registerFunc(raw: object, func: Func): void {
    this.#funcs.set(raw, func);
  }

  /** The Func of a raw engine function, when known. */
  funcOf(raw: object): Func | undefined {
    return this.#funcs.get(raw);
  }

  /**
   * What a caller should see for an error escaping wasm (a `Trap` for engine traps); `origin`
   * is the called function, whose frame is the outermost wasm frame of the error.
   */
  mapError(error: unknown, origin: FuncOrigin | null): unknown {
    if (origin !== null && error instanceof Error) this.#learn(error, origin);
    return mapEngineError(error, this.symbolize);
  }

  #learn(error: Error, origin: FuncOrigin): void {
    const frames = parseWasmFrames(error.stack ?? '');
    const outermost = frames[frames.length - 1];
    if (outermost !== undefined && outermost.funcIndex === origin.funcIndex && !this.#modulesByHash.has(outermost.hash)) {
      this.#modulesByHash.set(outermost.hash, origin.translation);
    }
  }

  #symbolize(frame: RawWasmFrame): { moduleName: string | null; funcName: string | null } {
    const translation = this.#moduleOfFrame(frame);
    if (translation === null) return { moduleName: frame.urlName, funcName: null };
    const names = translation.names;
    return { moduleName: names.moduleName, funcName: names.functionNames.get(frame.funcIndex as FuncIndex) ?? null };
  }

  #moduleOfFrame(frame: RawWasmFrame): ModuleTranslation | null {
    const known = this.#modulesByHash.get(frame.hash);
    if (known !== undefined) return known;
    // Otherwise a module is identified only when no other module of the store could match.
    const candidates = new Set(
      [...this.#modules].filter((t) => t.names.moduleName === frame.urlName && frame.funcIndex < t.functions.length),
    );
    if (candidates.size !== 1) return null;
    const [only] = candidates;
    return only ?? null;
  }
}
