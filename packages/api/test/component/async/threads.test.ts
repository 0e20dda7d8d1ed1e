import { expect } from 'chai';
import { Component, Config, Engine, Store, Trap, component, hostJspi } from '../../../src/index.js';

const FEATURES = { componentModelAsync: true, componentModelAsyncBuiltins: true, componentModelThreading: true };

// `run` (a sync export) runs `code`; its core module has the threading built-ins, a global `$g`,
// and a function table whose element 0 is `$start` (which runs `start`, its argument in local
// 0), element 1 a function of the wrong signature and element 2 null.
function wat(code: string, start = ''): string {
  return `(component
  (core module $tbl (table (export "t") 3 funcref))
  (core instance $ti (instantiate $tbl))
  (core type $start-ty (func (param i32)))
  (alias core export $ti "t" (core table $t))
  (canon thread.index (core func $index))
  (canon thread.new-indirect $start-ty (core table $t) (core func $new))
  (canon thread.resume-later (core func $resume-later))
  (canon thread.suspend (core func $suspend))
  (canon thread.yield (core func $yield))
  (canon thread.suspend-then-resume (core func $suspend-then-resume))
  (canon thread.yield-then-resume (core func $yield-then-resume))
  (canon thread.yield-then-promote (core func $yield-then-promote))
  (canon thread.suspend-then-promote (core func $suspend-then-promote))
  (canon waitable-set.new (core func $ws-new))
  (canon waitable-set.drop (core func $ws-drop))
  (core module $m
    (import "" "index" (func $index (result i32)))
    (import "" "new" (func $new (param i32 i32) (result i32)))
    (import "" "resume-later" (func $resume-later (param i32)))
    (import "" "suspend" (func $suspend (result i32)))
    (import "" "yield" (func $yield (result i32)))
    (import "" "suspend-then-resume" (func $suspend-then-resume (param i32) (result i32)))
    (import "" "yield-then-resume" (func $yield-then-resume (param i32) (result i32)))
    (import "" "yield-then-promote" (func $yield-then-promote (param i32) (result i32)))
    (import "" "suspend-then-promote" (func $suspend-then-promote (param i32) (result i32)))
    (import "" "ws-new" (func $ws-new (result i32)))
    (import "" "ws-drop" (func $ws-drop (param i32)))
    (import "" "t" (table 3 funcref))
    (global $g (mut i32) (i32.const 0))
    (func $start (param i32) ${start})
    (func $wrong (param i32 i32))
    (elem (i32.const 0) func $start $wrong)
    (func (export "run") (result i32) (local $x i32) ${code}))
  (core instance $i (instantiate $m (with "" (instance
    (export "index" (func $index)) (export "new" (func $new)) (export "resume-later" (func $resume-later))
    (export "suspend" (func $suspend)) (export "yield" (func $yield))
    (export "suspend-then-resume" (func $suspend-then-resume)) (export "yield-then-resume" (func $yield-then-resume))
    (export "yield-then-promote" (func $yield-then-promote)) (export "suspend-then-promote" (func $suspend-then-promote))
    (export "ws-new" (func $ws-new)) (export "ws-drop" (func $ws-drop)) (export "t" (table $t))))))
  (func (export "run") (result u32) (canon lift (core func $i "run")))
)`;
}

function runTwice(code: string, start?: string): [unknown, unknown] {
  const engine = new Engine(new Config({ features: FEATURES }));
  const store = new Store(engine);
  const instance = new component.Linker(engine).instantiate(store, Component.new(engine, wat(code, start)));
  const func = instance.getFunc(store, 'run');
  if (func === null) throw new Error('no export');
  return [func.call(store, []), func.call(store, [])];
}

function run(code: string, start?: string): unknown {
  const engine = new Engine(new Config({ features: FEATURES }));
  const store = new Store(engine);
  const instance = new component.Linker(engine).instantiate(store, Component.new(engine, wat(code, start)));
  const func = instance.getFunc(store, 'run');
  if (func === null) throw new Error('no export');
  return func.call(store, []);
}

async function runAsync(code: string, start?: string): Promise<unknown> {
  const engine = new Engine(new Config({ features: FEATURES }));
  const store = new Store(engine);
  const instance = new component.Linker(engine).instantiate(store, Component.new(engine, wat(code, start)));
  const func = instance.getFunc(store, 'run');
  if (func === null) throw new Error('no export');
  return func.callAsync(store, []);
}

describe('thread.index', () => {
  it("gives the task's implicit thread the first free handle, before a waitable set made after it", () => {
    expect(run('(drop (call $index)) (i32.add (i32.mul (call $index) (i32.const 10)) (call $ws-new))')).to.equal(12);
  });

  it('frees the slot when the call returns, so the next call gets the same index', () => {
    expect(runTwice('(call $index)')).to.deep.equal([1, 1]);
  });

  it('names a handle of type thread, which other built-ins reject', () => {
    expect(() => run('(call $ws-drop (call $index)) (i32.const 0)')).to.throw(Trap, 'expected waitable set but found thread');
  });
});

describe('thread.new-indirect', () => {
  it('makes a suspended thread that yield-then-resume runs to its end with its argument', () => {
    expect(run('(drop (call $yield-then-resume (call $new (i32.const 0) (i32.const 7)))) (global.get $g)', '(global.set $g (i32.add (local.get 0) (i32.const 35)))')).to.equal(42);
  });

  it('runs the new thread as the current thread, which thread.index names', () => {
    expect(run('(local.set $x (call $new (i32.const 0) (i32.const 0))) (drop (call $yield-then-resume (local.get $x))) (i32.eq (global.get $g) (local.get $x))', '(global.set $g (call $index))')).to.equal(1);
  });

  it("frees the new thread's handle when it ends, for the next handle to reuse", () => {
    expect(run('(local.set $x (call $new (i32.const 0) (i32.const 0))) (drop (call $yield-then-resume (local.get $x))) (i32.eq (call $ws-new) (local.get $x))')).to.equal(1);
  });

  it('traps for an index past the end of the table', () => {
    expect(() => run('(call $new (i32.const 3) (i32.const 0))')).to.throw(Trap).with.property('code', 'TableOutOfBounds');
  });

  it('traps for a null table element', () => {
    expect(() => run('(call $new (i32.const 2) (i32.const 0))')).to.throw(Trap).with.property('code', 'IndirectCallToNull');
  });

  it('traps when a start function of the wrong signature starts', () => {
    expect(() => run('(call $yield-then-resume (call $new (i32.const 1) (i32.const 0)))')).to.throw(Trap, 'indirect call type mismatch');
  });
});

describe('thread.resume-later', () => {
  it('accepts a new suspended thread, which is then no longer suspended', () => {
    expect(() => run('(local.set $x (call $new (i32.const 0) (i32.const 0))) (call $resume-later (local.get $x)) (call $resume-later (local.get $x)) (i32.const 0)')).to.throw(Trap, 'is not suspended');
  });

  it('traps for the running thread', () => {
    expect(() => run('(call $resume-later (call $index)) (i32.const 0)')).to.throw(Trap, 'thread 1 is not suspended');
  });
});

describe('thread.suspend', () => {
  it('traps in a synchronous task before it returns', () => {
    expect(() => run('(call $suspend)')).to.throw(Trap, 'cannot block a synchronous task before returning');
  });
});

describe('thread.suspend-then-resume', () => {
  it('traps naming the missing stack switching when a new thread switches back to the thread below it', () => {
    expect(() => run('(call $suspend-then-resume (call $new (i32.const 0) (call $index)))', '(drop (call $suspend-then-resume (local.get 0)))')).to.throw(Trap, 'tswasm cannot switch stacks yet');
  });

  it('goes on once the new thread it switched to made it ready and ended', () => {
    expect(run('(drop (call $suspend-then-resume (call $new (i32.const 0) (call $index)))) (global.get $g)', '(call $resume-later (local.get 0)) (global.set $g (i32.const 5))')).to.equal(5);
  });
});

describe('new threads under callAsync, on fibers (skipped where the host lacks JSPI)', function () {
  before(function () {
    if (hostJspi() === null) this.skip();
  });

  it('lets a new thread switch back to the thread below it while staying suspended', async () => {
    expect(await runAsync('(drop (call $suspend-then-resume (call $new (i32.const 0) (call $index)))) (i32.const 42)', '(drop (call $suspend-then-resume (local.get 0)))')).to.equal(42);
  });

  it('still traps when a thread of a synchronous task suspends before the task returned', async () => {
    let error: unknown = null;
    await runAsync('(drop (call $suspend-then-resume (call $new (i32.const 0) (call $index)))) (i32.const 5)', '(call $resume-later (local.get 0)) (drop (call $suspend))').catch((e: unknown) => (error = e));
    expect(error).to.be.instanceOf(Trap).with.property('message').that.includes('cannot block a synchronous task before returning');
  });

  it('rejects with the Trap when a start function of the wrong signature starts on its fiber', async () => {
    let error: unknown = null;
    await runAsync('(call $yield-then-resume (call $new (i32.const 1) (i32.const 0)))').catch((e: unknown) => (error = e));
    expect(error).to.be.instanceOf(Trap).with.property('message').that.includes('indirect call type mismatch');
  });
});

describe('thread.yield-then-promote', () => {
  it('acts as a yield when the named thread is not ready', () => {
    expect(run('(call $yield-then-promote (call $new (i32.const 0) (i32.const 0)))')).to.equal(0);
  });
});

describe('thread.suspend-then-promote', () => {
  it('switches to a new thread that is ready, and goes on once that made it ready and ended', () => {
    expect(
      run('(local.set $x (call $new (i32.const 0) (call $index))) (call $resume-later (local.get $x)) (drop (call $suspend-then-promote (local.get $x))) (global.get $g)', '(call $resume-later (local.get 0)) (global.set $g (i32.const 9))'),
    ).to.equal(9);
  });

  it('falls back to a plain suspend, which traps in a synchronous task, when the thread is not ready', () => {
    expect(() => run('(call $suspend-then-promote (call $new (i32.const 0) (i32.const 0)))')).to.throw(Trap, 'cannot block a synchronous task before returning');
  });
});

describe('thread.yield', () => {
  it('returns at once in a synchronous task', () => {
    expect(run('(call $yield)')).to.equal(0);
  });
});
