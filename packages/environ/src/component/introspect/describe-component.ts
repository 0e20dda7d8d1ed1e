// Turns a validated component's type into its `ComponentDescription`. Each type id is described
// once and the description object reused, so a type DAG whose unfolding is exponential stays a
// DAG of shared objects; value types nest at most MAX_TYPE_DEPTH deep, so recursion is bounded.

import type { WasmFeatures } from '../../features/wasm-features.js';
import { WASM2_FEATURES } from '../../features/wasm-features.js';
import { assertNever, unreachable } from '../../util/assert-never.js';
import type { CoreEntityType, ComponentEntityType, ComponentTypeId, ComponentValType } from '../types/component-types.js';
import type { ComponentTypeList } from '../types/component-type-list.js';
import { validateComponentBinary } from '../validator/validate-component.js';
import type { CoreExternDescription } from '../../introspect/core-extern-description.js';
import { describeCoreFunc, describeCoreGlobal, describeCoreMemory, describeCoreTable } from '../../introspect/core-extern-description.js';
import type { ComponentDescription, ExternDescription, FuncDescription, ItemDescription, ValTypeDescription } from './component-description.js';
import { externNameParts } from './extern-name-parts.js';
import type { TypeNames } from './type-names.js';
import { collectTypeNames } from './type-names.js';

class Describer {
  readonly #types: ComponentTypeList;
  readonly #names: TypeNames;
  readonly #valTypes = new Map<ComponentTypeId, ValTypeDescription>();
  readonly #items = new Map<ComponentTypeId, ItemDescription>();

  constructor(types: ComponentTypeList, names: TypeNames) {
    this.#types = types;
    this.#names = names;
  }

  valType(type: ComponentValType): ValTypeDescription {
    if (type.kind === 'primitive') return { kind: 'primitive', name: null, type: type.type };
    return this.defined(type.id);
  }

  #optional(type: ComponentValType | null): ValTypeDescription | null {
    return type === null ? null : this.valType(type);
  }

  defined(id: ComponentTypeId): ValTypeDescription {
    const done = this.#valTypes.get(id);
    if (done !== undefined) return done;
    const entry = this.#types.get(id);
    if (entry.kind !== 'defined') return unreachable(`type ${id} is not a value type`);
    const name = this.#names.types.get(id) ?? null;
    const d = entry.type;
    let description: ValTypeDescription;
    switch (d.kind) {
      case 'primitive':
        description = { kind: 'primitive', name, type: d.type };
        break;
      case 'record':
        description = { kind: 'record', name, fields: d.fields.map((f) => ({ name: f.name, type: this.valType(f.type) })) };
        break;
      case 'variant':
        description = { kind: 'variant', name, cases: d.cases.map((c) => ({ name: c.name, type: this.#optional(c.type) })) };
        break;
      case 'enum':
        description = { kind: 'enum', name, cases: d.names };
        break;
      case 'flags':
        description = { kind: 'flags', name, flags: d.names };
        break;
      case 'list':
        description = { kind: 'list', name, element: this.valType(d.element), length: d.length };
        break;
      case 'map':
        description = { kind: 'map', name, key: this.valType(d.key), value: this.valType(d.value) };
        break;
      case 'tuple':
        description = { kind: 'tuple', name, types: d.types.map((t) => this.valType(t)) };
        break;
      case 'option':
        description = { kind: 'option', name, type: this.valType(d.type) };
        break;
      case 'result':
        description = { kind: 'result', name, ok: this.#optional(d.ok), err: this.#optional(d.err) };
        break;
      case 'own':
      case 'borrow':
        description = { kind: d.kind, name, resource: this.#names.resources.get(d.resource) ?? this.#names.types.get(d.type) ?? null };
        break;
      case 'stream':
      case 'future':
        description = { kind: d.kind, name, element: this.#optional(d.element) };
        break;
      default:
        return assertNever(d);
    }
    this.#valTypes.set(id, description);
    return description;
  }

  func(id: ComponentTypeId): FuncDescription {
    const entry = this.#types.get(id);
    if (entry.kind !== 'func') return unreachable(`type ${id} is not a function type`);
    return { async: entry.async, params: entry.params.map((p) => ({ name: p.name, type: this.valType(p.type) })), result: entry.result === null ? null : this.valType(entry.result) };
  }

  externs(entities: ReadonlyMap<string, ComponentEntityType>): ExternDescription[] {
    const out: ExternDescription[] = [];
    for (const [name, entity] of entities) out.push({ name, parts: externNameParts(name), item: this.item(name, entity) });
    return out;
  }

  item(name: string, entity: ComponentEntityType): ItemDescription {
    switch (entity.kind) {
      case 'func':
        return { kind: 'func', type: this.func(entity.id) };
      case 'value':
        return { kind: 'value', type: this.valType(entity.type) };
      case 'type': {
        const entry = this.#types.get(entity.id);
        if (entry.kind === 'resource') return { kind: 'resource', name: this.#names.resources.get(entry.id) ?? name };
        return { kind: 'type', type: this.defined(entity.id) };
      }
      case 'instance':
      case 'component':
      case 'module':
        return this.#nested(entity.id);
      default:
        return assertNever(entity);
    }
  }

  #nested(id: ComponentTypeId): ItemDescription {
    const done = this.#items.get(id);
    if (done !== undefined) return done;
    const entry = this.#types.get(id);
    let item: ItemDescription;
    switch (entry.kind) {
      case 'instance':
        item = { kind: 'instance', exports: this.externs(entry.exports) };
        break;
      case 'component':
        item = { kind: 'component', type: this.component(id) };
        break;
      case 'core-module': {
        const imports = entry.imports.map((i) => ({ module: i.module, name: i.field, type: describeCoreEntity(i.type) }));
        const exports = [...entry.exports].map(([n, e]) => ({ module: null, name: n, type: describeCoreEntity(e) }));
        item = { kind: 'module', imports, exports };
        break;
      }
      default:
        return unreachable(`type ${id} is not an instance, component or module type`);
    }
    this.#items.set(id, item);
    return item;
  }

  component(id: ComponentTypeId): ComponentDescription {
    const entry = this.#types.get(id);
    if (entry.kind !== 'component') return unreachable(`type ${id} is not a component type`);
    return { imports: this.externs(entry.imports), exports: this.externs(entry.exports) };
  }
}

function describeCoreEntity(type: CoreEntityType): CoreExternDescription {
  switch (type.kind) {
    case 'func':
      return describeCoreFunc(type.type);
    case 'tag':
      return describeCoreFunc(type.type, 'tag');
    case 'table':
      return describeCoreTable(type.type);
    case 'memory':
      return describeCoreMemory(type.type);
    case 'global':
      return describeCoreGlobal(type.type);
    default:
      return assertNever(type);
  }
}

/** Describes the component type `id` of the table `types` (from `validateComponentBinary`). */
export function describeComponentType(types: ComponentTypeList, id: ComponentTypeId): ComponentDescription {
  return new Describer(types, collectTypeNames(types, id)).component(id);
}

/**
 * Describes the function type `func` of the table `types`, naming its types as the component
 * type `component` names them (the embedding API's view of one import or export's type).
 */
export function describeComponentFuncType(types: ComponentTypeList, component: ComponentTypeId, func: ComponentTypeId): FuncDescription {
  return new Describer(types, collectTypeNames(types, component)).func(func);
}

/**
 * Validates the component `bytes` under `features` and describes its imports and exports.
 * @throws ValidationError when the component is malformed or invalid
 */
export function componentType(bytes: Uint8Array, features: WasmFeatures = WASM2_FEATURES): ComponentDescription {
  const validation = validateComponentBinary(bytes, features);
  return describeComponentType(validation.types, validation.type);
}
