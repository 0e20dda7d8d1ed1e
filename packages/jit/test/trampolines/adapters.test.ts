import { expect } from 'chai';
import { parse } from '@bytecodealliance/jco';
import { F32, F64, I32, I64, V128, type FuncType } from '@tswasm/environ';
import { TrampolineCache } from '../../src/trampolines/trampoline-cache.js';

const V128_I64_TO_V128_I32: FuncType = { kind: 'func', params: [V128, I64], results: [V128, I32] };

type Exports = WebAssembly.Exports;

function exportsOf(module: WebAssembly.Module, imports: WebAssembly.Imports): Exports {
  return new WebAssembly.Instance(module, imports).exports as Exports;
}

describe('TrampolineCache.hostFuncAdapter', () => {
  it('turns a JS function into a wasm function that a table accepts', () => {
    const cache = new TrampolineCache();
    const type: FuncType = { kind: 'func', params: [I32], results: [I32] };
    const f = exportsOf(cache.hostFuncAdapter(type), { h: { f: (x: number) => x + 1 } })['f'] as (x: number) => number;
    const table = new WebAssembly.Table({ element: 'anyfunc', initial: 1 });
    table.set(0, f);
    expect((table.get(0) as (x: number) => number)(41)).to.equal(42);
  });

  it('compiles one module per signature', () => {
    const cache = new TrampolineCache();
    const type: FuncType = { kind: 'func', params: [I32], results: [] };
    expect(cache.hostFuncAdapter(type)).to.equal(cache.hostFuncAdapter({ kind: 'func', params: [I32], results: [] }));
  });
});

describe('TrampolineCache.v128Adapter', () => {
  it('lowers a v128 function to i32 lanes and back', async () => {
    const wasm = await parse(`(module (func (export "f") (param v128 i64) (result v128 i32)
      (i32x4.add (local.get 0) (v128.const i32x4 1 2 3 4)) (i32.wrap_i64 (local.get 1))))`);
    const target = exportsOf(new WebAssembly.Module(wasm as Uint8Array<ArrayBuffer>), {})['f']!;
    const cache = new TrampolineCache();
    const lowered = exportsOf(cache.v128Adapter(V128_I64_TO_V128_I32, 'lower'), { h: { f: target } })['f'] as (...a: unknown[]) => unknown;
    expect(lowered(10, 20, 30, -1, 7n)).to.deep.equal([11, 22, 33, 3, 7]);
  });

  it('lifts a lane-typed host function to a v128 wasm function', async () => {
    const cache = new TrampolineCache();
    const host = (a: number, b: number, c: number, d: number, x: bigint): unknown[] => [d, c, b, a, Number(x)];
    const lifted = exportsOf(cache.v128Adapter(V128_I64_TO_V128_I32, 'lift'), { h: { f: host } })['f']!;
    const lowered = exportsOf(cache.v128Adapter(V128_I64_TO_V128_I32, 'lower'), { h: { f: lifted } })['f'] as (...a: unknown[]) => unknown;
    expect(lowered(1, 2, 3, 4, 5n)).to.deep.equal([4, 3, 2, 1, 5]);
  });
});

describe('TrampolineCache.typedCall', () => {
  it('passes params through and maps errors', () => {
    const cache = new TrampolineCache();
    const call = cache.typedCall(2)((a: number, b: number) => a + b, (e) => new Error('mapped', { cause: e }));
    expect(call(null, 1, 2)).to.equal(3);
    const failing = cache.typedCall(0)(() => { throw new Error('x'); }, () => new Error('mapped'));
    expect(() => failing(null)).to.throw('mapped');
  });
});

describe('TrampolineCache.hostCall', () => {
  it('prepends the caller', () => {
    const cache = new TrampolineCache();
    const host = cache.hostCall(1)((caller: string, x: number) => `${caller}${x}`, 'c');
    expect(host(1)).to.equal('c1');
  });
});

describe('TrampolineCache.untypedCall', () => {
  it('tags results and checks param kinds for numeric signatures', () => {
    const cache = new TrampolineCache();
    const type: FuncType = { kind: 'func', params: [I32, I64], results: [I64, I32] };
    const factory = cache.untypedCall(type);
    expect(factory).to.equal(cache.untypedCall({ kind: 'func', params: [I32, I64], results: [I64, I32] }));
    const call = factory?.((a: number, b: bigint) => [b, a], (e) => e);
    expect(call?.([{ kind: 'i32', value: 1 }, { kind: 'i64', value: 2n }])).to.deep.equal([{ kind: 'i64', value: 2n }, { kind: 'i32', value: 1 }]);
    expect(() => call?.([{ kind: 'i32', value: 1 }])).to.throw(TypeError, 'expected 2 arguments, found 1');
    expect(() => call?.([{ kind: 'i32', value: 1 }, { kind: 'i32', value: 2 }])).to.throw(TypeError, 'type mismatch: expected i64, found i32');
  });

  it('leaves v128 signatures to the generic path', () => {
    expect(new TrampolineCache().untypedCall({ kind: 'func', params: [V128], results: [] })).to.equal(null);
  });
});

describe('TrampolineCache.v128Adapter with float bits', () => {
  it('passes a signaling NaN through a wasm function bit for bit', async () => {
    const wasm = await parse('(module (func (export "f") (param f32 f64) (result f64 f32) (local.get 1) (local.get 0)))');
    const target = exportsOf(new WebAssembly.Module(wasm as Uint8Array<ArrayBuffer>), {})['f']!;
    const type: FuncType = { kind: 'func', params: [F32, F64], results: [F64, F32] };
    const lowered = exportsOf(new TrampolineCache().v128Adapter(type, 'lower', true), { h: { f: target } })['f'] as (...a: unknown[]) => unknown;
    expect(lowered(0x7fa00000, 0x7ff4000000000001n)).to.deep.equal([0x7ff4000000000001n, 0x7fa00000]);
  });
});
