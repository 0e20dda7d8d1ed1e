// CanonicalABI.md's `ResourceHandle`: what one handle-table slot holds. The host keeps the same
// record behind a resource object it holds (an own it was given, or a borrow it was lent), so
// the rules for the host's handles are the guest's.

import type { CallScope } from './call-scope.js';
import type { RuntimeResourceType } from './runtime-resource-type.js';

/** One own or borrow handle of a resource. */
export class ResourceHandle {
  /** The resource's type. */
  readonly type: RuntimeResourceType;
  /** The representation the implementation chose (an i32 today). */
  readonly rep: number;
  /** Whether this is an own handle (else a borrow). */
  readonly own: boolean;
  /** A borrow's scope: the call that lent it, whose end it may not outlive. Null for an own. */
  readonly scope: CallScope | null;
  /** For an own handle: how many borrows of it are live (`num_lends`); it cannot go while lent. */
  numLends = 0;
  /** False once the handle left its table or holder (dropped, moved, or its call ended). */
  live = true;

  constructor(type: RuntimeResourceType, rep: number, own: boolean, scope: CallScope | null) {
    this.type = type;
    this.rep = rep;
    this.own = own;
    this.scope = scope;
  }
}
