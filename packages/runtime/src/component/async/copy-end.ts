// CanonicalABI.md's `CopyEnd` and its four kinds: the readable and writable ends of a stream or
// future, waitables in their instance's handle table. An end copies once at a time; its
// `state` says whether a copy is under way and how the guest waits for it, and turns DONE when
// no further copy may start (the other end dropped, or a future's one value moved).

import type { HandleTable } from '../resources/handle-table.js';
import { asyncTrap } from './async-trap.js';
import type { GuestBuffer } from './guest-buffer.js';
import type { SharedFuture, SharedStream } from './shared-stream.js';
import { Waitable } from './waitable.js';

/** An end's copy state (`CopyState`). */
export const CopyState = { IDLE: 1, SYNC_COPYING: 2, ASYNC_COPYING: 3, CANCELLING_COPY: 4, DONE: 5 } as const;

/** One end of a stream or future. */
export class CopyEnd extends Waitable {
  readonly what: string;
  /** Whether it is the readable end. */
  readonly readable: boolean;
  /** What both ends share. */
  readonly shared: SharedStream | SharedFuture;
  /** Its `CopyState`. */
  state: number = CopyState.IDLE;
  /** The buffer of its latest copy. */
  buffer: GuestBuffer | null = null;

  constructor(shared: SharedStream | SharedFuture, readable: boolean) {
    super();
    this.shared = shared;
    this.readable = readable;
    this.what = `${shared.kind} ${readable ? 'read' : 'write'} end`;
  }

  /** Whether a copy is under way (`copying`). */
  copying(): boolean {
    return this.state === CopyState.SYNC_COPYING || this.state === CopyState.ASYNC_COPYING || this.state === CopyState.CANCELLING_COPY;
  }

  /**
   * `drop`: a busy end may not be dropped, nor a future's writable end before its write ended.
   * @throws Trap with wasmtime's messages
   */
  drop(): void {
    const kind = this.shared.kind;
    if (this.copying()) asyncTrap(`cannot drop busy ${kind}`);
    if (kind === 'future' && !this.readable && this.state !== CopyState.DONE) asyncTrap('cannot drop future write end without first writing a value');
    this.shared.drop();
    this.dropWaitable();
  }

  /**
   * The checks of `lift_async_value` before the readable end leaves its instance's table.
   * @throws Trap when it is not an idle readable end
   */
  checkLift(): void {
    const kind = this.shared.kind;
    if (this.copying()) asyncTrap(`cannot remove busy ${kind}`);
    if (this.state === CopyState.DONE) asyncTrap(kind === 'stream' ? 'cannot lift stream after being notified that the writable end dropped' : 'cannot lift future after previous read succeeded');
    if (this.set !== null) asyncTrap(`cannot lift ${kind} while it's in a waitable set`);
  }
}

/**
 * The end at handle `index` of `table`, checked to be a `kind` end of the side `readable` says,
 * of the stream or future type whose key is `key` (the type checks of the copy built-ins and of
 * CanonicalABI.md `lift_async_value`).
 * @throws Trap "handle index N used with the wrong type, …" otherwise
 */
export function copyEndAt(table: HandleTable, index: number, kind: 'stream' | 'future', readable: boolean, key: string): CopyEnd {
  const e = table.getEntry(index);
  if (!(e instanceof CopyEnd) || e.readable !== readable || e.shared.kind !== kind) return asyncTrap(`handle index ${index} used with the wrong type, expected ${kind} ${readable ? 'read' : 'write'} end but found ${e.what}`);
  if (e.shared.key !== key) asyncTrap(`handle index ${index} used with the wrong type, expected \`${key}\` but found \`${e.shared.key}\``);
  return e;
}
