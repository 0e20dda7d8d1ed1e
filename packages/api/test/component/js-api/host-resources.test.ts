import { expect } from 'chai';
import { js } from '../../../src/index.js';
import { thrownBy } from './helpers.js';
import { GUEST_COUNTER_WAT, HOST_THING_WAT } from './resource-fixtures.js';

type Fn = (...args: unknown[]) => unknown;

/** What the host's `Thing` class saw. */
interface Log {
  readonly constructed: number[];
  readonly gets: unknown[];
  readonly disposed: unknown[];
}

// A host class for `thing`: `get` reads `v`, and the class's own `Symbol.dispose` (which
// JS-Reference.md captures from the constructor) records the object it is called on.
function thingClass(log: Log, dispose: (self: unknown) => void = (self) => log.disposed.push(self)): new (v: number) => { v: number } {
  return class Thing {
    v: number;
    constructor(v: number) {
      this.v = v;
      log.constructed.push(v);
    }
    get(): number {
      log.gets.push(this);
      return this.v;
    }
    static zero(): Thing {
      return new this(0);
    }
    static [Symbol.dispose](this: unknown): void {
      dispose(this);
    }
  };
}

function thingExports(Thing: unknown): Record<string, Fn> {
  return new js.ComponentInstance(new js.Component(HOST_THING_WAT), { Thing }).exports as Record<string, Fn>;
}

function newLog(): Log {
  return { constructed: [], gets: [], disposed: [] };
}

describe('a host class satisfying a resource type import', () => {
  it('is constructed by `[constructor]`, called by `[method]` with `this` the object, disposed on drop', () => {
    const log = newLog();
    const { roundtrip } = thingExports(thingClass(log));
    expect(roundtrip?.(7)).to.equal(7);
    expect(log.constructed).to.deep.equal([7]);
    expect(log.gets).to.have.length(1);
    expect(log.disposed).to.deep.equal(log.gets);
  });

  it('has its `[static]` functions called with `this` the class', () => {
    const log = newLog();
    const { fromZero } = thingExports(thingClass(log));
    expect(fromZero?.()).to.equal(0);
    expect(log.constructed).to.deep.equal([0]);
  });

  it('gets back the same object the guest was given as an own, without a dispose', () => {
    const log = newLog();
    const Thing = thingClass(log);
    const { hold, give } = thingExports(Thing);
    const t = new Thing(3);
    hold?.(t);
    expect(give?.()).to.equal(t);
    expect(log.disposed).to.deep.equal([]);
  });

  it('is disposed when the guest drops an own the host gave it', () => {
    const log = newLog();
    const Thing = thingClass(log);
    const { hold, dropHeld } = thingExports(Thing);
    const t = new Thing(3);
    hold?.(t);
    dropHeld?.();
    expect(log.disposed).to.deep.equal([t]);
  });

  it('lends an object passed as a borrow for the call, and does not dispose it', () => {
    const log = newLog();
    const Thing = thingClass(log);
    const { peek } = thingExports(Thing);
    const t = new Thing(4);
    expect(peek?.(t)).to.equal(4);
    expect(peek?.(t)).to.equal(4);
    expect(log.gets).to.deep.equal([t, t]);
    expect(log.disposed).to.deep.equal([]);
  });

  it('brand-checks with `instanceof`: a subclass passes, another object is a TypeError that leaves the instance usable', () => {
    const log = newLog();
    const Thing = thingClass(log);
    const { hold, peek } = thingExports(Thing);
    expect(() => hold?.({ v: 1 })).to.throw(TypeError, 'expected an instance of Thing for resource `Thing`, found an object');
    expect(() => peek?.(5)).to.throw(TypeError, 'found a number');
    class Sub extends Thing {}
    expect(peek?.(new Sub(6))).to.equal(6);
  });

  it('traps and locks the store down when the guest keeps a borrow past the call', () => {
    const log = newLog();
    const Thing = thingClass(log);
    const { keepBorrow, peek } = thingExports(Thing);
    const error = thrownBy(() => keepBorrow?.(new Thing(1)));
    expect(error).to.be.instanceOf(WebAssembly.RuntimeError);
    expect((error as Error).message).to.contain('borrow handles still remain at the end of the call');
    expect(thrownBy(() => peek?.(new Thing(1)))).to.be.instanceOf(WebAssembly.RuntimeError);
  });

  it('traps and locks the store down when its Symbol.dispose throws', () => {
    const log = newLog();
    const boom = new Error('boom');
    const { roundtrip } = thingExports(thingClass(log, () => {
      throw boom;
    }));
    const error = thrownBy(() => roundtrip?.(1));
    expect(error).to.be.instanceOf(WebAssembly.RuntimeError);
    expect((error as Error).cause).to.equal(boom);
    expect(thrownBy(() => roundtrip?.(1))).to.be.instanceOf(WebAssembly.RuntimeError);
  });

  it('needs no Symbol.dispose: the object is only let go', () => {
    class Plain {
      get(): number {
        return 9;
      }
      static zero(): Plain {
        return new Plain();
      }
    }
    const { hold, dropHeld, peek } = thingExports(Plain);
    hold?.(new Plain());
    dropHeld?.();
    expect(peek?.(new Plain())).to.equal(9);
  });

  it('traps when a method import throws, since its result is not a `result`', () => {
    class Failing {
      get(): number {
        throw new Error('no');
      }
      static zero(): Failing {
        return new Failing();
      }
    }
    const error = thrownBy(() => thingExports(Failing).peek?.(new Failing()));
    expect(error).to.be.instanceOf(WebAssembly.RuntimeError);
    expect((error as Error).message).to.equal('imports.Thing.prototype.get threw an exception');
  });

  it('is a LinkError naming the property when it is not a constructor, or lacks a member', () => {
    const link = (Thing: unknown): unknown => thrownBy(() => thingExports(Thing));
    const notClass = link(5);
    expect(notClass).to.be.instanceOf(WebAssembly.LinkError);
    expect((notClass as Error).message).to.equal('imports.Thing must be a constructor for a resource type, found a number');
    const noMethod = link(class {
      static zero(): void {}
    });
    expect(noMethod).to.be.instanceOf(WebAssembly.LinkError);
    expect((noMethod as Error).message).to.equal('imports.Thing.prototype.get must be a function, found undefined');
    const arrow = Object.assign(() => {}, { prototype: { get() {} }, zero() {} });
    const notConstructor = link(arrow);
    expect(notConstructor).to.be.instanceOf(WebAssembly.LinkError);
    expect((notConstructor as Error).message).to.equal('imports.Thing must be a constructor');
  });
});

describe('a transparent resource type import', () => {
  it('is not read from the imports object: it is the resource it equals', () => {
    const wat = '(component (import "a" (type $a (sub resource))) (import "b" (type (eq $a))))';
    let reads = 0;
    const imports = {
      get A(): unknown {
        reads++;
        return class {};
      },
      get B(): unknown {
        throw new Error('`b` was read');
      },
    };
    expect(() => new js.ComponentInstance(new js.Component(wat), imports)).to.not.throw();
    expect(reads).to.equal(1);
  });
});

describe('a guest resource class passed to another component instance as a resource import', () => {
  it('is constructed and called through the first instance, and brand-checked by its slot', () => {
    const counters = new js.ComponentInstance(new js.Component(GUEST_COUNTER_WAT), { callback: () => {} }).exports as { Counter: new (v: number) => object; dtors: () => number };
    const { roundtrip, fromZero, peek, hold } = thingExports(counters.Counter);
    // `new Counter(5)`, `Counter.zero()` and `counter.get()` run in the first instance.
    expect(roundtrip?.(5)).to.equal(5);
    expect(fromZero?.()).to.equal(0);
    // The class has no static Symbol.dispose, so the second instance's drops let go only.
    expect(counters.dtors()).to.equal(0);
    expect(peek?.(new counters.Counter(8))).to.equal(8);
    // An object with the class's prototype but no slot is refused.
    expect(() => hold?.(Object.create(counters.Counter.prototype))).to.throw(TypeError, 'expected an instance of Counter');
  });
});
