// The mutable state that the section readers fill in, in binary order. It is shaped so it
// *is* the validator's context C (`ModuleValidationContext`) with no copying, and so the
// translation only has to wrap its arrays into `PrimaryMap`s at the end.

import type { WasmFeatures } from '../features/wasm-features.js';
import type { GlobalType, MemoryType, RecGroup, SubType, TableType, TagType } from '../types/core-types.js';
import type { FuncIndex, TypeIndex } from '../types/indices.js';
import type { RefType } from '../types/val-type.js';
import type { ConstExpr } from '../validator/const-expr.js';
import type { ModuleValidationContext } from '../validator/module-context.js';
import type {
  ByteRange,
  CustomSection,
  DataSegment,
  ElementSegment,
  EntityIndex,
  ModuleImport,
} from '../translate/module-translation.js';

/** A module as far as its sections have been read; also the validation context C. */
export interface ModuleState extends ModuleValidationContext {
  readonly wasm: Uint8Array;
  readonly features: WasmFeatures;
  readonly types: SubType[];
  readonly recGroups: RecGroup[];
  readonly imports: ModuleImport[];
  numImportedFuncs: number;
  numImportedTables: number;
  numImportedMemories: number;
  numImportedGlobals: number;
  numImportedTags: number;
  readonly funcTypeIndices: TypeIndex[];
  readonly tables: TableType[];
  readonly memories: MemoryType[];
  readonly globals: GlobalType[];
  /** Per global, its initializer; null for imported globals. */
  readonly globalInits: (ConstExpr | null)[];
  readonly tags: TagType[];
  readonly exports: Map<string, EntityIndex>;
  start: FuncIndex | null;
  readonly elementSegments: ElementSegment[];
  readonly elemTypes: RefType[];
  readonly dataSegments: DataSegment[];
  dataCount: number | null;
  /** The function section's count, or null when that section is absent. */
  definedFuncCount: number | null;
  /** Each defined function's body range; filled by the code section. */
  readonly functionBodies: ByteRange[];
  readonly customSections: CustomSection[];
  /**
   * Functions named by exports, element segments and `ref.func` in global initializers.
   * These are the spec's C.refs, and also exactly the functions that can escape the module.
   */
  readonly declaredFuncRefs: Set<number>;
}

/** A fresh state for reading `wasm` with `features`. */
export function createModuleState(wasm: Uint8Array, features: WasmFeatures): ModuleState {
  return {
    wasm,
    features,
    types: [],
    recGroups: [],
    imports: [],
    numImportedFuncs: 0,
    numImportedTables: 0,
    numImportedMemories: 0,
    numImportedGlobals: 0,
    numImportedTags: 0,
    funcTypeIndices: [],
    tables: [],
    memories: [],
    globals: [],
    globalInits: [],
    tags: [],
    exports: new Map(),
    start: null,
    elementSegments: [],
    elemTypes: [],
    dataSegments: [],
    dataCount: null,
    definedFuncCount: null,
    functionBodies: [],
    customSections: [],
    declaredFuncRefs: new Set(),
  };
}
