import { expect } from 'chai';
import { parse } from '@bytecodealliance/jco';
import { translateModule, ValidationError, type ModuleTranslation } from '@tswasm/environ';
import { readFileSync } from 'node:fs';
import { detectHostFeatures, encodeModuleTranslation, translateModuleParallel, WorkerPool } from '../../src/index.js';
import { encodeMetadata } from '../../src/artifact/metadata-encoding.js';
import { packageFile, thrown } from '../support/test-helpers.js';

const FEATURES = detectHostFeatures();

/** The translation as bytes, so two translations compare field by field, maps included. */
function encoded(translation: ModuleTranslation): Uint8Array {
  return encodeMetadata(encodeModuleTranslation(translation));
}

/** 40 functions returning i32; those in `invalid` return an i64 instead. */
async function manyFunctions(invalid: readonly number[]): Promise<Uint8Array> {
  const funcs = Array.from({ length: 40 }, (_, i) =>
    invalid.includes(i) ? `(func (result i32) i64.const ${i})` : `(func (result i32) i32.const ${i} i32.const 1 i32.add)`,
  );
  return parse(`(module ${funcs.join(' ')})`);
}

describe('translateModuleParallel', function () {
  this.timeout(120_000);
  let pool: WorkerPool;

  before(function () {
    pool = new WorkerPool();
    if (pool.size === 0) this.skip();
  });

  after(async () => {
    await pool?.close();
  });

  for (const [label, name, path] of [
    ['the 10.5 MB StarlingMonkey module', '@bytecodealliance/componentize-js', 'lib/starlingmonkey_embedding.wasm'],
    ['the 2.4 MB wasm-tools core module', '@bytecodealliance/jco-transpile', 'vendor/wasm-tools.core.wasm'],
  ] as const) {
    it(`translates ${label} exactly as translateModule does`, async () => {
      const bytes = new Uint8Array(readFileSync(packageFile(name, path)));
      const expected = encoded(translateModule(bytes, FEATURES));
      const parallel = translateModuleParallel(bytes, FEATURES, pool, { minCodeBytes: 0, minRangeBytes: 1 });
      expect(parallel.wasm).to.equal(bytes);
      expect(Buffer.from(encoded(parallel)).equals(expected)).to.equal(true);
      const defaults = translateModuleParallel(bytes, FEATURES, pool);
      expect(Buffer.from(encoded(defaults)).equals(expected)).to.equal(true);
    });
  }

  it('translates a small module on one thread, below the threshold, and without a pool', async () => {
    const bytes = await manyFunctions([]);
    const expected = encoded(translateModule(bytes, FEATURES));
    for (const run of [
      () => translateModuleParallel(bytes, FEATURES, pool),
      () => translateModuleParallel(bytes, FEATURES, null, { minCodeBytes: 0 }),
      () => translateModuleParallel(bytes, FEATURES, pool, { minCodeBytes: 0, parallel: false }),
    ]) {
      expect(Buffer.from(encoded(run())).equals(expected)).to.equal(true);
    }
  });

  // One body per range, claimed by whichever lane is free: any of them may hold a failing body.
  for (const invalid of [[10, 30], [30], [25, 30], [0, 39]]) {
    it(`reports the first invalid body in function order, as translateModule does, for bodies ${invalid.join(' and ')}`, async () => {
      const bytes = await manyFunctions(invalid);
      const expected = thrown(() => translateModule(bytes, FEATURES)) as ValidationError;
      expect(expected).to.be.instanceOf(ValidationError);
      const error = thrown(() => translateModuleParallel(bytes, FEATURES, pool, { minCodeBytes: 0, minRangeBytes: 1 }));
      expect(error).to.be.instanceOf(ValidationError);
      expect(error).to.include({ message: expected.message, offset: expected.offset, reason: expected.reason });
    });
  }

  it('reports a section error before looking at any body, as translateModule does', async () => {
    const bytes = await manyFunctions([35]);
    // Cut the module inside its last body: the code section now overruns the module.
    const truncated = bytes.subarray(0, bytes.length - 2);
    const expected = thrown(() => translateModule(truncated, FEATURES)) as ValidationError;
    const error = thrown(() => translateModuleParallel(truncated, FEATURES, pool, { minCodeBytes: 0, minRangeBytes: 1 }));
    expect(error).to.be.instanceOf(ValidationError).and.include({ message: expected.message, offset: expected.offset });
  });
});
