// The index spaces of one scope: a component, or a component or instance type being declared
// (each declares into initially-empty index spaces, Binary.md "Type Definitions"). Outer aliases
// walk the stack of scopes.

import type { FuncType, GlobalType, MemoryType, TableType } from '../../types/core-types.js';
import type { LocalComponent } from '../translate/local-initializer.js';
import type { ComponentEntityType, ComponentTypeId, ComponentValType, CoreEntityType, ResourceId } from '../types/component-types.js';

/** What a scope declares. */
export type ComponentScopeKind = 'component' | 'component-type' | 'instance-type';

/** A value in the value index space, which must be used exactly once. */
export interface ScopeValue {
  readonly type: ComponentValType;
  consumed: boolean;
}

/** The index spaces and imports/exports of one scope. */
export interface ComponentScope {
  readonly kind: ComponentScopeKind;
  readonly types: ComponentTypeId[];
  readonly coreTypes: ComponentTypeId[];
  readonly coreFuncs: FuncType[];
  readonly coreTables: TableType[];
  readonly coreMemories: MemoryType[];
  readonly coreGlobals: GlobalType[];
  readonly coreTags: FuncType[];
  readonly coreModules: ComponentTypeId[];
  readonly coreInstances: ReadonlyMap<string, CoreEntityType>[];
  readonly funcs: ComponentTypeId[];
  readonly values: ScopeValue[];
  readonly instances: ComponentTypeId[];
  readonly components: ComponentTypeId[];
  readonly imports: Map<string, ComponentEntityType>;
  readonly exports: Map<string, ComponentEntityType>;
  /** Uniqueness key -> name, of the names imported and exported so far. */
  readonly importKeys: Map<string, string>;
  readonly exportKeys: Map<string, string>;
  /** Resources introduced by imports. */
  readonly importedResources: ResourceId[];
  /** Type ids named by an import (or an alias): what imports and exports may mention. */
  readonly namedTypes: Set<ComponentTypeId>;
  /** Type ids named by an export: what exports may mention. */
  readonly exportNamedTypes: Set<ComponentTypeId>;
  /** Resource type id -> name, for the imports and for the exports (disjoint namespaces). */
  readonly importResourceNames: Map<ComponentTypeId, string>;
  readonly exportResourceNames: Map<ComponentTypeId, string>;
  /** Instances built from inline exports, whose exports are checked for visibility. */
  readonly inlineInstances: Set<ComponentTypeId>;
  /** Resources defined here (`resource` definitions, or `sub resource` exports of a type). */
  readonly definedResources: ResourceId[];
  /** Where translation records this component's definitions; null when only validating. */
  readonly local: LocalComponent | null;
}

/** An empty scope of `kind`. */
export function createComponentScope(kind: ComponentScopeKind, local: LocalComponent | null = null): ComponentScope {
  return {
    kind,
    local,
    types: [],
    coreTypes: [],
    coreFuncs: [],
    coreTables: [],
    coreMemories: [],
    coreGlobals: [],
    coreTags: [],
    coreModules: [],
    coreInstances: [],
    funcs: [],
    values: [],
    instances: [],
    components: [],
    imports: new Map(),
    exports: new Map(),
    importKeys: new Map(),
    exportKeys: new Map(),
    importedResources: [],
    definedResources: [],
    namedTypes: new Set(),
    exportNamedTypes: new Set(),
    importResourceNames: new Map(),
    exportResourceNames: new Map(),
    inlineInstances: new Set(),
  };
}
