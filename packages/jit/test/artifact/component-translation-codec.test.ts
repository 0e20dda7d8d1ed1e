import { expect } from 'chai';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { WASM2_FEATURES, translateComponent, translateModule, type ComponentTranslation } from '@tswasm/environ';
import {
  ArtifactError,
  CodeMemory,
  ObjectBuilder,
  buildComponentArtifact,
  decodeComponentTranslation,
  encodeComponentTranslation,
  encodeModuleTranslation,
  engineFingerprint,
  loadComponentArtifact,
  lazyFactories,
  type EngineFingerprintInput,
} from '../../src/index.js';
import {
  ADAPTER_COMPONENT_WAT,
  ASYNC_COMPONENT_WAT,
  COMPONENT_FEATURES,
  EMPTY_COMPONENT_WAT,
  RICH_COMPONENT_WAT,
  translateComponentText,
} from './test-components.js';
import { RUNNABLE_WAT, assemble } from './test-modules.js';
import { CONFORMANCE_DIR } from '../support/conformance-dir.js';
import { comparable, nodePaths, replaced } from './plain-data.js';

const SUITE = join(CONFORMANCE_DIR, 'wasi-testsuite', 'tests');
const ENGINE: EngineFingerprintInput = { tswasmVersion: '0.1.0', features: WASM2_FEATURES, settings: { consumeFuel: false } };
const FINGERPRINT = engineFingerprint(ENGINE);
const COMPONENT = { kind: 'component', fingerprint: FINGERPRINT, engine: ENGINE } as const;

function expectSameTranslation(actual: ComponentTranslation, expected: ComponentTranslation, what = ''): void {
  expect(comparable(actual.component), `${what} component`).to.deep.equal(comparable(expected.component));
  expect(actual.staticModules.length, `${what} static modules`).to.equal(expected.staticModules.length);
  for (const [index, module] of expected.staticModules.entries()) {
    const decoded = actual.staticModules.get(index);
    for (const key of Object.keys(module) as (keyof typeof module)[]) {
      expect(comparable(decoded[key]), `${what} static module ${index} ${key}`).to.deep.equal(comparable(module[key]));
    }
  }
}

function roundTrip(t: ComponentTranslation): ComponentTranslation {
  const { metadata, wasm } = encodeComponentTranslation(t);
  return decodeComponentTranslation(metadata, wasm);
}

function wasmFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...wasmFiles(path));
    else if (name.endsWith('.wasm')) out.push(path);
  }
  return out;
}

// A component binary: version 0x0d, layer 1 (bytes 4..7 of the preamble).
function isComponent(bytes: Uint8Array): boolean {
  return bytes[4] === 0x0d && bytes[5] === 0x00 && bytes[6] === 0x01 && bytes[7] === 0x00;
}

describe('encodeComponentTranslation and decodeComponentTranslation', () => {
  let rich: ComponentTranslation;
  let adapter: ComponentTranslation;
  let async: ComponentTranslation;
  let empty: ComponentTranslation;

  before(async () => {
    rich = await translateComponentText(RICH_COMPONENT_WAT);
    adapter = await translateComponentText(ADAPTER_COMPONENT_WAT);
    async = await translateComponentText(ASYNC_COMPONENT_WAT);
    empty = await translateComponentText(EMPTY_COMPONENT_WAT);
  });

  it('round-trip lowered imports with options, lifts, resources, an imported module and nested exports', () => {
    expectSameTranslation(roundTrip(rich), rich);
    // The comparison sees into the type list (a class with private state).
    const types = comparable(rich.component.types) as { typeList: { entries: unknown[]; aliases: unknown[]; resourceCount: number } };
    expect(types.typeList.entries.length).to.equal(rich.component.types.length).and.greaterThan(20);
    expect(types.typeList.aliases.some((a) => a !== undefined)).to.equal(true);
    expect(types.typeList.resourceCount).to.be.greaterThan(0);
    // The component really has what it claims to cover.
    const kinds = new Set(rich.component.initializers.map((i) => i.kind));
    for (const kind of ['LowerImport', 'ExtractMemory', 'ExtractRealloc', 'ExtractPostReturn', 'Resource', 'Trampoline', 'InstantiateModule']) {
      expect(kinds, kind).to.include(kind);
    }
    expect(rich.component.initializers.some((i) => i.kind === 'InstantiateModule' && i.module.kind === 'Import')).to.equal(true);
    expect(new Set([...rich.component.exports.values()].map((e) => e.kind))).to.deep.equal(
      new Set(['LiftedFunction', 'Instance', 'Type', 'Import', 'ModuleImport']),
    );
    expect(rich.component.resources.values().map((r) => r.kind)).to.have.members(['Imported', 'Defined']);
  });

  it('round-trip nested components with fused adapters, transcoders and an always-trap', () => {
    expectSameTranslation(roundTrip(adapter), adapter);
    const kinds = new Set(adapter.component.initializers.map((i) => i.kind));
    for (const kind of ['Adapter', 'Transcoder', 'AlwaysTrap']) expect(kinds, kind).to.include(kind);
    expect(adapter.component.numRuntimeComponentInstances).to.be.greaterThan(2);
  });

  it('round-trip async built-ins with their immediates and an async lift with a callback', () => {
    expectSameTranslation(roundTrip(async), async);
    expect(async.component.trampolines.values().filter((t) => t.kind === 'Builtin').length).to.be.greaterThan(5);
    expect(async.component.numRuntimeCallbacks).to.equal(1);
  });

  it('round-trip the empty component', () => {
    expectSameTranslation(roundTrip(empty), empty);
  });

  it('keep one trampoline object shared by its initializer and the trampoline table', () => {
    const decoded = roundTrip(rich).component;
    for (const init of decoded.initializers) {
      if (init.kind === 'Trampoline') expect(init.trampoline).to.equal(decoded.trampolines.get(init.index));
    }
  });

  it('store each static module as its own wasm section, byte for byte', () => {
    const { wasm } = encodeComponentTranslation(adapter);
    expect(wasm.length).to.equal(adapter.staticModules.length);
    wasm.forEach((bytes, i) => expect(bytes).to.equal(adapter.staticModules.get(i as never).wasm));
  });

  it('round-trip every wasip3 component of the WASI test suite', function () {
    if (!existsSync(SUITE)) this.skip(); // the shared conformance checkout is not on this machine
    const components = wasmFiles(SUITE)
      .map((path) => ({ path, bytes: readFileSync(path) }))
      .filter((file) => isComponent(file.bytes));
    expect(components.length).to.be.greaterThan(0);
    for (const { path, bytes } of components) {
      const t = translateComponent(bytes, COMPONENT_FEATURES);
      const artifact = buildComponentArtifact(t, FINGERPRINT, ENGINE);
      expectSameTranslation(loadComponentArtifact(artifact, COMPONENT).translation, t, path);
    }
  });

  it('reject data that is not an encoded component, naming what was expected where', () => {
    const { metadata, wasm } = encodeComponentTranslation(rich);
    expect(() => decodeComponentTranslation(null, wasm)).to.throw(
      ArtifactError,
      'artifact metadata is malformed: expected an object at component translation, found null',
    );
    expect(() => decodeComponentTranslation(metadata, wasm.slice(1))).to.throw(
      ArtifactError,
      `component artifact is malformed: expected ${wasm.length} wasm sections for its static modules, found ${wasm.length - 1}`,
    );
    expect(() => decodeComponentTranslation(replaced(metadata, ['component', 'initializers', 0, 'kind'], 'Start'), wasm)).to.throw(
      ArtifactError,
      'expected an initializer kind at component.initializers[].kind, found string "Start"',
    );
    expect(() => decodeComponentTranslation(replaced(metadata, ['component', 'numLowerings'], 5), wasm)).to.throw(
      ArtifactError,
      'expected 2 (the number defined by the initializers) at component.numLowerings, found number 5',
    );
    expect(() => decodeComponentTranslation(replaced(metadata, ['component', 'type'], 0), wasm)).to.throw(
      ArtifactError,
      'expected the id of a component type at component.type, found number 0',
    );
    expect(() => decodeComponentTranslation(replaced(metadata, ['staticModules', 1, 'functions', 0], 99), wasm)).to.throw(
      ArtifactError,
      /expected an index below \d+ at functions\[\], found number 99 \(in static module 1\)$/,
    );
  });

  it('reject a type entry naming a later entry, so the type table cannot have a cycle', () => {
    const { metadata, wasm } = encodeComponentTranslation(rich);
    const entries = (metadata as { component: { types: { entries: { kind: string; type?: { kind: string } }[] } } }).component.types.entries;
    const option = entries.findIndex((e) => e.kind === 'defined' && e.type?.kind === 'option');
    expect(option).to.be.greaterThan(-1);
    const forward = replaced(metadata, ['component', 'types', 'entries', option, 'type', 'type'], { kind: 'defined', id: option });
    expect(() => decodeComponentTranslation(forward, wasm)).to.throw(ArtifactError, `expected an index below ${option} at component.types.entries[].type.type.id`);
  });

  it('recompute the depth and borrow facts of a defined type and bound its nesting', () => {
    const { metadata, wasm } = encodeComponentTranslation(rich);
    const entries = (metadata as { component: { types: { entries: { kind: string; depth?: number }[] } } }).component.types.entries;
    const defined = entries.findIndex((e) => e.kind === 'defined');
    expect(() => decodeComponentTranslation(replaced(metadata, ['component', 'types', 'entries', defined, 'depth'], 50), wasm)).to.throw(
      ArtifactError,
      'expected depth 1 at component.types.entries[].depth, found number 50',
    );
    expect(() => decodeComponentTranslation(replaced(metadata, ['component', 'types', 'entries', defined, 'containsBorrow'], true), wasm)).to.throw(
      ArtifactError,
      'expected containsBorrow false at component.types.entries[].containsBorrow, found boolean true',
    );
    // A chain of 150 options, each with the depth it claims: deeper than translation allows.
    const chain: unknown[] = [];
    for (let i = 0; i < 150; i++) {
      const type = i === 0 ? { kind: 'primitive', type: 'u8' } : { kind: 'defined', id: i - 1 };
      chain.push({ kind: 'defined', type: { kind: 'option', type }, depth: i + 1, containsBorrow: false });
    }
    const deep = replaced(metadata, ['component', 'types', 'entries'], [...chain, ...entries]);
    expect(() => decodeComponentTranslation(deep, wasm)).to.throw(ArtifactError, 'expected value types nested at most 100 deep at component.types.entries[].depth, found number 101');
  });

  it('end in an ArtifactError, never another error, on forged arrays too long to spread', () => {
    const { metadata, wasm } = encodeComponentTranslation(empty);
    const params = Array.from({ length: 300_000 }, (_, i) => ({ name: `p${i}`, type: { kind: 'primitive', type: 'u8' } }));
    const entries = [{ kind: 'func', async: false, params, result: null }, { kind: 'component', imports: [], exports: [], importedResources: [], definedResources: [] }];
    const forged = replaced(replaced(metadata, ['component', 'types', 'entries'], entries), ['component', 'type'], 1);
    expect(decodeComponentTranslation(forged, wasm).component.types.length).to.equal(2);
  });

  it('end in an ArtifactError or a translation, never another error, when any one node is replaced', function () {
    this.timeout(300_000);
    const junk: unknown[] = [null, 'x', -1, 1.5, 2 ** 40, 10n, [], {}, new Uint8Array(3), true, 0, 1];
    let rejected = 0;
    // The static modules have the module codec's own test, so only the component part of the
    // larger components is damaged; the small async one is damaged everywhere.
    const cases = [
      { t: rich, under: ['component'] },
      { t: adapter, under: ['component'] },
      { t: async, under: [] },
    ];
    for (const { t, under } of cases) {
      const { metadata, wasm } = encodeComponentTranslation(t);
      let part: unknown = metadata;
      for (const key of under) part = (part as Record<string, unknown>)[key];
      for (const path of nodePaths(part)) {
        for (const value of junk) {
          const damaged = replaced(metadata, [...under, ...path], value);
          try {
            decodeComponentTranslation(damaged, wasm);
          } catch (error) {
            if (!(error instanceof ArtifactError)) throw new Error(`replacing ${path.join('.')} by ${String(value)} threw ${String(error)}`);
            rejected++;
          }
        }
      }
    }
    expect(rejected).to.be.greaterThan(5000);
  });

  it('reject exported instances nested deeper than translation allows, without overflowing the stack', () => {
    const { metadata, wasm } = encodeComponentTranslation(empty);
    let exports: unknown[] = [];
    for (let i = 0; i < 2000; i++) exports = ['i', { kind: 'Instance', exports }];
    expect(() => decodeComponentTranslation(replaced(metadata, ['component', 'exports'], exports), wasm)).to.throw(
      ArtifactError,
      'expected instances nested at most 1000 deep at component.exports',
    );
  });
});

describe('buildComponentArtifact and loadComponentArtifact', () => {
  let rich: ComponentTranslation;

  before(async () => {
    rich = await translateComponentText(RICH_COMPONENT_WAT);
  });

  it('round-trip a translation and its factories, with static modules viewing the stored sections', () => {
    const factories = [
      { key: 'lowered-import:a', source: 'return () => env.answer;' },
      { key: 'odd "key"\u2028', source: '// a comment ending the body' },
      { key: 'lowered-import:a', source: 'a duplicate key is left out' },
    ];
    const { translation, code, factories: index } = loadComponentArtifact(buildComponentArtifact(rich, FINGERPRINT, ENGINE, factories), COMPONENT);
    expectSameTranslation(translation, rich);
    expect(code.wasm.length).to.equal(rich.staticModules.length);
    translation.staticModules.values().forEach((m, i) => expect(m.wasm).to.equal(code.wasm[i]));
    const published = code.publish();
    expect(published.modules.length).to.equal(rich.staticModules.length);
    const loaded = lazyFactories(index, code.jsSource);
    expect([...loaded.keys()]).to.deep.equal(['lowered-import:a', 'odd "key"\u2028']);
    expect(loaded.get('lowered-import:a')?.source).to.equal('return () => env.answer;');
    expect(loaded.get('odd "key"\u2028')?.source).to.equal('// a comment ending the body');
    const make = loaded.get('lowered-import:a')?.factory as unknown as (env: { answer: number }) => () => number;
    expect(make({ answer: 42 })()).to.equal(42);
    expect(typeof loaded.get('odd "key"\u2028')?.factory).to.equal('function');
  });

  it('write an empty factory object for a component without trampolines', () => {
    const { code, factories } = loadComponentArtifact(buildComponentArtifact(rich, FINGERPRINT, ENGINE), COMPONENT);
    expect(factories).to.deep.equal([]);
    expect(code.jsSource).to.equal('return {\n};\n');
  });

  it('refuse a module artifact, and the module loader refuses a component artifact', async () => {
    const module = translateModule(await assemble(RUNNABLE_WAT));
    const builder = new ObjectBuilder('module', FINGERPRINT, ENGINE);
    builder.addWasm(module.wasm);
    builder.setMetadata({ translation: encodeModuleTranslation(module) });
    expect(() => loadComponentArtifact(builder.finish(), COMPONENT)).to.throw(ArtifactError, 'artifact is a module but a component was expected');
    const component = buildComponentArtifact(rich, FINGERPRINT, ENGINE);
    expect(() => CodeMemory.fromBytes(component, { ...COMPONENT, kind: 'module' })).to.throw(ArtifactError, 'artifact is a component but a module was expected');
  });

  it('refuse an artifact of another engine, naming the setting', () => {
    const other: EngineFingerprintInput = { ...ENGINE, settings: { consumeFuel: true } };
    const artifact = buildComponentArtifact(rich, engineFingerprint(other), other);
    expect(() => loadComponentArtifact(artifact, COMPONENT)).to.throw(ArtifactError, /different engine settings: .*consumeFuel/);
  });

  it('refuse a component artifact whose metadata has no translation', () => {
    const builder = new ObjectBuilder('component', FINGERPRINT, ENGINE);
    builder.setMetadata({ other: 1 });
    expect(() => loadComponentArtifact(builder.finish(), COMPONENT)).to.throw(ArtifactError, 'component artifact is malformed: metadata has no `translation`');
  });
});
