// The script of a `WorkerPool` thread. It imports nothing up front but worker_threads, so a
// task module that fails to load becomes an error reply rather than a worker that never
// listens; requests run one at a time, in arrival order.

import { parentPort } from 'node:worker_threads';
import { serializeTaskError } from './task-error.js';
import { FLAG_REPLIED, FLAG_WORKER_EXITED, type BatchReply, type BatchRequest } from './worker-protocol.js';

/** The request being run, so an exit can still wake its caller. */
let current: BatchRequest | null = null;
let queue: Promise<void> = Promise.resolve();

function signal(request: BatchRequest, value: number): void {
  const flag = new Int32Array(request.flag);
  Atomics.store(flag, 0, value);
  Atomics.notify(flag, 0);
}

async function runBatch(request: BatchRequest): Promise<void> {
  current = request;
  const results: unknown[] = [];
  let error: BatchReply['error'] = null;
  let index = 0;
  try {
    const module = (await import(request.moduleUrl)) as Record<string, unknown>;
    const task = module[request.exportName];
    if (typeof task !== 'function') throw new TypeError(`${request.moduleUrl} exports no function ${request.exportName}`);
    for (; index < request.inputs.length; index++) results.push((task as (input: unknown) => unknown)(request.inputs[index]));
  } catch (thrown) {
    error = { index, error: serializeTaskError(thrown) };
  }
  const reply: BatchReply = { results, error };
  try {
    request.port.postMessage(reply);
  } catch (thrown) {
    // An output that cannot be cloned is the task's bug; the caller still gets an answer.
    request.port.postMessage({ results: [], error: { index: 0, error: serializeTaskError(thrown) } } satisfies BatchReply);
  }
  request.port.close();
  current = null;
  signal(request, FLAG_REPLIED);
}

// A worker that exits mid-request (process.exit in a task, a fatal error) must not leave its
// caller blocked until the timeout.
process.on('exit', () => {
  if (current !== null) signal(current, FLAG_WORKER_EXITED);
});

parentPort?.on('message', (request: BatchRequest) => {
  queue = queue.then(() => runBatch(request));
});
