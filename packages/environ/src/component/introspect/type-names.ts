// The names a component gives its types: every type import or export (at any depth of instance
// and component types) names a type id, and a resource export or import names the resource.
// The first name found wins, walking imports before exports, as a reader of the WIT would.

import type { ComponentEntityType, ComponentTypeId, ResourceId } from '../types/component-types.js';
import type { ComponentTypeList } from '../types/component-type-list.js';

/** Names of type ids and of resources. */
export interface TypeNames {
  readonly types: ReadonlyMap<ComponentTypeId, string>;
  readonly resources: ReadonlyMap<ResourceId, string>;
}

/**
 * Collects the names the component or instance type `root` and the types inside it give. The
 * walk covers the whole type, so its result is kept on `types`: the embedding API describes one
 * function at a time against the same component type.
 */
export function collectTypeNames(types: ComponentTypeList, root: ComponentTypeId): TypeNames {
  return types.derived('typeNames', root, () => walkTypeNames(types, root));
}

function walkTypeNames(types: ComponentTypeList, root: ComponentTypeId): TypeNames {
  const names = new Map<ComponentTypeId, string>();
  const resources = new Map<ResourceId, string>();
  const seen = new Set<ComponentTypeId>();
  // An explicit stack: component and instance types nest, and the walk must not recurse on them.
  const stack: ComponentTypeId[] = [root];
  const visitEntities = (entities: ReadonlyMap<string, ComponentEntityType>, pending: ComponentTypeId[]): void => {
    for (const [name, entity] of entities) {
      if (entity.kind === 'type') {
        if (!names.has(entity.id)) names.set(entity.id, name);
        const entry = types.get(entity.id);
        if (entry.kind === 'resource' && !resources.has(entry.id)) resources.set(entry.id, name);
      } else if (entity.kind === 'instance' || entity.kind === 'component') {
        pending.push(entity.id);
      }
    }
  };
  while (stack.length > 0) {
    const id = stack.shift();
    if (id === undefined || seen.has(id)) continue;
    seen.add(id);
    const entry = types.get(id);
    const pending: ComponentTypeId[] = [];
    if (entry.kind === 'component') {
      visitEntities(entry.imports, pending);
      visitEntities(entry.exports, pending);
    } else if (entry.kind === 'instance') {
      visitEntities(entry.exports, pending);
    }
    stack.push(...pending);
  }
  return { types: names, resources };
}
