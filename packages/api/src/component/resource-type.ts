// The type of a resource as the embedder sees it (wasmtime's `component::ResourceType`). It is
// the runtime's type identity itself, so comparing two with `===` (or `equals`) compares the
// resource types: a host type is one object for every component that imports it; a
// guest-defined type is new for each instantiation of the component that defines it.

import { RuntimeResourceType, type HandleTable } from '@tswasm/runtime';

/** A resource type: one the host defines, or one a component instance defines. */
export class ResourceType extends RuntimeResourceType {
  /**
   * Made by `ResourceType.host` and by instantiation; not for embedders.
   * @param name a readable name for messages
   * @param impl the handle table of the implementing component instance; null for a host type
   */
  constructor(name: string, impl: HandleTable | null) {
    super(name, impl);
  }

  /**
   * A new host-defined resource type (wasmtime's `ResourceType::host::<T>()`). Where Rust
   * names a type by `T`, the embedder keeps the returned object and uses it for every import
   * of that resource (`LinkerInstance.resource`); each call makes a different type.
   * @param name a readable name for messages
   */
  static host(name = 'host resource'): ResourceType {
    return new ResourceType(name, null);
  }

  /** Whether the host defines this type (else a component instance does). */
  get isHost(): boolean {
    return this.impl === null;
  }

  /** Whether `other` is the same resource type. */
  equals(other: ResourceType): boolean {
    return this === other;
  }
}
