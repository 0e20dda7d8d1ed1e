import { expect } from 'chai';
import { FUNCREF, I32, F32, F64, I64 } from '@tswasm/environ';
import { Caller, Engine, Func, Global, LinkError, Linker, Memory, Store, Table, Trap, Val } from '../../src/index.js';
import { wat } from '../helpers/wat.js';

/** The spectest module the .wast runner defines. */
function defineSpectest(linker: Linker<string[]>, store: Store<string[]>): void {
  const log = (caller: Caller<string[]>, ...args: unknown[]): void => {
    caller.data.push(args.map(String).join(' '));
  };
  linker.funcWrap('spectest', 'print', { params: [], results: [] }, log);
  linker.funcWrap('spectest', 'print_i32', { params: ['i32'], results: [] }, log);
  linker.funcWrap('spectest', 'print_i64', { params: ['i64'], results: [] }, log);
  linker.funcWrap('spectest', 'print_f32', { params: ['f32'], results: [] }, log);
  linker.funcWrap('spectest', 'print_f64', { params: ['f64'], results: [] }, log);
  linker.funcWrap('spectest', 'print_i32_f32', { params: ['i32', 'f32'], results: [] }, log);
  linker.funcWrap('spectest', 'print_f64_f64', { params: ['f64', 'f64'], results: [] }, log);
  linker.define(store, 'spectest', 'global_i32', Global.new(store, { content: I32, mutable: false }, Val.i32(666)));
  linker.define(store, 'spectest', 'global_i64', Global.new(store, { content: I64, mutable: false }, Val.i64(666n)));
  linker.define(store, 'spectest', 'global_f32', Global.new(store, { content: F32, mutable: false }, Val.f32(666.6)));
  linker.define(store, 'spectest', 'global_f64', Global.new(store, { content: F64, mutable: false }, Val.f64(666.6)));
  linker.define(store, 'spectest', 'table', Table.new(store, { element: FUNCREF, limits: { min: 10, max: 20 }, is64: false }, Val.funcref(null)));
  linker.define(store, 'spectest', 'memory', Memory.new(store, { limits: { min: 1, max: 2 }, shared: false, is64: false, pageSizeLog2: 16 }));
}

describe('Linker', () => {
  const engine = new Engine();

  it('instantiates against the spectest module', async () => {
    const store = new Store<string[]>(engine, []);
    const linker = new Linker<string[]>(engine);
    defineSpectest(linker, store);
    const module = await wat(engine, `(module
      (import "spectest" "print_i32" (func $print (param i32)))
      (import "spectest" "print_i64" (func $print64 (param i64)))
      (import "spectest" "global_i32" (global $g i32))
      (import "spectest" "table" (table 10 funcref))
      (import "spectest" "memory" (memory 1))
      (func (export "run") (call $print (global.get $g)) (call $print64 (i64.const -5))))`);
    const instance = linker.instantiate(store, module);
    instance.getFunc(store, 'run')?.call(store, []);
    expect(store.data).to.deep.equal(['666', '-5']);
  });

  it('reports an undefined import in wasmtime words', async () => {
    const store = new Store(engine);
    const module = await wat(engine, '(module (import "env" "f" (func)))');
    expect(() => new Linker(engine).instantiate(store, module)).to.throw(LinkError, 'unknown import: `env::f` has not been defined');
  });

  it('reports incompatible import types', async () => {
    const store = new Store(engine);
    const linker = new Linker(engine);
    linker.funcWrap('env', 'f', { params: ['i64'], results: [] }, () => {});
    linker.define(store, 'env', 'g', Global.new(store, { content: I32, mutable: true }, Val.i32(0)));
    linker.define(store, 'env', 'm', Memory.new(store, { limits: { min: 1, max: null }, shared: false, is64: false, pageSizeLog2: 16 }));
    const cases: [string, string][] = [
      ['(import "env" "f" (func (param i32)))', 'incompatible import type for `env::f`: types incompatible'],
      ['(import "env" "g" (global i32))', 'incompatible import type for `env::g`: global types incompatible'],
      ['(import "env" "m" (memory 1 5))', 'incompatible import type for `env::m`: memory types incompatible'],
      ['(import "env" "m" (memory 2))', 'incompatible import type for `env::m`: memory types incompatible'],
      ['(import "env" "f" (global i32))', 'incompatible import type for `env::f`: types incompatible: expected global, found func'],
    ];
    for (const [imp, message] of cases) {
      const module = await wat(engine, `(module ${imp})`);
      expect(() => linker.instantiate(store, module), imp).to.throw(LinkError, message);
    }
  });

  it('accepts a larger memory for a smaller minimum', async () => {
    const store = new Store(engine);
    const linker = new Linker(engine);
    linker.define(store, 'env', 'm', Memory.new(store, { limits: { min: 2, max: 3 }, shared: false, is64: false, pageSizeLog2: 16 }));
    const module = await wat(engine, '(module (import "env" "m" (memory 1 4)))');
    expect(() => linker.instantiate(store, module)).not.to.throw();
  });

  it('refuses a second definition unless shadowing is allowed', () => {
    const linker = new Linker(engine);
    linker.funcWrap('env', 'f', { params: [], results: [] }, () => {});
    expect(() => linker.funcWrap('env', 'f', { params: [], results: [] }, () => {})).to.throw(TypeError, 'defined twice');
    linker.allowShadowing(true).funcWrap('env', 'f', { params: [], results: [] }, () => {});
  });

  it('defines the exports of an instance and of a module', async () => {
    const store = new Store(engine);
    const linker = new Linker(engine);
    const provider = await wat(engine, '(module (func (export "seven") (result i32) (i32.const 7)))');
    linker.module(store, 'a', provider);
    linker.instance(store, 'b', linker.instantiate(store, provider));
    const user = await wat(engine, `(module (import "a" "seven" (func $a (result i32))) (import "b" "seven" (func $b (result i32)))
      (func (export "sum") (result i32) (i32.add (call $a) (call $b))))`);
    expect(linker.instantiate(store, user).getFunc(store, 'sum')?.call(store, [])).to.deep.equal([Val.i32(14)]);
    expect(linker.get(store, 'a', 'seven')).to.be.instanceOf(Func);
    expect(linker.get(store, 'a', 'nine')).to.equal(undefined);
  });

  it('makes undefined function imports fail when called', async () => {
    const store = new Store(engine);
    const module = await wat(engine, '(module (import "env" "f" (func)) (func (export "run") (call 0)))');
    const linker = new Linker(engine).defineUnknownImportsAsTraps(module);
    const run = linker.instantiate(store, module).getFunc(store, 'run');
    expect(() => run?.call(store, [])).to.throw(LinkError, 'unknown import: `env::f` has not been defined');
  });

  it('instantiates a pre-resolved module in several stores', async () => {
    const linker = new Linker<number>(engine);
    linker.funcWrap('env', 'data', { params: [], results: ['i32'] }, (caller: Caller<number>) => caller.data);
    const pre = linker.instantiatePre(await wat(engine, '(module (import "env" "data" (func $d (result i32))) (func (export "get") (result i32) (call $d)))'));
    for (const n of [1, 2]) {
      const store = new Store(engine, n);
      expect(pre.instantiate(store).getTypedFunc<[], number>(store, 'get', [], ['i32']).call(store)).to.equal(n);
    }
  });

  it('gives host functions the exports of the calling instance', async () => {
    const store = new Store(engine);
    const linker = new Linker(engine);
    linker.funcWrap('env', 'peek', { params: ['i32'], results: ['i32'] }, (caller: Caller<undefined>, at: number) => {
      const memory = caller.getExport('memory');
      return memory instanceof Memory ? memory.data(store)[at] : -1;
    });
    const module = await wat(engine, `(module (import "env" "peek" (func $peek (param i32) (result i32)))
      (memory (export "memory") 1) (data (i32.const 3) "\\2a")
      (func (export "run") (result i32) (call $peek (i32.const 3))))`);
    expect(linker.instantiate(store, module).getFunc(store, 'run')?.call(store, [])).to.deep.equal([Val.i32(42)]);
  });

  it('turns a trap in the start function into a Trap', async () => {
    const store = new Store(engine);
    const module = await wat(engine, '(module (func $s unreachable) (start $s))');
    expect(() => new Linker(engine).instantiate(store, module)).to.throw(Trap).with.property('code', 'UnreachableCodeReached');
    const data = await wat(engine, '(module (memory 1) (data (i32.const 65536) "a"))');
    expect(() => new Linker(engine).instantiate(store, data)).to.throw(Trap).with.property('code', 'MemoryOutOfBounds');
  });
});
