// The one table of interned component types of a validation. It lives on the validation, not in
// a module-level cache, so two validations never share or leak state.

import { PrimaryMap } from '../../util/primary-map.js';
import type { ComponentTypeEntry, ComponentTypeId, ResourceId } from './component-types.js';

/** Interned component types, and the source of fresh resource ids. */
export class ComponentTypeList {
  readonly #entries = new PrimaryMap<ComponentTypeId, ComponentTypeEntry>();
  #nextResource = 0;

  /** Adds `entry` and returns its id. */
  push(entry: ComponentTypeEntry): ComponentTypeId {
    return this.#entries.push(entry);
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
