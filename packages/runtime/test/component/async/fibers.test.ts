import { expect } from 'chai';
import { parse } from '@bytecodealliance/jco';
import type { RuntimeComponentInstanceIndex, ValType } from '@tswasm/environ';
import { AsyncScheduler } from '../../../src/component/async/async-scheduler.js';
import { FiberFailure } from '../../../src/component/async/fiber.js';
import { hostJspi } from '../../../src/component/async/jspi.js';
import { entryGlueBytes } from '../../../src/component/async/suspension-glue.js';
import { Task } from '../../../src/component/async/task.js';
import { HandleTable } from '../../../src/component/resources/handle-table.js';
import { Trap } from '../../../src/trap/trap.js';

const I0 = 0 as RuntimeComponentInstanceIndex;
const I32 = 0x7f as ValType;

// A core function `run(x)`: `block(x)` through the imported built-in, then `x + 100`; `trap`
// calls it and then traps.
const CORE = `(module
  (import "" "block" (func $block (param i32) (result i32)))
  (func (export "run") (param i32) (result i32) (i32.add (call $block (local.get 0)) (i32.const 100)))
  (func (export "trap") (param i32) (result i32) (drop (call $block (local.get 0))) unreachable))`;

async function wat(text: string): Promise<Uint8Array<ArrayBuffer>> {
  return Uint8Array.from(await parse(text));
}

interface Setup {
  readonly sched: AsyncScheduler;
  readonly run: (...flat: unknown[]) => Promise<unknown>;
  readonly trap: (...flat: unknown[]) => Promise<unknown>;
  // What the built-in waits for: it blocks until `open` is set, then returns `value * 2`.
  readonly gate: { open: boolean };
}

async function setup(): Promise<Setup> {
  const sched = new AsyncScheduler(() => new HandleTable());
  const glue = sched.glue;
  if (glue === null) throw new Error('no JSPI');
  const gate = { open: false };
  const block = glue.blocking((value: number) => sched.block(() => gate.open, () => value * 2, true), { kind: 'func', params: [I32], results: [I32] });
  const exports = new WebAssembly.Instance(new WebAssembly.Module(await wat(CORE)), { '': { block } }).exports as Record<string, Function>;
  const type = { kind: 'func' as const, params: [I32], results: [I32] };
  return { sched, gate, run: glue.entry(exports.run as Function, type), trap: glue.entry(exports.trap as Function, type) };
}

function stackfulTask(): Task {
  const task = new Task(I0, true, null, () => {});
  task.asyncLift = true;
  return task;
}

describe('entryGlueBytes', () => {
  it('makes a module whose `run` calls `f` and hands its result to `done`', () => {
    let got: unknown = null;
    const f = (a: number, b: bigint): number => a + Number(b);
    const module = new WebAssembly.Module(entryGlueBytes([I32, 0x7e as ValType], [I32]));
    const { run } = new WebAssembly.Instance(module, { '': { f, done: (v: number) => (got = v) } }).exports as { run: (a: number, b: bigint) => void };
    run(2, 3n);
    expect(got).to.equal(5);
  });
});

describe('AsyncScheduler fibers (skipped where the host lacks JSPI)', function () {
  before(function () {
    if (hostJspi() === null) this.skip();
  });

  it('returns at once from a fiber whose code does not block', async () => {
    const { sched, run, gate } = await setup();
    gate.open = true;
    let result: unknown = null;
    sched.beginAsyncCall();
    sched.runOnFiber(stackfulTask(), null, run, [4], (value) => (result = value));
    sched.endAsyncCall();
    expect(result).to.equal(108);
  });

  it('suspends a blocked fiber and resumes it from the async loop once it may go on', async () => {
    const { sched, run, gate } = await setup();
    let result: unknown = null;
    sched.beginAsyncCall();
    sched.runOnFiber(stackfulTask(), null, run, [5], (value) => (result = value));
    expect(result).to.equal(null);
    // A parked (yielding) stackless task opens the gate when the loop resumes it.
    const opener = new Task(I0, true, () => {
      gate.open = true;
      sched.current(I0).resolve(undefined);
      return 0;
    }, () => {});
    sched.startStackless(opener, () => 1);
    await sched.runUntilAsync(() => result !== null);
    sched.endAsyncCall();
    expect(result).to.equal(110);
  });

  it('fails the async loop with deadlock when a suspended fiber can never go on', async () => {
    const { sched, run } = await setup();
    sched.beginAsyncCall();
    sched.runOnFiber(stackfulTask(), null, run, [1], () => {});
    let error: unknown = null;
    await sched.runUntilAsync(() => false).catch((e: unknown) => (error = e));
    sched.endAsyncCall();
    expect(error).to.be.instanceOf(Trap).with.property('message').that.includes('deadlock detected');
  });

  it('reports the trap of a fiber that trapped after it was resumed, and stays usable', async () => {
    const { sched, run, trap, gate } = await setup();
    sched.beginAsyncCall();
    sched.runOnFiber(stackfulTask(), null, trap, [1], () => {});
    gate.open = true;
    let error: unknown = null;
    await sched.runUntilAsync(() => false).catch(async (e: unknown) => (error = await sched.asyncCallFailed(e)));
    expect(error).to.be.instanceOf(WebAssembly.RuntimeError);
    // A new fiber of the same scheduler runs as before.
    let result: unknown = null;
    sched.runOnFiber(stackfulTask(), null, run, [2], (value) => (result = value));
    await sched.runUntilAsync(() => result !== null);
    sched.endAsyncCall();
    expect(result).to.equal(104);
  });

  it('throws FiberFailure for a fiber that fails before it suspends, and reports its error', async () => {
    const { sched, gate } = await setup();
    gate.open = true;
    const glue = sched.glue;
    if (glue === null) throw new Error('no JSPI');
    const module = new WebAssembly.Module(await wat('(module (func (export "f") (param i32) (result i32) unreachable))'));
    const f = (new WebAssembly.Instance(module).exports as Record<string, Function>).f as Function;
    const entry = glue.entry(f, { kind: 'func', params: [I32], results: [I32] });
    sched.beginAsyncCall();
    let thrown: unknown = null;
    try {
      sched.runOnFiber(stackfulTask(), null, entry, [0], () => {});
    } catch (e) {
      thrown = e;
    }
    expect(thrown).to.be.instanceOf(FiberFailure);
    const error = await sched.asyncCallFailed(thrown);
    sched.endAsyncCall();
    expect(error).to.be.instanceOf(WebAssembly.RuntimeError).with.property('message', 'unreachable');
  });

  it('falls back to blocking on the JS stack when the caller is not on a fiber', async () => {
    const { sched, gate } = await setup();
    const glue = sched.glue;
    if (glue === null) throw new Error('no JSPI');
    // Outside any fiber, the glue's `wait` cannot suspend: `waitSync` runs tasks until ready.
    const block = glue.blocking((value: number) => sched.block(() => gate.open, () => value * 3, true), { kind: 'func', params: [I32], results: [I32] }) as (v: number) => number;
    const opener = new Task(I0, true, () => {
      gate.open = true;
      sched.current(I0).resolve(undefined);
      return 0;
    }, () => {});
    sched.startStackless(opener, () => 1);
    expect(block(7)).to.equal(21);
  });
});

describe('AsyncScheduler without JSPI (skipped where the host has it)', function () {
  before(function () {
    if (hostJspi() !== null) this.skip();
  });

  it('has no glue and refuses async calls with a TypeError naming JSPI', () => {
    const sched = new AsyncScheduler(() => new HandleTable());
    expect(sched.glue).to.equal(null);
    expect(sched.fibersActive).to.equal(false);
    expect(() => sched.beginAsyncCall()).to.throw(TypeError, 'JSPI');
  });
});
