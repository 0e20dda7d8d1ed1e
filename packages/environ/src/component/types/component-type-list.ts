// The one table of interned component types of a validation. It lives on the validation, not in
// a module-level cache, so two validations never share or leak state.

import { PrimaryMap } from '../../util/primary-map.js';
import type { ComponentTypeEntry, ComponentTypeId, ResourceId } from './component-types.js';

/** Interned component types, and the source of fresh resource ids. */
export class ComponentTypeList {
  readonly #entries = new PrimaryMap<ComponentTypeId, ComponentTypeEntry>();
  #nextResource = 0;
  // Facts derived from a type, computed once: types form a DAG whose tree unfolding can be
  // exponentially large, so walking it again for every use would let hostile input hang us.
  readonly #facts = new Map<string, Map<ComponentTypeId, unknown>>();
  // A named import or export of a type gets an id of its own (see extern-entities.ts); this
  // remembers which id it names, so WIT printing can tell `use`d types from local definitions.
  readonly #aliases = new Map<ComponentTypeId, ComponentTypeId>();

  /** `compute(id)`, remembered under `fact` (a derived property of the immutable type `id`). */
  derived<T>(fact: string, id: ComponentTypeId, compute: (id: ComponentTypeId) => T): T {
    let table = this.#facts.get(fact);
    if (table === undefined) {
      table = new Map();
      this.#facts.set(fact, table);
    }
    if (table.has(id)) return table.get(id) as T;
    const value = compute(id);
    table.set(id, value);
    return value;
  }

  /** Adds `entry` and returns its id. */
  push(entry: ComponentTypeEntry): ComponentTypeId {
    return this.#entries.push(entry);
  }

  /** Records that `id` is a new name for the type `of` (a type import or export). */
  recordAlias(id: ComponentTypeId, of: ComponentTypeId): void {
    this.#aliases.set(id, of);
  }

  /** The type `id` is a new name for, or undefined when `id` is not such a name. */
  aliasOf(id: ComponentTypeId): ComponentTypeId | undefined {
    return this.#aliases.get(id);
  }

  /** The entry of `id`. */
  get(id: ComponentTypeId): ComponentTypeEntry {
    return this.#entries.get(id);
  }

  /** A resource id no other resource has. */
  freshResource(): ResourceId {
    return this.#nextResource++ as ResourceId;
  }
}
