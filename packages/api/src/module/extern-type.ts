import type { FuncType, GlobalType, MemoryType, ModuleTranslation, EntityType, TableType, TypeIndex } from '@tswasm/environ';

/** The type of an import or export: the spec's external types (wasmtime's `ExternType`). */
export type ExternType =
  | { readonly kind: 'func'; readonly type: FuncType }
  | { readonly kind: 'global'; readonly type: GlobalType }
  | { readonly kind: 'table'; readonly type: TableType }
  | { readonly kind: 'memory'; readonly type: MemoryType }
  | { readonly kind: 'tag'; readonly type: FuncType };

/** One import of a module: its module and field names and its type. */
export interface ImportType {
  readonly module: string;
  readonly name: string;
  readonly type: ExternType;
}

/** One export of a module: its name and type. */
export interface ExportType {
  readonly name: string;
  readonly type: ExternType;
}

/** The function type at `index` of a translated module. */
export function funcTypeAt(translation: ModuleTranslation, index: TypeIndex): FuncType {
  const composite = translation.types.get(index).composite;
  if (composite.kind !== 'func') throw new TypeError(`type ${index} is a ${composite.kind} type, expected a func type`);
  return composite;
}

/** The external type of an entity type of a translated module. */
export function externTypeOf(translation: ModuleTranslation, type: EntityType): ExternType {
  switch (type.kind) {
    case 'func':
      return { kind: 'func', type: funcTypeAt(translation, type.typeIndex) };
    case 'global':
      return { kind: 'global', type: type.type };
    case 'table':
      return { kind: 'table', type: type.type };
    case 'memory':
      return { kind: 'memory', type: type.type };
    case 'tag':
      return { kind: 'tag', type: funcTypeAt(translation, type.type.typeIndex) };
  }
}
