// What the inline phase knows about each item of a component instance being inlined, after
// wasmtime's `ComponentItemDef` family (translate/inline.rs): every item is resolved to where it
// really comes from — a root import and a path into it, a core export of a runtime instance, a
// lifted core function — so that inlining needs no names once it is done.

import type { ComponentEntityType, ComponentTypeId, ResourceId } from '../types/component-types.js';
import type {
  CanonicalOptions,
  CoreDef,
  ImportIndex,
  RuntimeComponentInstanceIndex,
  RuntimeInstanceIndex,
  RuntimeResourceIndex,
  StaticComponentIndex,
  StaticModuleIndex,
} from './component-info.js';
import type { LocalComponent } from './local-initializer.js';

/** A root import and the export names that lead from it to an item. */
export interface ImportPath {
  readonly import: ImportIndex;
  readonly path: readonly string[];
  /** The type of the item the path leads to. */
  readonly type: ComponentEntityType;
}

/** A component function. */
export type ComponentFuncDef =
  | { readonly kind: 'Import'; readonly path: ImportPath }
  | { readonly kind: 'Lifted'; readonly type: ComponentTypeId; readonly func: CoreDef; readonly options: CanonicalOptions };

/** A core module. */
export type ModuleDef =
  | { readonly kind: 'Static'; readonly index: StaticModuleIndex }
  | { readonly kind: 'Import'; readonly path: ImportPath; readonly type: ComponentTypeId };

/** A component; a static one remembers the frame it was defined in, for its outer aliases. */
export type ComponentDef =
  | { readonly kind: 'Static'; readonly index: StaticComponentIndex; readonly closure: InlineFrame }
  | { readonly kind: 'Import'; readonly path: ImportPath };

/** A component instance: an imported one, or the items of an inlined or bundled one. */
export type ComponentInstanceDef =
  | { readonly kind: 'Import'; readonly path: ImportPath; readonly type: ComponentTypeId }
  | { readonly kind: 'Items'; readonly items: ReadonlyMap<string, ComponentItemDef> };

/** Any component-level item. */
export type ComponentItemDef =
  | { readonly kind: 'func'; readonly def: ComponentFuncDef }
  | { readonly kind: 'module'; readonly def: ModuleDef }
  | { readonly kind: 'component'; readonly def: ComponentDef }
  | { readonly kind: 'instance'; readonly def: ComponentInstanceDef }
  | { readonly kind: 'type'; readonly type: ComponentTypeId; readonly resource: RuntimeResourceIndex | null };

/** A core instance: one made by `InstantiateModule`, or a bundle of core items. */
export type CoreInstanceDef =
  | { readonly kind: 'Runtime'; readonly instance: RuntimeInstanceIndex }
  | { readonly kind: 'Items'; readonly items: ReadonlyMap<string, CoreDef> };

/** One component instance being inlined: its index spaces, filled as its initializers replay. */
export interface InlineFrame {
  readonly component: LocalComponent;
  /** The next initializer to replay. */
  next: number;
  /** Instantiation arguments by import name; null for the root, whose imports are the host's. */
  readonly args: ReadonlyMap<string, ComponentItemDef> | null;
  /** The frame the component was defined in: where its outer aliases look. */
  readonly closure: InlineFrame | null;
  readonly instance: RuntimeComponentInstanceIndex;
  readonly coreFuncs: CoreDef[];
  readonly coreTables: CoreDef[];
  readonly coreMemories: CoreDef[];
  readonly coreGlobals: CoreDef[];
  readonly coreTags: CoreDef[];
  readonly coreModules: ModuleDef[];
  readonly coreInstances: CoreInstanceDef[];
  readonly funcs: ComponentFuncDef[];
  readonly instances: ComponentInstanceDef[];
  readonly components: ComponentDef[];
  /** The validator's resource ids, as seen in this component, to runtime resources. */
  readonly resources: Map<ResourceId, RuntimeResourceIndex>;
  readonly exports: Map<string, ComponentItemDef>;
  /** For a nested instantiation: the instance type the parent sees, to bind its resources. */
  readonly parentType: ComponentTypeId | null;
}

/** A fresh frame for instantiating `component`. */
export function createInlineFrame(
  component: LocalComponent,
  args: ReadonlyMap<string, ComponentItemDef> | null,
  closure: InlineFrame | null,
  instance: RuntimeComponentInstanceIndex,
  parentType: ComponentTypeId | null = null,
): InlineFrame {
  return {
    parentType,
    component,
    next: 0,
    args,
    closure,
    instance,
    coreFuncs: [],
    coreTables: [],
    coreMemories: [],
    coreGlobals: [],
    coreTags: [],
    coreModules: [],
    coreInstances: [],
    funcs: [],
    instances: [],
    components: [],
    resources: new Map(),
    exports: new Map(),
  };
}
