// A resource handle the host holds, of any type (wasmtime's `component::ResourceAny`): what a
// guest gives the host for a guest-defined resource (or for a host type, through
// `tryFromResource`). It holds the handle's state itself, so the host's own handles follow the
// guest's rules: an own is moved out when it is passed as `own`, cannot be dropped while a call
// borrows it, and runs the guest destructor when dropped. Unlike wasmtime, a borrow the host is
// given for a call ends by itself when that call returns (using it later is an error) instead of
// needing `resourceDrop` before the call returns.

import { END_BORROW, resourceTrap, type CallScope, type HostBorrow, type RuntimeResourceType } from '@tswasm/runtime';
import type { Store } from '../store/store.js';
import { Resource } from './resource.js';
import type { ResourceType } from './resource-type.js';

// The api's access to a `ResourceAny`'s state, which is `#private` so that embedders cannot
// write it; the static block below defines these (only the class body reaches `#` fields).
// Functions rather than methods, which would be public API.
let storeOf: (resource: ResourceAny) => Store<unknown>;
/**
 * `resource` itself when it is live and of `store`, for the canonical lowering; runtime use only.
 * @throws TypeError when `store` is not the resource's store, or the handle is gone
 */
export let usableHandle: (resource: ResourceAny, store: Store<unknown>) => ResourceAny;
/** The runtime type of `resource`; runtime use only. */
export let resourceTypeOf: (resource: ResourceAny) => RuntimeResourceType;
/** Whether `resource` is an own; runtime use only. */
export let resourceIsOwn: (resource: ResourceAny) => boolean;
/**
 * Moves own `resource` out of the host: it ends, and its rep is returned for the new holder;
 * runtime use only.
 * @throws Trap "cannot remove owned resource while borrowed" when a call borrows it
 */
export let moveResource: (resource: ResourceAny) => number;
/**
 * `lower_borrow` of `resource` as a `borrow<type>` for the call whose lends `scope` records:
 * checks it, lends it when it is an own, and returns its rep; runtime use only. One function
 * for the hot case of a method call on a resource the host holds, small enough to inline.
 * @throws TypeError when `store` is not the resource's store, the handle is gone, or it is of
 *   another type
 */
export let lendForCall: (resource: ResourceAny, store: Store<unknown>, type: RuntimeResourceType, scope: CallScope) => number;

// `moveResource`'s failure, out of line so that the move inlines.
function lentOwn(): never {
  return resourceTrap('cannot remove owned resource while borrowed');
}

// Whether `resource`, an own, is lent to a call in progress (CanonicalABI.md `num_lends` > 0):
// it cannot move or drop then.
let isLent: (resource: ResourceAny) => boolean;
// Lends own `resource` for the call whose lends `scope` records.
let lend: (resource: ResourceAny, scope: CallScope) => void;

// `ResourceAny`'s `#state`: bit 0 is set for an own, bit 1 while it is live (not dropped or
// moved, nor, for a borrow, past its call). One field for both keeps the object and the code
// that builds it small: it is made for every own a guest returns, and its construction must
// stay small enough for V8 to inline. The bits are literals below: a module constant costs a
// context load, which counts against V8's inlining budget too.

/** A guest- or host-defined resource, own or borrow, held by the host. */
export class ResourceAny implements HostBorrow {
  // The handle's whole state, in this one object: taking an own from a guest allocates it
  // alone (the guest's table keeps its handles as numbers, see the runtime's `HandleTable`).
  readonly #store: Store<unknown>;
  readonly #type: RuntimeResourceType;
  readonly #rep: number;
  #state: number;
  // The lend that keeps an own from moving or dropping: a ticket of `#lentTo`'s call scope
  // (see `CallScope.lendHost`), held until that call ends. One is enough: calls nest, so when
  // an own is lent again while its lend still holds, the later call ends first.
  #lentTo: CallScope | null = null;
  #ticket = 0;

  static {
    storeOf = (resource) => resource.#store;
    // Its failures out of line (`unusable`), so that the check inlines into every lowering.
    usableHandle = (resource, store) => {
      if (resource.#store !== store || (resource.#state & 2) === 0) unusable(resource, store);
      return resource;
    };
    resourceTypeOf = (resource) => resource.#type;
    resourceIsOwn = (resource) => (resource.#state & 1) !== 0;
    lendForCall = (resource, store, type, scope) => {
      if (resource.#store !== store || (resource.#state & 2) === 0 || resource.#type !== type) unfit(resource, store, type);
      if ((resource.#state & 1) !== 0) lend(resource, scope);
      return resource.#rep;
    };
    isLent = (resource) => resource.#lentTo !== null && resource.#lentTo.holdsHostLend(resource.#ticket);
    lend = (resource, scope) => {
      if (isLent(resource)) return;
      resource.#lentTo = scope;
      resource.#ticket = scope.lendHost();
    };
    moveResource = (resource) => {
      if (isLent(resource)) lentOwn();
      resource.#state &= ~2;
      return resource.#rep;
    };
  }

  /** Made when a guest passes a resource to the host; not for embedders. */
  constructor(store: Store<unknown>, type: RuntimeResourceType, rep: number, own: boolean) {
    this.#store = store;
    this.#type = type;
    this.#rep = rep;
    this.#state = own ? 3 : 2;
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
    return new ResourceAny(store, resource.type, resource.rep, resource.owned);
  }

  /** The resource's type: compare it with `ResourceType.host` types or `Instance.getResource`. */
  get type(): ResourceType {
    // Every runtime type the api hands out is a `ResourceType` (see instantiation).
    return this.#type as ResourceType;
  }

  /** Whether this is an own (else a borrow). */
  get owned(): boolean {
    return (this.#state & 1) !== 0;
  }

  /**
   * Converts a resource of a host type back into a `Resource` (wasmtime's
   * `ResourceAny::try_into_resource`). An own is moved out of this `ResourceAny`.
   * @throws TypeError when the type is guest-defined, the store differs, or the handle is gone
   * @throws Trap "cannot remove owned resource while borrowed" when a call borrows it
   */
  toResource<T = unknown>(store: Store<unknown>): Resource<T> {
    if (this.#store !== store || (this.#state & 2) === 0) unusable(this, store);
    if (this.#type.impl !== null) {
      throw new TypeError('resource type mismatch: a guest-defined resource cannot become a host `Resource`');
    }
    const type = this.type;
    if ((this.#state & 1) === 0) return Resource.newBorrow<T>(this.#rep, type);
    return Resource.newOwn<T>(moveResource(this), type);
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
    if (this.#store !== store || (this.#state & 2) === 0) unusable(this, store);
    if ((this.#state & 1) === 0) {
      this.#state &= ~2;
      return;
    }
    const rep = moveResource(this);
    const destructor = this.#type.destructor;
    if (destructor !== null) destructor(rep);
  }

  /** For the runtime's `CallScope`: ends a borrow when the call that lent it returns. */
  [END_BORROW](): void {
    this.#state &= ~2;
  }
}

/**
 * Throws the error of a resource of type `found` passed where `expected` is; runtime use only.
 * @throws TypeError always
 */
export function mismatchedTypes(expected: RuntimeResourceType, found: RuntimeResourceType): never {
  throw new TypeError(`mismatched resource types: expected \`${expected.name}\`, found \`${found.name}\``);
}

// `lendForCall`'s failures, in `usableHandle`'s order then the type's.
function unfit(resource: ResourceAny, store: Store<unknown>, type: RuntimeResourceType): never {
  usableHandle(resource, store);
  return mismatchedTypes(type, resourceTypeOf(resource));
}

// `usableHandle`'s failures.
function unusable(resource: ResourceAny, store: Store<unknown>): never {
  if (storeOf(resource) !== store) throw new TypeError('the resource belongs to a different store');
  throw new TypeError(resourceIsOwn(resource) ? 'the resource was already dropped or moved' : 'the borrowed resource was used after the call that lent it returned, or was dropped');
}

