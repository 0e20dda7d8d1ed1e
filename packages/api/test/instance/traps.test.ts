import { expect } from 'chai';
import { Engine, Linker, Store, Trap, Val, type TrapCode } from '../../src/index.js';
import { wat } from '../helpers/wat.js';

const TRAPS = `(module $traps
  (type $t (func (param i32) (result i32)))
  (table 2 funcref) (elem (i32.const 1) $id)
  (memory 1)
  (func $id (param i32) (result i32) (local.get 0))
  (func $inner (unreachable))
  (func $middle (call $inner))
  (func (export "nested") (call $middle))
  (func (export "oob") (drop (i32.load (i32.const 70000))))
  (func (export "div") (drop (i32.div_s (i32.const 1) (i32.const 0))))
  (func (export "overflow") (drop (i32.div_s (i32.const 0x80000000) (i32.const -1))))
  (func (export "conversion") (drop (i32.trunc_f64_u (f64.const -1))))
  (func (export "table") (drop (call_indirect (type $t) (i32.const 0) (i32.const 9))))
  (func (export "signature") (call_indirect (i32.const 1)))
  (func $recurse (export "recurse") (call $recurse))
  (func (export "ok") (result i32) (i32.load (i32.const 0))))`;

describe('Trap', () => {
  const engine = new Engine();

  const cases: [string, TrapCode][] = [
    ['nested', 'UnreachableCodeReached'],
    ['oob', 'MemoryOutOfBounds'],
    ['div', 'IntegerDivisionByZero'],
    ['overflow', 'IntegerOverflow'],
    ['conversion', 'BadConversionToInteger'],
    ['table', 'TableOutOfBounds'],
    ['signature', 'BadSignature'],
    ['recurse', 'StackOverflow'],
  ];
  for (const [name, code] of cases) {
    it(`reports ${code} from ${name}, and the store keeps working`, async () => {
      const store = new Store(engine);
      const instance = new Linker(engine).instantiate(store, await wat(engine, TRAPS));
      const other = new Linker(engine).instantiate(store, await wat(engine, TRAPS));
      expect(() => instance.getFunc(store, name)?.call(store, [])).to.throw(Trap).with.property('code', code);
      expect(instance.getFunc(store, 'ok')?.call(store, [])).to.deep.equal([Val.i32(0)]);
      expect(other.getFunc(store, 'ok')?.call(store, [])).to.deep.equal([Val.i32(0)]);
    });
  }

  it('carries a backtrace with module and function names from the name section', async () => {
    const store = new Store(engine);
    const instance = new Linker(engine).instantiate(store, await wat(engine, TRAPS));
    let trap: unknown;
    try {
      instance.getFunc(store, 'nested')?.call(store, []);
    } catch (error) {
      trap = error;
    }
    expect(trap).to.be.instanceOf(Trap);
    const frames = (trap as Trap).backtrace?.frames ?? [];
    expect(frames.map((f) => [f.moduleName, f.funcIndex, f.funcName])).to.deep.equal([
      ['traps', 1, 'inner'],
      ['traps', 2, 'middle'],
      ['traps', 3, null],
    ]);
    expect(frames[0]?.moduleOffset).to.be.greaterThan(0);
    expect((trap as Trap).message).to.match(/^wasm trap: wasm `unreachable` instruction executed\nwasm backtrace:\n {2}0: traps!inner @ 0x/);
  });

  it('names frames of unnamed modules once a call identified the module', async () => {
    const store = new Store(engine);
    const linker = new Linker(engine);
    const a = linker.instantiate(store, await wat(engine, '(module (func $boom (export "boom") unreachable))'));
    linker.instantiate(store, await wat(engine, '(module (func $other (export "other") unreachable))'));
    let trap: Trap | undefined;
    try {
      a.getFunc(store, 'boom')?.call(store, []);
    } catch (error) {
      trap = error as Trap;
    }
    expect(trap?.backtrace?.frames[0]?.funcName).to.equal('boom');
  });
});
