// A structural walk over component value types, shared by the questions later phases ask of a
// type ("does it hold pointers?", "does it hold strings?"): each question says what it makes
// of a single defined type, and the walk looks through the parts of the others.

import { assertNever } from '../../util/assert-never.js';
import type { ComponentTypeList } from './component-type-list.js';
import type { ComponentDefinedType, ComponentTypeId, ComponentValType } from './component-types.js';

/**
 * The value types a defined type is made of: fields, cases, elements, keys and values, and the
 * element of a stream or future. own and borrow name a resource, which is not a value part.
 */
export function valueTypeParts(d: ComponentDefinedType): readonly (ComponentValType | null)[] {
  switch (d.kind) {
    case 'record':
      return d.fields.map((f) => f.type);
    case 'variant':
      return d.cases.map((c) => c.type);
    case 'list':
      return [d.element];
    case 'map':
      return [d.key, d.value];
    case 'tuple':
      return d.types;
    case 'option':
      return [d.type];
    case 'result':
      return [d.ok, d.err];
    case 'stream':
    case 'future':
      return [d.element];
    case 'primitive':
    case 'flags':
    case 'enum':
    case 'own':
    case 'borrow':
      return [];
    default:
      return assertNever(d);
  }
}

/**
 * Whether `type` or any value type inside it has a property. `decide` answers for one defined
 * type (true or false), or returns null to look through its parts; a primitive answers
 * `primitive`. Answers are remembered in the type list under `fact`, so a type shared by many
 * others is walked once; the validator's depth limit bounds the recursion.
 */
export function someValueTypeWithin(
  types: ComponentTypeList,
  type: ComponentValType | null,
  fact: string,
  primitive: (name: string) => boolean,
  decide: (d: ComponentDefinedType) => boolean | null,
): boolean {
  if (type === null) return false;
  if (type.kind === 'primitive') return primitive(type.type);
  const walk = (id: ComponentTypeId): boolean => {
    const entry = types.get(id);
    if (entry.kind !== 'defined') return false;
    const own = decide(entry.type);
    if (own !== null) return own;
    return valueTypeParts(entry.type).some((part) => someValueTypeWithin(types, part, fact, primitive, decide));
  };
  return types.derived(fact, type.id, walk);
}
