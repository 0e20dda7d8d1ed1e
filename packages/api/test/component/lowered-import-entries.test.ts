import { expect } from 'chai';
import { Component, Engine, Store, Trap, component } from '../../src/index.js';

const engine = new Engine();

// Two imports of one signature, each called once by `run` with its own arguments.
const TWO_ADDS = `(component
  (import "add" (func $add (param "a" u32) (param "b" u32) (result u32)))
  (import "mul" (func $mul (param "a" u32) (param "b" u32) (result u32)))
  (core func $add (canon lower (func $add)))
  (core func $mul (canon lower (func $mul)))
  (core module $m
    (import "" "add" (func $add (param i32 i32) (result i32)))
    (import "" "mul" (func $mul (param i32 i32) (result i32)))
    (func (export "run") (param i32) (result i32)
      (call $add (call $mul (local.get 0) (i32.const 3)) (i32.const 1))))
  (core instance $i (instantiate $m (with "" (instance (export "add" (func $add)) (export "mul" (func $mul))))))
  (func (export "run") (param "x" u32) (result u32) (canon lift (core func $i "run"))))`;

function instantiate(c: Component, add: (a: number, b: number) => number, mul: (a: number, b: number) => number): { store: Store; run: component.Func } {
  const store = new Store(engine);
  const linker = new component.Linker(engine);
  linker
    .root()
    .funcWrap('add', (_s, a: number, b: number) => add(a, b))
    .funcWrap('mul', (_s, a: number, b: number) => mul(a, b));
  const run = linker.instantiate(store, c).getFunc(store, 'run');
  if (run === null) throw new Error('no export run');
  return { store, run };
}

describe('compileLoweredImportEntries', () => {
  it('gives each lowering of one signature its own host function', () => {
    const c = Component.new(engine, TWO_ADDS);
    const { store, run } = instantiate(
      c,
      (a, b) => a + b,
      (a, b) => a * b,
    );
    expect(run.call(store, [5])).to.equal(16);
  });

  it('compiles once per component and serves instances with different host functions', () => {
    const c = Component.new(engine, TWO_ADDS);
    const first = instantiate(
      c,
      (a, b) => a + b,
      (a, b) => a * b,
    );
    const makers = c.loweredImportMakers();
    const second = instantiate(
      c,
      (a, b) => a - b,
      (a, b) => a + b,
    );
    expect(c.loweredImportMakers()).to.equal(makers);
    expect(makers.size).to.equal(2);
    expect(first.run.call(first.store, [5])).to.equal(16);
    expect(second.run.call(second.store, [5])).to.equal(7);
  });

  it('runs the lowerings of a component loaded from its artifact', () => {
    const c = Component.deserialize(engine, Component.new(engine, TWO_ADDS).serialize());
    const { store, run } = instantiate(
      c,
      (a, b) => a + b,
      (a, b) => a * b,
    );
    expect(run.call(store, [2])).to.equal(7);
  });

  it('passes the store first and converts the result as the signature says', () => {
    const c = Component.new(engine, TWO_ADDS);
    const store = new Store(engine);
    const linker = new component.Linker(engine);
    let seen: unknown = null;
    linker
      .root()
      .funcWrap('add', (s) => {
        seen = s;
        return 2 ** 32 - 1;
      })
      .funcWrap('mul', () => 0);
    const run = linker.instantiate(store, c).getFunc(store, 'run');
    expect(run?.call(store, [1])).to.equal(2 ** 32 - 1);
    expect(seen).to.equal(store);
  });

  it('rejects a host result outside the result type', () => {
    const c = Component.new(engine, TWO_ADDS);
    const { store, run } = instantiate(
      c,
      () => -1,
      () => 0,
    );
    expect(() => run.call(store, [1])).to.throw(TypeError, 'expected an integer in the range of u32, found -1');
  });

  it('traps with CannotLeaveComponent when called while the instance may not leave', () => {
    const c = Component.new(engine, `(component
      (import "log" (func $log (param "x" u32)))
      (core func $log (canon lower (func $log)))
      (core module $m (import "" "log" (func $log (param i32)))
        (func (export "run") (result i32) (i32.const 5))
        (func (export "post") (param i32) (call $log (local.get 0))))
      (core instance $i (instantiate $m (with "" (instance (export "log" (func $log))))))
      (func (export "run") (result u32) (canon lift (core func $i "run") (post-return (core func $i "post")))))`);
    const store = new Store(engine);
    const linker = new component.Linker(engine);
    let calls = 0;
    linker.root().funcWrap('log', () => void calls++);
    const run = linker.instantiate(store, c).getFunc(store, 'run');
    expect(() => run?.call(store, [])).to.throw(Trap).with.property('code', 'CannotLeaveComponent');
    expect(calls).to.equal(0);
  });
});

// A host import taking a borrow of a host resource the guest owns, and a number: `run(k)` gets
// an own from `make`, lends it to `read` for the call and drops it, which traps if the lend
// outlived the call.
const LENDS_TO_HOST = `(component
  (import "thing" (type $T (sub resource)))
  (import "make" (func $make (result (own $T))))
  (import "read" (func $read (param "t" (borrow $T)) (param "k" u32) (result u32)))
  (core func $make' (canon lower (func $make)))
  (core func $read' (canon lower (func $read)))
  (core func $drop (canon resource.drop $T))
  (core module $m
    (import "" "make" (func $make (result i32)))
    (import "" "read" (func $read (param i32 i32) (result i32)))
    (import "" "drop" (func $drop (param i32)))
    (func (export "run") (param $k i32) (result i32) (local $h i32) (local $v i32)
      (local.set $h (call $make))
      (local.set $v (call $read (local.get $h) (local.get $k)))
      (call $drop (local.get $h))
      (local.get $v)))
  (core instance $i (instantiate $m (with "" (instance
    (export "make" (func $make')) (export "read" (func $read')) (export "drop" (func $drop))))))
  (func (export "run") (param "k" u32) (result u32) (canon lift (core func $i "run"))))`;

describe('compileLoweredImportEntries, for a lowering that passes handles', () => {
  it('ends the call scope of a two-parameter lowering when the host returns or throws', () => {
    const c = Component.new(engine, LENDS_TO_HOST);
    let fail = true;
    const linker = new component.Linker(engine);
    linker
      .root()
      .resource('thing', component.ResourceType.host('thing'), () => {})
      .funcWrap('make', () => component.Resource.newOwn(5))
      .funcWrap('read', (_s, t: component.Resource, k: number) => {
        expect(t.owned).to.equal(false);
        if (fail) throw new Error('host failed');
        return t.rep + k;
      });
    const failing = new Store(engine);
    const first = linker.instantiate(failing, c).getFunc(failing, 'run');
    if (first === null) throw new Error('no export run');
    expect(() => first.call(failing, [1])).to.throw('host failed');
    fail = false;
    const store = new Store(engine);
    const run = linker.instantiate(store, c).getFunc(store, 'run');
    if (run === null) throw new Error('no export run');
    expect(run.call(store, [1])).to.equal(6);
    expect(run.call(store, [2])).to.equal(7);
  });
});

// `run()` gets an own from `make` and gives it to `take` with a number: no borrow, no call scope.
const GIVES_TO_HOST = `(component
  (import "thing" (type $T (sub resource)))
  (import "make" (func $make (result (own $T))))
  (import "take" (func $take (param "t" (own $T)) (param "k" u32) (result u32)))
  (core func $make' (canon lower (func $make)))
  (core func $take' (canon lower (func $take)))
  (core module $m
    (import "" "make" (func $make (result i32)))
    (import "" "take" (func $take (param i32 i32) (result i32)))
    (func (export "run") (param $k i32) (result i32)
      (call $take (call $make) (local.get $k))))
  (core instance $i (instantiate $m (with "" (instance (export "make" (func $make')) (export "take" (func $take'))))))
  (func (export "run") (param "k" u32) (result u32) (canon lift (core func $i "run"))))`;

describe('compileLoweredImportEntries, for a lowering that passes only owns', () => {
  it('moves each own to the host, call after call', () => {
    const taken: component.Resource[] = [];
    let next = 0;
    const linker = new component.Linker(engine);
    linker
      .root()
      .resource('thing', component.ResourceType.host('thing'), () => {})
      .funcWrap('make', () => component.Resource.newOwn(next++))
      .funcWrap('take', (_s, t: component.Resource, k: number) => {
        taken.push(t);
        return t.rep + k;
      });
    const store = new Store(engine);
    const run = linker.instantiate(store, Component.new(engine, GIVES_TO_HOST)).getFunc(store, 'run');
    if (run === null) throw new Error('no export run');
    expect(run.call(store, [10])).to.equal(10);
    expect(run.call(store, [10])).to.equal(11);
    expect(taken.map((t) => t.owned)).to.deep.equal([true, true]);
  });
});
