import { expect } from 'chai';
import { Component, Engine, Store, Trap, component } from '../../../src/index.js';
import { LENDING_WAT } from './fixtures.js';

// A method of the guest's own resource only lends the host's handle for the call (no borrow
// handle is made), which its entry counts without a call scope: these check that the lend
// still holds for the whole call, nested calls included, and ends with it.
const engine = new Engine();
const guest = Component.new(engine, LENDING_WAT);

function instantiate(hook: () => void): { store: Store; call: (name: string, ...args: unknown[]) => unknown } {
  const store = new Store(engine);
  const linker = new component.Linker(engine);
  linker.root().funcWrap('hook', () => hook());
  const instance = linker.instantiate(store, guest);
  const call = (name: string, ...args: unknown[]): unknown => {
    const func = instance.getFunc(store, name);
    if (func === null) throw new Error(`no export ${name}`);
    return func.call(store, args);
  };
  return { store, call };
}

describe('a ResourceAny lent to a method of its own guest', () => {
  it('cannot be dropped or moved by the host while the call runs, and can afterwards', () => {
    let r: component.ResourceAny | null = null;
    const failures: unknown[] = [];
    const { store, call } = instantiate(() => {
      for (const attempt of [() => r?.resourceDrop(store), () => call('poke', r)]) {
        try {
          attempt();
        } catch (error) {
          failures.push(error);
        }
      }
    });
    r = call('make', 41) as component.ResourceAny;
    expect(call('poke', r)).to.equal(41);
    // The drop traps on the lend; the nested call cannot enter the running instance.
    expect(failures).to.have.length(2);
    expect((failures[0] as Trap).message).to.equal('wasm trap: cannot remove owned resource while borrowed');
    expect((failures[1] as Trap).code).to.equal('CannotEnterComponent');
    r.resourceDrop(store);
    expect(() => call('poke', r)).to.throw(TypeError, 'already dropped or moved');
  });

  it('is given back when the call traps', () => {
    const { store, call } = instantiate(() => undefined);
    const r = call('make', 3) as component.ResourceAny;
    expect(() => call('poke-trap', r)).to.throw(Trap);
    // Dropping enters the trapped instance (no destructor runs, but may-enter is checked):
    // the lend is gone, or this would be the lend's trap instead.
    expect(() => r.resourceDrop(store)).to.throw(Trap).with.property('code', 'CannotEnterComponent');
  });

  it('stays lent to a call while a call nested in its argument conversion ends', () => {
    let r: component.ResourceAny | null = null;
    let nested = 0;
    const drops: string[] = [];
    const { store, call } = instantiate(() => {
      try {
        r?.resourceDrop(store);
        drops.push('dropped');
      } catch (error) {
        drops.push((error as Error).message);
      }
    });
    r = call('make', 10) as component.ResourceAny;
    // `n` is read after `self` was lent: its getter calls the same export first (the guest is
    // not running yet, so it may be entered), whose own lend of `r` ends before the outer
    // call reaches the guest.
    const pair = {
      self: r,
      get n(): number {
        if (nested++ === 0) call('poke-pair', { self: r, n: 1 });
        return 5;
      },
    };
    expect(call('poke-pair', pair)).to.equal(15);
    expect(drops).to.deep.equal(['wasm trap: cannot remove owned resource while borrowed', 'wasm trap: cannot remove owned resource while borrowed']);
    r.resourceDrop(store);
  });
});

describe('ResourceAny', () => {
  it('keeps its handle state to itself: no own properties, only the type and ownership to read', () => {
    const { store, call } = instantiate(() => undefined);
    const r = call('make', 5) as component.ResourceAny;
    expect(Reflect.ownKeys(r)).to.deep.equal([]);
    expect(r.owned).to.equal(true);
    expect(call('poke', r)).to.equal(5);
    r.resourceDrop(store);
    expect(() => r.resourceDrop(store)).to.throw(TypeError, 'already dropped or moved');
  });
});
