// Alias definitions (Binary.md "Alias Definitions"): exports of component and core instances,
// and outer aliases of types, modules and components from enclosing scopes.

import { unreachable } from '../../util/assert-never.js';
import type { BinaryReader } from '../../binary/binary-reader.js';
import { assertNever } from '../../util/assert-never.js';
import type { ComponentTypeId, ComponentValType, CoreEntityType } from '../types/component-types.js';
import { pushEntity } from './extern-entities.js';
import { markReachableNamed } from './type-visibility.js';
import { readSort, sortName } from './sort.js';
import type { ComponentValidatorContext } from './validator-context.js';
import { currentScope, recordLocal } from './validator-context.js';

/** Adds a core entity to the current scope's index space of its kind. */
function pushCoreEntity(context: ComponentValidatorContext, entity: CoreEntityType): void {
  const scope = currentScope(context);
  switch (entity.kind) {
    case 'func':
      scope.coreFuncs.push(entity.type);
      return;
    case 'table':
      scope.coreTables.push(entity.type);
      return;
    case 'memory':
      scope.coreMemories.push(entity.type);
      return;
    case 'global':
      scope.coreGlobals.push(entity.type);
      return;
    case 'tag':
      scope.coreTags.push(entity.type);
      return;
  }
}

/**
 * Reads one `alias` and adds what it names to the current scope. In a component or instance
 * type (`inType`), only outer aliases and aliases of instance exports are allowed.
 * @throws ValidationError for an unknown instance, export or outer scope, or a sort mismatch
 */
export function readAlias(reader: BinaryReader, context: ComponentValidatorContext, inType: boolean): void {
  const scope = currentScope(context);
  const at = reader.pos;
  const sort = readSort(reader);
  const targetAt = reader.pos;
  const target = reader.readU8();
  if (inType && !(sort.kind === 'type' || sort.kind === 'instance' || (sort.kind === 'core' && sort.sort === 'type'))) {
    reader.fail(`aliases in type declarations may only refer to types or instances, found ${sortName(sort)}`, at);
  }
  switch (target) {
    case 0x00: {
      const idxAt = reader.pos;
      const index = reader.readVarU32();
      const name = reader.readName();
      const instanceId = scope.instances[index];
      if (instanceId === undefined) return reader.fail(`unknown instance ${index}: instance index out of bounds`, idxAt);
      const instance = context.types.get(instanceId);
      if (instance.kind !== 'instance') return unreachable('instance index of non-instance');
      const entity = instance.exports.get(name);
      if (entity === undefined) return reader.fail(`instance ${index} has no export named \`${name}\``, idxAt);
      const want = sort.kind === 'core' ? (sort.sort === 'module' ? 'module' : null) : sort.kind;
      if (want !== entity.kind) return reader.fail(`export \`${name}\` for instance ${index} is not a ${sort.kind === 'core' ? sort.sort : sort.kind}`, idxAt);
      pushEntity(context, entity, false);
      const resourceEntry = entity.kind === 'type' ? context.types.get(entity.id) : null;
      const resource = resourceEntry?.kind === 'resource' ? resourceEntry.id : null;
      recordLocal(context, { kind: 'AliasExport', instance: index, name, sort: entity.kind, resource });
      return;
    }
    case 0x01: {
      if (inType) reader.fail('core export aliases are not allowed in type declarations', targetAt);
      const idxAt = reader.pos;
      const index = reader.readVarU32();
      const name = reader.readName();
      const instance = scope.coreInstances[index];
      if (instance === undefined) return reader.fail(`unknown core instance ${index}: instance index out of bounds`, idxAt);
      const entity = instance.get(name);
      if (entity === undefined) return reader.fail(`core instance ${index} has no export named \`${name}\``, idxAt);
      if (sort.kind !== 'core' || sort.sort !== entity.kind) return reader.fail(`export \`${name}\` for core instance ${index} is not a ${sort.kind === 'core' ? sort.sort : sort.kind}`, idxAt);
      pushCoreEntity(context, entity);
      recordLocal(context, { kind: 'AliasCoreExport', instance: index, name, sort: entity.kind });
      return;
    }
    case 0x02: {
      const countAt = reader.pos;
      const count = reader.readVarU32();
      const idxAt = reader.pos;
      const index = reader.readVarU32();
      const outer = context.scopes[context.scopes.length - 1 - count];
      if (outer === undefined) return reader.fail(`invalid outer alias count of ${count}`, countAt);
      if (sort.kind === 'core' && sort.sort === 'type') {
        const id = outer.coreTypes[index];
        if (id === undefined) return reader.fail(`unknown core type ${index}: type index out of bounds`, idxAt);
        scope.coreTypes.push(id);
        return;
      }
      if (sort.kind === 'core' && sort.sort === 'module') {
        const id = outer.coreModules[index];
        if (id === undefined) return reader.fail(`unknown module ${index}: module index out of bounds`, idxAt);
        scope.coreModules.push(id);
        recordLocal(context, { kind: 'AliasOuter', sort: 'module', count, index });
        return;
      }
      if (sort.kind === 'type') {
        const id = outer.types[index];
        if (id === undefined) return reader.fail(`unknown type ${index}: type index out of bounds`, idxAt);
        // Resources are generative per component instance, so a type that mentions one cannot
        // cross a component boundary; type declarators are not boundaries.
        let crossesComponent = false;
        for (let k = context.scopes.length - count; k < context.scopes.length; k++) {
          if (context.scopes[k]?.kind === 'component') crossesComponent = true;
        }
        if (crossesComponent && refersToResource(context, id)) {
          return reader.fail('type transitively refers to resources not defined in the current component', idxAt);
        }
        scope.types.push(id);
        // In a type declarator an outer type keeps the name it has outside; a nested
        // component must import or export it again to name it.
        if (scope.kind !== 'component') markReachableNamed(context, scope.namedTypes, { kind: 'type', id });
        return;
      }
      if (sort.kind === 'component') {
        const id = outer.components[index];
        if (id === undefined) return reader.fail(`unknown component ${index}: component index out of bounds`, idxAt);
        scope.components.push(id);
        recordLocal(context, { kind: 'AliasOuter', sort: 'component', count, index });
        return;
      }
      return reader.fail(`outer aliases of ${sortName(sort)} are not supported: only types, modules and components`, at);
    }
    default:
      return reader.fail(`invalid leading byte (0x${target.toString(16)}) for alias target`, targetAt);
  }
}


// Whether the type `id` mentions a resource, directly or through its parts.
function refersToResource(context: ComponentValidatorContext, id: ComponentTypeId): boolean {
  return context.types.derived('refersToResource', id, () => computeRefersToResource(context, id));
}

function computeRefersToResource(context: ComponentValidatorContext, id: ComponentTypeId): boolean {
  const entry = context.types.get(id);
  const inVal = (t: ComponentValType | null): boolean => t !== null && t.kind === 'defined' && refersToResource(context, t.id);
  switch (entry.kind) {
    case 'resource':
      return true;
    case 'defined': {
      const d = entry.type;
      switch (d.kind) {
        case 'own':
        case 'borrow':
          return true;
        case 'primitive':
        case 'flags':
        case 'enum':
          return false;
        case 'record':
          return d.fields.some((f) => inVal(f.type));
        case 'variant':
          return d.cases.some((c) => inVal(c.type));
        case 'list':
          return inVal(d.element);
        case 'map':
          return inVal(d.key) || inVal(d.value);
        case 'tuple':
          return d.types.some(inVal);
        case 'option':
          return inVal(d.type);
        case 'result':
          return inVal(d.ok) || inVal(d.err);
        case 'stream':
        case 'future':
          return inVal(d.element);
        default:
          return assertNever(d);
      }
    }
    case 'func':
      return entry.params.some((p) => inVal(p.type)) || inVal(entry.result);
    case 'instance':
    case 'component': {
      // Resources the type declares itself (`sub resource`) are abstract, not foreign.
      const own = new Set([...entry.definedResources, ...(entry.kind === 'component' ? entry.importedResources : [])]);
      const entities = entry.kind === 'component' ? [...entry.imports.values(), ...entry.exports.values()] : [...entry.exports.values()];
      return entities.some((e) => {
        if (e.kind === 'value') return inVal(e.type);
        const t = context.types.get(e.id);
        if (t.kind === 'resource') return !own.has(t.id);
        return e.kind === 'type' || e.kind === 'func' ? refersToResource(context, e.id) : false;
      });
    }
    case 'core-module':
    case 'core-func':
      return false;
    default:
      return assertNever(entry);
  }
}
