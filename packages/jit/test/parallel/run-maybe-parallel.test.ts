import { expect } from 'chai';
import { ValidationError } from '@tswasm/environ';
import { runMaybeParallel, runMaybeParallelAsync, WorkerPool } from '../../src/index.js';
import { PROBE_TASK, type ProbeInput } from './test-tasks.js';

function items(count: number, failing: Readonly<Record<number, ProbeInput['action']>> = {}): ProbeInput[] {
  return Array.from({ length: count }, (_, value) => ({ value, action: failing[value] ?? 'double' }));
}

function thrown(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  throw new Error('expected a throw');
}

describe('runMaybeParallel', function () {
  let pool: WorkerPool;

  before(function () {
    pool = new WorkerPool();
    // Every test below is about workers; a one-core host has none.
    if (pool.size === 0) this.skip();
  });

  after(async () => {
    await pool?.close();
  });

  it('returns the outputs in input order, some computed on a worker', () => {
    const outputs = runMaybeParallel(items(9), PROBE_TASK, { parallel: true, pool });
    expect(outputs.map((output) => output.doubled)).to.deep.equal([0, 2, 4, 6, 8, 10, 12, 14, 16]);
    expect(outputs.some((output) => output.threadId !== 0)).to.equal(true);
    expect(outputs[0]?.threadId).to.equal(0);
  });

  it('runs everything on the calling thread when parallel is off', () => {
    const outputs = runMaybeParallel(items(6), PROBE_TASK, { parallel: false, pool });
    expect(outputs.map((output) => output.threadId)).to.deep.equal([0, 0, 0, 0, 0, 0]);
  });

  it('runs inline without a pool, with a pool of no workers, and for a single item', () => {
    const none = new WorkerPool({ maxWorkers: 0 });
    expect(none.size).to.equal(0);
    for (const options of [{ parallel: true, pool: null }, { parallel: true, pool: none }]) {
      expect(runMaybeParallel(items(4), PROBE_TASK, options).map((output) => output.threadId)).to.deep.equal([0, 0, 0, 0]);
    }
    expect(runMaybeParallel(items(1), PROBE_TASK, { parallel: true, pool })[0]?.threadId).to.equal(0);
  });

  it('uses the caller-provided inline function for the calling thread', () => {
    const outputs = runMaybeParallel(items(4), PROBE_TASK, { parallel: true, pool, inline: (item, index) => ({ doubled: -index, threadId: item.value }) });
    expect(outputs[0]).to.deep.equal({ doubled: -0, threadId: 0 });
    expect(outputs[2]).to.deep.equal({ doubled: -2, threadId: 2 });
    expect(outputs[1]?.doubled).to.equal(2);
  });

  it('rebuilds a ValidationError thrown on a worker with its reason and offset', () => {
    // With two lanes, odd items run on the worker.
    const error = thrown(() => runMaybeParallel(items(4, { 1: 'invalid' }), PROBE_TASK, { parallel: true, pool }));
    expect(error).to.be.instanceOf(ValidationError);
    expect(error).to.include({ reason: 'invalid item 1', offset: 1, message: 'invalid item 1 (at offset 0x1)' });
  });

  it('throws the error of the first failing item in input order, whichever lane ran it', () => {
    const onWorkerFirst = thrown(() => runMaybeParallel(items(8, { 3: 'invalid', 4: 'invalid', 6: 'invalid' }), PROBE_TASK, { parallel: true, pool }));
    expect(onWorkerFirst).to.be.instanceOf(ValidationError).with.property('offset', 3);
    const onCallerFirst = thrown(() => runMaybeParallel(items(8, { 2: 'invalid', 3: 'invalid', 5: 'invalid' }), PROBE_TASK, { parallel: true, pool }));
    expect(onCallerFirst).to.be.instanceOf(ValidationError).with.property('offset', 2);
  });

  it('surfaces another error thrown on a worker as an Error with its message', () => {
    const error = thrown(() => runMaybeParallel(items(4, { 1: 'type-error' }), PROBE_TASK, { parallel: true, pool }));
    expect(error).to.be.instanceOf(Error).and.not.instanceOf(ValidationError);
    expect((error as Error).message).to.equal('TypeError in a worker thread: bad item 1');
  });

  it('surfaces a worker that exits as an Error, and starts a new worker afterwards', () => {
    const error = thrown(() => runMaybeParallel(items(4, { 1: 'exit-in-worker' }), PROBE_TASK, { parallel: true, pool }));
    expect(error).to.be.instanceOf(Error).with.property('message', 'a compilation worker thread exited before answering');
    expect(runMaybeParallel(items(4), PROBE_TASK, { parallel: true, pool }).map((output) => output.doubled)).to.deep.equal([0, 2, 4, 6]);
  });

  it('gives up on a worker that does not answer within the timeout', async () => {
    const impatient = new WorkerPool({ timeoutMs: 300 });
    try {
      const error = thrown(() => runMaybeParallel(items(2, { 1: 'hang-in-worker' }), PROBE_TASK, { parallel: true, pool: impatient }));
      expect(error).to.be.instanceOf(Error).with.property('message', 'a compilation worker did not answer within 300 ms');
    } finally {
      await impatient.close();
    }
  });

  it('keeps working after close, with new workers', async () => {
    runMaybeParallel(items(2), PROBE_TASK, { parallel: true, pool });
    await pool.close();
    expect(runMaybeParallel(items(2), PROBE_TASK, { parallel: true, pool })[1]?.threadId).to.not.equal(0);
  });
});

describe('runMaybeParallelAsync', function () {
  let pool: WorkerPool;

  before(function () {
    pool = new WorkerPool();
    if (pool.size === 0) this.skip();
  });

  after(async () => {
    await pool?.close();
  });

  it('returns the outputs in input order', async () => {
    const outputs = await runMaybeParallelAsync(items(7), PROBE_TASK, { parallel: true, pool });
    expect(outputs.map((output) => output.doubled)).to.deep.equal([0, 2, 4, 6, 8, 10, 12]);
  });

  it('rejects with the first failing item’s ValidationError', async () => {
    const error = await runMaybeParallelAsync(items(6, { 3: 'invalid', 4: 'invalid' }), PROBE_TASK, { parallel: true, pool }).catch((e: unknown) => e);
    expect(error).to.be.instanceOf(ValidationError).with.property('offset', 3);
  });

  it('rejects when a worker exits', async () => {
    const error = await runMaybeParallelAsync(items(2, { 1: 'exit-in-worker' }), PROBE_TASK, { parallel: true, pool }).catch((e: unknown) => e);
    expect(error).to.be.instanceOf(Error).with.property('message').that.matches(/exited before answering/);
  });
});
