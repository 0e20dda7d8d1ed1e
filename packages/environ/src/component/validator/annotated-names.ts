// The function-type rules of annotated names (Explainer.md "Import and Export Definitions"):
// `[constructor]R` returns `(own R)` or `(result (own R) ...)`, `[method]R.m` takes
// `(param "self" (borrow R))` first, `[static]R.m` needs a resource named R, where R is the name
// the resource type was imported or exported under in the same namespace.

import type { ComponentTypeList } from '../types/component-type-list.js';
import type { ComponentEntityType, ComponentTypeId, ComponentValType } from '../types/component-types.js';

/** Resource type id -> the name it was imported or exported under, in one namespace. */
export type ResourceNames = ReadonlyMap<ComponentTypeId, string>;

const ANNOTATION = /^\[(constructor|method|static|async method|async static)\]([^.]*)(?:\.(.*))?$/;

function ownOrBorrowOf(types: ComponentTypeList, t: ComponentValType | null, kind: 'own' | 'borrow'): ComponentTypeId | null {
  if (t === null || t.kind !== 'defined') return null;
  const entry = types.get(t.id);
  if (entry.kind !== 'defined' || entry.type.kind !== kind) return null;
  return entry.type.type;
}

function resourceNameError(names: ResourceNames, resource: ComponentTypeId, expected: string): string | null {
  const actual = names.get(resource);
  if (actual === undefined) return 'resource used in function does not have a name in this context';
  if (actual !== expected) return `function does not match expected resource name \`${actual}\``;
  return null;
}

/**
 * Why the annotated name `name` does not fit `entity` (null if it does or is not annotated).
 * Assumes the name already passed the extern-name grammar.
 */
export function annotatedNameError(types: ComponentTypeList, name: string, entity: ComponentEntityType, names: ResourceNames): string | null {
  const m = ANNOTATION.exec(name);
  if (m === null) return null;
  const annotation = m[1] ?? '';
  const resource = m[2] ?? '';
  if (entity.kind !== 'func') return `\`${name}\` is not a func`;
  const f = types.get(entity.id);
  if (f.kind !== 'func') return `\`${name}\` is not a func`;
  switch (annotation) {
    case 'constructor': {
      if (f.result === null) return 'function should return one value';
      let own = ownOrBorrowOf(types, f.result, 'own');
      if (own === null && f.result.kind === 'defined') {
        const r = types.get(f.result.id);
        if (r.kind === 'defined' && r.type.kind === 'result') own = ownOrBorrowOf(types, r.type.ok, 'own');
      }
      if (own === null) return 'function should return `(own $T)` or `(result (own $T))`';
      return resourceNameError(names, own, resource);
    }
    case 'method':
    case 'async method': {
      const first = f.params[0];
      if (first === undefined) return 'function should have at least one argument';
      if (first.name !== 'self') return 'function should have a first argument called `self`';
      const borrow = ownOrBorrowOf(types, first.type, 'borrow');
      if (borrow === null) return 'function should take a first argument of `(borrow $T)`';
      return resourceNameError(names, borrow, resource);
    }
    default:
      for (const n of names.values()) if (n === resource) return null;
      return 'static resource name is not known in this context';
  }
}
