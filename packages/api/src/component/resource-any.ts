// A resource handle the host holds, of any type (wasmtime's `component::ResourceAny`): what a
// guest gives the host for a guest-defined resource (or for a host type, through
// `tryFromResource`). It keeps the runtime's handle record, so the host's own handles follow the
// guest's rules: an own is moved out when it is passed as `own`, cannot be dropped while a call
// borrows it, and runs the guest destructor when dropped. Unlike wasmtime, a borrow the host is
// given for a call ends by itself when that call returns (using it later is an error) instead of
// needing `resourceDrop` before the call returns.

import { ResourceHandle, resourceTrap } from '@tswasm/runtime';
import type { Store } from '../store/store.js';
import { Resource } from './resource.js';
import type { ResourceType } from './resource-type.js';

let handleOf: (resource: ResourceAny) => ResourceHandle;
let storeOf: (resource: ResourceAny) => Store<unknown>;

/** A guest- or host-defined resource, own or borrow, held by the host. */
export class ResourceAny {
  readonly #store: Store<unknown>;
  readonly #handle: ResourceHandle;

  static {
    handleOf = (resource) => resource.#handle;
    storeOf = (resource) => resource.#store;
  }

  /** Made when a guest passes a resource to the host; not for embedders. */
  constructor(store: Store<unknown>, handle: ResourceHandle) {
    this.#store = store;
    this.#handle = handle;
  }

  /**
   * Converts a host `Resource` (which must name its type) into a `ResourceAny` of that type
   * (wasmtime's `ResourceAny::try_from_resource`). An own is moved: the `Resource` cannot be
   * used as an own again. The result runs no destructor when dropped.
   * @throws TypeError when the resource has no type or its own was already moved
   */
  static tryFromResource(resource: Resource, store: Store<unknown>): ResourceAny {
    if (resource.type === null) throw new TypeError('the resource has no type: make it with a `ResourceType`');
    if (resource.owned) resource.take();
    return new ResourceAny(store, new ResourceHandle(resource.type, resource.rep, resource.owned, null));
  }

  /** The resource's type: compare it with `ResourceType.host` types or `Instance.getResource`. */
  get type(): ResourceType {
    // Every runtime type the api hands out is a `ResourceType` (see instantiation).
    return this.#handle.type as ResourceType;
  }

  /** Whether this is an own (else a borrow). */
  get owned(): boolean {
    return this.#handle.own;
  }

  /**
   * Converts a resource of a host type back into a `Resource` (wasmtime's
   * `ResourceAny::try_into_resource`). An own is moved out of this `ResourceAny`.
   * @throws TypeError when the type is guest-defined, the store differs, or the handle is gone
   * @throws Trap "cannot remove owned resource while borrowed" when a call borrows it
   */
  toResource<T = unknown>(store: Store<unknown>): Resource<T> {
    const handle = usableHandle(this, store);
    if (handle.type.impl !== null) {
      throw new TypeError('resource type mismatch: a guest-defined resource cannot become a host `Resource`');
    }
    const type = this.type;
    if (!handle.own) return Resource.newBorrow<T>(handle.rep, type);
    if (handle.numLends !== 0) resourceTrap('cannot remove owned resource while borrowed');
    handle.live = false;
    return Resource.newOwn<T>(handle.rep, type);
  }

  /**
   * Drops this handle (wasmtime's `ResourceAny::resource_drop`). Dropping an own of a
   * guest-defined type enters the implementing component instance and runs its destructor,
   * if it has one; dropping a borrow only ends it.
   * @throws TypeError when the store differs or the handle was already dropped or moved
   * @throws Trap "cannot remove owned resource while borrowed" when a call borrows it; code
   *   `CannotEnterComponent` when the implementing instance is running or trapped before; or
   *   the destructor's trap
   */
  resourceDrop(store: Store<unknown>): void {
    const handle = usableHandle(this, store);
    if (handle.own && handle.numLends !== 0) resourceTrap('cannot remove owned resource while borrowed');
    handle.live = false;
    if (handle.own && handle.type.destructor !== null) handle.type.destructor(handle.rep);
  }
}

/**
 * The live handle record of `resource`, for the canonical lowering; runtime use only.
 * @throws TypeError when `store` is not the resource's store, or the handle is gone
 */
export function usableHandle(resource: ResourceAny, store: Store<unknown>): ResourceHandle {
  const handle = handleOf(resource);
  if (storeOf(resource) !== store || !handle.live) unusable(resource, store);
  return handle;
}

// `usableHandle`'s failures, out of line so that the check inlines into every lowering.
function unusable(resource: ResourceAny, store: Store<unknown>): never {
  if (storeOf(resource) !== store) throw new TypeError('the resource belongs to a different store');
  throw new TypeError(handleOf(resource).own ? 'the resource was already dropped or moved' : 'the borrowed resource was used after the call that lent it returned, or was dropped');
}
