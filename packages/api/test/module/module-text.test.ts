import { expect } from 'chai';
import { Engine, Linker, Module, Store } from '../../src/index.js';

describe('Module.new with WAT text', () => {
  const engine = new Engine();

  it('compiles text synchronously and runs it', () => {
    const module = Module.new(engine, '(module (func (export "seven") (result i32) (i32.const 7)))');
    const store = new Store(engine, undefined);
    const seven = new Linker(engine).instantiate(store, module).getTypedFunc<[], number>(store, 'seven', [], ['i32']);
    expect(seven.call(store)).to.equal(7);
  });

  it('reports malformed text with its position', () => {
    expect(() => Module.new(engine, '(module (func (result i32) (i32.const)))')).to.throw(Error, /^invalid WAT text at line 1, column \d+/);
  });

  it('lets precompileModule take text too', () => {
    const artifact = engine.precompileModule('(module (memory (export "m") 1))');
    expect(engine.detectPrecompiled(artifact)).to.equal('module');
    expect(Module.deserialize(engine, artifact).exports().map((e) => e.name)).to.deep.equal(['m']);
  });
});
