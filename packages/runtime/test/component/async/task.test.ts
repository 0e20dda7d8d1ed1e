import { expect } from 'chai';
import type { RuntimeComponentInstanceIndex } from '@tswasm/environ';
import { Task } from '../../../src/component/async/task.js';
import { Trap } from '../../../src/trap/trap.js';

const I0 = 0 as RuntimeComponentInstanceIndex;

describe('Task', () => {
  describe('checkMayBlock', () => {
    it('traps for a sync-typed task before it returned', () => {
      const task = new Task(I0, false, null, () => {});
      expect(() => task.checkMayBlock()).to.throw(Trap, 'cannot block a synchronous task before returning');
    });

    it('lets a sync-typed task block once it returned, and an async-typed one at once', () => {
      const returned = new Task(I0, false, null, () => {});
      returned.resolve(0);
      expect(() => returned.checkMayBlock()).not.to.throw();
      expect(() => new Task(I0, true, null, () => {}).checkMayBlock()).not.to.throw();
    });
  });

  describe('deliverPendingCancel', () => {
    it('delivers a pending cancellation once, to a cancellable suspension only', () => {
      const task = new Task(I0, true, null, () => {});
      task.cancelPending = true;
      expect(task.deliverPendingCancel(false)).to.equal(false);
      expect(task.deliverPendingCancel(true)).to.equal(true);
      expect(task.cancelDelivered).to.equal(true);
      expect(task.deliverPendingCancel(true)).to.equal(false);
    });
  });
});
