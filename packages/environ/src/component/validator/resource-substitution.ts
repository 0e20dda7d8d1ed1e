// Renaming resources inside a type: instantiating a component binds its imported resources to
// the arguments' and makes its own exported resources fresh, and importing an instance type
// makes the resources it declares fresh. Types are rebuilt only where a renamed resource occurs.

import { assertNever } from '../../util/assert-never.js';
import type { ComponentTypeList } from '../types/component-type-list.js';
import type { ComponentEntityType, ComponentTypeEntry, ComponentTypeId, ComponentValType, ResourceId } from '../types/component-types.js';

/** Renames resources in interned types, remembering what it has rebuilt. */
export class ResourceSubstitution {
  readonly #types: ComponentTypeList;
  readonly #map: ReadonlyMap<ResourceId, ResourceId>;
  readonly #memo = new Map<ComponentTypeId, ComponentTypeId>();
  // Set while rebuilding a type when one of its parts was renamed; a type none of whose parts
  // changed keeps its id, so type identity (and with it visibility) survives substitution.
  #dirty = false;

  readonly #retype: ReadonlyMap<ComponentTypeId, ComponentTypeId>;

  /** `map` renames resources; `retype` replaces whole types (type imports by their arguments). */
  constructor(types: ComponentTypeList, map: ReadonlyMap<ResourceId, ResourceId>, retype: ReadonlyMap<ComponentTypeId, ComponentTypeId> = new Map()) {
    this.#types = types;
    this.#map = map;
    this.#retype = retype;
  }

  #resource(id: ResourceId): ResourceId {
    const to = this.#map.get(id) ?? id;
    if (to !== id) this.#dirty = true;
    return to;
  }

  /** `entity` with its resources renamed. */
  entity(entity: ComponentEntityType): ComponentEntityType {
    if (this.#map.size === 0 && this.#retype.size === 0) return entity;
    switch (entity.kind) {
      case 'value':
        return { kind: 'value', type: this.valType(entity.type) };
      case 'module':
      case 'func':
      case 'type':
      case 'instance':
      case 'component':
        return { kind: entity.kind, id: this.typeId(entity.id) };
      default:
        return assertNever(entity);
    }
  }

  /** `type` with its resources renamed. */
  valType(type: ComponentValType): ComponentValType {
    return type.kind === 'primitive' ? type : { kind: 'defined', id: this.typeId(type.id) };
  }

  #optional(type: ComponentValType | null): ComponentValType | null {
    return type === null ? null : this.valType(type);
  }

  #entries(map: ReadonlyMap<string, ComponentEntityType>): Map<string, ComponentEntityType> {
    const out = new Map<string, ComponentEntityType>();
    for (const [name, e] of map) out.set(name, this.entity(e));
    return out;
  }

  /** The id of `id`'s type with its resources renamed (`id` itself if none occur). */
  typeId(id: ComponentTypeId): ComponentTypeId {
    const replaced = this.#retype.get(id);
    if (replaced !== undefined) {
      this.#dirty = true;
      return replaced;
    }
    const done = this.#memo.get(id);
    if (done !== undefined) {
      if (done !== id) this.#dirty = true;
      return done;
    }
    const outer = this.#dirty;
    this.#dirty = false;
    const rebuilt = this.#rebuild(this.#types.get(id));
    const result = rebuilt === null || !this.#dirty ? id : this.#types.push(rebuilt);
    this.#memo.set(id, result);
    if (result !== id) {
      // A renamed copy of a named type stays a name for the renamed original (WIT `use`s).
      const of = this.#types.aliasOf(id);
      if (of !== undefined) this.#types.recordAlias(result, this.typeId(of));
    }
    this.#dirty = outer || result !== id;
    return result;
  }

  #rebuild(entry: ComponentTypeEntry): ComponentTypeEntry | null {
    switch (entry.kind) {
      case 'resource': {
        const to = this.#resource(entry.id);
        return to === entry.id ? null : { kind: 'resource', id: to };
      }
      case 'core-module':
      case 'core-func':
        return null;
      case 'func':
        return { kind: 'func', async: entry.async, params: entry.params.map((p) => ({ name: p.name, type: this.valType(p.type) })), result: this.#optional(entry.result) };
      case 'instance':
        return { kind: 'instance', exports: this.#entries(entry.exports), definedResources: entry.definedResources.map((r) => this.#resource(r)) };
      case 'component':
        return {
          kind: 'component',
          imports: this.#entries(entry.imports),
          exports: this.#entries(entry.exports),
          importedResources: entry.importedResources.map((r) => this.#resource(r)),
          definedResources: entry.definedResources.map((r) => this.#resource(r)),
        };
      case 'defined': {
        const d = entry.type;
        const wrap = (type: typeof d): ComponentTypeEntry => ({ kind: 'defined', type, depth: entry.depth, containsBorrow: entry.containsBorrow });
        switch (d.kind) {
          case 'primitive':
          case 'flags':
          case 'enum':
            return null;
          case 'record':
            return wrap({ kind: 'record', fields: d.fields.map((f) => ({ name: f.name, type: this.valType(f.type) })) });
          case 'variant':
            return wrap({ kind: 'variant', cases: d.cases.map((c) => ({ name: c.name, type: this.#optional(c.type) })) });
          case 'list':
            return wrap({ kind: 'list', element: this.valType(d.element), length: d.length });
          case 'map':
            return wrap({ kind: 'map', key: this.valType(d.key), value: this.valType(d.value) });
          case 'tuple':
            return wrap({ kind: 'tuple', types: d.types.map((t) => this.valType(t)) });
          case 'option':
            return wrap({ kind: 'option', type: this.valType(d.type) });
          case 'result':
            return wrap({ kind: 'result', ok: this.#optional(d.ok), err: this.#optional(d.err) });
          case 'own':
            return wrap({ kind: 'own', resource: this.#resource(d.resource), type: this.typeId(d.type) });
          case 'borrow':
            return wrap({ kind: 'borrow', resource: this.#resource(d.resource), type: this.typeId(d.type) });
          case 'stream':
            return wrap({ kind: 'stream', element: this.#optional(d.element) });
          case 'future':
            return wrap({ kind: 'future', element: this.#optional(d.element) });
          default:
            return assertNever(d);
        }
      }
      default:
        return assertNever(entry);
    }
  }
}
