import { expect } from 'chai';
import { parse } from '@bytecodealliance/jco';
import { I32 } from '@tswasm/environ';
import { Engine, Global, Linker, Module, Store, Trap, Val, type Instance } from '../../src/index.js';

// Each module is run by `observe` before and after a serialize/deserialize round trip; the
// observations (results, memory, globals, tables, host calls, traps) must be equal.
const MODULES: Record<string, string> = {
  'imports and exports': `(module $io
    (import "env" "twice" (func $twice (param i32) (result i32)))
    (import "env" "log" (func $log (param i64)))
    (func (export "run") (param i32) (result i32)
      (call $log (i64.extend_i32_s (local.get 0)))
      (call $twice (i32.add (local.get 0) (i32.const 1))))
    (func (export "pair") (result i32 f64) (i32.const 7) (f64.const 2.5)))`,
  'memory with data': `(module $mem
    (memory (export "memory") 1 3)
    (data (i32.const 8) "serialized")
    (data $passive "later")
    (func (export "load") (param i32) (result i32) (i32.load8_u (local.get 0)))
    (func (export "init") (memory.init $passive (i32.const 100) (i32.const 0) (i32.const 5)))
    (func (export "grow") (result i32) (memory.grow (i32.const 1))))`,
  'tables with elements': `(module $tables
    (type $binop (func (param i32 i32) (result i32)))
    (table $t (export "table") 4 8 funcref)
    (elem (i32.const 1) $add $sub)
    (elem $later func $mul)
    (func $add (param i32 i32) (result i32) (i32.add (local.get 0) (local.get 1)))
    (func $sub (param i32 i32) (result i32) (i32.sub (local.get 0) (local.get 1)))
    (func $mul (param i32 i32) (result i32) (i32.mul (local.get 0) (local.get 1)))
    (func (export "apply") (param i32 i32 i32) (result i32)
      (call_indirect $t (type $binop) (local.get 1) (local.get 2) (local.get 0)))
    (func (export "fill") (table.init $t $later (i32.const 3) (i32.const 0) (i32.const 1))))`,
  'globals and start': `(module $globals
    (import "env" "log" (func $log (param i64)))
    (import "env" "base" (global $base i32))
    (global $counter (export "counter") (mut i32) (i32.const 40))
    (global (export "big") i64 (i64.const -9007199254740993))
    (global (export "pi") f64 (f64.const 3.14159))
    (global (export "derived") i32 (global.get $base))
    (func $start (global.set $counter (i32.add (global.get $counter) (i32.const 2))) (call $log (i64.const 99)))
    (start $start)
    (func (export "bump") (result i32)
      (global.set $counter (i32.add (global.get $counter) (i32.const 1)))
      (global.get $counter)))`,
  'traps and names': `(module $traps
    (memory 1)
    (func $inner (export "inner") (param i32) (result i32) (i32.div_u (i32.const 10) (local.get 0)))
    (func $middle (param i32) (result i32) (call $inner (local.get 0)))
    (func (export "outer") (param i32) (result i32) (call $middle (local.get 0)))
    (func (export "oob") (drop (i32.load (i32.const 65536))))
    (func (export "boom") unreachable))`,
};

/** A linker with the host functions the modules import, logging into the store's data. */
function linkerFor(engine: Engine, store: Store<string[]>): Linker<string[]> {
  const linker = new Linker<string[]>(engine);
  linker.define(store, 'env', 'base', Global.new(store, { content: I32, mutable: false }, Val.i32(1000)));
  linker.funcWrap('env', 'twice', { params: ['i32'], results: ['i32'] }, (caller, x: number) => {
    caller.data.push(`twice(${x})`);
    return x * 2;
  });
  linker.funcWrap('env', 'log', { params: ['i64'], results: [] }, (caller, x: bigint) => {
    caller.data.push(`log(${x})`);
  });
  return linker;
}

function trapOf(run: () => unknown): unknown {
  try {
    return { returned: run() };
  } catch (error) {
    if (!(error instanceof Trap)) throw error;
    return {
      code: error.code,
      frames: error.backtrace?.frames.map((f) => [f.moduleName, f.funcIndex, f.funcName, f.moduleOffset]),
    };
  }
}

/** Everything observable about a module and one instance of it. */
function observe(module: Module): unknown {
  const engine = module.engine;
  const store = new Store<string[]>(engine, []);
  const instance: Instance = linkerFor(engine, store).instantiate(store, module);
  const seen: Record<string, unknown> = { name: module.name, imports: module.imports(), exports: module.exports() };
  const call = (name: string, params: Val[]): unknown => trapOf(() => instance.getFunc(store, name)?.call(store, params));
  switch (module.name) {
    case 'io':
      seen.run = call('run', [Val.i32(20)]);
      seen.pair = call('pair', []);
      break;
    case 'mem': {
      const memory = instance.getMemory(store, 'memory');
      seen.data = Array.from(memory?.read(store, 0, 24) ?? []);
      seen.load = call('load', [Val.i32(9)]);
      call('init', []);
      seen.init = Array.from(memory?.read(store, 100, 5) ?? []);
      seen.grow = [call('grow', []), memory?.size(store)];
      break;
    }
    case 'tables': {
      const table = instance.getTable(store, 'table');
      seen.slots = [0, 1, 2, 3].map((i) => table?.get(store, i).value === null);
      seen.apply = [call('apply', [Val.i32(1), Val.i32(7), Val.i32(3)]), call('apply', [Val.i32(2), Val.i32(7), Val.i32(3)])];
      seen.empty = call('apply', [Val.i32(3), Val.i32(7), Val.i32(3)]);
      call('fill', []);
      seen.filled = call('apply', [Val.i32(3), Val.i32(7), Val.i32(3)]);
      seen.type = table?.ty(store);
      break;
    }
    case 'globals':
      seen.globals = ['counter', 'big', 'pi', 'derived'].map((name) => instance.getGlobal(store, name)?.get(store));
      seen.bump = call('bump', []);
      break;
    case 'traps':
      seen.ok = call('outer', [Val.i32(5)]);
      seen.divide = call('outer', [Val.i32(0)]);
      seen.oob = call('oob', []);
      seen.boom = call('boom', []);
      seen.typed = trapOf(() => instance.getTypedFunc<[number], number>(store, 'inner', ['i32'], ['i32']).call(store, 0));
      break;
    default:
      throw new Error(`no observations for ${module.name}`);
  }
  seen.log = store.data;
  return seen;
}

describe('Module.serialize and Module.deserialize', () => {
  const engine = new Engine();

  for (const [what, text] of Object.entries(MODULES)) {
    it(`keep the behaviour of a module with ${what}`, async () => {
      const original = Module.new(engine, await parse(text));
      const artifact = original.serialize();
      const loaded = Module.deserialize(engine, artifact);
      expect(loaded).to.not.equal(original);
      expect(observe(loaded)).to.deep.equal(observe(original));
      expect(loaded.translation).to.deep.equal(original.translation);
    });
  }

  it('give a backtrace with names from the name section after a round trip', async () => {
    const loaded = Module.deserialize(engine, Module.new(engine, await parse(MODULES['traps and names'] as string)).serialize());
    const seen = observe(loaded) as { divide: { code: string; frames: unknown[][] } };
    expect(seen.divide.code).to.equal('IntegerDivisionByZero');
    expect(seen.divide.frames.map((f) => f.slice(0, 3))).to.deep.equal([
      ['traps', 0, 'inner'],
      ['traps', 1, 'middle'],
      ['traps', 2, null],
    ]);
  });

  it('produce the same artifact for the same module, and again from a deserialized one', async () => {
    const bytes = await parse(MODULES['globals and start'] as string);
    const artifact = Module.new(engine, bytes).serialize();
    expect(Module.new(engine, bytes).serialize()).to.deep.equal(artifact);
    expect(Module.deserialize(engine, artifact).serialize()).to.deep.equal(artifact);
  });

  it('load into a second engine with the same settings', async () => {
    const artifact = Module.new(engine, await parse(MODULES['imports and exports'] as string)).serialize();
    const other = new Engine();
    const loaded = Module.deserialize(other, artifact);
    expect(loaded.engine).to.equal(other);
    expect((observe(loaded) as { run: unknown }).run).to.deep.equal({ returned: [Val.i32(42)] });
  });

  it('do not depend on the caller keeping the artifact buffer unchanged', async () => {
    const artifact = Module.new(engine, await parse(MODULES['memory with data'] as string)).serialize();
    const loaded = Module.deserialize(engine, artifact);
    artifact.fill(0);
    expect((observe(loaded) as { load: unknown }).load).to.deep.equal({ returned: [Val.i32('e'.charCodeAt(0))] });
  });
});
