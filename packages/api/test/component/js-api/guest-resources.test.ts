import { expect } from 'chai';
import { js } from '../../../src/index.js';
import { thrownBy } from './helpers.js';
import { GUEST_COUNTER_WAT } from './resource-fixtures.js';

/** A counter as JS sees it. */
interface Counter {
  get(): number;
  increment(by: number): void;
  callBack(): void;
  boom(): void;
  [Symbol.dispose](): void;
}

interface CounterClass {
  new (start: number): Counter;
  zero(): Counter;
  readonly name: string;
  readonly length: number;
  readonly prototype: Counter;
}

interface CounterExports {
  readonly Counter: CounterClass;
  readonly name: () => number;
  readonly consume: (c: unknown) => number;
  readonly sum: (a: unknown, b: unknown) => number;
  readonly peekOpt: (c: unknown) => number;
  readonly makeTwo: (v: number) => Counter[];
  readonly dtors: () => number;
  readonly last: () => number;
}

function counterExports(callback: () => void = () => {}, component = new js.Component(GUEST_COUNTER_WAT)): CounterExports {
  return new js.ComponentInstance(component, { callback }).exports as CounterExports;
}

describe('a guest resource class on the exports object', () => {
  it('is a class named after the resource, taking the constructor export\'s arguments', () => {
    const { Counter } = counterExports();
    expect(Counter.name).to.equal('Counter');
    expect(Counter.length).to.equal(1);
    const c = new Counter(5);
    expect(c).to.be.instanceOf(Counter);
    expect(Object.prototype.toString.call(c)).to.equal('[object Counter]');
    expect(() => (Counter as unknown as (v: number) => unknown)(5)).to.throw(TypeError, "cannot be invoked without 'new'");
  });

  it('has the resource\'s methods on its prototype, taking `this` as the borrowed `self`', () => {
    const { Counter } = counterExports();
    const c = new Counter(5);
    c.increment(2);
    expect(c.get()).to.equal(7);
    expect(Counter.prototype.get.length).to.equal(0);
    expect(Counter.prototype.increment.length).to.equal(1);
    expect(Object.getOwnPropertyDescriptor(Counter.prototype, 'get')).to.include({ enumerable: false, writable: true, configurable: true });
  });

  it('has static functions on the class, whose own results are new instances', () => {
    const { Counter } = counterExports();
    const z = Counter.zero();
    expect(z).to.be.instanceOf(Counter);
    expect(z.get()).to.equal(0);
  });

  it('puts a static with a reserved name on the exports object instead', () => {
    const { Counter, name } = counterExports();
    expect(Counter.name).to.equal('Counter');
    expect(name()).to.equal(42);
  });

  it('gives a subclass constructed with `new` its own prototype', () => {
    const { Counter } = counterExports();
    class Sub extends Counter {
      twice(): number {
        return this.get() * 2;
      }
    }
    expect(new Sub(4).twice()).to.equal(8);
  });

  it('is the same class for every instance of its own results, and a different one per component instance', () => {
    const component = new js.Component(GUEST_COUNTER_WAT);
    const a = counterExports(undefined, component);
    const b = counterExports(undefined, component);
    expect(a.Counter).to.not.equal(b.Counter);
    expect(a.makeTwo(1)[0]).to.be.instanceOf(a.Counter);
  });
});

describe('guest resource instances', () => {
  it('are dropped by Symbol.dispose, running the guest destructor once', () => {
    const { Counter, dtors, last } = counterExports();
    const c = new Counter(5);
    c[Symbol.dispose]();
    expect(dtors()).to.equal(1);
    expect(last()).to.equal(1);
    c[Symbol.dispose]();
    expect(dtors()).to.equal(1);
  });

  it('refuse to be used once disposed, with a TypeError that leaves the instance usable', () => {
    const { Counter, consume, dtors } = counterExports();
    const c = new Counter(5);
    c[Symbol.dispose]();
    expect(() => c.get()).to.throw(TypeError, 'this Counter was already disposed or passed on as an own');
    expect(() => consume(c)).to.throw(TypeError, 'this Counter was already disposed or passed on as an own');
    expect(new Counter(3).get()).to.equal(3);
    expect(dtors()).to.equal(1);
  });

  it('move into the guest when passed as an own, which then owns and drops them', () => {
    const { Counter, consume, dtors } = counterExports();
    const c = new Counter(9);
    expect(consume(c)).to.equal(9);
    expect(dtors()).to.equal(1);
    expect(() => c.get()).to.throw(TypeError, 'already disposed or passed on');
    c[Symbol.dispose]();
    expect(dtors()).to.equal(1);
  });

  it('are lent for the call when passed as borrows, the same one twice if need be', () => {
    const { Counter, sum, dtors } = counterExports();
    const a = new Counter(2);
    const b = new Counter(3);
    expect(sum(a, b)).to.equal(5);
    expect(sum(a, a)).to.equal(4);
    // The loans ended with the calls: disposing works.
    a[Symbol.dispose]();
    b[Symbol.dispose]();
    expect(dtors()).to.equal(2);
  });

  it('convert inside other types: an option of a borrow, a list of owns', () => {
    const { Counter, peekOpt, makeTwo } = counterExports();
    expect(peekOpt(new Counter(8))).to.equal(8);
    expect(peekOpt(undefined)).to.equal(0);
    const [x, y] = makeTwo(10);
    expect(x?.get()).to.equal(10);
    expect(y?.get()).to.equal(11);
  });

  it('cannot be disposed while lent to a call in progress', () => {
    let c: Counter | undefined;
    let error: unknown;
    const { Counter, dtors } = counterExports(() => {
      error = thrownBy(() => c?.[Symbol.dispose]());
    });
    c = new Counter(1);
    c.callBack();
    expect(error).to.be.instanceOf(TypeError);
    expect((error as Error).message).to.equal('cannot dispose this Counter while it is lent to a call');
    c[Symbol.dispose]();
    expect(dtors()).to.equal(1);
  });

  it('are refused where another class is expected, leaving the instance usable', () => {
    const component = new js.Component(GUEST_COUNTER_WAT);
    const a = counterExports(undefined, component);
    const b = counterExports(undefined, component);
    const foreign = new b.Counter(1);
    expect(() => a.consume(foreign)).to.throw(TypeError, 'expected a Counter, found an object');
    expect(() => a.Counter.prototype.get.call({})).to.throw(TypeError, 'expected a Counter, found an object');
    // `instanceof` is not the brand check.
    expect(() => a.sum(Object.create(a.Counter.prototype), new a.Counter(1))).to.throw(TypeError, 'expected a Counter');
    expect(() => a.consume(7)).to.throw(TypeError, 'expected a Counter, found a number');
    expect(a.consume(new a.Counter(4))).to.equal(4);
    expect(foreign.get()).to.equal(1);
  });

  it('lock the store down when a call traps; disposing then traps too', () => {
    const { Counter, dtors } = counterExports();
    const c = new Counter(1);
    const d = new Counter(2);
    expect(thrownBy(() => c.boom())).to.be.instanceOf(WebAssembly.RuntimeError);
    const error = thrownBy(() => d[Symbol.dispose]());
    expect(error).to.be.instanceOf(WebAssembly.RuntimeError);
    expect((error as Error).message).to.contain('locked down');
    expect(thrownBy(() => new Counter(3))).to.be.instanceOf(WebAssembly.RuntimeError);
    expect(thrownBy(() => dtors())).to.be.instanceOf(WebAssembly.RuntimeError);
  });

  it('lock the store down when the guest destructor traps', () => {
    const { Counter, dtors } = counterExports();
    const c = new Counter(666);
    const error = thrownBy(() => c[Symbol.dispose]());
    expect(error).to.be.instanceOf(WebAssembly.RuntimeError);
    expect((error as Error).cause).to.have.property('code', 'UnreachableCodeReached');
    expect(thrownBy(() => dtors())).to.be.instanceOf(WebAssembly.RuntimeError);
  });

  it('trap when disposed from inside a call into the same instance (it cannot be entered)', () => {
    let other: Counter | undefined;
    let error: unknown;
    const { Counter } = counterExports(() => {
      error = thrownBy(() => other?.[Symbol.dispose]());
    });
    other = new Counter(2);
    const c = new Counter(1);
    expect(thrownBy(() => c.callBack())).to.be.instanceOf(WebAssembly.RuntimeError);
    expect(error).to.be.instanceOf(WebAssembly.RuntimeError);
  });
});
