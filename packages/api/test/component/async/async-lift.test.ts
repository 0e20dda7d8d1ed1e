import { expect } from 'chai';
import { Component, Config, Engine, Store, Trap, component } from '../../../src/index.js';

const ASYNC = { componentModelAsync: true, componentModelAsyncBuiltins: true };

// A stackless export: `f` stores its argument + 1 in context slot 0 and yields (or returns
// `code`); the callback returns the slot through task.return.
function asyncWat(code: string): string {
  return `(component
  (core module $m
    (import "" "task.return" (func $tr (param i32)))
    (import "" "context.set" (func $cs (param i32)))
    (import "" "context.get" (func $cg (result i32)))
    (import "" "waitable-set.new" (func $wsn (result i32)))
    (func (export "f") (param i32) (result i32)
      (call $cs (i32.add (local.get 0) (i32.const 1)))
      ${code})
    (func (export "cb") (param i32 i32 i32) (result i32)
      (call $tr (call $cg))
      (i32.const 0)))
  (canon task.return (result u32) (core func $tr))
  (canon context.set i32 0 (core func $cs))
  (canon context.get i32 0 (core func $cg))
  (canon waitable-set.new (core func $wsn))
  (core instance $i (instantiate $m (with "" (instance
    (export "task.return" (func $tr)) (export "context.set" (func $cs))
    (export "context.get" (func $cg)) (export "waitable-set.new" (func $wsn))))))
  (func (export "run") async (param "x" u32) (result u32)
    (canon lift (core func $i "f") async (callback (core func $i "cb"))))
)`;
}

function run(code: string, arg: number): unknown {
  const engine = new Engine(new Config({ features: ASYNC }));
  const store = new Store(engine);
  const instance = new component.Linker(engine).instantiate(store, Component.new(engine, asyncWat(code)));
  const func = instance.getFunc(store, 'run');
  if (func === null) throw new Error('no export');
  return func.call(store, [arg]);
}

describe('an async-lifted export called by the host', () => {
  it('returns what the callback passed to task.return after a YIELD', () => {
    expect(run('(i32.const 1)', 41)).to.equal(42);
  });

  it('traps when the task exits without task.return', () => {
    expect(() => run('(i32.const 0)', 1)).to.throw(Trap, 'async-lifted export failed to produce a result').with.property('code', 'NoAsyncResult');
  });

  it('traps with the deadlock message when it waits on an empty waitable set', () => {
    expect(() => run('(i32.or (i32.const 2) (i32.shl (call $wsn) (i32.const 4)))', 1)).to.throw(Trap, 'deadlock detected: event loop cannot make further progress');
  });

  it('traps on an unsupported callback code', () => {
    expect(() => run('(i32.const 7)', 1)).to.throw(Trap, 'unsupported callback code');
  });

  it('says the guest was not entered after a call that returned, or one that failed before entering', () => {
    const engine = new Engine(new Config({ features: ASYNC }));
    const store = new Store(engine);
    const instance = new component.Linker(engine).instantiate(store, Component.new(engine, asyncWat('(i32.const 1)')));
    const func = instance.getFunc(store, 'run');
    if (func === null) throw new Error('no export');
    expect(func.call(store, [1])).to.equal(2);
    expect(func.enteredGuest).to.equal(false);
    expect(() => func.call(store, [])).to.throw(TypeError, 'expected 1 argument, found 0');
    expect(func.enteredGuest).to.equal(false);
    expect(func.call(store, [2])).to.equal(3);
  });

  it('says the guest was entered after it trapped', () => {
    const engine = new Engine(new Config({ features: ASYNC }));
    const store = new Store(engine);
    const instance = new component.Linker(engine).instantiate(store, Component.new(engine, asyncWat('(i32.const 7)')));
    const func = instance.getFunc(store, 'run');
    if (func === null) throw new Error('no export');
    expect(() => func.call(store, [1])).to.throw(Trap, 'unsupported callback code');
    expect(func.enteredGuest).to.equal(true);
  });
});

describe('Engine features', () => {
  it('leave the component-model async proposal off unless the Config turns it on', () => {
    expect(new Engine().features.componentModelAsync).to.equal(false);
    expect(new Engine(new Config({ features: ASYNC })).features.componentModelAsync).to.equal(true);
  });
});
