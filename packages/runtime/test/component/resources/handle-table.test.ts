import { expect } from 'chai';
import { CallScope } from '../../../src/component/resources/call-scope.js';
import { DROPPED_BORROW, HandleTable } from '../../../src/component/resources/handle-table.js';
import { END_BORROW, type HostBorrow } from '../../../src/component/resources/host-handle.js';
import { RuntimeResourceType } from '../../../src/component/resources/runtime-resource-type.js';
import { Trap } from '../../../src/trap/trap.js';

// Asserts that `f` throws a Trap without a code whose message ends with `message`.
function expectTrap(f: () => unknown, message: string): void {
  let caught: unknown = null;
  try {
    f();
  } catch (error) {
    caught = error;
  }
  expect(caught).to.be.instanceOf(Trap);
  expect((caught as Trap).code).to.equal(null);
  expect((caught as Trap).message).to.equal(`wasm trap: ${message}`);
}

// A borrow given to the host, as the api's ResourceAny is one.
class HostRecord implements HostBorrow {
  live = true;
  [END_BORROW](): void {
    this.live = false;
  }
}

const WRONG_TYPE = (i: number): string =>
  `handle index ${i} used with the wrong type, expected guest-defined resource but found a different guest-defined resource`;

describe('HandleTable', () => {
  const r = new RuntimeResourceType('r', null);
  const s = new RuntimeResourceType('s', null);

  it('numbers handles from 1 and reuses the last freed index first', () => {
    const table = new HandleTable();
    expect([table.lowerOwn(r, 100), table.lowerOwn(r, 200), table.lowerOwn(r, 300)]).to.deep.equal([1, 2, 3]);
    table.drop(2, r);
    expect(table.lowerOwn(r, 400)).to.equal(2);
    table.drop(1, r);
    table.drop(2, r);
    table.drop(3, r);
    expect([table.lowerOwn(r, 1), table.lowerOwn(r, 2), table.lowerOwn(r, 3), table.lowerOwn(r, 4)]).to.deep.equal([3, 2, 1, 4]);
    expect(table.rep(3, r)).to.equal(1);
    expect(table.size).to.equal(4);
  });

  it('never accepts handle 0', () => {
    expectTrap(() => new HandleTable().rep(0, r), 'unknown handle index 0');
  });

  it('traps on an index never allocated, past the end, or already dropped', () => {
    const table = new HandleTable();
    table.lowerOwn(r, 7);
    expectTrap(() => table.rep(5, r), 'unknown handle index 5');
    expectTrap(() => table.drop(4294967295, r), 'unknown handle index 4294967295');
    table.drop(1, r);
    expectTrap(() => table.drop(1, r), 'unknown handle index 1');
  });

  it('traps when a handle is used as another resource type, in every operation', () => {
    const table = new HandleTable();
    table.lowerOwn(r, 7);
    expectTrap(() => table.rep(1, s), WRONG_TYPE(1));
    expectTrap(() => table.drop(1, s), WRONG_TYPE(1));
    expectTrap(() => table.liftOwn(1, s), WRONG_TYPE(1));
    expectTrap(() => table.liftBorrow(1, s, new CallScope()), WRONG_TYPE(1));
    expect(table.rep(1, r)).to.equal(7);
  });

  it('moves an own handle out with liftOwn, freeing its index', () => {
    const table = new HandleTable();
    table.lowerOwn(r, 7);
    expect(table.liftOwn(1, r)).to.equal(7);
    expectTrap(() => table.rep(1, r), 'unknown handle index 1');
    expect(table.size).to.equal(0);
  });

  it('refuses to move or drop an own handle while it is lent, until the call ends', () => {
    const table = new HandleTable();
    table.lowerOwn(r, 7);
    const scope = new CallScope();
    expect(table.liftBorrow(1, r, scope)).to.equal(7);
    expectTrap(() => table.liftOwn(1, r), 'cannot remove owned resource while borrowed');
    expectTrap(() => table.drop(1, r), 'cannot remove owned resource while borrowed');
    scope.exit();
    expect(table.drop(1, r)).to.equal(7);
  });

  it('counts a lend once per borrow, so two borrows of one handle both end with the call', () => {
    const table = new HandleTable();
    table.lowerOwn(r, 7);
    const scope = new CallScope();
    table.liftBorrow(1, r, scope);
    table.liftBorrow(1, r, scope);
    expect(table.numLends(1, r)).to.equal(2);
    expectTrap(() => table.drop(1, r), 'cannot remove owned resource while borrowed');
    scope.exit();
    expect(table.numLends(1, r)).to.equal(0);
    expect(table.drop(1, r)).to.equal(7);
  });

  it('does not lend a borrow handle again when it is passed on as a borrow', () => {
    const table = new HandleTable();
    const outer = new CallScope();
    const index = table.lowerBorrow(r, 9, outer);
    const inner = new CallScope();
    expect(table.liftBorrow(index, r, inner)).to.equal(9);
    expect(() => table.numLends(index, r)).not.to.throw();
    expect(table.drop(index, r)).to.equal(DROPPED_BORROW);
  });

  it('refuses to lift an own from a borrow handle', () => {
    const table = new HandleTable();
    const index = table.lowerBorrow(r, 9, new CallScope());
    expectTrap(() => table.liftOwn(index, r), 'cannot lift own resource from a borrow');
  });

  it('passes the rep itself when lowering a borrow into the implementing instance', () => {
    const table = new HandleTable();
    const own = new RuntimeResourceType('own', table);
    const scope = new CallScope();
    expect(table.lowerBorrow(own, 1234, scope)).to.equal(1234);
    expect(table.size).to.equal(0);
    expect(scope.numBorrows).to.equal(0);
  });

  it('traps at the end of a call whose callee kept a borrow, and not once it is dropped', () => {
    const table = new HandleTable();
    const kept = new CallScope();
    table.lowerBorrow(r, 9, kept);
    expectTrap(() => kept.exit(), 'borrow handles still remain at the end of the call');
    const dropped = new CallScope();
    const index = table.lowerBorrow(r, 10, dropped);
    expect(table.drop(index, r)).to.equal(DROPPED_BORROW);
    expect(() => dropped.exit()).not.to.throw();
  });

  it('frees the index of a dropped handle for the next one, of any kind', () => {
    const table = new HandleTable();
    const own = table.lowerOwn(r, 1);
    table.drop(own, r);
    const borrow = table.lowerBorrow(r, 2, new CallScope());
    expect(borrow).to.equal(own);
    expectTrap(() => table.liftOwn(borrow, r), 'cannot lift own resource from a borrow');
    expect(table.rep(borrow, r)).to.equal(2);
  });
});

describe('CallScope', () => {
  it('ends the host borrows it handed out, and gives back lends after a failure', () => {
    const table = new HandleTable();
    const r = new RuntimeResourceType('r', null);
    table.lowerOwn(r, 7);
    const scope = new CallScope();
    table.liftBorrow(1, r, scope);
    const hostBorrow = new HostRecord();
    scope.addHostBorrow(hostBorrow);
    scope.numBorrows = 1;
    expect(() => scope.exit()).to.throw(Trap);
    expect(table.numLends(1, r)).to.equal(0);
    expect(hostBorrow.live).to.equal(false);
  });

  it('gives back the host\'s lends from a mark, and the tables\' lends too when the call ends', () => {
    const table = new HandleTable();
    const r = new RuntimeResourceType('r', null);
    table.lowerOwn(r, 7);
    const scope = new CallScope();
    table.liftBorrow(1, r, scope);
    const outer = scope.lendHost();
    const mark = scope.lendMark;
    const inner = scope.lendHost();
    expect([scope.holdsHostLend(outer), scope.holdsHostLend(inner)]).to.deep.equal([true, true]);
    scope.releaseLendsFrom(mark);
    expect([scope.holdsHostLend(outer), scope.holdsHostLend(inner)]).to.deep.equal([true, false]);
    expect(table.numLends(1, r)).to.equal(1);
    const again = scope.lendHost();
    expect([again > inner, scope.holdsHostLend(inner), scope.holdsHostLend(again)]).to.deep.equal([true, false, true]);
    scope.release();
    expect([scope.holdsHostLend(outer), scope.holdsHostLend(again)]).to.deep.equal([false, false]);
    expect(table.numLends(1, r)).to.equal(0);
  });
});

describe('HandleTable.liftOwn', () => {
  const r = new RuntimeResourceType('r', null);

  it('refuses a lent own and a borrow, with the spec\'s messages', () => {
    const table = new HandleTable();
    const index = table.lowerOwn(r, 1);
    table.liftBorrow(index, r, new CallScope());
    expectTrap(() => table.liftOwn(index, r), 'cannot remove owned resource while borrowed');
    const borrow = table.lowerBorrow(r, 2, new CallScope());
    expectTrap(() => table.liftOwn(borrow, r), 'cannot lift own resource from a borrow');
    expect(table.size).to.equal(2);
  });
});

describe('HandleTable.liftOwn then lowerOwn, between two instances', () => {
  it('moves an own handle from one instance table to the other', () => {
    const from = new HandleTable();
    const to = new HandleTable();
    const r = new RuntimeResourceType('r', from);
    to.lowerOwn(r, 1);
    from.lowerOwn(r, 42);
    expect(to.lowerOwn(r, from.liftOwn(1, r))).to.equal(2);
    expect(to.rep(2, r)).to.equal(42);
    expect(from.size).to.equal(0);
  });

  it('leaves both tables unchanged when the handle is lent', () => {
    const from = new HandleTable();
    const to = new HandleTable();
    const r = new RuntimeResourceType('r', null);
    from.lowerOwn(r, 42);
    from.liftBorrow(1, r, new CallScope());
    expect(() => to.lowerOwn(r, from.liftOwn(1, r))).to.throw(Trap, 'cannot remove owned resource while borrowed');
    expect(to.size).to.equal(0);
    expect(from.size).to.equal(1);
  });
});

describe('HandleTable.liftBorrow then lowerBorrow, between two instances', () => {
  it('gives a non-implementing callee a borrow handle it must drop before the call ends', () => {
    const from = new HandleTable();
    const to = new HandleTable();
    const r = new RuntimeResourceType('r', null);
    from.lowerOwn(r, 42);
    const scope = new CallScope();
    const index = to.lowerBorrow(r, from.liftBorrow(1, r, scope), scope);
    expect(to.rep(index, r)).to.equal(42);
    expect(from.numLends(1, r)).to.equal(1);
    to.drop(index, r);
    scope.exit();
    expect(from.numLends(1, r)).to.equal(0);
  });

  it('gives the implementing callee the rep', () => {
    const from = new HandleTable();
    const impl = new HandleTable();
    const r = new RuntimeResourceType('r', impl);
    from.lowerOwn(r, 42);
    const scope = new CallScope();
    expect(impl.lowerBorrow(r, from.liftBorrow(1, r, scope), scope)).to.equal(42);
    expect(impl.size).to.equal(0);
    expect(() => scope.exit()).not.to.throw();
  });
});
