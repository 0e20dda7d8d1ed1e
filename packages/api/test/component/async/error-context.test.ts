import { expect } from 'chai';
import { Component, Config, Engine, Store, Trap, component } from '../../../src/index.js';

const FEATURES = { componentModelAsync: true, componentModelAsyncBuiltins: true, componentModelErrorContext: true };

// `run` makes an error context, reads its debug message into memory at 8 and returns
// `code`'s value; `realloc` hands out address 100.
function wat(code: string): string {
  return `(component
  (core module $mem
    (memory (export "mem") 1)
    (func (export "realloc") (param i32 i32 i32 i32) (result i32) (i32.const 100)))
  (core instance $mi (instantiate $mem))
  (canon error-context.new (memory (core memory $mi "mem")) (core func $new))
  (canon error-context.debug-message (memory (core memory $mi "mem")) (realloc (core func $mi "realloc")) (core func $msg))
  (canon error-context.drop (core func $drop))
  (core module $m
    (import "" "new" (func $new (param i32 i32) (result i32)))
    (import "" "msg" (func $msg (param i32 i32)))
    (import "" "drop" (func $drop (param i32)))
    (import "" "mem" (memory 1))
    (func (export "run") (result i32) (local $e i32)
      (local.set $e (call $new (i32.const 0) (i32.const 0)))
      ${code}))
  (core instance $i (instantiate $m (with "" (instance
    (export "new" (func $new)) (export "msg" (func $msg)) (export "drop" (func $drop)) (export "mem" (memory $mi "mem"))))))
  (func (export "run") (result u32) (canon lift (core func $i "run")))
)`;
}

function run(code: string): unknown {
  const engine = new Engine(new Config({ features: FEATURES }));
  const store = new Store(engine);
  const instance = new component.Linker(engine).instantiate(store, Component.new(engine, wat(code)));
  const func = instance.getFunc(store, 'run');
  if (func === null) throw new Error('no export');
  return func.call(store, []);
}

describe('the error-context built-ins', () => {
  it('store the (empty) debug message as a string at the realloc address', () => {
    expect(run('(call $msg (local.get $e) (i32.const 8)) (i32.add (i32.load (i32.const 8)) (i32.load (i32.const 12)))')).to.equal(100);
  });

  it('drop the error context, after which its handle is unknown', () => {
    expect(() => run('(call $drop (local.get $e)) (call $drop (local.get $e)) (i32.const 0)')).to.throw(Trap, 'unknown handle index');
  });
});
