// Adding an import or export to a scope: the name must be unique ("strongly-unique" keys), and
// the item joins its sort's index space, as every import and export introduces a new index.

import type { BinaryReader } from '../../binary/binary-reader.js';
import type { ComponentEntityType, ResourceId } from '../types/component-types.js';
import { ResourceSubstitution } from './resource-substitution.js';
import { annotatedNameError } from './annotated-names.js';
import type { ComponentValidatorContext } from './validator-context.js';
import { currentScope, recordLocal } from './validator-context.js';
import type { LocalItem } from '../translate/local-initializer.js';
import { markReachableNamed, visibilityError } from './type-visibility.js';

/** A checked extern name with its uniqueness key and offset. */
export interface ExternName {
  readonly name: string;
  readonly key: string;
  readonly at: number;
  /** The interface named by an `implements` attribute, if any. */
  readonly implementsName: string | null;
}

/** Why `name` with its `implements` attribute cannot name `entity` (null if it can). */
export function implementsError(name: ExternName, entity: ComponentEntityType): string | null {
  if (name.implementsName === null) return null;
  if (entity.kind !== 'instance') return 'only instances can have an `implements` attribute';
  if (name.name.includes(':') || name.name.startsWith('[')) return `name \`${name.name}\` is not valid with \`implements\`: it must be a plain name`;
  return null;
}

/**
 * Records `type` under `name` as an import or export of the current scope and gives it an index.
 * @throws ValidationError when the name clashes with an earlier one
 */
export function addImportOrExport(
  reader: BinaryReader,
  context: ComponentValidatorContext,
  direction: 'import' | 'export',
  name: ExternName,
  entity: ComponentEntityType,
  item: LocalItem | null = null,
): void {
  let type = entity;
  const scope = currentScope(context);
  const keys = direction === 'import' ? scope.importKeys : scope.exportKeys;
  // The annotation's function rules are checked before uniqueness, as wasmparser orders them.
  const annotated = annotatedNameError(context.types, name.name, entity, direction === 'import' ? scope.importResourceNames : scope.exportResourceNames);
  if (annotated !== null) reader.fail(annotated, name.at);
  registerName(reader, keys, name, direction);
  const attribute = implementsError(name, entity);
  if (attribute !== null) reader.fail(attribute, name.at);
  // Instance type declarators defer the check to where the type is used.
  const checkVisibility = scope.kind !== 'instance-type';
  const resourceNames = direction === 'import' ? scope.importResourceNames : scope.exportResourceNames;
  if (type.kind === 'type') {
    // The import or export is a new, named id for the type (see type-visibility.ts).
    const why = checkVisibility ? visibilityError(context, scope, type, direction) : null;
    if (why !== null) reader.fail(why, name.at);
    const entry = context.types.get(type.id);
    const named = context.types.push(entry);
    context.types.recordAlias(named, type.id);
    type = { kind: 'type', id: named };
    (direction === 'import' ? scope.namedTypes : scope.exportNamedTypes).add(type.id);
    if (entry.kind === 'resource') resourceNames.set(type.id, name.name);
  } else if (checkVisibility) {
    const why = visibilityError(context, scope, type, direction);
    if (why !== null) reader.fail(why, name.at);
  }
  // After the visibility check, which reads the declarator's names by the type's id.
  if (type.kind === 'instance' && (direction === 'import' || scope.kind !== 'component')) {
    // Each import (or declared export) of an instance type has resources of its own.
    const entry = context.types.get(type.id);
    if (entry.kind === 'instance' && entry.definedResources.length > 0) {
      const rename = new Map<ResourceId, ResourceId>();
      for (const r of entry.definedResources) rename.set(r, context.types.freshResource());
      type = new ResourceSubstitution(context.types, rename).entity(type);
    }
  }
  if (type.kind === 'instance' || (direction === 'import' && type.kind === 'component')) {
    markReachableNamed(context, direction === 'import' ? scope.namedTypes : scope.exportNamedTypes, type);
  }
  (direction === 'import' ? scope.imports : scope.exports).set(name.name, type);
  if (direction === 'import' && type.kind === 'instance') {
    const entry = context.types.get(type.id);
    if (entry.kind === 'instance') scope.importedResources.push(...entry.definedResources);
  }
  if (direction === 'export' && scope.kind !== 'component' && type.kind === 'instance') {
    const entry = context.types.get(type.id);
    if (entry.kind === 'instance') scope.definedResources.push(...entry.definedResources);
  }
  pushEntity(context, type, direction === 'import' ? false : true);
  if (direction === 'import') recordLocal(context, { kind: 'Import', name: name.name, type });
  else if (item !== null) recordLocal(context, { kind: 'Export', name: name.name, item });
}

/**
 * Records `name` in `keys` (uniqueness key -> name), failing on a clash. Strong uniqueness
 * (Explainer.md, "Name uniqueness") also makes a plain `l` clash with `[method]l.l` or
 * `[static]l.l` — the same label on both sides of the dot — since both would bind the same
 * name; `[method]r.l` with another resource `r` does not clash with `l` (wasi:http's `method`
 * type and `[method]incoming-request.method` live side by side).
 * @throws ValidationError when the name clashes with an earlier one
 */
export function registerName(reader: BinaryReader, keys: Map<string, string>, name: ExternName, direction: 'import' | 'export'): void {
  const clash = (previous: string | undefined): void => {
    if (previous !== undefined) reader.fail(`${direction} name \`${name.name}\` conflicts with previous name \`${previous}\``, name.at);
  };
  clash(keys.get(name.key));
  const dot = name.name.startsWith('[') ? name.key.indexOf('.') : -1;
  if (dot >= 0) {
    const resource = name.key.slice(0, dot);
    const item = name.key.slice(dot + 1);
    if (resource === item) {
      clash(keys.get(item));
      keys.set(`\0${item}`, name.name);
    }
  } else {
    clash(keys.get(`\0${name.key}`));
  }
  keys.set(name.key, name.name);
}

/** Gives `type` the next index of its sort in the current scope. */
export function pushEntity(context: ComponentValidatorContext, type: ComponentEntityType, consumed: boolean): void {
  const scope = currentScope(context);
  switch (type.kind) {
    case 'module':
      scope.coreModules.push(type.id);
      return;
    case 'func':
      scope.funcs.push(type.id);
      return;
    case 'value':
      scope.values.push({ type: type.type, consumed });
      return;
    case 'type':
      scope.types.push(type.id);
      return;
    case 'instance':
      scope.instances.push(type.id);
      return;
    case 'component':
      scope.components.push(type.id);
      return;
  }
}
