import { expect } from 'chai';
import { CallScope } from '../../../src/component/resources/call-scope.js';
import { HandleTable } from '../../../src/component/resources/handle-table.js';
import { lendBorrow, transferOwn } from '../../../src/component/resources/handle-transfer.js';
import { RuntimeResourceType } from '../../../src/component/resources/runtime-resource-type.js';
import { Trap } from '../../../src/trap/trap.js';

describe('transferOwn', () => {
  it('moves an own handle from one instance table to the other', () => {
    const from = new HandleTable();
    const to = new HandleTable();
    const r = new RuntimeResourceType('r', from);
    to.lowerOwn(r, 1);
    from.lowerOwn(r, 42);
    expect(transferOwn(from, 1, to, r)).to.equal(2);
    expect(to.rep(2, r)).to.equal(42);
    expect(from.size).to.equal(0);
  });

  it('leaves both tables unchanged when the handle is lent', () => {
    const from = new HandleTable();
    const to = new HandleTable();
    const r = new RuntimeResourceType('r', null);
    from.lowerOwn(r, 42);
    from.liftBorrow(1, r, new CallScope());
    expect(() => transferOwn(from, 1, to, r)).to.throw(Trap, 'cannot remove owned resource while borrowed');
    expect(to.size).to.equal(0);
    expect(from.size).to.equal(1);
  });
});

describe('lendBorrow', () => {
  it('gives a non-implementing callee a borrow handle it must drop before the call ends', () => {
    const from = new HandleTable();
    const to = new HandleTable();
    const r = new RuntimeResourceType('r', null);
    from.lowerOwn(r, 42);
    const scope = new CallScope();
    const index = lendBorrow(from, 1, to, r, scope);
    expect(to.rep(index, r)).to.equal(42);
    expect(from.get(1).numLends).to.equal(1);
    to.drop(index, r);
    scope.exit();
    expect(from.get(1).numLends).to.equal(0);
  });

  it('gives the implementing callee the rep', () => {
    const from = new HandleTable();
    const impl = new HandleTable();
    const r = new RuntimeResourceType('r', impl);
    from.lowerOwn(r, 42);
    const scope = new CallScope();
    expect(lendBorrow(from, 1, impl, r, scope)).to.equal(42);
    expect(impl.size).to.equal(0);
    expect(() => scope.exit()).not.to.throw();
  });
});
