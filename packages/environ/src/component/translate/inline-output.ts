// What the inline phase builds: the global initializer list and the runtime index spaces it
// fills. Memories, reallocs, post-returns and callbacks are deduplicated by what they name, so
// two options naming one memory share one `ExtractMemory` (as wasmtime's `dfg` does).

import { ValidationError } from '../../error.js';
import { PrimaryMap } from '../../util/primary-map.js';
import { assertNever } from '../../util/assert-never.js';
import type { ComponentEntityType, ResourceId } from '../types/component-types.js';
import type {
  AdapterIndex,
  AlwaysTrapIndex,
  CanonicalOptions,
  ComponentImport,
  CoreDef,
  CoreExport,
  GlobalInitializer,
  ImportIndex,
  LoweredIndex,
  ResourceDef,
  RuntimeCallbackIndex,
  RuntimeComponentInstanceIndex,
  RuntimeImport,
  RuntimeImportIndex,
  RuntimeInstanceIndex,
  RuntimeMemoryIndex,
  RuntimePostReturnIndex,
  RuntimeReallocIndex,
  RuntimeResourceIndex,
  TrampolineIndex,
  Trampoline,
  TranscoderIndex,
} from './component-info.js';
import type { ImportPath, InlineFrame } from './inline-defs.js';
import type { LocalCanonicalOptions } from './local-initializer.js';

/** Most initializers inlining may replay: nested instantiation can multiply work exponentially. */
export const MAX_INLINE_STEPS = 1_000_000;

/** A key naming a core definition, for deduplication. */
function coreDefKey(def: CoreDef): string {
  switch (def.kind) {
    case 'Export':
      return `e${def.instance}:${def.name}`;
    case 'Lowered':
      return `l${def.index}`;
    case 'AlwaysTrap':
      return `a${def.index}`;
    case 'Transcoder':
      return `t${def.index}`;
    case 'Adapter':
      return `f${def.index}`;
    case 'Trampoline':
      return `b${def.index}`;
    default:
      return assertNever(def);
  }
}

/** The growing output of one inlining. */
export class InlineOutput {
  readonly initializers: GlobalInitializer[] = [];
  readonly imports = new PrimaryMap<ImportIndex, ComponentImport>();
  readonly importTypes = new PrimaryMap<RuntimeImportIndex, RuntimeImport>();
  readonly trampolines = new PrimaryMap<TrampolineIndex, Trampoline>();
  readonly resources = new PrimaryMap<RuntimeResourceIndex, ResourceDef>();
  readonly instanceResources = new PrimaryMap<RuntimeComponentInstanceIndex, ReadonlyMap<ResourceId, RuntimeResourceIndex>>();
  readonly instanceParents = new PrimaryMap<RuntimeComponentInstanceIndex, RuntimeComponentInstanceIndex | null>();
  numRuntimeInstances = 0;
  numRuntimeComponentInstances = 0;
  numRuntimeMemories = 0;
  numRuntimeReallocs = 0;
  numRuntimePostReturns = 0;
  numRuntimeCallbacks = 0;
  numLowerings = 0;
  numAlwaysTrap = 0;
  numTranscoders = 0;
  numAdapters = 0;
  /** Initializers replayed so far, bounded by `MAX_INLINE_STEPS`. */
  steps = 0;
  readonly #runtimeImports = new Map<string, RuntimeImportIndex>();
  readonly #importedResources = new Map<string, RuntimeResourceIndex>();
  readonly #memories = new Map<string, RuntimeMemoryIndex>();
  readonly #reallocs = new Map<string, RuntimeReallocIndex>();
  readonly #postReturns = new Map<string, RuntimePostReturnIndex>();
  readonly #callbacks = new Map<string, RuntimeCallbackIndex>();

  /** Adds an import of the root component. */
  addImport(name: string, type: ComponentEntityType): ImportIndex {
    return this.imports.push({ name, type });
  }

  /** The runtime import for `path`, one per distinct path. */
  runtimeImport(path: ImportPath): RuntimeImportIndex {
    const key = `${path.import}\0${path.path.join('\0')}`;
    let index = this.#runtimeImports.get(key);
    if (index === undefined) {
      index = this.importTypes.push({ import: path.import, path: path.path, type: path.type });
      this.#runtimeImports.set(key, index);
    }
    return index;
  }

  /** The runtime resource of the host resource at `path`, one per distinct path. */
  importedResource(path: ImportPath): RuntimeResourceIndex {
    const key = `${path.import}\0${path.path.join('\0')}`;
    let index = this.#importedResources.get(key);
    if (index === undefined) {
      index = this.resources.push({ kind: 'Imported', import: this.runtimeImport(path) });
      this.#importedResources.set(key, index);
    }
    return index;
  }

  /** A new component instance. */
  newComponentInstance(): RuntimeComponentInstanceIndex {
    return this.numRuntimeComponentInstances++ as RuntimeComponentInstanceIndex;
  }

  /** A new core instance. */
  newInstance(): RuntimeInstanceIndex {
    return this.numRuntimeInstances++ as RuntimeInstanceIndex;
  }

  /** A new lowering. */
  newLowering(): LoweredIndex {
    return this.numLowerings++ as LoweredIndex;
  }

  /** A new always-trap function. */
  newAlwaysTrap(): AlwaysTrapIndex {
    return this.numAlwaysTrap++ as AlwaysTrapIndex;
  }

  /** A new transcoder. */
  newTranscoder(): TranscoderIndex {
    return this.numTranscoders++ as TranscoderIndex;
  }

  /** A new fused adapter. */
  newAdapter(): AdapterIndex {
    return this.numAdapters++ as AdapterIndex;
  }

  /** Counts one replayed initializer. */
  step(): void {
    if (++this.steps > MAX_INLINE_STEPS) {
      throw new ValidationError(`component is too large to inline: more than ${MAX_INLINE_STEPS} definitions after flattening nested instantiations`, 0);
    }
  }

  /** Resolves `options` written in `frame` to runtime indices, extracting what they name once. */
  options(frame: InlineFrame, options: LocalCanonicalOptions): CanonicalOptions {
    return {
      instance: frame.instance,
      stringEncoding: options.stringEncoding,
      memory: options.memory === null ? null : this.memory(frame.coreMemories[options.memory]),
      realloc: options.realloc === null ? null : this.#extract(this.#reallocs, frame.coreFuncs[options.realloc], 'ExtractRealloc', () => this.numRuntimeReallocs++ as RuntimeReallocIndex),
      postReturn:
        options.postReturn === null ? null : this.#extract(this.#postReturns, frame.coreFuncs[options.postReturn], 'ExtractPostReturn', () => this.numRuntimePostReturns++ as RuntimePostReturnIndex),
      async: options.async,
      callback: options.callback === null ? null : this.#extract(this.#callbacks, frame.coreFuncs[options.callback], 'ExtractCallback', () => this.numRuntimeCallbacks++ as RuntimeCallbackIndex),
    };
  }

  /** The runtime memory of `def`, extracted the first time it is named. */
  memory(def: CoreDef | undefined): RuntimeMemoryIndex {
    if (def?.kind !== 'Export') return unresolved('memory');
    const key = coreDefKey(def);
    let index = this.#memories.get(key);
    if (index === undefined) {
      index = this.numRuntimeMemories++ as RuntimeMemoryIndex;
      this.#memories.set(key, index);
      const exp: CoreExport = { instance: def.instance, name: def.name };
      this.initializers.push({ kind: 'ExtractMemory', index, export: exp });
    }
    return index;
  }

  #extract<K extends number>(
    seen: Map<string, K>,
    def: CoreDef | undefined,
    kind: 'ExtractRealloc' | 'ExtractPostReturn' | 'ExtractCallback',
    fresh: () => K,
  ): K {
    if (def === undefined) return unresolved('function');
    const key = coreDefKey(def);
    let index = seen.get(key);
    if (index === undefined) {
      index = fresh();
      seen.set(key, index);
      switch (kind) {
        case 'ExtractRealloc':
          this.initializers.push({ kind, index: index as number as RuntimeReallocIndex, def });
          break;
        case 'ExtractPostReturn':
          this.initializers.push({ kind, index: index as number as RuntimePostReturnIndex, def });
          break;
        case 'ExtractCallback':
          this.initializers.push({ kind, index: index as number as RuntimeCallbackIndex, def });
          break;
        default:
          return assertNever(kind);
      }
    }
    return index;
  }
}

/**
 * The validator guarantees every index the initializers use; should one not resolve, translation
 * still ends in a `ValidationError` rather than a crash.
 */
export function unresolved(what: string): never {
  throw new ValidationError(`internal limitation: ${what} of a component could not be resolved during translation`, 0);
}
