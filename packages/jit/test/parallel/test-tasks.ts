// Tasks for the runMaybeParallel tests. Loaded by the workers through their URL, so this file
// is compiled next to the tests (dist/test/parallel/test-tasks.js) but is not a test itself.

import { ValidationError } from '@tswasm/environ';
import { isMainThread, threadId } from 'node:worker_threads';
import type { ParallelTask } from '../../src/index.js';

/** An input of `probe`: what to do, and a value to double. */
export interface ProbeInput {
  readonly value: number;
  readonly action: 'double' | 'invalid' | 'type-error' | 'exit-in-worker' | 'hang-in-worker';
}

/** What `probe` answers: the doubled value and the thread that ran it (0 is the main thread). */
export interface ProbeOutput {
  readonly doubled: number;
  readonly threadId: number;
}

/** Doubles, or fails in the way `action` asks. */
export function probe(input: ProbeInput): ProbeOutput {
  switch (input.action) {
    case 'double':
      return { doubled: input.value * 2, threadId };
    case 'invalid':
      throw new ValidationError(`invalid item ${input.value}`, input.value);
    case 'type-error':
      throw new TypeError(`bad item ${input.value}`);
    case 'exit-in-worker':
      if (!isMainThread) process.exit(3);
      return { doubled: input.value * 2, threadId };
    case 'hang-in-worker':
      if (!isMainThread) for (;;);
      return { doubled: input.value * 2, threadId };
  }
}

/** The task's setup: nothing to prepare. */
export function prepareProbe(_shared: null): (input: ProbeInput) => ProbeOutput {
  return probe;
}

/** `probe` as a task. */
export const PROBE_TASK: ParallelTask<null, ProbeInput, ProbeOutput> = { moduleUrl: import.meta.url, exportName: 'prepareProbe', prepare: prepareProbe };

/** Blocks the calling thread for `ms`, so that a test's workers claim the other items. */
export function sleep(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/** `probe` after a pause: a slow calling thread, which leaves the items after its first to the workers. */
export function slowProbe(input: ProbeInput): ProbeOutput {
  sleep(300);
  return probe(input);
}
