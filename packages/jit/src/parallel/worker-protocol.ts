// The messages between `runMaybeParallel`'s calling thread and the workers of a `WorkerPool`
// (worker.ts). Items are not assigned up front: every lane, the calling thread included,
// claims the next item from a shared counter, so a worker that is slow to start (new thread,
// code V8 has not optimized yet) simply takes fewer items, and the caller never waits for a
// worker that has claimed nothing. Each item's outcome is posted on the worker's port before
// its status word is set, so the caller may block on the status words (Atomics.wait, which
// synchronous APIs like `Module.fromBinary` need) and then read the outcomes with
// `receiveMessageOnPort`.

import type { MessagePort } from 'node:worker_threads';
import type { SerializedTaskError } from './task-error.js';

/** Status of an item not yet finished (unclaimed or running). */
export const ITEM_PENDING = 0;
/** Status of an item whose output is available. */
export const ITEM_DONE = 1;
/** Status of an item that threw; its error is available. */
export const ITEM_FAILED = 2;
/** Status of an item whose worker exited while running it. */
export const ITEM_WORKER_EXITED = 3;

/** Index in `RunState.control` of the next item to claim. */
export const CONTROL_NEXT = 0;
/** Index in `RunState.control` of the stop flag: set once an item failed. */
export const CONTROL_STOP = 1;

/** One run, as a worker receives it. */
export interface RunRequest {
  readonly moduleUrl: string;
  readonly exportName: string;
  readonly shared: unknown;
  readonly items: readonly unknown[];
  /** Int32Array(2) buffer: CONTROL_NEXT and CONTROL_STOP. */
  readonly control: SharedArrayBuffer;
  /** Int32Array(items.length) buffer: each item's status. */
  readonly status: SharedArrayBuffer;
  /** Where the `ItemOutcome`s go. */
  readonly port: MessagePort;
}

/** What a worker posts for one item (or, with index -1, for a failure of its setup). */
export type ItemOutcome =
  | { readonly index: number; readonly output: unknown }
  | { readonly index: number; readonly error: SerializedTaskError };
