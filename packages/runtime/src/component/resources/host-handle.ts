// What the runtime needs of a resource handle the host holds (the api's `ResourceAny`): its
// state is the host object's own (`#private`, in one object per handle, so that taking an own
// from a guest allocates that object alone), and a call scope only has to end what it recorded
// when the call ends: give back a lend of an own, or end a borrow the host was given.
//
// Methods keyed by these symbols rather than by names: a named method would be public API on
// `ResourceAny`, and a runtime base class holding the state would keep V8 from inlining the
// host object's construction (a derived class whose base has `#private` fields is built
// through the generic construct stub, several times slower).

/** The method of a host-held own handle that gives back one lend recorded in a `CallScope`. */
export const END_LEND: unique symbol = Symbol('tswasm.endLend');
/** The method of a borrow handle given to the host that ends it when its call ends. */
export const END_BORROW: unique symbol = Symbol('tswasm.endBorrow');

/** A host-held own handle that a call borrows (see `CallScope.addHostLender`). */
export interface HostLender {
  /** Gives back one lend, counted by the handle when it was lent. */
  [END_LEND](): void;
}

/** A borrow handle the host was given for one call (see `CallScope.addHostBorrow`). */
export interface HostBorrow {
  /** Ends the borrow: the handle is unusable from now on. */
  [END_BORROW](): void;
}
