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

  /** How many types the table holds: ids run from 0 to `length - 1`. */
  get length(): number {
    return this.#entries.length;
  }

  /** How many resource ids `freshResource` has handed out: ids run from 0 to `resourceCount - 1`. */
  get resourceCount(): number {
    return this.#nextResource;
  }

  /**
   * Rebuilds a table from its parts, for jit's artifact codec (which has checked them). The
   * derived facts are not parts: they are recomputed on first use.
   * @param entries the types, in id order
   * @param aliases each `[id, of]` that `recordAlias` recorded
   * @param resourceCount the next resource id `freshResource` hands out
   */
  static restore(entries: readonly ComponentTypeEntry[], aliases: Iterable<readonly [ComponentTypeId, ComponentTypeId]>, resourceCount: number): ComponentTypeList {
    const list = new ComponentTypeList();
    for (const entry of entries) list.#entries.push(entry);
    for (const [id, of] of aliases) list.#aliases.set(id, of);
    list.#nextResource = resourceCount;
    return list;
  }
}
