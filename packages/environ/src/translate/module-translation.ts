// The shape of a translated core module, after wasmtime-environ's `ModuleTranslation` and
// `Module`: plain readonly data plus `PrimaryMap`s, so jit's codec can serialize it and later
// layers never read the sections again. Byte ranges point into `wasm` instead of copying, so a
// 10 MB module costs no second 10 MB.

import type { GlobalType, MemoryType, RecGroup, SubType, TableType, TagType } from '../types/core-types.js';
import type {
  DataIndex,
  DefinedFuncIndex,
  ElemIndex,
  FuncIndex,
  GlobalIndex,
  MemoryIndex,
  TableIndex,
  TagIndex,
  TypeIndex,
} from '../types/indices.js';
import type { PrimaryMap } from '../util/primary-map.js';
import type { RefType } from '../types/val-type.js';
import type { ConstExpr } from '../validator/const-expr.js';

/** A range of bytes in the original binary. */
export interface ByteRange {
  /** Offset of the first byte in `wasm`. */
  readonly offset: number;
  readonly length: number;
}

/** What an import or export names, with its type: the spec's external types. */
export type EntityType =
  | { readonly kind: 'func'; readonly typeIndex: TypeIndex }
  | { readonly kind: 'table'; readonly type: TableType }
  | { readonly kind: 'memory'; readonly type: MemoryType }
  | { readonly kind: 'global'; readonly type: GlobalType }
  | { readonly kind: 'tag'; readonly type: TagType };

/** One import, in binary order; its index is the next one in its kind's index space. */
export interface ModuleImport {
  readonly module: string;
  readonly field: string;
  readonly type: EntityType;
}

/** The item an export names: the spec's external values. */
export type EntityIndex =
  | { readonly kind: 'func'; readonly index: FuncIndex }
  | { readonly kind: 'table'; readonly index: TableIndex }
  | { readonly kind: 'memory'; readonly index: MemoryIndex }
  | { readonly kind: 'global'; readonly index: GlobalIndex }
  | { readonly kind: 'tag'; readonly index: TagIndex };

/** A global: its type, and its initializer when the module defines it (null when imported). */
export interface ModuleGlobal {
  readonly type: GlobalType;
  readonly init: ConstExpr | null;
}

/** When an element segment is applied (spec: elemmode). */
export type ElementMode =
  | { readonly kind: 'active'; readonly table: TableIndex; readonly offset: ConstExpr }
  | { readonly kind: 'passive' }
  | { readonly kind: 'declarative' };

/**
 * An element segment's items: plain function indices (encodings 0..3, the common case, kept
 * compact), or one constant expression per item (encodings 4..7).
 */
export type ElementItems =
  | { readonly kind: 'functions'; readonly functions: readonly FuncIndex[] }
  | { readonly kind: 'expressions'; readonly expressions: readonly ConstExpr[] };

/** One element segment. */
export interface ElementSegment {
  readonly mode: ElementMode;
  readonly elementType: RefType;
  readonly items: ElementItems;
}

/** When a data segment is applied (spec: datamode). */
export type DataMode =
  | { readonly kind: 'active'; readonly memory: MemoryIndex; readonly offset: ConstExpr }
  | { readonly kind: 'passive' };

/** One data segment; its bytes stay in `wasm`. */
export interface DataSegment {
  readonly mode: DataMode;
  readonly data: ByteRange;
}

/** A custom section: its name and its content (a view into `wasm`, after the name). */
export interface CustomSection {
  readonly name: string;
  /** Offset of the content (after the name) in the original binary. */
  readonly offset: number;
  readonly bytes: Uint8Array;
}

/**
 * What the `name` custom section says. Engines ignore a malformed name section, so reading
 * one never fails validation; `malformed` records why reading stopped, and what was read
 * before that point is kept.
 */
export interface ModuleNames {
  readonly moduleName: string | null;
  readonly functionNames: ReadonlyMap<FuncIndex, string>;
  /** Per function, its local names by local index. */
  readonly localNames: ReadonlyMap<FuncIndex, ReadonlyMap<number, string>>;
  readonly malformed: { readonly reason: string; readonly offset: number } | null;
}

/** Everything environ learned from a core module's bytes. */
export interface ModuleTranslation {
  /** The original binary, which every `ByteRange` points into. */
  readonly wasm: Uint8Array;
  /** Every defined type, across all rec groups. */
  readonly types: PrimaryMap<TypeIndex, SubType>;
  readonly recGroups: readonly RecGroup[];
  /** Imports in binary order. */
  readonly imports: readonly ModuleImport[];
  readonly numImportedFuncs: number;
  readonly numImportedTables: number;
  readonly numImportedMemories: number;
  readonly numImportedGlobals: number;
  readonly numImportedTags: number;
  /** The type of every function, imported ones first. */
  readonly functions: PrimaryMap<FuncIndex, TypeIndex>;
  readonly tables: PrimaryMap<TableIndex, TableType>;
  readonly memories: PrimaryMap<MemoryIndex, MemoryType>;
  readonly globals: PrimaryMap<GlobalIndex, ModuleGlobal>;
  readonly tags: PrimaryMap<TagIndex, TagType>;
  /** Exports by name, in binary order (names are unique). */
  readonly exports: ReadonlyMap<string, EntityIndex>;
  readonly start: FuncIndex | null;
  readonly elementSegments: PrimaryMap<ElemIndex, ElementSegment>;
  readonly dataSegments: PrimaryMap<DataIndex, DataSegment>;
  /** The data count section's value, or null when the section is absent. */
  readonly dataCount: number | null;
  /** Each defined function's body (local declarations and code), as a range of `wasm`. */
  readonly functionBodies: PrimaryMap<DefinedFuncIndex, ByteRange>;
  readonly customSections: readonly CustomSection[];
  readonly names: ModuleNames;
  /**
   * Sorted, distinct type indices of the functions that can be called from outside: exported
   * functions and functions that escape as `funcref` (element segments, `ref.func` in global
   * initializers). Each needs a host trampoline.
   */
  readonly exportedSignatures: readonly TypeIndex[];
}
