import { expect } from 'chai';
import { ALL_SUPPORTED_FEATURES, translateModule, type ModuleTranslation } from '@tswasm/environ';
import { ArtifactError, CodeMemory, ObjectBuilder, decodeModuleTranslation, encodeModuleTranslation } from '../../src/index.js';
import { RICH_WAT, RUNNABLE_WAT, assemble } from './test-modules.js';
import { comparable, nodePaths, replaced } from './plain-data.js';

function expectSameTranslation(actual: ModuleTranslation, expected: ModuleTranslation): void {
  expect(Object.keys(actual).sort()).to.deep.equal(Object.keys(expected).sort());
  for (const key of Object.keys(expected) as (keyof ModuleTranslation)[]) {
    expect(comparable(actual[key]), key).to.deep.equal(comparable(expected[key]));
  }
}

describe('encodeModuleTranslation and decodeModuleTranslation', () => {
  let rich: ModuleTranslation;
  let runnable: ModuleTranslation;
  let empty: ModuleTranslation;

  before(async () => {
    rich = translateModule(await assemble(RICH_WAT), ALL_SUPPORTED_FEATURES);
    runnable = translateModule(await assemble(RUNNABLE_WAT), ALL_SUPPORTED_FEATURES);
    empty = translateModule(await assemble('(module)'), ALL_SUPPORTED_FEATURES);
  });

  it('round-trip every field of a rich module: names, bigint and NaN constants, every segment form', () => {
    expectSameTranslation(decodeModuleTranslation(encodeModuleTranslation(rich), rich.wasm), rich);
    // The test module really has what it claims to cover.
    expect(rich.names.functionNames.size).to.equal(4);
    expect(rich.elementSegments.length).to.equal(4);
    expect(rich.dataSegments.length).to.equal(3);
    expect(rich.customSections.map((s) => s.name)).to.include('my-section');
  });

  it('round-trip a runnable module and the empty module', () => {
    expectSameTranslation(decodeModuleTranslation(encodeModuleTranslation(runnable), runnable.wasm), runnable);
    expectSameTranslation(decodeModuleTranslation(encodeModuleTranslation(empty), empty.wasm), empty);
  });

  it('round-trip through an artifact, with custom sections viewing the stored wasm', () => {
    const builder = new ObjectBuilder('module', 'f');
    builder.addWasm(rich.wasm);
    builder.setMetadata({ translation: encodeModuleTranslation(rich) });
    const code = CodeMemory.fromBytes(builder.finish(), { kind: 'module', fingerprint: 'f' });
    const wasm = code.wasm[0] ?? new Uint8Array();
    const metadata = code.metadata as { translation: unknown };
    const decoded = decodeModuleTranslation(metadata.translation, wasm);
    expectSameTranslation(decoded, { ...rich, wasm });
    for (const section of decoded.customSections) expect(section.bytes.buffer).to.equal(wasm.buffer);
  });

  it('reject data that is not an encoded module, naming what was expected where', () => {
    expect(() => decodeModuleTranslation(null, rich.wasm)).to.throw(
      ArtifactError,
      'artifact metadata is malformed: expected an object at module, found null',
    );
    const data = encodeModuleTranslation(rich);
    expect(() => decodeModuleTranslation(replaced(data, ['functions', 0], 99), rich.wasm)).to.throw(
      ArtifactError,
      `artifact metadata is malformed: expected an index below ${rich.types.length} at functions[], found number 99`,
    );
    expect(() => decodeModuleTranslation(replaced(data, ['functionBodies', 0], rich.wasm.length + 1), rich.wasm)).to.throw(
      ArtifactError,
      `expected a range within ${rich.wasm.length} bytes at functionBodies[]`,
    );
    expect(() => decodeModuleTranslation(replaced(data, ['functions'], [0]), rich.wasm)).to.throw(
      ArtifactError,
      'expected a Uint32Array at functions, found an array',
    );
    expect(() => decodeModuleTranslation(replaced(data, ['globals', 2, 'init', 0, 'kind'], 'i32.load'), rich.wasm)).to.throw(
      ArtifactError,
      'expected a constant instruction at globals[].init[].kind, found string "i32.load"',
    );
    expect(() => decodeModuleTranslation(replaced(data, ['globals', 2, 'init', 0, 'value'], 1n << 63n), rich.wasm)).to.throw(
      ArtifactError,
      'expected a bigint in -9223372036854775808..9223372036854775807 at globals[].init[].value',
    );
  });

  it('reject a data segment with a memory out of range, or an offset expression for no active segment', () => {
    const data = encodeModuleTranslation(rich);
    expect(() => decodeModuleTranslation(replaced(data, ['dataSegments', 'memories', 0], 7), rich.wasm)).to.throw(
      ArtifactError,
      `expected an index below ${rich.memories.length} at dataSegments.memories[], found number 7`,
    );
    // The second segment is passive: an offset expression for it is a forgery.
    expect(rich.dataSegments.get(1 as never).mode.kind).to.equal('passive');
    expect(() => decodeModuleTranslation(replaced(data, ['dataSegments', 'exprs'], [1, [{ kind: 'i32.const', value: 0 }]]), rich.wasm)).to.throw(
      ArtifactError,
      'expected an active segment at dataSegments.exprs[].segment, found number 1',
    );
    expect(() => decodeModuleTranslation(replaced(data, ['dataSegments', 'exprs'], [9, [{ kind: 'i32.const', value: 0 }]]), rich.wasm)).to.throw(
      ArtifactError,
      `expected an index below ${rich.dataSegments.length} at dataSegments.exprs[].segment, found number 9`,
    );
  });

  it('reject a binary shorter than the ranges point into', () => {
    const short = rich.wasm.subarray(0, 100);
    expect(() => decodeModuleTranslation(encodeModuleTranslation(rich), short)).to.throw(
      ArtifactError,
      /at (functionBodies|customSections|dataSegments)/,
    );
  });

  it('end in an ArtifactError or a translation, never another error, when any one node is replaced', () => {
    const data = encodeModuleTranslation(rich);
    const junk: unknown[] = [null, 'x', -1, 1.5, 2 ** 40, 10n, [], {}, new Uint8Array(3), true];
    let rejected = 0;
    for (const path of nodePaths(data)) {
      for (const value of junk) {
        try {
          decodeModuleTranslation(replaced(data, path, value), rich.wasm);
        } catch (error) {
          if (!(error instanceof ArtifactError)) throw new Error(`replacing ${path.join('.')} by ${String(value)} threw ${String(error)}`);
          rejected++;
        }
      }
    }
    expect(rejected).to.be.greaterThan(1000);
  });
});
