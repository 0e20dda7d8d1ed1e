import { expect } from 'chai';
import { Component, Config, Engine, Store, Trap, component, hostJspi } from '../../../src/index.js';

const ASYNC = { componentModelAsync: true, componentModelAsyncBuiltins: true, componentModelAsyncStackful: true };

// $D.run (a sync lift of an async-typed function) calls $C.blocker asynchronously; blocker
// (stackful) waits in `waitable-set.wait` for a future that $D then completes through
// $C.unblocker, and returns 42 (or traps after the wait when its argument is not 0). $D.run
// waits for blocker's subtask and returns its result. Both waits need the task to be suspended.
const WAT = `(component
  (component $C
    (core module $Memory (memory (export "mem") 1))
    (core instance $memory (instantiate $Memory))
    (core module $CM
      (import "" "mem" (memory 1))
      (import "" "task.return" (func $task.return (param i32)))
      (import "" "future.new" (func $future.new (result i64)))
      (import "" "future.read" (func $future.read (param i32 i32) (result i32)))
      (import "" "future.write" (func $future.write (param i32 i32) (result i32)))
      (import "" "waitable-set.new" (func $ws.new (result i32)))
      (import "" "waitable-set.wait" (func $ws.wait (param i32 i32) (result i32)))
      (import "" "waitable.join" (func $join (param i32 i32)))
      (global $futw (mut i32) (i32.const 0))
      (func (export "blocker") (param $trap i32)
        (local $ret64 i64) (local $futr i32) (local $ws i32)
        (local.set $ret64 (call $future.new))
        (local.set $futr (i32.wrap_i64 (local.get $ret64)))
        (global.set $futw (i32.wrap_i64 (i64.shr_u (local.get $ret64) (i64.const 32))))
        (drop (call $future.read (local.get $futr) (i32.const 0)))
        (local.set $ws (call $ws.new))
        (call $join (local.get $futr) (local.get $ws))
        (drop (call $ws.wait (local.get $ws) (i32.const 8)))
        (if (local.get $trap) (then unreachable))
        (call $task.return (i32.const 42)))
      (func (export "unblocker")
        (drop (call $future.write (global.get $futw) (i32.const 0)))))
    (type $FT (future))
    (canon task.return (result u32) (core func $task.return))
    (canon future.new $FT (core func $future.new))
    (canon future.read $FT async (memory (core memory $memory "mem")) (core func $future.read))
    (canon future.write $FT async (memory (core memory $memory "mem")) (core func $future.write))
    (canon waitable-set.new (core func $ws.new))
    (canon waitable-set.wait (memory (core memory $memory "mem")) (core func $ws.wait))
    (canon waitable.join (core func $join))
    (core instance $cm (instantiate $CM (with "" (instance
      (export "mem" (memory $memory "mem"))
      (export "task.return" (func $task.return))
      (export "future.new" (func $future.new))
      (export "future.read" (func $future.read))
      (export "future.write" (func $future.write))
      (export "waitable-set.new" (func $ws.new))
      (export "waitable-set.wait" (func $ws.wait))
      (export "waitable.join" (func $join))))))
    (func (export "blocker") async (param "trap" u32) (result u32) (canon lift (core func $cm "blocker") async))
    (func (export "unblocker") (canon lift (core func $cm "unblocker"))))
  (component $D
    (import "blocker" (func $blocker async (param "trap" u32) (result u32)))
    (import "unblocker" (func $unblocker))
    (core module $Memory (memory (export "mem") 1))
    (core instance $memory (instantiate $Memory))
    (core module $DM
      (import "" "mem" (memory 1))
      (import "" "blocker" (func $blocker (param i32 i32) (result i32)))
      (import "" "unblocker" (func $unblocker))
      (import "" "waitable-set.new" (func $ws.new (result i32)))
      (import "" "waitable-set.wait" (func $ws.wait (param i32 i32) (result i32)))
      (import "" "waitable.join" (func $join (param i32 i32)))
      (func (export "run") (param $trap i32) (result i32)
        (local $ret i32) (local $ws i32)
        (local.set $ret (call $blocker (local.get $trap) (i32.const 16)))
        (if (i32.ne (i32.and (local.get $ret) (i32.const 0xf)) (i32.const 1 (; STARTED ;))) (then unreachable))
        (call $unblocker)
        (local.set $ws (call $ws.new))
        (call $join (i32.shr_u (local.get $ret) (i32.const 4)) (local.get $ws))
        (drop (call $ws.wait (local.get $ws) (i32.const 0)))
        (i32.load (i32.const 16))))
    (canon lower (func $blocker) async (memory (core memory $memory "mem")) (core func $blocker'))
    (canon lower (func $unblocker) (core func $unblocker'))
    (canon waitable-set.new (core func $ws.new))
    (canon waitable-set.wait (memory (core memory $memory "mem")) (core func $ws.wait))
    (canon waitable.join (core func $join))
    (core instance $dm (instantiate $DM (with "" (instance
      (export "mem" (memory $memory "mem"))
      (export "blocker" (func $blocker'))
      (export "unblocker" (func $unblocker'))
      (export "waitable-set.new" (func $ws.new))
      (export "waitable-set.wait" (func $ws.wait))
      (export "waitable.join" (func $join))))))
    (func (export "run") async (param "trap" u32) (result u32) (canon lift (core func $dm "run"))))
  (instance $c (instantiate $C))
  (instance $d (instantiate $D (with "blocker" (func $c "blocker")) (with "unblocker" (func $c "unblocker"))))
  (func (export "run") (alias export $d "run"))
  (func (export "unblocker") (alias export $c "unblocker"))
)`;

function setup(features: object = ASYNC): { store: Store; engine: Engine; run: component.Func; linker: component.Linker; compiled: Component } {
  const engine = new Engine(new Config({ features }));
  const store = new Store(engine);
  const linker = new component.Linker(engine);
  const compiled = Component.new(engine, WAT);
  const run = linker.instantiate(store, compiled).getFunc(store, 'run');
  if (run === null) throw new Error('no export');
  return { store, engine, run, linker, compiled };
}

describe('component.Func.callAsync (skipped where the host lacks JSPI)', function () {
  before(function () {
    if (hostJspi() === null) this.skip();
  });

  it('suspends blocked tasks while the others go on, and resolves to the result', async () => {
    const { store, run } = setup();
    expect(await run.callAsync(store, [0])).to.equal(42);
  });

  it('runs again on the same instance after a call that returned', async () => {
    const { store, run } = setup();
    await run.callAsync(store, [0]);
    expect(await run.callAsync(store, [0])).to.equal(42);
  });

  it('rejects a second async call while one is in progress, which still completes', async () => {
    const { store, run } = setup();
    const first = run.callAsync(store, [0]);
    let error: unknown = null;
    await run.callAsync(store, [0]).catch((e: unknown) => (error = e));
    expect(error).to.be.instanceOf(TypeError).with.property('message', 'an async call into this component instance is already in progress');
    expect(await first).to.equal(42);
  });

  it('is also on TypedFunc, typed after the signature', async () => {
    const { store, run } = setup();
    const typed = run.typed(store, { params: ['u32'], result: 'u32' });
    const result: number = await typed.callAsync(store, 0);
    expect(result).to.equal(42);
  });

  it('rejects with the Trap of a task that trapped after it was resumed, leaving the store usable', async () => {
    const { store, run, linker, compiled } = setup();
    let error: unknown = null;
    await run.callAsync(store, [1]).catch((e: unknown) => (error = e));
    expect(error).to.be.instanceOf(Trap).with.property('code', 'UnreachableCodeReached');
    // The trapped instance stays unenterable, as after a sync trap; a new one in the store runs.
    const again = linker.instantiate(store, compiled).getFunc(store, 'run');
    expect(await again?.callAsync(store, [0])).to.equal(42);
  });

  it('rejects each call into an instance that trapped with CannotEnterComponent, not as still in progress', async () => {
    const { store, run } = setup();
    await run.callAsync(store, [1]).catch(() => {});
    for (let i = 0; i < 2; i++) {
      let error: unknown = null;
      await run.callAsync(store, [0]).catch((e: unknown) => (error = e));
      expect(error).to.be.instanceOf(Trap).with.property('code', 'CannotEnterComponent');
    }
  });

  it('runs an export that is not a task, resolving to its result', async () => {
    const engine = new Engine(new Config({ features: ASYNC }));
    const store = new Store(engine);
    const wat = '(component (core module $m (func (export "f") (result i32) (i32.const 7))) (core instance $i (instantiate $m)) (func (export "f") (result u32) (canon lift (core func $i "f"))))';
    const f = new component.Linker(engine).instantiate(store, Component.new(engine, wat)).getFunc(store, 'f');
    expect(await f?.callAsync(store, [])).to.equal(7);
  });

  it('refuses an engine whose Config turned the component model async feature off', () => {
    const engine = new Engine(new Config({ features: { componentModelAsync: false } }));
    const store = new Store(engine);
    const f = new component.Linker(engine).instantiate(store, Component.new(engine, '(component (core module $m (func (export "f"))) (core instance $i (instantiate $m)) (func (export "f") (canon lift (core func $i "f"))))')).getFunc(store, 'f');
    expect(() => f?.callAsync(store, [])).to.throw(TypeError, 'component model async feature');
  });
});

describe('component.Func.call of tasks that would need suspending', () => {
  it('still traps with the deadlock message (callAsync suspends them where the host has JSPI)', () => {
    const { store, run } = setup();
    expect(() => run.call(store, [0])).to.throw(Trap, 'deadlock detected: event loop cannot make further progress');
  });
});

describe('component.Func.callAsync without JSPI (skipped where the host has it)', function () {
  before(function () {
    if (hostJspi() !== null) this.skip();
  });

  it('throws a TypeError naming JSPI', () => {
    const { store, run } = setup();
    expect(() => run.callAsync(store, [0])).to.throw(TypeError, 'JSPI');
  });
});
