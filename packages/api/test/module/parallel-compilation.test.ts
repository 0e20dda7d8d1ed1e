import { expect } from 'chai';
import { translateModule, ValidationError } from '@tswasm/environ';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { Config, Engine, Module } from '../../src/index.js';

const require = createRequire(import.meta.url);

/** The 2.4 MB core module of wasm-tools that jco-transpile ships: above the parallel threshold. */
function wasmToolsCore(): Uint8Array {
  for (const dir of require.resolve.paths('@bytecodealliance/jco-transpile') ?? []) {
    const candidate = join(dir, '@bytecodealliance/jco-transpile', 'vendor/wasm-tools.core.wasm');
    if (existsSync(candidate)) return new Uint8Array(readFileSync(candidate));
  }
  throw new Error('@bytecodealliance/jco-transpile is not installed');
}

function thrown(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  throw new Error('expected a throw');
}

describe('Module with parallel compilation', function () {
  this.timeout(120_000);
  const parallel = new Engine(new Config({ parallelCompilation: true }));
  const sequential = new Engine(new Config({ parallelCompilation: false }));
  const bytes = wasmToolsCore();

  after(async () => {
    await parallel.close();
  });

  it('compiles a large module to the same imports, exports and translation as without', async () => {
    const expected = Module.fromBinary(sequential, bytes);
    for (const module of [Module.fromBinary(parallel, bytes), await Module.compile(parallel, bytes)]) {
      expect(module.imports()).to.deep.equal(expected.imports());
      expect(module.exports()).to.deep.equal(expected.exports());
      expect(module.translation.functionBodies.values()).to.deep.equal(expected.translation.functionBodies.values());
      expect(module.translation.exportedSignatures).to.deep.equal(expected.translation.exportedSignatures);
    }
  });

  it('reports the first invalid body of a large module, as the sequential path does', async () => {
    const bodies = translateModule(bytes).functionBodies.values();
    const broken = bytes.slice();
    // Each body ends with `end`; a `nop` instead leaves a frame open. Break one body in each half.
    for (const at of [Math.floor(bodies.length * 0.3), Math.floor(bodies.length * 0.8)]) {
      const body = bodies[at];
      if (body === undefined) throw new Error('no such body');
      broken[body.offset + body.length - 1] = 0x01;
    }
    const expected = thrown(() => Module.fromBinary(sequential, broken)) as ValidationError;
    expect(expected).to.be.instanceOf(ValidationError);
    const error = thrown(() => Module.fromBinary(parallel, broken));
    expect(error).to.be.instanceOf(ValidationError).and.include({ message: expected.message, offset: expected.offset });
    const rejection = await Module.compile(parallel, broken).catch((e: unknown) => e);
    expect(rejection).to.be.instanceOf(ValidationError).and.include({ message: expected.message, offset: expected.offset });
  });

  it('stays usable after Engine.close, starting new workers', async () => {
    await parallel.close();
    expect(Module.fromBinary(parallel, bytes).exports().length).to.be.greaterThan(0);
  });
});
