// A resource type at run time. Resource types are generative (Explainer.md "Resource types"):
// each instantiation of a component that defines a resource makes a new type, and a host type
// is one object however many components import it. So a type is an object and its identity is
// the type's identity; handle tables compare types with `===` only.

import type { HandleTable } from './handle-table.js';

/** The identity of one resource type, and what the runtime needs to know about it. */
export class RuntimeResourceType {
  /** A readable name for messages (the import or type name, or `resource N`). */
  readonly name: string;
  /**
   * The handle table of the component instance that implements the type (CanonicalABI.md's
   * `ResourceType.impl`): lowering a `borrow` into it passes the rep instead of a handle. Null
   * for a type the host defines.
   */
  readonly impl: HandleTable | null;
  /**
   * The guest destructor, called with the rep when the last own handle is dropped; null when
   * the type has none or is host-defined (a host destructor belongs to the linker definition).
   * Set once, by the `Resource` initializer, before any guest code can make a handle.
   */
  destructor: ((rep: number) => void) | null = null;

  constructor(name: string, impl: HandleTable | null) {
    this.name = name;
    this.impl = impl;
  }
}
