import { expect } from 'chai';
import { F32, F64 } from '@tswasm/environ';
import { Engine, Global, Linker, Store, Val } from '../../src/index.js';
import { wat } from '../helpers/wat.js';

// A signalling NaN read or written as a JS number comes back quieted (0x7fa00000 -> 0x7fe00000),
// so globals holding NaNs must move bits, as wasmtime's `Val::F32(u32)` does.
describe('Global with NaN payloads', () => {
  const engine = new Engine();

  function bitsOf(val: Val): number | bigint | undefined {
    return val.kind === 'f32' || val.kind === 'f64' ? val.bits : undefined;
  }

  it('reads a signalling f32 NaN defined by a module exactly', async () => {
    const store = new Store(engine, undefined);
    const module = await wat(engine, '(module (global (export "g") f32 (f32.const -nan:0x200001)))');
    const global = new Linker(engine).instantiate(store, module).getGlobal(store, 'g');
    expect(global).to.not.equal(undefined);
    expect(bitsOf(global!.get(store))).to.equal(0xffa00001);
  });

  it('creates, sets and reads f32 and f64 NaNs on the host exactly', () => {
    const store = new Store(engine, undefined);
    const f32 = Global.new(store, { content: F32, mutable: true }, Val.f32Bits(0x7f800001));
    expect(bitsOf(f32.get(store))).to.equal(0x7f800001);
    f32.set(store, Val.f32Bits(0xff800002));
    expect(bitsOf(f32.get(store))).to.equal(0xff800002);

    const f64 = Global.new(store, { content: F64, mutable: false }, Val.f64Bits(0x7ff0000000000001n));
    expect(bitsOf(f64.get(store))).to.equal(0x7ff0000000000001n);
  });

  it('hands a host NaN global to wasm with its payload intact', async () => {
    const store = new Store(engine, undefined);
    const host = Global.new(store, { content: F32, mutable: false }, Val.f32Bits(0x7fa00000));
    const module = await wat(engine, `(module (import "h" "g" (global f32))
      (func (export "bits") (result i32) (i32.reinterpret_f32 (global.get 0))))`);
    const instance = new Linker(engine).define(store, 'h', 'g', host).instantiate(store, module);
    expect(instance.getFunc(store, 'bits')!.call(store, [])).to.deep.equal([Val.i32(0x7fa00000)]);
  });
});
