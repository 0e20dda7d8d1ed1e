import { expect } from 'chai';
import { Component, Engine, Store, Trap, component } from '../../../src/index.js';
import { expectResourceTrap } from './expect-trap.js';

const engine = new Engine();

// C defines resources r and s and implements them; E only imports r; D (the caller) imports
// both and calls them through fused adapters. C and E are D's siblings in the outer component.
const COMPOSITION = `(component
  (component $C
    (type $r (resource (rep i32)))
    (type $s (resource (rep i32)))
    (export $R "r" (type $r))
    (export $S "s" (type $s))
    (core func $new (canon resource.new $r))
    (core func $rep (canon resource.rep $r))
    (core func $snew (canon resource.new $s))
    (core module $m
      (import "" "new" (func $new (param i32) (result i32)))
      (import "" "rep" (func $rep (param i32) (result i32)))
      (import "" "snew" (func $snew (param i32) (result i32)))
      (func (export "make") (param i32) (result i32) (call $new (local.get 0)))
      (func (export "make-s") (param i32) (result i32) (call $snew (local.get 0)))
      (func (export "get") (param i32) (result i32) (local.get 0))
      (func (export "consume") (param i32) (result i32) (call $rep (local.get 0))))
    (core instance $i (instantiate $m (with "" (instance (export "new" (func $new)) (export "rep" (func $rep)) (export "snew" (func $snew))))))
    (func (export "make") (param "v" u32) (result (own $R)) (canon lift (core func $i "make")))
    (func (export "make-s") (param "v" u32) (result (own $S)) (canon lift (core func $i "make-s")))
    (func (export "get") (param "x" (borrow $R)) (result u32) (canon lift (core func $i "get")))
    (func (export "consume") (param "x" (own $R)) (result u32) (canon lift (core func $i "consume"))))
  (component $E
    (import "r" (type $r (sub resource)))
    (core func $drop (canon resource.drop $r))
    (core module $m
      (import "" "drop" (func $drop (param i32)))
      (func (export "peek") (param i32) (result i32) (call $drop (local.get 0)) (local.get 0))
      (func (export "keep") (param i32) (result i32) (local.get 0)))
    (core instance $i (instantiate $m (with "" (instance (export "drop" (func $drop))))))
    (func (export "peek") (param "x" (borrow $r)) (result u32) (canon lift (core func $i "peek")))
    (func (export "keep") (param "x" (borrow $r)) (result u32) (canon lift (core func $i "keep"))))
  (component $D
    (import "r" (type $r (sub resource)))
    (import "s" (type $s (sub resource)))
    (import "make" (func $make (param "v" u32) (result (own $r))))
    (import "make-s" (func $make-s (param "v" u32) (result (own $s))))
    (import "get" (func $get (param "x" (borrow $r)) (result u32)))
    (import "consume" (func $consume (param "x" (own $r)) (result u32)))
    (import "peek" (func $peek (param "x" (borrow $r)) (result u32)))
    (import "keep" (func $keep (param "x" (borrow $r)) (result u32)))
    (core func $make' (canon lower (func $make)))
    (core func $make-s' (canon lower (func $make-s)))
    (core func $get' (canon lower (func $get)))
    (core func $consume' (canon lower (func $consume)))
    (core func $peek' (canon lower (func $peek)))
    (core func $keep' (canon lower (func $keep)))
    (core func $drop (canon resource.drop $r))
    (core module $m
      (import "" "make" (func $make (param i32) (result i32)))
      (import "" "make-s" (func $make-s (param i32) (result i32)))
      (import "" "get" (func $get (param i32) (result i32)))
      (import "" "consume" (func $consume (param i32) (result i32)))
      (import "" "peek" (func $peek (param i32) (result i32)))
      (import "" "keep" (func $keep (param i32) (result i32)))
      (import "" "drop" (func $drop (param i32)))
      (global $h (mut i32) (i32.const 0))
      (func (export "make") (param i32) (result i32) (global.set $h (call $make (local.get 0))) (global.get $h))
      (func (export "get") (result i32) (call $get (global.get $h)))
      (func (export "consume") (result i32) (call $consume (global.get $h)))
      (func (export "peek") (result i32) (call $peek (global.get $h)))
      (func (export "keep") (result i32) (call $keep (global.get $h)))
      (func (export "drop") (call $drop (global.get $h)))
      (func (export "consume-s") (result i32) (call $consume (call $make-s (i32.const 3)))))
    (core instance $i (instantiate $m (with "" (instance
      (export "make" (func $make')) (export "make-s" (func $make-s')) (export "get" (func $get'))
      (export "consume" (func $consume')) (export "peek" (func $peek')) (export "keep" (func $keep'))
      (export "drop" (func $drop))))))
    (func (export "make") (param "v" u32) (result u32) (canon lift (core func $i "make")))
    (func (export "get") (result u32) (canon lift (core func $i "get")))
    (func (export "consume") (result u32) (canon lift (core func $i "consume")))
    (func (export "peek") (result u32) (canon lift (core func $i "peek")))
    (func (export "keep") (result u32) (canon lift (core func $i "keep")))
    (func (export "drop") (canon lift (core func $i "drop")))
    (func (export "consume-s") (result u32) (canon lift (core func $i "consume-s"))))
  (instance $c (instantiate $C))
  (instance $e (instantiate $E (with "r" (type $c "r"))))
  (instance $d (instantiate $D
    (with "r" (type $c "r")) (with "s" (type $c "s"))
    (with "make" (func $c "make")) (with "make-s" (func $c "make-s")) (with "get" (func $c "get"))
    (with "consume" (func $c "consume")) (with "peek" (func $e "peek")) (with "keep" (func $e "keep"))))
  (export "make" (func $d "make"))
  (export "get" (func $d "get"))
  (export "consume" (func $d "consume"))
  (export "peek" (func $d "peek"))
  (export "keep" (func $d "keep"))
  (export "drop" (func $d "drop"))
  (export "consume-s" (func $d "consume-s")))`;

const composed = Component.new(engine, COMPOSITION);

function instantiate(): (name: string, ...args: unknown[]) => unknown {
  const store = new Store(engine);
  const instance = new component.Linker(engine).instantiate(store, composed);
  return (name, ...args) => {
    const func = instance.getFunc(store, name);
    if (func === null) throw new Error(`no export ${name}`);
    const result = func.call(store, args);
    func.postReturn(store);
    return result;
  };
}

describe('resource handles through fused adapters', () => {
  it("moves an own result into the caller's table, as a new handle there", () => {
    const call = instantiate();
    // D's table is empty: the handle C returned becomes D's handle 1, and then 2.
    expect(call('make', 42)).to.equal(1);
    expect(call('make', 43)).to.equal(2);
  });

  it('lends a borrow to the implementing callee, which receives the rep', () => {
    const call = instantiate();
    call('make', 42);
    expect(call('get')).to.equal(42);
    expect(call('get')).to.equal(42);
  });

  it("moves an own param out of the caller's table, so the handle is gone afterwards", () => {
    const call = instantiate();
    call('make', 7);
    expect(call('consume')).to.equal(7);
    expectResourceTrap(() => call('get'), 'unknown handle index 1');
  });

  it('gives a callee that does not implement the type a borrow handle, counted in the call', () => {
    const call = instantiate();
    call('make', 9);
    // E drops its borrow handle (its index 1) before returning; the lend then ends, so the
    // own handle can move afterwards.
    expect(call('peek')).to.equal(1);
    expect(call('peek')).to.equal(1);
    expect(call('consume')).to.equal(9);
  });

  it('traps when the callee keeps a borrow past the end of the call', () => {
    const call = instantiate();
    call('make', 9);
    expectResourceTrap(() => call('keep'), 'borrow handles still remain at the end of the call');
  });

  it('traps on a handle the caller dropped', () => {
    const call = instantiate();
    call('make', 9);
    call('drop');
    expectResourceTrap(() => call('get'), 'unknown handle index 1');
  });

  it('traps on a handle of another resource type', () => {
    const call = instantiate();
    expectResourceTrap(() => call('consume-s'), 'handle index 1 used with the wrong type, expected guest-defined resource but found a different guest-defined resource');
  });
});

describe('calls between a component instance and its parent or child', () => {
  it('trap when a parent calls its child through an adapter', () => {
    const c = Component.new(
      engine,
      `(component
        (component $Child
          (core module $m (func (export "f")))
          (core instance $i (instantiate $m))
          (func (export "f") (canon lift (core func $i "f"))))
        (instance $child (instantiate $Child))
        (core func $f (canon lower (func $child "f")))
        (core module $m (import "" "f" (func $f)) (func (export "g") (call $f)))
        (core instance $i (instantiate $m (with "" (instance (export "f" (func $f))))))
        (func (export "g") (canon lift (core func $i "g"))))`,
    );
    const store = new Store(engine);
    const g = new component.Linker(engine).instantiate(store, c).getFunc(store, 'g');
    expect(() => g?.call(store, [])).to.throw(Trap).with.property('code', 'CannotEnterComponent');
  });

  it('trap when a child calls its parent through an adapter', () => {
    const c = Component.new(
      engine,
      `(component
        (core module $inner (func (export "f")))
        (core instance $inner (instantiate $inner))
        (func $f (canon lift (core func $inner "f")))
        (component $Child
          (import "f" (func $f))
          (core func $f' (canon lower (func $f)))
          (core module $m (import "" "f" (func $f)) (func (export "g") (call $f)))
          (core instance $i (instantiate $m (with "" (instance (export "f" (func $f'))))))
          (func (export "g") (canon lift (core func $i "g"))))
        (instance $child (instantiate $Child (with "f" (func $f))))
        (export "g" (func $child "g")))`,
    );
    const store = new Store(engine);
    const g = new component.Linker(engine).instantiate(store, c).getFunc(store, 'g');
    expect(() => g?.call(store, [])).to.throw(Trap, 'cannot enter component instance');
  });

  it('run between siblings', () => {
    const call = instantiate();
    expect(call('make', 5)).to.equal(1);
  });
});
