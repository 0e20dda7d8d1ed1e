import { expect } from 'chai';
import { EXTERNREF, FUNCREF, F64, I32, I64, V128 } from '@tswasm/environ';
import { Engine, Global, Linker, Memory, Store, Table, Val } from '../../src/index.js';
import { wat } from '../helpers/wat.js';

const PAGE = 65536;

describe('Memory', () => {
  const engine = new Engine();

  it('reads, writes, grows and reports its size and type', () => {
    const store = new Store(engine);
    const memory = Memory.new(store, { limits: { min: 1, max: 2 }, shared: false, is64: false, pageSizeLog2: 16 });
    memory.write(store, 10, Uint8Array.of(1, 2, 3));
    expect(memory.read(store, 9, 5)).to.deep.equal(Uint8Array.of(0, 1, 2, 3, 0));
    expect(memory.size(store)).to.equal(1);
    expect(memory.grow(store, 1)).to.equal(1);
    expect(memory.dataSize(store)).to.equal(2 * PAGE);
    expect(memory.ty(store).limits).to.deep.equal({ min: 2, max: 2 });
    expect(() => memory.grow(store, 1)).to.throw(RangeError, 'failed to grow memory by 1 pages');
    expect(() => memory.read(store, 2 * PAGE - 1, 2)).to.throw(RangeError, 'out of bounds');
  });

  it('shares its bytes with the instance that exports it', async () => {
    const store = new Store(engine);
    const module = await wat(engine, '(module (memory (export "m") 1) (func (export "load") (result i32) (i32.load8_u (i32.const 5))))');
    const instance = new Linker(engine).instantiate(store, module);
    instance.getMemory(store, 'm')?.write(store, 5, Uint8Array.of(99));
    expect(instance.getFunc(store, 'load')?.call(store, [])).to.deep.equal([Val.i32(99)]);
  });
});

describe('Global', () => {
  const engine = new Engine();

  it('gets and sets mutable globals and refuses to set immutable ones', () => {
    const store = new Store(engine);
    const g = Global.new(store, { content: I64, mutable: true }, Val.i64(1n));
    g.set(store, Val.i64(-2n));
    expect(g.get(store)).to.deep.equal(Val.i64(-2n));
    const c = Global.new(store, { content: F64, mutable: false }, Val.f64(1.5));
    expect(() => c.set(store, Val.f64(2))).to.throw(TypeError, 'immutable global cannot be set');
    expect(() => g.set(store, Val.i32(1))).to.throw(TypeError, 'type mismatch: expected i64, found i32');
  });

  it('exposes an instance global', async () => {
    const store = new Store(engine);
    const module = await wat(engine, '(module (global (export "g") (mut i32) (i32.const 42)) (func (export "get") (result i32) (global.get 0)))');
    const instance = new Linker(engine).instantiate(store, module);
    const g = instance.getGlobal(store, 'g');
    expect(g?.get(store)).to.deep.equal(Val.i32(42));
    g?.set(store, Val.i32(7));
    expect(instance.getFunc(store, 'get')?.call(store, [])).to.deep.equal([Val.i32(7)]);
    expect(g?.ty(store)).to.deep.equal({ content: I32, mutable: true });
  });
});

describe('Table', () => {
  const engine = new Engine();

  it('holds externrefs and grows', () => {
    const store = new Store(engine);
    const table = Table.new(store, { element: EXTERNREF, limits: { min: 1, max: 3 }, is64: false }, Val.externref(null));
    const host = { n: 1 };
    table.set(store, 0, Val.externref(host));
    expect(table.get(store, 0).value).to.equal(host);
    expect(table.grow(store, 2, Val.externref('x'))).to.equal(1);
    expect(table.get(store, 2)).to.deep.equal(Val.externref('x'));
    expect(() => table.grow(store, 1, Val.externref(null))).to.throw(RangeError);
    expect(() => table.get(store, 3)).to.throw(RangeError, 'table index 3 out of bounds for size 3');
  });

  it('starts funcref tables with null', () => {
    const store = new Store(engine);
    const table = Table.new(store, { element: FUNCREF, limits: { min: 10, max: 20 }, is64: false }, Val.funcref(null));
    expect(table.size(store)).to.equal(10);
    expect(table.get(store, 9)).to.deep.equal(Val.funcref(null));
    expect(table.ty(store).limits).to.deep.equal({ min: 10, max: 20 });
  });
});

describe('Global of v128', () => {
  const engine = new Engine();

  it('is created, read and written from the host, and shared with wasm', async () => {
    const store = new Store(engine);
    const bytes = Uint8Array.from({ length: 16 }, (_, i) => i * 3);
    const g = Global.new(store, { content: V128, mutable: true }, Val.v128(bytes));
    expect(g.get(store)).to.deep.equal(Val.v128(bytes));
    const linker = new Linker(engine);
    linker.define(store, 'env', 'g', g);
    const module = await wat(engine, `(module (import "env" "g" (global $g (mut v128)))
      (global (export "c") v128 (v128.const i32x4 1 2 3 4))
      (func (export "lane") (result i32) (i8x16.extract_lane_u 15 (global.get $g))))`);
    const instance = linker.instantiate(store, module);
    expect(instance.getFunc(store, 'lane')?.call(store, [])).to.deep.equal([Val.i32(45)]);
    g.set(store, Val.v128(new Uint8Array(16).fill(7)));
    expect(instance.getFunc(store, 'lane')?.call(store, [])).to.deep.equal([Val.i32(7)]);
    const c = instance.getGlobal(store, 'c')?.get(store);
    expect(c).to.deep.equal(Val.v128(Uint8Array.of(1, 0, 0, 0, 2, 0, 0, 0, 3, 0, 0, 0, 4, 0, 0, 0)));
  });
});
