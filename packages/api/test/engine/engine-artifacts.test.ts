import { expect } from 'chai';
import { parse } from '@bytecodealliance/jco';
import { ObjectBuilder } from '@tswasm/jit';
import { ValidationError } from '@tswasm/environ';
import { Config, Engine, Linker, Module, Store } from '../../src/index.js';

const TEXT = '(module $p (func (export "answer") (result i32) (i32.const 42)))';

describe('Engine.precompileModule', () => {
  const engine = new Engine();

  it('writes the same artifact as Module.serialize, loadable by Module.deserialize', async () => {
    const wasm = await parse(TEXT);
    const artifact = engine.precompileModule(wasm);
    expect(artifact).to.deep.equal(Module.new(engine, wasm).serialize());
    const store = new Store(engine);
    const instance = new Linker(engine).instantiate(store, Module.deserialize(engine, artifact));
    expect(instance.getTypedFunc<[], number>(store, 'answer', [], ['i32']).call(store)).to.equal(42);
  });

  it('validates with the engine features', async () => {
    const wasm = await parse('(module (func (result v128) (v128.const i64x2 0 0)))');
    const noSimd = new Engine(new Config({ features: { simd: false } }));
    expect(() => noSimd.precompileModule(wasm)).to.throw(ValidationError);
    expect(() => noSimd.precompileModule(Uint8Array.of(0, 0x61, 0x73))).to.throw(ValidationError);
  });

  it('takes text as Module.new does', () => {
    expect(engine.detectPrecompiled(engine.precompileModule(TEXT))).to.equal('module');
  });
});

describe('Engine.detectPrecompiled', () => {
  const engine = new Engine();

  it('says module for a module artifact, also from an engine with other settings', async () => {
    const wasm = await parse(TEXT);
    expect(engine.detectPrecompiled(engine.precompileModule(wasm))).to.equal('module');
    const other = new Engine(new Config({ features: { simd: false } }));
    expect(engine.detectPrecompiled(other.precompileModule(wasm))).to.equal('module');
  });

  it('says component for a component artifact', () => {
    const builder = new ObjectBuilder('component', engine.fingerprint, engine.fingerprintInput);
    expect(engine.detectPrecompiled(builder.finish())).to.equal('component');
  });

  it('says null for wasm binaries, garbage, empty input and a cut header', async () => {
    const wasm = await parse(TEXT);
    expect(engine.detectPrecompiled(wasm)).to.equal(null);
    expect(engine.detectPrecompiled(Uint8Array.of(0, 0x61, 0x73, 0x6d, 0x0d, 0, 1, 0))).to.equal(null);
    expect(engine.detectPrecompiled(new TextEncoder().encode('not an artifact at all'))).to.equal(null);
    expect(engine.detectPrecompiled(new Uint8Array(0))).to.equal(null);
    expect(engine.detectPrecompiled(engine.precompileModule(wasm).subarray(0, 12))).to.equal(null);
  });
});
