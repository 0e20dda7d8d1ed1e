// The interned component types: every type a component defines or receives lives once in a
// `ComponentTypeList` and is named by a `ComponentTypeId`, as wasmparser's `TypeList` and
// wasmtime's `ComponentTypes` do. Compound types refer to their parts by id, so later phases
// (translation, canonical ABI layout, WIT printing) share one table instead of nested copies.

import type { FuncType, GlobalType, MemoryType, TableType } from '../../types/core-types.js';

/** Indexes the interned types of one validation (`ComponentTypeList`). */
export type ComponentTypeId = number & { readonly __brand: 'ComponentTypeId' };

/** Names one resource type: equal ids are the same resource, since resources are generative. */
export type ResourceId = number & { readonly __brand: 'ResourceId' };

/** The component model's primitive value types, spelled as in the text format. */
export type PrimitiveValType =
  | 'bool'
  | 's8'
  | 'u8'
  | 's16'
  | 'u16'
  | 's32'
  | 'u32'
  | 's64'
  | 'u64'
  | 'f32'
  | 'f64'
  | 'char'
  | 'string'
  | 'error-context';

/** A value type: a primitive, or an interned defined type. */
export type ComponentValType =
  | { readonly kind: 'primitive'; readonly type: PrimitiveValType }
  | { readonly kind: 'defined'; readonly id: ComponentTypeId };

/** A named field of a record, or a named parameter. */
export interface NamedValType {
  readonly name: string;
  readonly type: ComponentValType;
}

/** A variant case; `type` is null for a case without payload. */
export interface VariantCase {
  readonly name: string;
  readonly type: ComponentValType | null;
}

/** A defined value type (Binary.md `defvaltype`), its parts by id. */
export type ComponentDefinedType =
  | { readonly kind: 'primitive'; readonly type: PrimitiveValType }
  | { readonly kind: 'record'; readonly fields: readonly NamedValType[] }
  | { readonly kind: 'variant'; readonly cases: readonly VariantCase[] }
  /** `length` is null for `list<T>` and the element count for `list<T, N>`. */
  | { readonly kind: 'list'; readonly element: ComponentValType; readonly length: number | null }
  | { readonly kind: 'map'; readonly key: ComponentValType; readonly value: ComponentValType }
  | { readonly kind: 'tuple'; readonly types: readonly ComponentValType[] }
  | { readonly kind: 'flags'; readonly names: readonly string[] }
  | { readonly kind: 'enum'; readonly names: readonly string[] }
  | { readonly kind: 'option'; readonly type: ComponentValType }
  | { readonly kind: 'result'; readonly ok: ComponentValType | null; readonly err: ComponentValType | null }
  /** `resource` is the identity; `type` the resource type's id, which export visibility checks. */
  | { readonly kind: 'own'; readonly resource: ResourceId; readonly type: ComponentTypeId }
  | { readonly kind: 'borrow'; readonly resource: ResourceId; readonly type: ComponentTypeId }
  | { readonly kind: 'stream'; readonly element: ComponentValType | null }
  | { readonly kind: 'future'; readonly element: ComponentValType | null };

/** A component function type. */
export interface ComponentFuncType {
  readonly kind: 'func';
  readonly async: boolean;
  readonly params: readonly NamedValType[];
  readonly result: ComponentValType | null;
}

/** What an import or export of a component or instance is, with its type. */
export type ComponentEntityType =
  | { readonly kind: 'module'; readonly id: ComponentTypeId }
  | { readonly kind: 'func'; readonly id: ComponentTypeId }
  | { readonly kind: 'value'; readonly type: ComponentValType }
  /** A type export or import; `id` is the type it is equal to (a resource for `sub resource`). */
  | { readonly kind: 'type'; readonly id: ComponentTypeId }
  | { readonly kind: 'instance'; readonly id: ComponentTypeId }
  | { readonly kind: 'component'; readonly id: ComponentTypeId };

/** A component type: its imports and exports by name, in order. */
export interface ComponentType {
  readonly kind: 'component';
  readonly imports: ReadonlyMap<string, ComponentEntityType>;
  readonly exports: ReadonlyMap<string, ComponentEntityType>;
  /** Resources the imports introduce: instantiation binds them to the arguments' resources. */
  readonly importedResources: readonly ResourceId[];
  /** Resources the exports introduce: each instantiation makes them fresh. */
  readonly definedResources: readonly ResourceId[];
}

/** An instance type: its exports by name. */
export interface ComponentInstanceType {
  readonly kind: 'instance';
  readonly exports: ReadonlyMap<string, ComponentEntityType>;
  /** Resources the exports introduce (fresh for each import of this type). */
  readonly definedResources: readonly ResourceId[];
}

/** A resource type; `rep` is always i32 today. */
export interface ResourceType {
  readonly kind: 'resource';
  readonly id: ResourceId;
}

/** What a core instance exports, or a core module imports or exports. */
export type CoreEntityType =
  | { readonly kind: 'func'; readonly type: FuncType }
  | { readonly kind: 'table'; readonly type: TableType }
  | { readonly kind: 'memory'; readonly type: MemoryType }
  | { readonly kind: 'global'; readonly type: GlobalType }
  | { readonly kind: 'tag'; readonly type: FuncType };

/** One import of a core module type. */
export interface CoreModuleImport {
  readonly module: string;
  readonly field: string;
  readonly type: CoreEntityType;
}

/** A core module type: its imports in order and its exports by name. */
export interface CoreModuleType {
  readonly kind: 'core-module';
  readonly imports: readonly CoreModuleImport[];
  readonly exports: ReadonlyMap<string, CoreEntityType>;
}

/** A core function type in the core type index space of a component. */
export interface CoreFuncTypeEntry {
  readonly kind: 'core-func';
  readonly type: FuncType;
}

/**
 * Every entry of the interned type table. A defined value type carries two facts its users
 * check without walking it: its nesting `depth` (bounded, so walks cannot overflow the stack)
 * and whether a `borrow` occurs in it (banned in results).
 */
export type ComponentTypeEntry =
  | { readonly kind: 'defined'; readonly type: ComponentDefinedType; readonly depth: number; readonly containsBorrow: boolean }
  | ComponentFuncType
  | ComponentType
  | ComponentInstanceType
  | ResourceType
  | CoreModuleType
  | CoreFuncTypeEntry;
