import { expect } from 'chai';
import { parse } from '@bytecodealliance/jco';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FUNCREF, I32, I64, ValidationError } from '@tswasm/environ';
import { Config, Engine, Module } from '../../src/index.js';

const TEXT = `(module $m
  (import "env" "f" (func (param i32) (result i64)))
  (import "env" "mem" (memory 1 2))
  (table (export "t") 10 funcref)
  (global (export "g") (mut i32) (i32.const 0))
  (func (export "run") (param i32) (result i64) (call 0 (local.get 0))))`;

describe('Module', () => {
  const engine = new Engine();

  it('lists imports and exports with their types', async () => {
    const module = Module.new(engine, await parse(TEXT));
    expect(module.name).to.equal('m');
    expect(module.imports()).to.deep.equal([
      { module: 'env', name: 'f', type: { kind: 'func', type: { kind: 'func', params: [I32], results: [I64] } } },
      { module: 'env', name: 'mem', type: { kind: 'memory', type: { limits: { min: 1, max: 2 }, shared: false, is64: false, pageSizeLog2: 16 } } },
    ]);
    expect(module.exports().map((e) => [e.name, e.type.kind])).to.deep.equal([['t', 'table'], ['g', 'global'], ['run', 'func']]);
    expect(module.exports()[0]?.type).to.deep.equal({ kind: 'table', type: { element: FUNCREF, limits: { min: 10, max: null }, is64: false } });
  });

  it('compiles WAT text asynchronously', async () => {
    const module = await Module.compile(engine, '(module (func (export "f")))');
    expect(module.exports().map((e) => e.name)).to.deep.equal(['f']);
  });

  it('takes text in the synchronous constructor', () => {
    expect(Module.new(engine, '(module)').exports()).to.deep.equal([]);
  });

  it('rejects invalid bytes with a ValidationError', async () => {
    const bytes = await parse('(module (func (result i32) (i64.const 0)))');
    expect(() => Module.new(engine, bytes)).to.throw(ValidationError, 'type mismatch');
    expect(() => Module.validate(engine, bytes)).to.throw(ValidationError);
  });

  it('validates against the features of its engine', async () => {
    const bytes = await parse('(module (func (result v128) (v128.const i64x2 0 0)))');
    expect(() => Module.validate(engine, bytes)).not.to.throw();
    const noSimd = new Engine(new Config({ features: { simd: false } }));
    expect(() => Module.validate(noSimd, bytes)).to.throw(ValidationError);
  });

  it('names the path in every fromFile error', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tswasm-api-'));
    const good = join(dir, 'good.wasm');
    writeFileSync(good, await parse(TEXT));
    expect(Module.fromFile(engine, good).imports()).to.have.length(2);
    const bad = join(dir, 'bad.wasm');
    writeFileSync(bad, Uint8Array.of(0, 1, 2));
    expect(() => Module.fromFile(engine, bad)).to.throw(Error, bad).with.property('cause').that.is.instanceOf(ValidationError);
    const missing = join(dir, 'missing.wasm');
    expect(() => Module.fromFile(engine, missing)).to.throw(Error, missing);
  });
});
