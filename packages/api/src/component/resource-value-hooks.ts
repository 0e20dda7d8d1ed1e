// A binding above the embedding API (the JS API) shows resources its own way: a host resource
// as the JS object that the host passed, a guest resource as an instance of a class. It gives
// the store these hooks; every trampoline of an instance in that store then still lifts and
// lowers handles with the handle tables, but turns reps into host values (and back) through
// the hooks instead of making `Resource`/`ResourceAny` objects. The generated code so hands
// the binding's own values through, nested values included, with no walk over them afterwards.

import type { ResourceType } from './resource-type.js';

/** How the reps of one resource type become host values and back. */
export interface ResourceRepConversions {
  /** The host value of an own handle the guest gave up; the host now owns `rep`. */
  liftOwn(rep: number): unknown;
  /** The host value of a borrow of `rep`, for the call it was lent to. */
  liftBorrow(rep: number): unknown;
  /**
   * The rep of a new own handle for host value `value`.
   * @throws TypeError when `value` is not a resource of this type the host may give away
   */
  lowerOwn(value: unknown): number;
  /**
   * The rep to lend for one call for host value `value`.
   * @throws TypeError when `value` is not a live resource of this type
   */
  lowerBorrow(value: unknown): number;
}

/**
 * A store's representation of resources, set on `store.opaque.componentResourceValues` before
 * anything is instantiated in it; instead of the embedding API's `Resource` and `ResourceAny`.
 */
export interface ResourceValueHooks {
  /**
   * The conversions of `type`, asked once per trampoline slot of that type, at the slot's
   * first use.
   */
  conversionsFor(type: ResourceType): ResourceRepConversions;
}
