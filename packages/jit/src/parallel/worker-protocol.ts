// The messages between a `WorkerPool` and its workers (worker.ts). The caller may block on
// `flag` (Atomics.wait) instead of waiting for an event, which is what lets synchronous APIs
// such as `Module.fromBinary` use workers; the reply itself travels on a private port.

import type { MessagePort } from 'node:worker_threads';
import type { SerializedTaskError } from './task-error.js';

/** `flag[0]` while the worker is still running the request. */
export const FLAG_PENDING = 0;
/** `flag[0]` once the reply has been posted on the request's port. */
export const FLAG_REPLIED = 1;
/** `flag[0]` when the worker is exiting without a reply (it crashed or called exit). */
export const FLAG_WORKER_EXITED = 2;

/** One batch of inputs for one worker, run in order, stopping at the first error. */
export interface BatchRequest {
  readonly moduleUrl: string;
  readonly exportName: string;
  readonly inputs: readonly unknown[];
  /** Where the `BatchReply` goes. */
  readonly port: MessagePort;
  /** An Int32Array's buffer of one element, set to FLAG_REPLIED or FLAG_WORKER_EXITED. */
  readonly flag: SharedArrayBuffer;
}

/** What a worker answers: the outputs of the inputs before the first error, and that error. */
export interface BatchReply {
  readonly results: readonly unknown[];
  readonly error: { readonly index: number; readonly error: SerializedTaskError } | null;
}
