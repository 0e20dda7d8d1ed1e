// CanonicalABI.md's `SharedStreamImpl` and `SharedFutureImpl`: what a stream's or future's two
// ends share. A copy meets the other end's pending copy, if any, and moves elements between the
// two buffers; otherwise it becomes the pending one and hears back through its callbacks when
// the other end acts, is dropped, or the copy is cancelled.

import type { RuntimeComponentInstanceIndex } from '@tswasm/environ';
import { CopyResult } from './async-codes.js';
import { asyncTrap } from './async-trap.js';
import type { GuestBuffer } from './guest-buffer.js';

/** Called when elements were copied into or out of a pending buffer; gets the reset of it. */
export type OnCopy = (reclaim: () => void) => void;
/** Called when a copy ended with `CopyResult` `result`. */
export type OnCopyDone = (result: number) => void;

/** What both kinds share: the type and the pending copy. */
abstract class SharedBase {
  /** `stream` or `future`. */
  abstract readonly kind: 'stream' | 'future';
  /** The structural key of the stream or future type (its `t`, for the type checks). */
  readonly key: string;
  /** Whether same-instance copies are allowed: elements of a number type, or none (`none_or_number_type`). */
  readonly numberLike: boolean;
  /** Whether one end was dropped. */
  dropped = false;
  protected pendingInstance: RuntimeComponentInstanceIndex | null = null;
  protected pendingBuffer: GuestBuffer | null = null;
  protected pendingOnCopy: OnCopy | null = null;
  protected pendingOnCopyDone: OnCopyDone | null = null;

  constructor(key: string, numberLike: boolean) {
    this.key = key;
    this.numberLike = numberLike;
  }

  protected setPending(buffer: GuestBuffer | null, onCopy: OnCopy | null, onCopyDone: OnCopyDone | null): void {
    this.pendingInstance = buffer === null ? null : buffer.instance;
    this.pendingBuffer = buffer;
    this.pendingOnCopy = onCopy;
    this.pendingOnCopyDone = onCopyDone;
  }

  protected resetAndNotifyPending(result: number): void {
    const done = this.pendingOnCopyDone;
    this.setPending(null, null, null);
    if (done !== null) done(result);
  }

  // The spec's temporary rule: a copy within one instance only for number-like elements.
  protected checkIntraInstance(buffer: GuestBuffer): void {
    if (buffer.instance === this.pendingInstance && !this.numberLike) asyncTrap(`cannot read from and write to intra-component ${this.kind}`);
  }

  /** Cancels the pending copy (`cancel`). */
  cancel(): void {
    this.resetAndNotifyPending(CopyResult.CANCELLED);
  }

  /** Whether `buffer` is the pending copy's (elements copied into or out of it are not yet reclaimed). */
  isPending(buffer: GuestBuffer): boolean {
    return this.pendingBuffer === buffer;
  }

  /** Marks an end dropped and tells a pending copy (`drop`). */
  drop(): void {
    if (this.dropped) return;
    this.dropped = true;
    if (this.pendingBuffer !== null) this.resetAndNotifyPending(CopyResult.DROPPED);
  }
}

/** A stream's shared state (`SharedStreamImpl`). */
export class SharedStream extends SharedBase {
  readonly kind = 'stream';

  /** `read`: copies into `dst` from a pending write, or waits for one. */
  read(dst: GuestBuffer, onCopy: OnCopy, onCopyDone: OnCopyDone): void {
    this.#copy(dst, onCopy, onCopyDone, false);
  }

  /** `write`: copies from `src` into a pending read, or waits for one. */
  write(src: GuestBuffer, onCopy: OnCopy, onCopyDone: OnCopyDone): void {
    this.#copy(src, onCopy, onCopyDone, true);
  }

  #copy(buffer: GuestBuffer, onCopy: OnCopy, onCopyDone: OnCopyDone, writing: boolean): void {
    const pending = this.pendingBuffer;
    if (this.dropped) {
      onCopyDone(CopyResult.DROPPED);
    } else if (pending === null) {
      this.setPending(buffer, onCopy, onCopyDone);
    } else {
      this.checkIntraInstance(buffer);
      if (pending.remain() > 0) {
        if (buffer.remain() > 0) {
          const n = Math.min(buffer.remain(), pending.remain());
          if (writing) buffer.copyTo(pending, n);
          else pending.copyTo(buffer, n);
          const pendingOnCopy = this.pendingOnCopy;
          if (pendingOnCopy !== null) pendingOnCopy(() => this.setPending(null, null, null));
        }
        onCopyDone(CopyResult.COMPLETED);
      } else if (writing && buffer.isZeroLength() && pending.isZeroLength()) {
        onCopyDone(CopyResult.COMPLETED);
      } else {
        this.resetAndNotifyPending(CopyResult.COMPLETED);
        this.setPending(buffer, onCopy, onCopyDone);
      }
    }
  }
}

/** A future's shared state (`SharedFutureImpl`): one value, copied once. */
export class SharedFuture extends SharedBase {
  readonly kind = 'future';

  /** `read`: takes the value of a pending write into `dst`, or waits for one. */
  read(dst: GuestBuffer, onCopyDone: OnCopyDone): void {
    // The writable end cannot be dropped before its write ended, so `dropped` means the read
    // can never complete.
    this.#copy(dst, onCopyDone, false);
  }

  /** `write`: puts the value of `src` into a pending read, or waits for one. */
  write(src: GuestBuffer, onCopyDone: OnCopyDone): void {
    this.#copy(src, onCopyDone, true);
  }

  #copy(buffer: GuestBuffer, onCopyDone: OnCopyDone, writing: boolean): void {
    const pending = this.pendingBuffer;
    if (this.dropped) {
      onCopyDone(CopyResult.DROPPED);
    } else if (pending === null) {
      this.setPending(buffer, null, onCopyDone);
    } else {
      this.checkIntraInstance(buffer);
      if (writing) buffer.copyTo(pending, 1);
      else pending.copyTo(buffer, 1);
      this.resetAndNotifyPending(CopyResult.COMPLETED);
      onCopyDone(CopyResult.COMPLETED);
    }
  }
}
