// What the runtime needs of a borrow handle given to the host (the api's `ResourceAny`): its
// state is the host object's own (`#private`, in one object per handle, so that taking a
// handle from a guest allocates that object alone), and the call that lent it only has to end
// it when the call ends. (A lend of an own the host holds needs nothing of the handle: the
// call scope hands out a ticket, see `CallScope.lendHost`.)
//
// A method keyed by this symbol rather than by a name: a named method would be public API on
// `ResourceAny`, and a runtime base class holding the state would keep V8 from inlining the
// host object's construction (a derived class whose base has `#private` fields is built
// through the generic construct stub, several times slower).

/** The method of a borrow handle given to the host that ends it when its call ends. */
export const END_BORROW: unique symbol = Symbol('tswasm.endBorrow');

/** A borrow handle the host was given for one call (see `CallScope.addHostBorrow`). */
export interface HostBorrow {
  /** Ends the borrow: the handle is unusable from now on. */
  [END_BORROW](): void;
}
