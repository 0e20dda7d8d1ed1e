import { expect } from 'chai';
import { I32 } from '@tswasm/environ';
import { Engine, LinkError, Linker, Store, Tag, Val } from '../../src/index.js';
import { wat } from '../helpers/wat.js';

describe('Tag', () => {
  const engine = new Engine();

  it('links a host tag that wasm throws and catches (where the host has exception handling)', async function () {
    // Node 20 has only the legacy exception instructions, Node 26 has try_table too.
    const catching = engine.features.exceptions
      ? '(block $h (result i32) (try_table (catch $e $h) (throw $e (i32.const 5))) (i32.const 0))'
      : 'try (result i32) i32.const 5 throw $e catch $e end';
    if (!engine.features.exceptions && !engine.features.legacyExceptions) this.skip();
    const store = new Store(engine);
    const tag = Tag.new(store, { kind: 'func', params: [I32], results: [] });
    const linker = new Linker(engine);
    linker.define(store, 'env', 'e', tag);
    const module = await wat(engine, `(module (import "env" "e" (tag $e (param i32))) (export "e" (tag $e))
      (func (export "run") (result i32) ${catching}))`);
    const instance = linker.instantiate(store, module);
    expect(instance.getFunc(store, 'run')?.call(store, [])).to.deep.equal([Val.i32(5)]);
    expect(instance.getTag(store, 'e')?.ty(store)).to.deep.equal({ kind: 'func', params: [I32], results: [] });
    expect(module.imports()[0]?.type).to.deep.equal({ kind: 'tag', type: { kind: 'func', params: [I32], results: [] } });
  });

  it('refuses a tag of another type', async () => {
    const store = new Store(engine);
    const linker = new Linker(engine);
    linker.define(store, 'env', 'e', Tag.new(store, { kind: 'func', params: [], results: [] }));
    const module = await wat(engine, '(module (import "env" "e" (tag (param i32))))');
    expect(() => linker.instantiate(store, module)).to.throw(LinkError, 'incompatible import type for `env::e`: tag types incompatible');
  });
});
