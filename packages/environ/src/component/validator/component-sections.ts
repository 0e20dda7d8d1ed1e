// The component-level sections that name entities by `sortidx`: component instances
// (instantiation with subtyping of arguments against imports), imports, exports and start.

import { unreachable } from '../../util/assert-never.js';
import type { BinaryReader } from '../../binary/binary-reader.js';
import type { ComponentScope } from './component-scope.js';
import type { LocalItem } from '../translate/local-initializer.js';
import type { ComponentEntityType, ComponentTypeId, ResourceId } from '../types/component-types.js';
import { annotatedNameError } from './annotated-names.js';
import { addImportOrExport, implementsError, registerName } from './extern-entities.js';
import { ResourceSubstitution } from './resource-substitution.js';
import { readSort, sortName } from './sort.js';
import type { Sort } from './sort.js';
import { entitySubtypeError, newBindings } from './subtype.js';
import { checkTypeDepth } from './type-depth.js';
import { readExternDesc, readExternName } from './type-reader.js';
import type { ComponentValidatorContext } from './validator-context.js';
import { currentScope, recordLocal } from './validator-context.js';
import { MAX_COMPONENT_ITEMS } from './component-limits.js';

/** An entity named by a `sortidx`, and the `sortidx` as translation records it. */
interface SortItem {
  readonly entity: ComponentEntityType;
  readonly item: LocalItem;
}

// Reads a `sortidx`: the entity it names (a value it names is consumed) and translation's record.
function readSortItem(reader: BinaryReader, context: ComponentValidatorContext): SortItem {
  const scope = currentScope(context);
  const sortAt = reader.pos;
  const sort = readSort(reader);
  const at = reader.pos;
  const index = reader.readVarU32();
  const entity = sortEntity(reader, scope, { sort, sortAt, index, at });
  if (entity.kind === 'type') {
    const entry = context.types.get(entity.id);
    return { entity, item: { sort: 'type', id: entity.id, resource: entry.kind === 'resource' ? entry.id : null } };
  }
  return { entity, item: { sort: entity.kind, index } };
}

// The entity `index` names in the space of `sort`.
function sortEntity(reader: BinaryReader, scope: ComponentScope, read: { readonly sort: Sort; readonly sortAt: number; readonly index: number; readonly at: number }): ComponentEntityType {
  const { sort, sortAt, index, at } = read;
  const pick = (space: readonly ComponentTypeId[], what: string): ComponentTypeId => {
    const id = space[index];
    if (id === undefined) return reader.fail(`unknown ${what} ${index}: ${what} index out of bounds`, at);
    return id;
  };
  switch (sort.kind) {
    case 'core':
      if (sort.sort !== 'module') return reader.fail(`${sortName(sort)} is not allowed here: only core modules of the core sorts`, sortAt);
      return { kind: 'module', id: pick(scope.coreModules, 'module') };
    case 'func':
      return { kind: 'func', id: pick(scope.funcs, 'function') };
    case 'value': {
      const value = scope.values[index];
      if (value === undefined) return reader.fail(`unknown value ${index}: value index out of bounds`, at);
      if (value.consumed) return reader.fail(`value ${index} cannot be used more than once`, at);
      value.consumed = true;
      return { kind: 'value', type: value.type };
    }
    case 'type':
      return { kind: 'type', id: pick(scope.types, 'type') };
    case 'component':
      return { kind: 'component', id: pick(scope.components, 'component') };
    case 'instance':
      return { kind: 'instance', id: pick(scope.instances, 'instance') };
  }
}

/**
 * Reads the instance section: instantiations of components, whose arguments must be subtypes
 * of the component's imports, and bundles of exports.
 * @throws ValidationError for a missing or mistyped argument, a bad name or an unknown index
 */
export function readInstanceSection(section: BinaryReader, context: ComponentValidatorContext): void {
  const scope = currentScope(context);
  const types = context.types;
  const count = section.readSize(MAX_COMPONENT_ITEMS, 'instances');
  for (let i = 0; i < count; i++) {
    const at = section.pos;
    const form = section.readU8();
    if (form === 0x00) {
      const compAt = section.pos;
      const componentIndex = section.readVarU32();
      const componentId = scope.components[componentIndex];
      if (componentId === undefined) return section.fail(`unknown component ${componentIndex}: component index out of bounds`, compAt);
      const args = new Map<string, ComponentEntityType>();
      const argItems = new Map<string, LocalItem>();
      const n = section.readSize(MAX_COMPONENT_ITEMS, 'instantiation arguments');
      for (let k = 0; k < n; k++) {
        const nameAt = section.pos;
        const name = section.readName();
        const { entity, item } = readSortItem(section, context);
        if (args.has(name)) section.fail(`instantiation argument \`${name}\` conflicts with previous argument \`${name}\``, nameAt);
        args.set(name, entity);
        argItems.set(name, item);
      }
      const component = types.get(componentId);
      if (component.kind !== 'component') return unreachable('component of non-component type');
      const bindings = newBindings(component.importedResources);
      for (const [name, expected] of component.imports) {
        const actual = args.get(name);
        if (actual === undefined) section.fail(`missing import named \`${name}\``, at);
        const why = entitySubtypeError(types, actual, expected, bindings);
        if (why !== null) section.fail(`type mismatch for import \`${name}\`: ${why}`, at);
      }
      // Type imports are replaced by the supplied types in what the instance exports.
      const retype = new Map<ComponentTypeId, ComponentTypeId>();
      for (const [name, expected] of component.imports) {
        const actual = args.get(name);
        if (expected.kind === 'type' && actual?.kind === 'type' && types.get(expected.id).kind !== 'resource') retype.set(expected.id, actual.id);
      }
      const rename = new Map(bindings.bound);
      const fresh: ResourceId[] = [];
      for (const r of component.definedResources) {
        const f = types.freshResource();
        rename.set(r, f);
        fresh.push(f);
      }
      const substitution = new ResourceSubstitution(types, rename, retype);
      const exports = new Map<string, ComponentEntityType>();
      for (const [name, e] of component.exports) exports.set(name, substitution.entity(e));
      const instanceType = types.push({ kind: 'instance', exports, definedResources: fresh });
      scope.instances.push(instanceType);
      recordLocal(context, { kind: 'ComponentInstantiate', component: componentIndex, args: argItems, type: instanceType });
    } else if (form === 0x01) {
      const exports = new Map<string, ComponentEntityType>();
      const keys = new Map<string, string>();
      const resourceNames = new Map<ComponentTypeId, string>();
      const items = new Map<string, LocalItem>();
      const n = section.readSize(MAX_COMPONENT_ITEMS, 'instance exports');
      for (let k = 0; k < n; k++) {
        const name = readExternName(section, 'export');
        const read = readSortItem(section, context);
        let entity = read.entity;
        items.set(name.name, read.item);
        registerName(section, keys, name, 'export');
        const attribute = implementsError(name, entity);
        if (attribute !== null) section.fail(attribute, name.at);
        if (entity.kind === 'type') {
          // An exported resource gets a new id that carries the export's name.
          const entry = types.get(entity.id);
          if (entry.kind === 'resource') {
            entity = { kind: 'type', id: types.push(entry) };
            resourceNames.set(entity.id, name.name);
          }
        }
        const annotated = annotatedNameError(types, name.name, entity, resourceNames);
        if (annotated !== null) section.fail(annotated, name.at);
        exports.set(name.name, entity);
      }
      const id = checkTypeDepth(section, types, types.push({ kind: 'instance', exports, definedResources: [] }), at);
      scope.inlineInstances.add(id);
      scope.instances.push(id);
      recordLocal(context, { kind: 'ComponentSynthetic', exports: items });
    } else {
      section.fail(`invalid leading byte (0x${form.toString(16)}) for instance`, at);
    }
  }
}

/**
 * Reads the import section.
 * @throws ValidationError for a bad or duplicate name or a bad type
 */
export function readImportSection(section: BinaryReader, context: ComponentValidatorContext): void {
  const count = section.readSize(MAX_COMPONENT_ITEMS, 'imports');
  for (let i = 0; i < count; i++) {
    const name = readExternName(section, 'import');
    const type = readExternDesc(section, context, 'import');
    addImportOrExport(section, context, 'import', name, type);
  }
}

/**
 * Reads the export section; an ascribed type must be a supertype of the exported item's.
 * @throws ValidationError for a bad or duplicate name, an unknown index or a type mismatch
 */
export function readExportSection(section: BinaryReader, context: ComponentValidatorContext): void {
  const count = section.readSize(MAX_COMPONENT_ITEMS, 'exports');
  for (let i = 0; i < count; i++) {
    const name = readExternName(section, 'export');
    const { entity: actual, item } = readSortItem(section, context);
    const flagAt = section.pos;
    const hasType = section.readU8();
    let type = actual;
    if (hasType === 0x01) {
      const descAt = section.pos;
      const ascribed = readExternDesc(section, context, 'export');
      const ascribedEntry = ascribed.kind === 'type' ? context.types.get(ascribed.id) : null;
      if (ascribedEntry?.kind !== 'resource') {
        const why = entitySubtypeError(context.types, actual, ascribed, newBindings());
        if (why !== null) section.fail(`type mismatch in export \`${name.name}\`: ${why}`, descAt);
        type = ascribed;
      } else if (actual.kind !== 'type' || context.types.get(actual.id).kind !== 'resource') {
        section.fail(`type mismatch in export \`${name.name}\`: expected resource`, descAt);
      } else {
        // `(sub resource)` ascription: outside, the export is a resource of its own.
        type = ascribed;
      }
    } else if (hasType !== 0x00) {
      section.fail(`invalid leading byte (0x${hasType.toString(16)}) for optional component export type`, flagAt);
    }
    addImportOrExport(section, context, 'export', name, type, item);
  }
}

/**
 * Reads the start section (component `value`s only).
 * @throws ValidationError unless values are enabled and the arguments match the function type
 */
export function readStartSection(section: BinaryReader, context: ComponentValidatorContext): void {
  const at = section.pos;
  if (!context.features.componentModelValues) section.fail('support for component model `value`s is not enabled', at);
  const scope = currentScope(context);
  const fAt = section.pos;
  const fi = section.readVarU32();
  const fid = scope.funcs[fi];
  if (fid === undefined) return section.fail(`unknown function ${fi}: function index out of bounds`, fAt);
  recordLocal(context, { kind: 'Start', func: fi });
  const n = section.readSize(MAX_COMPONENT_ITEMS, 'start arguments');
  for (let i = 0; i < n; i++) {
    const vAt = section.pos;
    const vi = section.readVarU32();
    const value = scope.values[vi];
    if (value === undefined) section.fail(`unknown value ${vi}: value index out of bounds`, vAt);
    value.consumed = true;
  }
  const results = section.readVarU32();
  const f = context.types.get(fid);
  if (f.kind === 'func') {
    if (f.params.length !== n) section.fail(`component start function requires ${f.params.length} arguments but was given ${n}`, at);
    if ((f.result === null ? 0 : 1) !== results) section.fail(`component start function has a result count of ${f.result === null ? 0 : 1} but the section declares ${results}`, at);
    if (f.result !== null) scope.values.push({ type: f.result, consumed: false });
  }
}
