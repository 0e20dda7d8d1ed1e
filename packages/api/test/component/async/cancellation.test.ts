import { expect } from 'chai';
import { Component, Config, Engine, Store, Trap, component } from '../../../src/index.js';

const ASYNC = { componentModelAsync: true, componentModelAsyncBuiltins: true };

// `$C.f` waits on an empty waitable set and, told TASK_CANCELLED, ends with `task.cancel`;
// `$C.g` calls `task.cancel` at once. `$D.run` calls `f` with an async lower and cancels it.
const CANCEL = `(component
  (component $C
    (core module $m
      (import "" "task.cancel" (func $tc))
      (import "" "waitable-set.new" (func $wsn (result i32)))
      (func (export "f") (result i32)
        (i32.or (i32.const 2) (i32.shl (call $wsn) (i32.const 4))))
      (func (export "f-cb") (param $code i32) (param i32 i32) (result i32)
        (if (i32.ne (local.get $code) (i32.const 6)) (then unreachable))
        (call $tc)
        (i32.const 0))
      (func (export "g") (result i32)
        (call $tc)
        (i32.const 0)))
    (canon task.cancel (core func $tc))
    (canon waitable-set.new (core func $wsn))
    (core instance $i (instantiate $m (with "" (instance (export "task.cancel" (func $tc)) (export "waitable-set.new" (func $wsn))))))
    (func (export "f") async (result u32) (canon lift (core func $i "f") async (callback (core func $i "f-cb"))))
    (func (export "g") async (result u32) (canon lift (core func $i "g") async (callback (core func $i "f-cb")))))
  (component $D
    (import "f" (func $f async (result u32)))
    (core module $mem (memory (export "mem") 1))
    (core instance $mi (instantiate $mem))
    (canon lower (func $f) async (memory (core memory $mi "mem")) (core func $f'))
    (canon subtask.cancel async (core func $sc))
    (canon subtask.drop (core func $sd))
    (core module $m
      (import "" "f" (func $f (param i32) (result i32)))
      (import "" "subtask.cancel" (func $sc (param i32) (result i32)))
      (import "" "subtask.drop" (func $sd (param i32)))
      (func (export "run") (result i32) (local $ret i32) (local $sub i32)
        (local.set $ret (call $f (i32.const 8)))
        (if (i32.ne (i32.and (local.get $ret) (i32.const 0xf)) (i32.const 1)) (then unreachable))
        (local.set $sub (i32.shr_u (local.get $ret) (i32.const 4)))
        (local.set $ret (call $sc (local.get $sub)))
        (call $sd (local.get $sub))
        (local.get $ret)))
    (core instance $i (instantiate $m (with "" (instance
      (export "f" (func $f')) (export "subtask.cancel" (func $sc)) (export "subtask.drop" (func $sd))))))
    (func (export "run") (result u32) (canon lift (core func $i "run"))))
  (instance $c (instantiate $C))
  (instance $d (instantiate $D (with "f" (func $c "f"))))
  (func (export "run") (alias export $d "run"))
  (func (export "g") (alias export $c "g"))
)`;

function call(name: string): unknown {
  const engine = new Engine(new Config({ features: ASYNC }));
  const store = new Store(engine);
  const instance = new component.Linker(engine).instantiate(store, Component.new(engine, CANCEL));
  const func = instance.getFunc(store, name);
  if (func === null) throw new Error(`no export ${name}`);
  return func.call(store, []);
}

describe('subtask.cancel and task.cancel', () => {
  it('resume a waiting callee with TASK_CANCELLED, whose task.cancel resolves the subtask as CANCELLED_BEFORE_RETURNED', () => {
    expect(call('run')).to.equal(4);
  });

  it('trap when a task that was not cancelled calls task.cancel', () => {
    expect(() => call('g')).to.throw(Trap, '`task.cancel` called by a task which has not been cancelled');
  });
});
