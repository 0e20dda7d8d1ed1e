import { expect } from 'chai';
import { parse } from '@bytecodealliance/jco';
import { translateComponent, ValidationError, type ComponentTranslation } from '@tswasm/environ';
import { readFileSync } from 'node:fs';
import { detectHostFeatures, encodeComponentTranslation, translateComponentParallel, uleb, WorkerPool } from '../../src/index.js';
import { encodeMetadata } from '../../src/artifact/metadata-encoding.js';
import { packageFile, thrown } from '../support/test-helpers.js';

const FEATURES = detectHostFeatures();
/** Every body its own range, and no size threshold: every lane gets work, even for tiny input. */
const EVERY_BODY = { minCodeBytes: 0, minRangeBytes: 1 } as const;

/** The translation as bytes, so two translations compare field by field, maps included. */
function encoded(translation: ComponentTranslation): Buffer {
  const { metadata, wasm } = encodeComponentTranslation(translation);
  return Buffer.concat([encodeMetadata(metadata), ...wasm]);
}

/** A component binary that only holds `modules` as its core module sections. */
function componentOf(modules: readonly Uint8Array[]): Uint8Array {
  const parts: number[][] = [[0x00, 0x61, 0x73, 0x6d, 0x0d, 0x00, 0x01, 0x00]];
  for (const module of modules) parts.push([0x01, ...uleb(module.length), ...module]);
  return Uint8Array.from(parts.flat());
}

/** 20 functions returning i32; those in `invalid` return an i64 instead. */
function moduleText(invalid: readonly number[]): string {
  const funcs = Array.from({ length: 20 }, (_, i) =>
    invalid.includes(i) ? `(func (result i32) i64.const ${i})` : `(func (result i32) i32.const ${i} i32.const 1 i32.add)`,
  );
  return `(core module ${funcs.join(' ')})`;
}

/** Three static modules (one nested a component deeper), with the invalid bodies of each. */
async function threeModules(invalid: readonly (readonly number[])[]): Promise<Uint8Array> {
  const [first = [], second = [], third = []] = invalid;
  return parse(`(component ${moduleText(first)} (component ${moduleText(second)}) ${moduleText(third)})`);
}

describe('translateComponentParallel', function () {
  this.timeout(120_000);
  let pool: WorkerPool;

  before(function () {
    pool = new WorkerPool();
    if (pool.size === 0) this.skip();
  });

  after(async () => {
    await pool?.close();
  });

  it('translates a component of the StarlingMonkey and wasm-tools modules exactly as translateComponent does', () => {
    const bytes = componentOf([
      readFileSync(packageFile('@bytecodealliance/componentize-js', 'lib/starlingmonkey_embedding.wasm')),
      readFileSync(packageFile('@bytecodealliance/jco-transpile', 'vendor/wasm-tools.core.wasm')),
    ]);
    const expected = encoded(translateComponent(bytes, FEATURES));
    expect(encoded(translateComponentParallel(bytes, FEATURES, pool, EVERY_BODY)).equals(expected)).to.equal(true);
    expect(encoded(translateComponentParallel(bytes, FEATURES, pool)).equals(expected)).to.equal(true);
    expect(encoded(translateComponentParallel(bytes, FEATURES, null)).equals(expected)).to.equal(true);
  });

  it('translates a small component on one thread, below the threshold, without a pool, or when told not to', async () => {
    const bytes = await threeModules([]);
    const expected = encoded(translateComponent(bytes, FEATURES));
    for (const run of [
      () => translateComponentParallel(bytes, FEATURES, pool),
      () => translateComponentParallel(bytes, FEATURES, null, EVERY_BODY),
      () => translateComponentParallel(bytes, FEATURES, pool, { ...EVERY_BODY, parallel: false }),
      () => translateComponentParallel(bytes, FEATURES, pool, EVERY_BODY),
    ]) {
      expect(run().staticModules.length).to.equal(3);
      expect(encoded(run()).equals(expected)).to.equal(true);
    }
  });

  // One body per range: whichever lane claims it, the first invalid body in binary order wins.
  for (const invalid of [[[], [7]], [[], [3, 19], [0]], [[], [], [19]], [[19], [0], [0]]] as const) {
    it(`reports the error translateComponent does, message and offset, for invalid bodies ${JSON.stringify(invalid)}`, async () => {
      const bytes = await threeModules(invalid);
      const expected = thrown(() => translateComponent(bytes, FEATURES)) as ValidationError;
      expect(expected).to.be.instanceOf(ValidationError);
      for (const options of [EVERY_BODY, { ...EVERY_BODY, parallel: false }]) {
        const error = thrown(() => translateComponentParallel(bytes, FEATURES, pool, options));
        expect(error).to.be.instanceOf(ValidationError);
        expect(error).to.include({ message: expected.message, offset: expected.offset, reason: expected.reason });
      }
    });
  }

  it('hands the sections to onSections before validating any body', async () => {
    const bytes = await threeModules([[], [5]]);
    let modules = -1;
    const error = thrown(() =>
      translateComponentParallel(bytes, FEATURES, pool, {
        ...EVERY_BODY,
        onSections: (sections) => {
          modules = sections.local.staticModules.length;
        },
      }),
    );
    expect(error).to.be.instanceOf(ValidationError);
    expect(modules).to.equal(3);
  });
});
