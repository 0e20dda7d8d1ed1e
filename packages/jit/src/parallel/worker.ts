// The script of a `WorkerPool` thread. It imports nothing up front but worker_threads, so a
// task module that fails to load is reported like a task error rather than leaving a worker
// that never listens; runs are handled one at a time, in arrival order.

import { parentPort } from 'node:worker_threads';
import { serializeTaskError } from './task-error.js';
import {
  CONTROL_NEXT,
  CONTROL_STOP,
  ITEM_DONE,
  ITEM_FAILED,
  ITEM_WORKER_EXITED,
  type ItemOutcome,
  type RunRequest,
} from './worker-protocol.js';

/** The item being run and its status words, so an exit can still wake the caller. */
let running: { status: Int32Array; index: number } | null = null;
let queue: Promise<void> = Promise.resolve();

function finish(status: Int32Array, index: number, value: number): void {
  Atomics.store(status, index, value);
  Atomics.notify(status, index);
}

async function run(request: RunRequest): Promise<void> {
  const control = new Int32Array(request.control);
  const status = new Int32Array(request.status);
  const count = request.items.length;
  let runItem: (item: unknown) => unknown;
  try {
    const module = (await import(request.moduleUrl)) as Record<string, unknown>;
    const prepare = module[request.exportName];
    if (typeof prepare !== 'function') throw new TypeError(`${request.moduleUrl} exports no function ${request.exportName}`);
    runItem = (prepare as (shared: unknown) => (item: unknown) => unknown)(request.shared);
  } catch (thrown) {
    // Without a working setup this worker claims nothing; the other lanes do the work. The
    // error is still reported, as a failure of the first item this worker would have claimed.
    const index = Atomics.add(control, CONTROL_NEXT, 1);
    Atomics.store(control, CONTROL_STOP, 1);
    if (index < count) post(request, { index, error: serializeTaskError(thrown) }, status, ITEM_FAILED);
    request.port.close();
    return;
  }
  while (Atomics.load(control, CONTROL_STOP) === 0) {
    const index = Atomics.add(control, CONTROL_NEXT, 1);
    if (index >= count) break;
    running = { status, index };
    try {
      post(request, { index, output: runItem(request.items[index]) }, status, ITEM_DONE);
    } catch (thrown) {
      Atomics.store(control, CONTROL_STOP, 1);
      post(request, { index, error: serializeTaskError(thrown) }, status, ITEM_FAILED);
    }
    running = null;
  }
  request.port.close();
}

function post(request: RunRequest, outcome: ItemOutcome, status: Int32Array, value: number): void {
  try {
    request.port.postMessage(outcome);
  } catch (thrown) {
    // An output that cannot be cloned is the task's bug; the caller still gets an answer.
    request.port.postMessage({ index: outcome.index, error: serializeTaskError(thrown) } satisfies ItemOutcome);
    value = ITEM_FAILED;
  }
  finish(status, outcome.index, value);
}

// A worker that exits mid-item (process.exit in a task, a fatal error) must not leave its
// caller blocked until the timeout.
process.on('exit', () => {
  if (running !== null) finish(running.status, running.index, ITEM_WORKER_EXITED);
});

parentPort?.on('message', (request: RunRequest) => {
  queue = queue.then(() => run(request));
});
