import { expect } from 'chai';
import { V128 } from '@tswasm/environ';
import { Caller, Engine, Func, Linker, NON_NULL_EXNREF, Store, Trap, Val } from '../../src/index.js';
import { wat } from '../helpers/wat.js';

describe('Func edge cases', () => {
  const engine = new Engine();

  it('calls a v128 host function directly from the host', () => {
    const store = new Store(engine);
    const f = Func.new(store, { kind: 'func', params: [V128], results: [V128] }, (_caller, [v]) => [v ?? Val.v128(new Uint8Array(16))]);
    const bytes = Uint8Array.from({ length: 16 }, (_, i) => i + 100);
    expect(f.call(store, [Val.v128(bytes)])).to.deep.equal([Val.v128(bytes)]);
  });

  it('refuses a function of another store', async () => {
    const a = new Store(engine);
    const b = new Store(engine);
    const f = Func.wrap(a, { params: [], results: [] }, () => {});
    expect(() => f.call(b, [])).to.throw(TypeError, 'function used with a store it does not belong to');
  });

  it('keeps trampoline caches per engine', () => {
    expect(new Engine().trampolines).not.to.equal(new Engine().trampolines);
  });

  it('rethrows a wasm exception that escapes a call unchanged (where the host has exception handling)', async function () {
    if (!engine.features.exceptions && !engine.features.legacyExceptions) this.skip();
    const store = new Store(engine);
    const module = await wat(engine, '(module (tag $e (param i32)) (func (export "f") (throw $e (i32.const 3))))');
    const f = new Linker(engine).instantiate(store, module).getFunc(store, 'f');
    expect(() => f?.call(store, [])).to.throw(WebAssembly.Exception);
  });

  it('reports a stack overflow through host re-entrancy as a Trap', async () => {
    const store = new Store<Func[]>(engine, []);
    const linker = new Linker<Func[]>(engine);
    linker.funcWrap('env', 'again', { params: [], results: [] }, (caller: Caller<Func[]>) => {
      caller.data[0]?.call(caller.store, []);
    });
    const module = await wat(engine, '(module (import "env" "again" (func $again)) (func (export "f") (call $again)))');
    const f = linker.instantiate(store, module).getFunc(store, 'f') as Func;
    store.data.push(f);
    expect(() => f.call(store, [])).to.throw(Trap).with.property('code', 'StackOverflow');
    store.data.length = 0;
    expect(f.call(store, [])).to.deep.equal([]);
  });

  it('reports whether an exnref result is null, and passes a null exnref (where the host has exnref: not Node 20)', async function () {
    if (!engine.features.exceptions) this.skip();
    const store = new Store(engine);
    const module = await wat(engine, `(module (tag $e)
      (func (export "id") (param exnref) (result exnref) (local.get 0))
      (func (export "caught") (result exnref) (block $h (result exnref) (try_table (catch_all_ref $h) (throw $e)) (unreachable))))`);
    const instance = new Linker(engine).instantiate(store, module);
    expect(instance.getFunc(store, 'id')?.call(store, [Val.exnrefNull()])).to.deep.equal([Val.exnrefNull()]);
    expect(instance.getFunc(store, 'caught')?.call(store, [])).to.deep.equal([{ kind: 'exnref', value: NON_NULL_EXNREF }]);
  });
});
