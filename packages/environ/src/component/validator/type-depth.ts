// How deeply a type nests other types. Comparison, substitution and visibility walk types
// recursively, so every type's depth is bounded when it is created; a hostile chain of instance
// types exporting instances then fails with a ValidationError instead of overflowing the stack.

import type { BinaryReader } from '../../binary/binary-reader.js';
import type { ComponentTypeList } from '../types/component-type-list.js';
import type { ComponentEntityType, ComponentTypeId, ComponentValType } from '../types/component-types.js';

/** Deepest nesting of any type (defined value types are held to `MAX_TYPE_DEPTH` already). */
export const MAX_NESTING_DEPTH = 200;

function valDepth(types: ComponentTypeList, t: ComponentValType | null): number {
  return t === null || t.kind === 'primitive' ? 0 : typeDepth(types, t.id);
}

function entityDepth(types: ComponentTypeList, e: ComponentEntityType): number {
  return e.kind === 'value' ? valDepth(types, e.type) : typeDepth(types, e.id);
}

/** The nesting depth of `id`, remembered once computed. */
export function typeDepth(types: ComponentTypeList, id: ComponentTypeId): number {
  return types.derived('depth', id, () => {
    const entry = types.get(id);
    switch (entry.kind) {
      case 'defined':
        return entry.depth;
      case 'func':
        return 1 + Math.max(0, valDepth(types, entry.result), ...entry.params.map((p) => valDepth(types, p.type)));
      case 'instance':
        return 1 + Math.max(0, ...[...entry.exports.values()].map((e) => entityDepth(types, e)));
      case 'component':
        return 1 + Math.max(0, ...[...entry.imports.values(), ...entry.exports.values()].map((e) => entityDepth(types, e)));
      case 'resource':
      case 'core-module':
      case 'core-func':
        return 1;
      default:
        return 1;
    }
  });
}

/**
 * Checks a newly created type's depth.
 * @throws ValidationError at `at` when it nests more than `MAX_NESTING_DEPTH` levels
 */
export function checkTypeDepth(reader: BinaryReader, types: ComponentTypeList, id: ComponentTypeId, at: number): ComponentTypeId {
  if (typeDepth(types, id) > MAX_NESTING_DEPTH) reader.fail(`type nesting is too deep: more than ${MAX_NESTING_DEPTH} levels`, at);
  return id;
}
