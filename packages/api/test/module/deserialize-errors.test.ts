import { expect } from 'chai';
import { parse } from '@bytecodealliance/jco';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ObjectBuilder } from '@tswasm/jit';
import { ArtifactError, Config, Engine, Module } from '../../src/index.js';
import { expectDamagedArtifactsRejected } from '../helpers/damaged-artifacts.js';

const TEXT = `(module $m
  (memory (export "memory") 1)
  (data (i32.const 0) "abc")
  (func (export "f") (param i32) (result i32) (i32.add (local.get 0) (i32.const 1))))`;

describe('Module.deserialize', () => {
  const engine = new Engine();
  let wasm: Uint8Array;
  let artifact: Uint8Array;

  before(async () => {
    wasm = await parse(TEXT);
    artifact = Module.new(engine, wasm).serialize();
  });

  it('rejects an artifact of an engine with other features, naming the feature', () => {
    const noSimd = new Engine(new Config({ features: { simd: false } }));
    const foreign = Module.new(noSimd, wasm).serialize();
    expect(() => Module.deserialize(engine, foreign)).to.throw(
      ArtifactError,
      'artifact was compiled with different engine settings: `features.simd` is false in the artifact, true in this engine',
    );
    expect(() => Module.deserialize(noSimd, artifact)).to.throw(ArtifactError, '`features.simd` is true in the artifact, false in this engine');
    expect(Module.deserialize(noSimd, foreign).exports().map((e) => e.name)).to.deep.equal(['memory', 'f']);
  });

  it('rejects a wasm binary, saying what it is', () => {
    expect(() => Module.deserialize(engine, wasm)).to.throw(ArtifactError, 'expected a tswasm artifact, found a WebAssembly binary: use Module.new');
  });

  it('rejects empty input and garbage', () => {
    expect(() => Module.deserialize(engine, new Uint8Array(0))).to.throw(ArtifactError, 'expected a tswasm artifact, found empty input');
    expect(() => Module.deserialize(engine, Uint8Array.of(1, 2, 3))).to.throw(ArtifactError, 'expected a tswasm artifact, found bytes without its magic header (01 02 03)');
  });

  it('rejects a component artifact with a clear error', () => {
    const builder = new ObjectBuilder('component', engine.fingerprint, engine.fingerprintInput);
    builder.setMetadata({});
    expect(() => Module.deserialize(engine, builder.finish())).to.throw(ArtifactError, 'artifact is a component but a module was expected');
  });

  it('rejects truncated artifacts and flipped bytes', () => {
    expectDamagedArtifactsRejected(artifact, (bytes) => Module.deserialize(engine, bytes));
  });

  it('rejects a module artifact without a wasm section or with JS to run', () => {
    const metadata = { translation: {} };
    const noWasm = new ObjectBuilder('module', engine.fingerprint, engine.fingerprintInput);
    noWasm.setMetadata(metadata);
    expect(() => Module.deserialize(engine, noWasm.finish())).to.throw(ArtifactError, 'module artifact is malformed: expected 1 wasm section, found 0');
    const withJs = new ObjectBuilder('module', engine.fingerprint, engine.fingerprintInput);
    withJs.addWasm(wasm);
    withJs.setMetadata(metadata);
    withJs.setJsSource('throw new Error("ran")');
    expect(() => Module.deserialize(engine, withJs.finish())).to.throw(ArtifactError, 'module artifact is malformed: expected an empty JS section');
  });

  it('rejects metadata that is not a translation, before compiling anything', () => {
    const builder = new ObjectBuilder('module', engine.fingerprint, engine.fingerprintInput);
    builder.addWasm(Uint8Array.of(1, 2, 3));
    builder.setMetadata({ translation: { types: 'nonsense' } });
    expect(() => Module.deserialize(engine, builder.finish())).to.throw(ArtifactError);
    const missing = new ObjectBuilder('module', engine.fingerprint, engine.fingerprintInput);
    missing.addWasm(wasm);
    missing.setMetadata([1, 2]);
    expect(() => Module.deserialize(engine, missing.finish())).to.throw(ArtifactError, 'module artifact is malformed: metadata has no `translation`');
  });
});

describe('Module.deserializeFile', () => {
  const engine = new Engine();

  it('loads an artifact file and names the path in every error', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tswasm-api-'));
    const wasm = await parse(TEXT);
    const good = join(dir, 'good.cwasm');
    writeFileSync(good, Module.new(engine, wasm).serialize());
    expect(Module.deserializeFile(engine, good).name).to.equal('m');

    const notArtifact = join(dir, 'plain.wasm');
    writeFileSync(notArtifact, wasm);
    expect(() => Module.deserializeFile(engine, notArtifact))
      .to.throw(ArtifactError, `failed to deserialize module from \`${notArtifact}\`: expected a tswasm artifact, found a WebAssembly binary`)
      .with.property('cause')
      .that.is.instanceOf(ArtifactError);

    const missing = join(dir, 'missing.cwasm');
    expect(() => Module.deserializeFile(engine, missing))
      .to.throw(Error, `failed to deserialize module from \`${missing}\`: ENOENT`)
      .with.property('cause')
      .that.has.property('code', 'ENOENT');
  });
});
