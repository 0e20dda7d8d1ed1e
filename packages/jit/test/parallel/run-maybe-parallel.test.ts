import { expect } from 'chai';
import { availableParallelism } from 'node:os';
import { ValidationError } from '@tswasm/environ';
import { runMaybeParallel, WorkerPool } from '../../src/index.js';
import { PROBE_TASK, probe, slowProbe, type ProbeInput } from './test-tasks.js';
import { thrown } from '../support/test-helpers.js';

function items(count: number, failing: Readonly<Record<number, ProbeInput['action']>> = {}): ProbeInput[] {
  return Array.from({ length: count }, (_, value) => ({ value, action: failing[value] ?? 'double' }));
}

// Lanes claim items as they go, so which thread runs what depends on timing. Tests that need
// an item on a worker slow the calling thread down (`slowProbe` as its inline function): it
// claims item 0 first, and the warm worker claims the rest meanwhile.
describe('WorkerPool', () => {
  it('has no workers where node:worker_threads cannot be reached (browsers)', () => {
    const host = process as { getBuiltinModule?: unknown };
    const original = host.getBuiltinModule;
    host.getBuiltinModule = undefined;
    try {
      const pool = new WorkerPool();
      expect(pool.size).to.equal(0);
      const outputs = runMaybeParallel(items(3), PROBE_TASK, { parallel: true, pool, shared: null });
      expect(outputs.map((output) => output.threadId)).to.deep.equal([0, 0, 0]);
    } finally {
      host.getBuiltinModule = original;
    }
  });

  it('starts its workers ahead of any run on prestart, and again after close', async () => {
    const pool = new WorkerPool({ maxWorkers: 1 });
    expect(pool.started).to.equal(false);
    pool.prestart();
    expect(pool.started).to.equal(pool.size > 0);
    await pool.close();
    expect(pool.started).to.equal(false);
  });

  it('uses at most maxWorkers workers, and one less than the cores by default', () => {
    expect(new WorkerPool({ maxWorkers: 0 }).size).to.equal(0);
    expect(new WorkerPool().size).to.equal(availableParallelism() - 1);
  });
});

describe('runMaybeParallel', function () {
  let pool: WorkerPool;
  const on = (): { parallel: true; pool: WorkerPool; shared: null } => ({ parallel: true, pool, shared: null });
  const slow = (): { parallel: true; pool: WorkerPool; shared: null; inline: typeof slowProbe } => ({ ...on(), inline: slowProbe });

  before(function () {
    pool = new WorkerPool();
    // Every test below is about workers; a one-core host has none.
    if (pool.size === 0) this.skip();
    // Warm the workers up, so their start-up time does not decide which lane claims what.
    runMaybeParallel(items(4), PROBE_TASK, slow());
  });

  after(async () => {
    await pool?.close();
  });

  it('returns the outputs in input order', () => {
    const outputs = runMaybeParallel(items(50), PROBE_TASK, on());
    expect(outputs.map((output) => output.doubled)).to.deep.equal(Array.from({ length: 50 }, (_, i) => 2 * i));
  });

  it('runs items on a worker while the calling thread is busy', () => {
    const outputs = runMaybeParallel(items(5), PROBE_TASK, slow());
    expect(outputs.map((output) => output.doubled)).to.deep.equal([0, 2, 4, 6, 8]);
    expect(outputs.some((output) => output.threadId !== 0)).to.equal(true);
  });

  it('runs everything on the calling thread when parallel is off', () => {
    const outputs = runMaybeParallel(items(6), PROBE_TASK, { ...slow(), inline: probe, parallel: false });
    expect(outputs.map((output) => output.threadId)).to.deep.equal([0, 0, 0, 0, 0, 0]);
  });

  it('runs inline without a pool, with a pool of no workers, and for a single item', () => {
    const none = new WorkerPool({ maxWorkers: 0 });
    expect(none.size).to.equal(0);
    for (const options of [{ parallel: true, pool: null, shared: null }, { parallel: true, pool: none, shared: null }]) {
      expect(runMaybeParallel(items(4), PROBE_TASK, options).map((output) => output.threadId)).to.deep.equal([0, 0, 0, 0]);
    }
    expect(runMaybeParallel(items(1), PROBE_TASK, on())[0]?.threadId).to.equal(0);
  });

  it('rebuilds a ValidationError thrown on a worker with its reason and offset', () => {
    const error = thrown(() => runMaybeParallel(items(4, { 2: 'invalid' }), PROBE_TASK, slow()));
    expect(error).to.be.instanceOf(ValidationError);
    expect(error).to.include({ reason: 'invalid item 2', offset: 2, message: 'invalid item 2 (at offset 0x2)' });
  });

  it('throws the error of the first failing item in input order, whichever lane ran it', () => {
    const onWorker = thrown(() => runMaybeParallel(items(8, { 3: 'invalid', 5: 'invalid', 6: 'invalid' }), PROBE_TASK, slow()));
    expect(onWorker).to.be.instanceOf(ValidationError).with.property('offset', 3);
    // The calling thread fails the first item it claims (item 0, unless a worker was quicker,
    // or none when the workers were done before it claimed); the workers fail items 2 and 3.
    let failedHere = -1;
    const failFirstHere = (input: ProbeInput): ReturnType<typeof probe> => {
      failedHere = input.value;
      throw new ValidationError('calling thread fails', input.value);
    };
    const here = thrown(() => runMaybeParallel(items(8, { 2: 'invalid', 3: 'invalid' }), PROBE_TASK, { ...on(), inline: failFirstHere }));
    expect(here).to.be.instanceOf(ValidationError).with.property('offset', failedHere === -1 ? 2 : Math.min(failedHere, 2));
  });

  it('surfaces another error thrown on a worker as an Error with its message', () => {
    const error = thrown(() => runMaybeParallel(items(4, { 1: 'type-error' }), PROBE_TASK, slow()));
    expect(error).to.be.instanceOf(Error).and.not.instanceOf(ValidationError);
    expect((error as Error).message).to.equal('TypeError in a worker thread: bad item 1');
  });

  it('surfaces a task a worker cannot load as an Error naming the missing export', () => {
    const missing = { ...PROBE_TASK, exportName: 'noSuchExport' };
    const error = thrown(() => runMaybeParallel(items(4), missing, slow()));
    expect(error).to.be.instanceOf(Error).with.property('message').that.matches(/^TypeError in a worker thread: .*exports no function noSuchExport$/);
  });

  it('surfaces a worker that exits as an Error, and works again afterwards', () => {
    const error = thrown(() => runMaybeParallel(items(4, { 1: 'exit-in-worker' }), PROBE_TASK, slow()));
    expect(error).to.be.instanceOf(Error).with.property('message', 'a compilation worker thread exited while running a task');
    expect(runMaybeParallel(items(4), PROBE_TASK, on()).map((output) => output.doubled)).to.deep.equal([0, 2, 4, 6]);
  });

  it('does not wait for a worker stuck in a task, and close stops that worker', async () => {
    const stuck = new WorkerPool();
    try {
      runMaybeParallel(items(2), PROBE_TASK, { parallel: true, pool: stuck, shared: null, inline: slowProbe });
      const outputs = runMaybeParallel(items(3, { 1: 'hang-in-worker', 2: 'hang-in-worker' }), PROBE_TASK, { parallel: true, pool: stuck, shared: null, inline: slowProbe });
      // The calling thread ran the stuck item itself (it only hangs on a worker).
      expect(outputs.map((output) => output.doubled)).to.deep.equal([0, 2, 4]);
      expect(outputs.some((output) => output.threadId === 0 && output.doubled > 0)).to.equal(true);
    } finally {
      await stuck.close();
    }
  });

  it('keeps working after close, with new workers', async () => {
    await pool.close();
    const outputs = runMaybeParallel(items(3), PROBE_TASK, slow());
    expect(outputs.map((output) => output.doubled)).to.deep.equal([0, 2, 4]);
  });
});
