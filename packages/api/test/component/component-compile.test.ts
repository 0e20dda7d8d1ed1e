import { parse } from '@bytecodealliance/jco';
import { expect } from 'chai';
import { translateComponent } from '@tswasm/environ';
import { encodeComponentTranslation, uleb } from '@tswasm/jit';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { Component, Config, Engine, Store, ValidationError, component } from '../../src/index.js';

const require = createRequire(import.meta.url);

/** A file of an installed package (componentize-js exports no entry to resolve from). */
function packageFile(name: string, path: string): string {
  for (const dir of require.resolve.paths(name) ?? []) {
    const candidate = join(dir, name, path);
    if (existsSync(candidate)) return candidate;
  }
  throw new Error(`${path} of ${name} is not installed`);
}

/** A component binary that only holds `modules` as its core module sections. */
function componentOf(modules: readonly Uint8Array[]): Uint8Array {
  const parts: Uint8Array[] = [Uint8Array.of(0x00, 0x61, 0x73, 0x6d, 0x0d, 0x00, 0x01, 0x00)];
  for (const module of modules) parts.push(Uint8Array.from([0x01, ...uleb(module.length)]), module);
  return new Uint8Array(Buffer.concat(parts));
}

async function rejection(run: () => Promise<unknown>): Promise<unknown> {
  try {
    await run();
  } catch (error) {
    return error;
  }
  throw new Error('expected a rejection');
}

function thrown(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  throw new Error('expected a throw');
}

const ADD = `(component
  (core module $m (func (export "add") (param i32 i32) (result i32) local.get 0 local.get 1 i32.add))
  (core module $n (func (export "two") (result i32) i32.const 2))
  (core instance $i (instantiate $m))
  (func (export "add") (param "a" u32) (param "b" u32) (result u32) (canon lift (core func $i "add"))))`;

describe('Component.compile and the other ways in', function () {
  this.timeout(120_000);

  it('compiles every static module while validating, and the result runs', async () => {
    const engine = new Engine();
    const compiled = await Component.compile(engine, await parse(ADD));
    expect(compiled.translation.staticModules.length).to.equal(2);
    const store = new Store(engine);
    const instance = new component.Linker(engine).instantiate(store, compiled);
    expect(instance.getFunc(store, 'add')?.call(store, [2, 3])).to.equal(5);
  });

  it('reports a bad body of the second static module alike from compile, new and precompileComponent, with parallel compilation on or off', async () => {
    const bytes = await parse(ADD.replace('(result i32) i32.const 2', '(result i32) i64.const 2'));
    const expected = thrown(() => translateComponent(bytes, new Engine().features)) as ValidationError;
    expect(expected).to.be.instanceOf(ValidationError);
    for (const parallelCompilation of [true, false]) {
      const engine = new Engine(new Config({ parallelCompilation }));
      for (const error of [
        await rejection(() => Component.compile(engine, bytes)),
        thrown(() => Component.new(engine, bytes)),
        thrown(() => engine.precompileComponent(bytes)),
      ]) {
        expect(error).to.be.instanceOf(ValidationError).and.include({ message: expected.message, offset: expected.offset });
      }
    }
  });

  it('validates a large component on the engine workers once they have started, with the errors and translation of one thread', async () => {
    const starlingMonkey = readFileSync(packageFile('@bytecodealliance/componentize-js', 'lib/starlingmonkey_embedding.wasm'));
    const good = componentOf([starlingMonkey, await parse('(module (func (result i32) i32.const 1))')]);
    const bad = componentOf([starlingMonkey, await parse('(module (func (result i32) i64.const 1))')]);
    const engine = new Engine();
    const expected = thrown(() => translateComponent(bad, engine.features)) as ValidationError;
    expect(expected).to.be.instanceOf(ValidationError);
    const reference = JSON.stringify(encodeComponentTranslation(translateComponent(good, engine.features)).metadata);
    try {
      // The first large input starts the workers; the later ones use them.
      for (let round = 0; round < 3; round++) {
        expect(thrown(() => engine.precompileComponent(bad))).to.be.instanceOf(ValidationError).and.include({ message: expected.message, offset: expected.offset });
        const compiled = await Component.compile(engine, good);
        expect(JSON.stringify(encodeComponentTranslation(compiled.translation).metadata)).to.equal(reference);
      }
    } finally {
      await engine.close();
    }
  });
});
