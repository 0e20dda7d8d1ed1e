import { expect } from 'chai';
import { I32, I64, V128 } from '@tswasm/environ';
import { Caller, Engine, Func, Linker, Store, Trap, Val, f32ToBits, f64ToBits } from '../../src/index.js';
import { wat } from '../helpers/wat.js';

describe('Func.call', () => {
  const engine = new Engine();

  it('passes i32, i64 (as bigint), f32 and f64 both ways, with several results', async () => {
    const store = new Store(engine);
    const module = await wat(engine, `(module (func (export "f") (param i32 i64 f32 f64) (result f64 f32 i64 i32)
      local.get 3 local.get 2 local.get 1 local.get 0))`);
    const f = new Linker(engine).instantiate(store, module).getFunc(store, 'f');
    const results = f?.call(store, [Val.i32(-1), Val.i64(1n << 40n), Val.f32(1.5), Val.f64(0.1)]);
    expect(results).to.deep.equal([Val.f64Bits(f64ToBits(0.1)), Val.f32Bits(f32ToBits(1.5)), Val.i64(1n << 40n), Val.i32(-1)]);
    expect(results?.[0]?.value).to.equal(0.1);
  });

  it('keeps float bit patterns exactly, signaling NaNs included', async () => {
    const store = new Store(engine);
    const module = await wat(engine, `(module (func (export "neg") (param f32 f64) (result f32 f64)
      (f32.neg (local.get 0)) (f64.neg (local.get 1))))`);
    const neg = new Linker(engine).instantiate(store, module).getFunc(store, 'neg');
    const [f, d] = neg?.call(store, [Val.f32Bits(0x7fa00000), Val.f64Bits(0x7ff4000000000001n)]) ?? [];
    expect(f?.kind === 'f32' && f.bits).to.equal(0xffa00000);
    expect(d?.kind === 'f64' && d.bits).to.equal(0xfff4000000000001n);
  });

  it('passes v128 params and results through a lane adapter', async () => {
    const store = new Store(engine);
    const module = await wat(engine, `(module (func (export "add") (param v128 v128 i32) (result v128 i32)
      (i32x4.add (local.get 0) (local.get 1)) (local.get 2)))`);
    const add = new Linker(engine).instantiate(store, module).getFunc(store, 'add');
    const a = new Uint8Array(16).fill(1);
    const b = Uint8Array.from({ length: 16 }, (_, i) => i);
    const [sum, n] = add?.call(store, [Val.v128(a), Val.v128(b), Val.i32(9)]) ?? [];
    expect(sum).to.deep.equal(Val.v128(Uint8Array.from({ length: 16 }, (_, i) => i + 1)));
    expect(n).to.deep.equal(Val.i32(9));
  });

  it('calls host functions with v128 from wasm', async () => {
    const store = new Store(engine);
    const linker = new Linker(engine);
    linker.funcNew('env', 'swap', { kind: 'func', params: [V128], results: [V128] }, (_caller, [v]) => {
      const bytes = v?.kind === 'v128' ? v.value : new Uint8Array(16);
      return [Val.v128(Uint8Array.from(bytes).reverse())];
    });
    const module = await wat(engine, `(module (import "env" "swap" (func $swap (param v128) (result v128)))
      (func (export "run") (result i32) (i8x16.extract_lane_u 0 (call $swap (v128.const i8x16 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 77)))))`);
    expect(linker.instantiate(store, module).getFunc(store, 'run')?.call(store, [])).to.deep.equal([Val.i32(77)]);
  });

  it('rejects params of the wrong count or type', async () => {
    const store = new Store(engine);
    const module = await wat(engine, '(module (func (export "f") (param i32)))');
    const f = new Linker(engine).instantiate(store, module).getFunc(store, 'f');
    expect(() => f?.call(store, [])).to.throw(TypeError, 'expected 1 arguments, found 0');
    expect(() => f?.call(store, [Val.i64(1n)])).to.throw(TypeError, 'type mismatch: expected i32, found i64');
  });

  it('lets a host error surface as itself and keeps the store usable', async () => {
    const store = new Store(engine);
    const linker = new Linker(engine);
    const failure = new Error('host failed');
    linker.funcWrap('env', 'fail', { params: [], results: [] }, () => {
      throw failure;
    });
    const module = await wat(engine, `(module (import "env" "fail" (func $fail))
      (func (export "run") (call $fail)) (func (export "ok") (result i32) (i32.const 1)))`);
    const instance = linker.instantiate(store, module);
    expect(() => instance.getFunc(store, 'run')?.call(store, [])).to.throw(failure);
    expect(instance.getFunc(store, 'ok')?.call(store, [])).to.deep.equal([Val.i32(1)]);
  });

  it('supports re-entrancy: host calls wasm calls host', async () => {
    const store = new Store<Func[]>(engine, []);
    const linker = new Linker<Func[]>(engine);
    linker.funcWrap('env', 'host', { params: ['i32'], results: ['i32'] }, (caller: Caller<Func[]>, n: number) => {
      const down = caller.data[0];
      if (n === 0 || down === undefined) return 0;
      const [result] = down.call(caller.store, [Val.i32(n - 1)]);
      return (result?.kind === 'i32' ? result.value : 0) + 1;
    });
    const module = await wat(engine, `(module (import "env" "host" (func $host (param i32) (result i32)))
      (func (export "down") (param i32) (result i32) (i32.mul (i32.const 1) (call $host (local.get 0)))))`);
    const down = linker.instantiate(store, module).getFunc(store, 'down');
    if (down === undefined) throw new Error('no export');
    store.data.push(down);
    expect(down.call(store, [Val.i32(5)])).to.deep.equal([Val.i32(5)]);
  });

  it('surfaces a trap inside a re-entrant call as a Trap, and the outer call can continue', async () => {
    const store = new Store<Func[]>(engine, []);
    const linker = new Linker<Func[]>(engine);
    linker.funcWrap('env', 'host', { params: [], results: ['i32'] }, (caller: Caller<Func[]>) => {
      try {
        caller.data[0]?.call(caller.store, []);
        return 0;
      } catch (error) {
        return error instanceof Trap && error.code === 'UnreachableCodeReached' ? 1 : 2;
      }
    });
    const module = await wat(engine, `(module (import "env" "host" (func $host (result i32)))
      (func (export "boom") unreachable) (func (export "run") (result i32) (call $host)))`);
    const instance = linker.instantiate(store, module);
    store.data.push(instance.getFunc(store, 'boom') as Func);
    expect(instance.getFunc(store, 'run')?.call(store, [])).to.deep.equal([Val.i32(1)]);
  });

  it('calls a host function directly, and through a table', async () => {
    const store = new Store(engine);
    const double = Func.wrap(store, { params: ['i64'], results: ['i64'] }, (_caller: Caller<undefined>, x: bigint) => x * 2n);
    expect(double.call(store, [Val.i64(21n)])).to.deep.equal([Val.i64(42n)]);
    expect(double.ty(store)).to.deep.equal({ kind: 'func', params: [I64], results: [I64] });
    const module = await wat(engine, `(module (type $t (func (param i64) (result i64))) (table (export "t") 1 funcref)
      (func (export "run") (param i64) (result i64) (call_indirect (type $t) (local.get 0) (i32.const 0))))`);
    const instance = new Linker(engine).instantiate(store, module);
    const table = instance.getTable(store, 't');
    table?.set(store, 0, Val.funcref(double));
    expect(table?.get(store, 0)).to.deep.equal(Val.funcref(double));
    expect(instance.getFunc(store, 'run')?.call(store, [Val.i64(5n)])).to.deep.equal([Val.i64(10n)]);
  });

  it('returns funcrefs as the same Func, including functions placed by element segments', async () => {
    const store = new Store(engine);
    const module = await wat(engine, `(module (table (export "t") 2 funcref) (elem (i32.const 0) $a $b)
      (func $a (result i32) (i32.const 1)) (func $b (export "b") (param i32) (result i32) (local.get 0))
      (func (export "get") (result funcref) (ref.func $a)))`);
    const instance = new Linker(engine).instantiate(store, module);
    const table = instance.getTable(store, 't');
    const fromTable = table?.get(store, 0);
    const fromCall = instance.getFunc(store, 'get')?.call(store, [])[0];
    expect(fromTable?.kind === 'funcref' && fromTable.value).to.be.instanceOf(Func);
    expect(fromCall).to.deep.equal(fromTable);
    const a = fromTable?.kind === 'funcref' ? fromTable.value : null;
    expect(a?.ty(store)).to.deep.equal({ kind: 'func', params: [], results: [I32] });
    expect(a?.call(store, [])).to.deep.equal([Val.i32(1)]);
    expect(table?.get(store, 1)).to.deep.equal(Val.funcref(instance.getFunc(store, 'b') ?? null));
  });

  it('passes externrefs through unchanged', async () => {
    const store = new Store(engine);
    const module = await wat(engine, '(module (func (export "id") (param externref) (result externref) (local.get 0)))');
    const id = new Linker(engine).instantiate(store, module).getFunc(store, 'id');
    const host = { any: 'object' };
    expect(id?.call(store, [Val.externref(host)])[0]?.value).to.equal(host);
    expect(id?.call(store, [Val.externref(null)])[0]?.value).to.equal(null);
  });
});

describe('Func.typed', () => {
  const engine = new Engine();

  it('checks the type once and calls with plain values', async () => {
    const store = new Store(engine);
    const module = await wat(engine, `(module (func (export "add") (param i32 i32) (result i32) (i32.add (local.get 0) (local.get 1)))
      (func (export "pair") (result i64 f64) (i64.const 7) (f64.const 0.5)) (func (export "none")))`);
    const instance = new Linker(engine).instantiate(store, module);
    expect(instance.getTypedFunc<[number, number], number>(store, 'add', ['i32', 'i32'], ['i32']).call(store, 2, 3)).to.equal(5);
    expect(instance.getTypedFunc<[], [bigint, number]>(store, 'pair', [], ['i64', 'f64']).call(store)).to.deep.equal([7n, 0.5]);
    expect(instance.getTypedFunc<[], undefined>(store, 'none', [], []).call(store)).to.equal(undefined);
    expect(() => instance.getTypedFunc(store, 'add', ['i32'], ['i32'])).to.throw(TypeError, 'type mismatch with parameters');
    expect(() => instance.getTypedFunc(store, 'add', ['i32', 'i32'], ['i64'])).to.throw(TypeError, 'type mismatch with results');
  });

  it('maps traps to Trap', async () => {
    const store = new Store(engine);
    const module = await wat(engine, '(module (func (export "div") (param i32 i32) (result i32) (i32.div_u (local.get 0) (local.get 1))))');
    const div = new Linker(engine).instantiate(store, module).getTypedFunc<[number, number], number>(store, 'div', ['i32', 'i32'], ['i32']);
    expect(() => div.call(store, 1, 0)).to.throw(Trap).with.property('code', 'IntegerDivisionByZero');
    expect(div.call(store, 6, 3)).to.equal(2);
  });

  it('converts values for v128 and reference signatures', async () => {
    const store = new Store(engine);
    const module = await wat(engine, '(module (func (export "id") (param v128) (result v128) (local.get 0)))');
    const id = new Linker(engine).instantiate(store, module).getTypedFunc<[Uint8Array], Uint8Array>(store, 'id', ['v128'], ['v128']);
    const bytes = Uint8Array.from({ length: 16 }, (_, i) => 255 - i);
    expect(id.call(store, bytes)).to.deep.equal(bytes);
  });
});
