import type { TypeIndex } from './indices.js';
import type { RefType, ValType } from './val-type.js';

/** A function type: parameter and result types. */
export interface FuncType {
  readonly kind: 'func';
  readonly params: readonly ValType[];
  readonly results: readonly ValType[];
}

/** A field's storage type: a value type or a packed i8/i16 (GC). */
export type StorageType = ValType | 'i8' | 'i16';

/** A struct or array field (GC). */
export interface FieldType {
  readonly storage: StorageType;
  readonly mutable: boolean;
}

/** A struct type (GC). */
export interface StructType {
  readonly kind: 'struct';
  readonly fields: readonly FieldType[];
}

/** An array type (GC). */
export interface ArrayType {
  readonly kind: 'array';
  readonly field: FieldType;
}

/** The shape of a defined type. Only `func` validates until GC is enabled. */
export type CompositeType = FuncType | StructType | ArrayType;

/** A defined type: its composite shape, finality and declared supertype (GC subtyping). */
export interface SubType {
  readonly isFinal: boolean;
  readonly supertype: TypeIndex | null;
  readonly composite: CompositeType;
}

/** A recursion group: `count` consecutive types starting at `start` in the type index space. */
export interface RecGroup {
  readonly start: TypeIndex;
  readonly count: number;
}

/** Minimum and optional maximum of a table or memory, in elements or pages. */
export interface Limits {
  readonly min: number;
  readonly max: number | null;
}

export interface TableType {
  readonly element: RefType;
  readonly limits: Limits;
  /** True for a table64 (memory64 proposal). */
  readonly is64: boolean;
}

export interface MemoryType {
  readonly limits: Limits;
  readonly shared: boolean;
  /** True for a memory64 (memory64 proposal). */
  readonly is64: boolean;
  /** log2 of the page size; 16 unless custom-page-sizes is used. */
  readonly pageSizeLog2: number;
}

export interface GlobalType {
  readonly content: ValType;
  readonly mutable: boolean;
}

/** An exception tag: its function type (results are empty). */
export interface TagType {
  readonly typeIndex: TypeIndex;
}
