import type { WasmFeatures } from '../features/wasm-features.js';
import type { GlobalType, MemoryType, SubType, TableType, TagType } from '../types/core-types.js';
import type { TypeIndex } from '../types/indices.js';
import type { RefType } from '../types/val-type.js';

/**
 * What validating a function body (or a constant expression) needs to know about the module
 * around it: the spec's context C. The module validator fills it as it reads sections; index
 * spaces list imports first.
 */
export interface ModuleValidationContext {
  readonly features: WasmFeatures;
  /** Every defined type, across all rec groups (C.types). */
  readonly types: readonly SubType[];
  /** The type index of every function, imported ones first (C.funcs). */
  readonly funcTypeIndices: readonly TypeIndex[];
  readonly tables: readonly TableType[];
  readonly memories: readonly MemoryType[];
  readonly globals: readonly GlobalType[];
  readonly tags: readonly TagType[];
  /** The element type of every element segment (C.elems). */
  readonly elemTypes: readonly RefType[];
  /** The data count section's value, or null when the section is absent. */
  readonly dataCount: number | null;
  /**
   * Functions that `ref.func` may name inside function bodies (C.refs): those mentioned in
   * exports, element segments, or global initializers.
   */
  readonly declaredFuncRefs: ReadonlySet<number>;
}
