import { expect } from 'chai';
import { InstanceResources } from '../../../src/component/resources/instance-resources.js';
import { END_BORROW } from '../../../src/component/resources/host-handle.js';
import { RuntimeResourceType } from '../../../src/component/resources/runtime-resource-type.js';
import { Trap } from '../../../src/trap/trap.js';
import type { RuntimeComponentInstanceIndex } from '@tswasm/environ';

const INSTANCE = 0 as RuntimeComponentInstanceIndex;

describe('InstanceResources', () => {
  const r = new RuntimeResourceType('r', null);

  it('reuses the scope of a call that ended cleanly for the next call at the same depth', () => {
    const resources = new InstanceResources(1, 0);
    const first = resources.enterCall();
    resources.exitCall(first);
    const second = resources.enterCall();
    expect(second).to.equal(first);
    const nested = resources.enterCall();
    expect(nested).not.to.equal(second);
    expect(resources.currentScope()).to.equal(nested);
    resources.exitCall(nested);
    expect(resources.currentScope()).to.equal(second);
    resources.exitCall(second);
  });

  it('gives back the lends of a reused scope before its next call', () => {
    const resources = new InstanceResources(1, 0);
    const table = resources.table(INSTANCE);
    const index = table.lowerOwn(r, 5);
    const scope = resources.enterCall();
    table.liftBorrow(index, r, scope);
    expect(table.numLends(index, r)).to.equal(1);
    resources.exitCall(scope);
    expect(table.numLends(index, r)).to.equal(0);
    resources.exitCall(resources.enterCall());
    expect(table.numLends(index, r)).to.equal(0);
  });

  it('does not reuse the scope of a call whose callee kept a borrow, so a late drop cannot count into a later call', () => {
    const resources = new InstanceResources(1, 0);
    const table = resources.table(INSTANCE);
    const kept = resources.enterCall();
    const index = table.lowerBorrow(r, 9, kept);
    expect(() => resources.exitCall(kept)).to.throw(Trap, 'borrow handles still remain at the end of the call');
    const next = resources.enterCall();
    expect(next).not.to.equal(kept);
    table.drop(index, r);
    expect(next.numBorrows).to.equal(0);
    expect(() => resources.exitCall(next)).not.to.throw();
  });

  it('does not reuse the scope of an abandoned call that left a borrow in a table', () => {
    const resources = new InstanceResources(1, 0);
    const table = resources.table(INSTANCE);
    const abandoned = resources.enterCall();
    table.lowerBorrow(r, 9, abandoned);
    resources.abandonCall(abandoned);
    const next = resources.enterCall();
    expect(next).not.to.equal(abandoned);
    expect(next.numBorrows).to.equal(0);
    resources.exitCall(next);
  });

  it('ends the host borrows of a scope when its call ends, also when the scope is reused', () => {
    const resources = new InstanceResources(1, 0);
    for (let call = 0; call < 2; call++) {
      const scope = resources.enterCall();
      const borrow = { live: true, [END_BORROW]() { this.live = false; } };
      scope.addHostBorrow(borrow);
      expect(borrow.live).to.equal(true);
      resources.exitCall(scope);
      expect(borrow.live).to.equal(false);
    }
  });
});
