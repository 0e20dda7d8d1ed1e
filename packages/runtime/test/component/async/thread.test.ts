import { expect } from 'chai';
import type { RuntimeComponentInstanceIndex } from '@tswasm/environ';
import { AsyncScheduler } from '../../../src/component/async/async-scheduler.js';
import { Task } from '../../../src/component/async/task.js';
import { Thread } from '../../../src/component/async/thread.js';
import { HandleTable } from '../../../src/component/resources/handle-table.js';

const I0 = 0 as RuntimeComponentInstanceIndex;

function setup(): { sched: AsyncScheduler; table: HandleTable; task: Task } {
  const table = new HandleTable();
  return { sched: new AsyncScheduler(() => table), table, task: new Task(I0, true, null, () => {}) };
}

// A new thread of `task` in the table, running `start`.
function newThread(table: HandleTable, task: Task, start: () => void): Thread {
  const thread = new Thread(task, start);
  thread.index = table.addEntry(thread);
  return thread;
}

describe('Thread', () => {
  it('starts suspended when new and running when implicit', () => {
    const { task } = setup();
    expect(new Thread(task, () => {}).suspended()).to.equal(true);
    expect(new Thread(task, null).suspended()).to.equal(false);
  });
});

describe('AsyncScheduler threads', () => {
  it("adds a task's implicit thread to the table once, and frees it when the task exits", () => {
    const { sched, table, task } = setup();
    const thread = sched.thread(task);
    expect(sched.thread(task)).to.equal(thread);
    expect(table.getEntry(thread.index)).to.equal(thread);
    task.resolved = true;
    sched.exit(task);
    expect(() => table.getEntry(thread.index)).to.throw('unknown handle index');
  });

  it('runs a thread made ready by resume-later at the next step, then frees its slot', () => {
    const { sched, table, task } = setup();
    let ran = 0;
    const thread = newThread(table, task, () => ran++);
    sched.scheduleThread(thread);
    expect(sched.step()).to.equal(true);
    expect([ran, thread.state]).to.deep.equal([1, 'done']);
    expect(() => table.getEntry(thread.index)).to.throw('unknown handle index');
    expect(sched.step()).to.equal(false);
  });

  it('names the new thread as current while it runs', () => {
    const { sched, table, task } = setup();
    let current: Thread | null = null;
    const thread = newThread(table, task, () => (current = sched.currentThread(I0)));
    sched.enter(task, () => sched.switchToNew(sched.currentThread(I0), thread, true));
    expect(current).to.equal(thread);
  });

  it('lets a switching thread go on when the new thread made it ready', () => {
    const { sched, table, task } = setup();
    sched.enter(task, () => {
      const self = sched.currentThread(I0);
      const other = newThread(table, task, () => (self.state = 'ready'));
      expect(sched.switchToNew(self, other, false)).to.equal(true);
      expect(self.state).to.equal('running');
    });
  });

  it('reports a switching thread left suspended with nothing else to run', () => {
    const { sched, table, task } = setup();
    sched.enter(task, () => {
      const self = sched.currentThread(I0);
      expect(sched.switchToNew(self, newThread(table, task, () => {}), false)).to.equal(false);
    });
  });
});
