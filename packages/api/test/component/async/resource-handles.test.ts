import { expect } from 'chai';
import { Component, Config, Engine, Store, Trap, component } from '../../../src/index.js';

const ASYNC = { componentModelAsync: true, componentModelAsyncBuiltins: true };

// $C implements R (its `R-rep` gives the rep of a borrow). $D takes handles of R in async-lifted (stackless) exports: `hold` keeps its
// borrow, `release` drops it, `take` stores its own handle's index, `rep-of` gives the rep of
// the handle `take` got. $E makes an R and calls them with synchronous lowers.
const WAT = `(component
  (component $C
    (type $R' (resource (rep i32)))
    (canon resource.new $R' (core func $new))
    (core module $CM (func (export "id") (param i32) (result i32) (local.get 0)))
    (core instance $cm (instantiate $CM))
    (export $R "R" (type $R'))
    (func (export "R-new") (param "rep" u32) (result (own $R)) (canon lift (core func $new)))
    (func (export "R-rep") (param "self" (borrow $R)) (result u32) (canon lift (core func $cm "id"))))
  (component $D
    (import "c" (instance $c
      (export "R" (type $R (sub resource)))
      (export "R-rep" (func (param "self" (borrow $R)) (result u32)))))
    (alias export $c "R" (type $R))
    (core module $DM
      (import "" "task.return" (func $tr (param i32)))
      (import "" "rep" (func $rep (param i32) (result i32)))
      (import "" "drop" (func $drop (param i32)))
      (global $taken (mut i32) (i32.const 0))
      (func (export "hold") (param i32) (result i32) (call $tr (i32.const 1)) (i32.const 0))
      (func (export "release") (param i32) (result i32) (call $drop (local.get 0)) (call $tr (i32.const 2)) (i32.const 0))
      (func (export "take") (param i32) (result i32) (global.set $taken (local.get 0)) (call $tr (i32.const 3)) (i32.const 0))
      (func (export "rep-of") (result i32) (call $rep (global.get $taken)))
      (func (export "cb") (param i32 i32 i32) (result i32) unreachable))
    (canon task.return (result u32) (core func $tr))
    (canon lower (func $c "R-rep") (core func $rep))
    (canon resource.drop $R (core func $drop))
    (core instance $dm (instantiate $DM (with "" (instance
      (export "task.return" (func $tr)) (export "rep" (func $rep)) (export "drop" (func $drop))))))
    (func (export "hold") async (param "r" (borrow $R)) (result u32)
      (canon lift (core func $dm "hold") async (callback (core func $dm "cb"))))
    (func (export "release") async (param "r" (borrow $R)) (result u32)
      (canon lift (core func $dm "release") async (callback (core func $dm "cb"))))
    (func (export "take") async (param "r" (own $R)) (result u32)
      (canon lift (core func $dm "take") async (callback (core func $dm "cb"))))
    (func (export "rep-of") (result u32) (canon lift (core func $dm "rep-of"))))
  (component $E
    (import "c" (instance $c
      (export "R" (type $R (sub resource)))
      (export "R-new" (func (param "rep" u32) (result (own $R))))))
    (alias export $c "R" (type $R))
    (import "d" (instance $d
      (export "hold" (func async (param "r" (borrow $R)) (result u32)))
      (export "release" (func async (param "r" (borrow $R)) (result u32)))
      (export "take" (func async (param "r" (own $R)) (result u32)))
      (export "rep-of" (func (result u32)))))
    (core module $EM
      (import "" "R-new" (func $new (param i32) (result i32)))
      (import "" "drop" (func $drop (param i32)))
      (import "" "hold" (func $hold (param i32) (result i32)))
      (import "" "release" (func $release (param i32) (result i32)))
      (import "" "take" (func $take (param i32) (result i32)))
      (import "" "rep-of" (func $rep-of (result i32)))
      (func (export "run-hold") (result i32) (call $hold (call $new (i32.const 7))))
      (func (export "run-release") (result i32)
        (local $h i32)
        (local.set $h (call $new (i32.const 7)))
        (drop (call $release (local.get $h)))
        ;; the lend ended with the call: the own handle can be dropped
        (call $drop (local.get $h))
        (i32.const 2))
      (func (export "run-take") (result i32)
        (drop (call $take (call $new (i32.const 42))))
        (call $rep-of))
      (func (export "run-take-twice") (result i32)
        (local $h i32)
        (local.set $h (call $new (i32.const 42)))
        (drop (call $take (local.get $h)))
        (call $take (local.get $h))))
    (canon lower (func $c "R-new") (core func $new))
    (canon resource.drop $R (core func $drop))
    (canon lower (func $d "hold") (core func $hold))
    (canon lower (func $d "release") (core func $release))
    (canon lower (func $d "take") (core func $take))
    (canon lower (func $d "rep-of") (core func $rep-of))
    (core instance $em (instantiate $EM (with "" (instance
      (export "R-new" (func $new)) (export "drop" (func $drop)) (export "hold" (func $hold))
      (export "release" (func $release)) (export "take" (func $take)) (export "rep-of" (func $rep-of))))))
    (func (export "run-hold") (result u32) (canon lift (core func $em "run-hold")))
    (func (export "run-release") (result u32) (canon lift (core func $em "run-release")))
    (func (export "run-take") (result u32) (canon lift (core func $em "run-take")))
    (func (export "run-take-twice") (result u32) (canon lift (core func $em "run-take-twice"))))
  (instance $c (instantiate $C))
  (instance $d (instantiate $D (with "c" (instance $c))))
  (instance $e (instantiate $E (with "c" (instance $c)) (with "d" (instance $d))))
  (func (export "run-hold") (alias export $e "run-hold"))
  (func (export "run-release") (alias export $e "run-release"))
  (func (export "run-take") (alias export $e "run-take"))
  (func (export "run-take-twice") (alias export $e "run-take-twice"))
)`;

function call(name: string): unknown {
  const engine = new Engine(new Config({ features: ASYNC }));
  const store = new Store(engine);
  const instance = new component.Linker(engine).instantiate(store, Component.new(engine, WAT));
  const func = instance.getFunc(store, name);
  if (func === null) throw new Error(`no export ${name}`);
  return func.call(store, []);
}

describe('resource handles in calls under the async ABI', () => {
  it('lends a borrow that the async callee drops, and gives the lend back when the call resolves', () => {
    expect(call('run-release')).to.equal(2);
  });

  it('traps at task.return when the async callee kept a borrow', () => {
    expect(() => call('run-hold')).to.throw(Trap, 'borrow handles still remain at the end of the call');
  });

  it('moves an own handle into the async callee, which keeps the rep', () => {
    expect(call('run-take')).to.equal(42);
  });

  it('takes the moved own handle out of the caller table', () => {
    expect(() => call('run-take-twice')).to.throw(Trap, 'unknown handle index');
  });
});

describe('an async-lifted export taking a resource handle from the host', () => {
  it('is refused with a TypeError naming what is missing', () => {
    const wat = `(component
      (type $R' (resource (rep i32)))
      (export $R "R" (type $R'))
      (core module $m
        (func (export "f") (param i32) (result i32) (i32.const 0))
        (func (export "cb") (param i32 i32 i32) (result i32) (i32.const 0)))
      (core instance $i (instantiate $m))
      (func (export "f") async (param "r" (own $R)) (canon lift (core func $i "f") async (callback (core func $i "cb")))))`;
    const engine = new Engine(new Config({ features: ASYNC }));
    const store = new Store(engine);
    const instance = new component.Linker(engine).instantiate(store, Component.new(engine, wat));
    expect(() => instance.getFunc(store, 'f')).to.throw(TypeError, 'resource handles in calls from the host under the async ABI are not supported yet');
  });
});
