import { expect } from 'chai';
import type { RuntimeComponentInstanceIndex } from '@tswasm/environ';
import { AsyncScheduler } from '../../../src/component/async/async-scheduler.js';
import { Subtask, Task } from '../../../src/component/async/task.js';
import { WaitableSet } from '../../../src/component/async/waitable.js';
import { HandleTable } from '../../../src/component/resources/handle-table.js';
import { RuntimeResourceType } from '../../../src/component/resources/runtime-resource-type.js';
import { Trap } from '../../../src/trap/trap.js';

const I0 = 0 as RuntimeComponentInstanceIndex;

function scheduler(): { sched: AsyncScheduler; table: HandleTable } {
  const table = new HandleTable();
  return { sched: new AsyncScheduler(() => table), table };
}

describe('AsyncScheduler', () => {
  it('ends a stackless task that returns EXIT after task.return', () => {
    const { sched } = scheduler();
    const task = new Task(I0, true, () => 0, () => {});
    sched.startStackless(task, () => {
      sched.current(I0).resolve(42);
      return 0;
    });
    expect(task.exited).to.equal(true);
  });

  it('traps when a stackless task exits without a result', () => {
    const { sched } = scheduler();
    const task = new Task(I0, true, () => 0, () => {});
    expect(() => sched.startStackless(task, () => 0)).to.throw(Trap, 'async-lifted export failed to produce a result').with.property('code', 'NoAsyncResult');
  });

  it('resumes a yielding task with a NONE event', () => {
    const { sched } = scheduler();
    const events: number[] = [];
    const task = new Task(I0, true, (code) => {
      events.push(code);
      sched.current(I0).resolve(undefined);
      return 0;
    }, () => {});
    sched.startStackless(task, () => 1);
    expect(task.exited).to.equal(false);
    sched.runUntil(() => task.exited);
    expect(events).to.deep.equal([0]);
  });

  it('delivers a waitable set event to a waiting task', () => {
    const { sched, table } = scheduler();
    const set = new WaitableSet();
    const si = table.addEntry(set);
    const sub = new Subtask();
    sub.index = table.addEntry(sub);
    sub.join(set);
    const seen: number[][] = [];
    const task = new Task(I0, true, (code, index, payload) => {
      seen.push([code, index, payload]);
      sched.current(I0).resolve(undefined);
      return 0;
    }, () => {});
    sched.startStackless(task, () => 2 | (si << 4));
    expect(() => sched.runUntil(() => task.exited)).to.throw(Trap, 'deadlock detected');
    sub.progress(2);
    sched.runUntil(() => task.exited);
    expect(seen).to.deep.equal([[1, sub.index, 2]]);
  });

  it('traps on an unsupported callback code', () => {
    const { sched } = scheduler();
    const task = new Task(I0, true, () => 0, () => {});
    expect(() => sched.startStackless(task, () => 3)).to.throw(Trap, 'unsupported callback code');
  });

  it('refuses to block a synchronous task before it returns', () => {
    const { sched } = scheduler();
    expect(() => sched.waitOn(sched.current(I0), new WaitableSet())).to.throw(Trap, 'cannot block a synchronous task before returning');
  });
});

describe('WaitableSet.drop', () => {
  it('traps while a task waits on it', () => {
    const set = new WaitableSet();
    set.numWaiting = 1;
    expect(() => set.drop()).to.throw(Trap, 'cannot drop waitable set with waiters');
  });
});

describe('Subtask.checkDrop', () => {
  it('traps before the subtask resolved', () => {
    expect(() => new Subtask().checkDrop()).to.throw(Trap, 'cannot drop a subtask which has not yet resolved');
  });
});

describe('HandleTable async entries', () => {
  it('share the index space with resource handles and trap as resources', () => {
    const table = new HandleTable();
    const index = table.addEntry(new WaitableSet());
    expect(index).to.equal(1);
    expect(() => table.rep(index, new RuntimeResourceType('r', null))).to.throw(Trap, `handle index ${index} used with the wrong type, expected resource but found waitable set`);
    expect(table.removeEntry(index)).to.be.instanceOf(WaitableSet);
    expect(() => table.getEntry(index)).to.throw(Trap, 'unknown handle index 1');
  });
});
