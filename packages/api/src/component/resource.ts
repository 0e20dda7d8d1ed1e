// A resource of a host-defined type as the host holds it (wasmtime's `component::Resource<T>`):
// just its rep, the number the host chose to find its own state (for example a
// `ResourceTable` index), and whether it is an own or a borrow. As in wasmtime, the runtime keeps
// no state for it on the host side: an own is moved into a guest at most once, and a borrow
// passes its rep.

import type { ResourceType } from './resource-type.js';

function checkRep(rep: number): void {
  if (!Number.isInteger(rep) || rep < 0 || rep > 0xffff_ffff) throw new RangeError(`expected a resource rep in 0..2^32-1, found ${rep}`);
}

/** A host resource: its rep, own or borrow. `T` names the host type for the embedder's typing only. */
export class Resource<T = unknown> {
  /** The representation the host chose. */
  readonly rep: number;
  /** Whether this is an own (else a borrow). */
  readonly owned: boolean;
  /**
   * The host type, when known: a guest gave it (it is the import's type), or the host named it.
   * Lowering a typed resource checks it; an untyped one fits any host resource type.
   */
  readonly type: ResourceType | null;
  declare readonly __type?: T;
  #taken = false;

  private constructor(rep: number, owned: boolean, type: ResourceType | null) {
    checkRep(rep);
    this.rep = rep;
    this.owned = owned;
    this.type = type;
  }

  /**
   * An own resource for `rep` (wasmtime's `Resource::new_own`).
   * @throws RangeError when `rep` is not a u32
   */
  static newOwn<T = unknown>(rep: number, type: ResourceType | null = null): Resource<T> {
    return new Resource<T>(rep, true, type);
  }

  /**
   * A borrow of `rep` (wasmtime's `Resource::new_borrow`).
   * @throws RangeError when `rep` is not a u32
   */
  static newBorrow<T = unknown>(rep: number, type: ResourceType | null = null): Resource<T> {
    return new Resource<T>(rep, false, type);
  }

  /** Whether this own was already moved into a guest (or into a `ResourceAny`). */
  get taken(): boolean {
    return this.#taken;
  }

  /**
   * Marks this own as moved out of the host; runtime use only.
   * @throws TypeError when it is a borrow or was already moved
   */
  take(): void {
    if (!this.owned) throw new TypeError('cannot lower a `borrow` resource into an `own`');
    if (this.#taken) throw new TypeError('host resource already consumed');
    this.#taken = true;
  }
}
