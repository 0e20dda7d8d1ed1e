// The output of component translation, after wasmtime-environ's `component::Component`
// (crates/environ/src/component/info.rs). Nested components are already inlined and every name
// is already resolved: instantiating a component only runs `initializers` front to back and
// follows indices, so later layers (jit, runtime) never match names or walk component sections.
// This is plain readonly data and `PrimaryMap`s, so jit's codec can put it in the artifact.

import type { ComponentEntityType, ComponentTypeId, ComponentValType, ResourceId } from '../types/component-types.js';
import type { ComponentTypeList } from '../types/component-type-list.js';
import type { ModuleTranslation } from '../../translate/module-translation.js';
import type { PrimaryMap } from '../../util/primary-map.js';
import type { CanonBuiltin } from './local-initializer.js';

/** Indexes the core modules of a component binary, nested components' modules included. */
export type StaticModuleIndex = number & { readonly __brand: 'StaticModuleIndex' };
/** Indexes the components of a binary (the root and every nested one), in the order they end. */
export type StaticComponentIndex = number & { readonly __brand: 'StaticComponentIndex' };
/** Indexes the root component's imports, in binary order. */
export type ImportIndex = number & { readonly __brand: 'ImportIndex' };
/** Indexes the host items a component instance needs: an import and a path of export names. */
export type RuntimeImportIndex = number & { readonly __brand: 'RuntimeImportIndex' };
/** Indexes the core instances made while instantiating (one per `InstantiateModule`). */
export type RuntimeInstanceIndex = number & { readonly __brand: 'RuntimeInstanceIndex' };
/** Indexes the component instances an instantiation makes (the root and each inlined one). */
export type RuntimeComponentInstanceIndex = number & { readonly __brand: 'RuntimeComponentInstanceIndex' };
/** Indexes the linear memories canonical options name. */
export type RuntimeMemoryIndex = number & { readonly __brand: 'RuntimeMemoryIndex' };
/** Indexes the `realloc` functions canonical options name. */
export type RuntimeReallocIndex = number & { readonly __brand: 'RuntimeReallocIndex' };
/** Indexes the `post-return` functions canonical options name. */
export type RuntimePostReturnIndex = number & { readonly __brand: 'RuntimePostReturnIndex' };
/** Indexes the `callback` functions canonical options name. */
export type RuntimeCallbackIndex = number & { readonly __brand: 'RuntimeCallbackIndex' };
/** Indexes host imports lowered into core functions. */
export type LoweredIndex = number & { readonly __brand: 'LoweredIndex' };
/** Indexes core functions that always trap (a lift lowered into its own component instance). */
export type AlwaysTrapIndex = number & { readonly __brand: 'AlwaysTrapIndex' };
/** Indexes string transcoders between two memories or encodings. */
export type TranscoderIndex = number & { readonly __brand: 'TranscoderIndex' };
/** Indexes fused adapters: a lifted function of one inlined component lowered into another. */
export type AdapterIndex = number & { readonly __brand: 'AdapterIndex' };
/** Indexes resources: those the component defines and those it imports. */
export type RuntimeResourceIndex = number & { readonly __brand: 'RuntimeResourceIndex' };
/** Indexes the canonical built-ins other than lowerings (resource and async intrinsics). */
export type TrampolineIndex = number & { readonly __brand: 'TrampolineIndex' };

/** A canonical string encoding (CanonicalABI.md "Canonical ABI Options"). */
export type StringEncoding = 'utf8' | 'utf16' | 'latin1+utf16';

/** An export of a core instance made during instantiation. */
export interface CoreExport {
  readonly instance: RuntimeInstanceIndex;
  readonly name: string;
}

/** A core item passed to a core instantiation or named by canonical options. */
export type CoreDef =
  | { readonly kind: 'Export'; readonly instance: RuntimeInstanceIndex; readonly name: string }
  | { readonly kind: 'Lowered'; readonly index: LoweredIndex }
  | { readonly kind: 'AlwaysTrap'; readonly index: AlwaysTrapIndex }
  | { readonly kind: 'Transcoder'; readonly index: TranscoderIndex }
  | { readonly kind: 'Adapter'; readonly index: AdapterIndex }
  | { readonly kind: 'Trampoline'; readonly index: TrampolineIndex };

/** Canonical options resolved to runtime indices (CanonicalABI.md `canonopt`). */
export interface CanonicalOptions {
  /** The component instance whose flags and handle tables the call uses. */
  readonly instance: RuntimeComponentInstanceIndex;
  readonly stringEncoding: StringEncoding;
  readonly memory: RuntimeMemoryIndex | null;
  readonly realloc: RuntimeReallocIndex | null;
  readonly postReturn: RuntimePostReturnIndex | null;
  readonly async: boolean;
  readonly callback: RuntimeCallbackIndex | null;
}

/** The core module an `InstantiateModule` instantiates. */
export type InstantiateModule =
  | { readonly kind: 'Static'; readonly index: StaticModuleIndex; readonly args: readonly CoreDef[] }
  /** A module the host supplies; `args` follow the imports of its type `type`. */
  | { readonly kind: 'Import'; readonly import: RuntimeImportIndex; readonly type: ComponentTypeId; readonly args: readonly CoreDef[] };

/** Which way a transcoder converts (wasmtime's `Transcode`). */
export type Transcode =
  | 'Copy(Utf8)'
  | 'Copy(Utf16)'
  | 'Copy(Latin1)'
  | 'Latin1ToUtf16'
  | 'Latin1ToUtf8'
  | 'Utf16ToCompactProbablyUtf16'
  | 'Utf16ToCompactUtf16'
  | 'Utf16ToLatin1'
  | 'Utf16ToUtf8'
  | 'Utf8ToCompactUtf16'
  | 'Utf8ToLatin1'
  | 'Utf8ToUtf16';

/** A canonical built-in that is not a lowering; each becomes a core function. */
export type Trampoline =
  | { readonly kind: 'ResourceNew'; readonly resource: RuntimeResourceIndex; readonly instance: RuntimeComponentInstanceIndex }
  | { readonly kind: 'ResourceRep'; readonly resource: RuntimeResourceIndex; readonly instance: RuntimeComponentInstanceIndex }
  | { readonly kind: 'ResourceDrop'; readonly resource: RuntimeResourceIndex; readonly instance: RuntimeComponentInstanceIndex }
  /**
   * An async, error-context or threading built-in; jit implements it by `builtin` name. Its
   * immediates: the stream or future `type`, `task.return`'s `result`, the `cancellable` or
   * `async` `flag`, the context `slot`, the `memory` of `waitable-set.wait`/`poll`, and the
   * function `table` of `thread.new-indirect` (a core instance's export).
   */
  | {
      readonly kind: 'Builtin';
      readonly builtin: CanonBuiltin;
      readonly options: CanonicalOptions | null;
      readonly instance: RuntimeComponentInstanceIndex;
      readonly type: ComponentTypeId | null;
      readonly result: ComponentValType | null;
      readonly flag: boolean;
      readonly slot: number;
      readonly memory: RuntimeMemoryIndex | null;
      readonly table: CoreDef | null;
    };

/** Where a resource type comes from. */
export type ResourceDef =
  /** The host's resource behind import `import`. */
  | { readonly kind: 'Imported'; readonly import: RuntimeImportIndex }
  /** Defined by component instance `instance`; its `Resource` initializer gives the destructor. */
  | { readonly kind: 'Defined'; readonly instance: RuntimeComponentInstanceIndex };

/** One step of instantiation; the list runs front to back. */
export type GlobalInitializer =
  | { readonly kind: 'InstantiateModule'; readonly instance: RuntimeInstanceIndex; readonly module: InstantiateModule }
  | { readonly kind: 'LowerImport'; readonly index: LoweredIndex; readonly import: RuntimeImportIndex; readonly lowerType: ComponentTypeId; readonly options: CanonicalOptions }
  | { readonly kind: 'AlwaysTrap'; readonly index: AlwaysTrapIndex; readonly type: ComponentTypeId }
  /**
   * A string transcoder used by adapter `adapter`: `op` converts from `fromEncoding` in
   * `fromMemory` to `toEncoding` in `toMemory`.
   */
  | {
      readonly kind: 'Transcoder';
      readonly index: TranscoderIndex;
      readonly adapter: AdapterIndex;
      readonly op: Transcode;
      readonly fromMemory: RuntimeMemoryIndex;
      readonly fromEncoding: StringEncoding;
      readonly toMemory: RuntimeMemoryIndex;
      readonly toEncoding: StringEncoding;
    }
  /**
   * A fused adapter: core function `callee`, lifted with `lift` in one component instance, is
   * lowered with `lower` into another. jit generates code that copies arguments and results
   * between the two memories without going through the host.
   */
  | {
      readonly kind: 'Adapter';
      readonly index: AdapterIndex;
      /** The function's type as the lifting side sees it (its resources are `lift.instance`'s). */
      readonly type: ComponentTypeId;
      /** The same type as the lowering side sees it (its resources are `lower.instance`'s). */
      readonly lowerType: ComponentTypeId;
      readonly lift: CanonicalOptions;
      readonly lower: CanonicalOptions;
      readonly callee: CoreDef;
    }
  | { readonly kind: 'ExtractMemory'; readonly index: RuntimeMemoryIndex; readonly export: CoreExport }
  | { readonly kind: 'ExtractRealloc'; readonly index: RuntimeReallocIndex; readonly def: CoreDef }
  | { readonly kind: 'ExtractPostReturn'; readonly index: RuntimePostReturnIndex; readonly def: CoreDef }
  | { readonly kind: 'ExtractCallback'; readonly index: RuntimeCallbackIndex; readonly def: CoreDef }
  | { readonly kind: 'Trampoline'; readonly index: TrampolineIndex; readonly trampoline: Trampoline }
  /** Defines resource `index` of component instance `instance`, with its destructor. */
  | { readonly kind: 'Resource'; readonly index: RuntimeResourceIndex; readonly rep: 'i32'; readonly destructor: CoreDef | null; readonly instance: RuntimeComponentInstanceIndex };

/** An export of the component. */
export type Export =
  | { readonly kind: 'LiftedFunction'; readonly type: ComponentTypeId; readonly func: CoreDef; readonly options: CanonicalOptions }
  | { readonly kind: 'ModuleStatic'; readonly index: StaticModuleIndex }
  | { readonly kind: 'ModuleImport'; readonly import: RuntimeImportIndex }
  | { readonly kind: 'Instance'; readonly exports: ReadonlyMap<string, Export> }
  /** A type; `resource` is set when it is a resource. */
  | { readonly kind: 'Type'; readonly type: ComponentTypeId; readonly resource: RuntimeResourceIndex | null }
  /** An item of the host passed through unchanged: a re-exported import. */
  | { readonly kind: 'Import'; readonly import: RuntimeImportIndex };

/** A host item a runtime import names: the root import and the export names under it. */
export interface RuntimeImport {
  readonly import: ImportIndex;
  readonly path: readonly string[];
  /** The type of the item at the end of the path. */
  readonly type: ComponentEntityType;
}

/** One import of the root component. */
export interface ComponentImport {
  readonly name: string;
  readonly type: ComponentEntityType;
}

/** The translated component: what instantiating it does, and what it imports and exports. */
export interface ComponentInfo {
  /** The interned types every `ComponentTypeId` here indexes. */
  readonly types: ComponentTypeList;
  /** The root component's type. */
  readonly type: ComponentTypeId;
  /** The root's imports by index, and their types. */
  readonly imports: PrimaryMap<ImportIndex, ComponentImport>;
  /** Every host item the initializers use, as a root import and a path into it. */
  readonly importTypes: PrimaryMap<RuntimeImportIndex, RuntimeImport>;
  readonly initializers: readonly GlobalInitializer[];
  readonly exports: ReadonlyMap<string, Export>;
  readonly trampolines: PrimaryMap<TrampolineIndex, Trampoline>;
  readonly resources: PrimaryMap<RuntimeResourceIndex, ResourceDef>;
  /**
   * For each component instance, the runtime resource of each resource its types name: an
   * `own`/`borrow` in a lifted or lowered type resolves through `options.instance`.
   */
  readonly instanceResources: PrimaryMap<RuntimeComponentInstanceIndex, ReadonlyMap<ResourceId, RuntimeResourceIndex>>;
  /**
   * For each component instance, the instance whose component instantiated it (null for the
   * root): CanonicalABI.md's `call_might_be_recursive` forbids calls between an instance and its
   * ancestors, which adapters check with this.
   */
  readonly instanceParents: PrimaryMap<RuntimeComponentInstanceIndex, RuntimeComponentInstanceIndex | null>;
  readonly numRuntimeInstances: number;
  readonly numRuntimeComponentInstances: number;
  readonly numRuntimeMemories: number;
  readonly numRuntimeReallocs: number;
  readonly numRuntimePostReturns: number;
  readonly numRuntimeCallbacks: number;
  readonly numLowerings: number;
  readonly numAlwaysTrap: number;
  readonly numTranscoders: number;
  readonly numAdapters: number;
  readonly numResources: number;
}

/** A translated component: its core modules, and the component that instantiates them. */
export interface ComponentTranslation {
  readonly staticModules: PrimaryMap<StaticModuleIndex, ModuleTranslation>;
  readonly component: ComponentInfo;
}
