import { expect } from 'chai';
import { Component, Engine, Store, Trap, component } from '../../../src/index.js';
import { expectResourceTrap } from './expect-trap.js';
import { HANDLE_NUMBERING_WAT } from './fixtures.js';

const engine = new Engine();
const numbering = Component.new(engine, HANDLE_NUMBERING_WAT);

function call(name: string): unknown {
  const store = new Store(engine);
  const func = new component.Linker(engine).instantiate(store, numbering).getFunc(store, name);
  if (func === null) throw new Error(`no export ${name}`);
  return func.call(store, []);
}

describe('resource built-ins in one component instance', () => {
  it('number handles from 1 and reuse the last freed index first', () => {
    expect(call('run')).to.equal(42);
  });

  it('trap on handle 0', () => {
    expectResourceTrap(() => call('drop-zero'), 'unknown handle index 0');
  });

  it('read a handle index as unsigned', () => {
    expectResourceTrap(() => call('drop-max'), 'unknown handle index 4294967295');
  });

  it('trap on an index never allocated', () => {
    expectResourceTrap(() => call('rep-unknown'), 'unknown handle index 5');
  });
});

describe('resource built-ins during post-return', () => {
  it('let resource.rep run, since it only reads the table', () => {
    const c = Component.new(
      engine,
      `(component
        (type $R (resource (rep i32)))
        (core func $new (canon resource.new $R))
        (core func $rep (canon resource.rep $R))
        (core module $M
          (import "" "new" (func $new (param i32) (result i32)))
          (import "" "rep" (func $rep (param i32) (result i32)))
          (global $h (mut i32) (i32.const 0))
          (global $seen (mut i32) (i32.const 0))
          (func (export "f") (result i32) (global.set $h (call $new (i32.const 123))) (i32.const 5))
          (func (export "post") (param i32) (global.set $seen (call $rep (global.get $h))))
          (func (export "seen") (result i32) (global.get $seen)))
        (core instance $m (instantiate $M (with "" (instance (export "new" (func $new)) (export "rep" (func $rep))))))
        (func (export "f") (result u32) (canon lift (core func $m "f") (post-return (core func $m "post"))))
        (func (export "seen") (result u32) (canon lift (core func $m "seen"))))`,
    );
    const store = new Store(engine);
    const instance = new component.Linker(engine).instantiate(store, c);
    expect(instance.getFunc(store, 'f')?.call(store, [])).to.equal(5);
    expect(instance.getFunc(store, 'seen')?.call(store, [])).to.equal(123);
  });

  it('trap, since the instance may not call out then', () => {
    const c = Component.new(
      engine,
      `(component
        (type $R (resource (rep i32)))
        (core func $new (canon resource.new $R))
        (core module $M
          (import "" "new" (func $new (param i32) (result i32)))
          (func (export "f"))
          (func (export "post") (drop (call $new (i32.const 1)))))
        (core instance $m (instantiate $M (with "" (instance (export "new" (func $new))))))
        (func (export "f") (canon lift (core func $m "f") (post-return (core func $m "post")))))`,
    );
    const store = new Store(engine);
    const f = new component.Linker(engine).instantiate(store, c).getFunc(store, 'f');
    expect(() => f?.call(store, [])).to.throw(Trap, 'cannot leave component instance').with.property('code', 'CannotLeaveComponent');
  });
});
