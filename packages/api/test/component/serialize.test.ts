import { expect } from 'chai';
import { parse } from '@bytecodealliance/jco';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ObjectBuilder } from '@tswasm/jit';
import { ArtifactError, Component, Config, Engine, Module, Store, Trap, component } from '../../src/index.js';
import { EXPORTS_WAT, LIBC_FUNCS, importsWat } from './fixtures.js';
import { expectDamagedArtifactsRejected } from '../helpers/damaged-artifacts.js';

// What a call did: its result (records spread, as they have no prototype), or its error's class,
// trap code and message.
type Outcome = { readonly ok: unknown } | { readonly error: string; readonly code?: string; readonly message: string };

function outcome(run: () => unknown): Outcome {
  try {
    const value = run();
    const ok = value !== null && typeof value === 'object' && Object.getPrototypeOf(value) === null ? { ...value } : value;
    return { ok };
  } catch (error) {
    if (error instanceof Trap) return { error: 'Trap', code: error.code ?? undefined, message: error.message };
    if (error instanceof Error) return { error: error.constructor.name, message: error.message };
    throw error;
  }
}

// The calls made on the export guest, in order; the trap comes last but one, so the call after
// it shows the instance refusing to be entered again.
const EXPORT_CALLS: readonly (readonly [string, unknown[]])[] = [
  ['add', [40, 2]],
  ['add', [1, 'x']],
  ['echo', ['héllo, wörld']],
  ['posts', []],
  ['echo16', ['ünï 𝄞']],
  ['sum', [Uint32Array.of(1, 2, 3, 4)]],
  ['sum', [[10, 20]]],
  ['point', [{ id: 1, x: 1.5, on: false }]],
  ['div', [7, 2]],
  ['div', [7, 0]],
  ['same', [{ kind: 'None' }]],
  ['same', [{ kind: 'Num', value: 9 }]],
  ['same', [{ kind: 'Text', value: 'hi there' }]],
  ['boom', []],
  ['add', [1, 2]],
];

/** Runs the export guest's calls on a fresh instance of `c`. */
function observeExports(engine: Engine, c: Component): Outcome[] {
  const store = new Store(engine);
  const instance = new component.Linker(engine).instantiate(store, c);
  return EXPORT_CALLS.map(([name, args]) =>
    outcome(() => {
      const f = instance.getFunc(store, name);
      if (f === null) throw new Error(`no export ${name}`);
      return f.call(store, args);
    }),
  );
}

/** Runs the import guest on a fresh instance of `c`, logging the host calls. */
function observeImports(engine: Engine, c: Component): { outcomes: Outcome[]; log: string[] } {
  const linker = new component.Linker<string[]>(engine);
  linker.instance('host').funcWrap('greet', (store, name) => {
    store.data.push(String(name));
    if (name === 'fail') throw new RangeError('host says no');
    return `hello, ${String(name)} → 𝄞`;
  });
  const store = new Store<string[]>(engine, []);
  const instance = linker.instantiate(store, c);
  const outcomes = ['wörld', 'ünï', 'fail'].map((name) => outcome(() => instance.getFunc(store, 'run')?.call(store, [name])));
  return { outcomes, log: store.data };
}

describe('Component.serialize', () => {
  const engine = new Engine();
  let exportsBytes: Uint8Array;

  before(async () => {
    exportsBytes = await parse(EXPORTS_WAT);
  });

  it('round-trips the export guest with the same behaviour, traps included', () => {
    const original = Component.fromBinary(engine, exportsBytes);
    const loaded = Component.deserialize(engine, original.serialize());
    const expected = observeExports(engine, original);
    expect(expected.at(-2)).to.deep.include({ error: 'Trap', code: 'UnreachableCodeReached' });
    expect(expected.at(-1)).to.deep.include({ error: 'Trap', code: 'CannotEnterComponent' });
    expect(observeExports(engine, loaded)).to.deep.equal(expected);
    // And on a fresh engine with the same settings, whose trampoline cache is empty.
    const other = new Engine();
    expect(observeExports(other, Component.deserialize(other, original.serialize()))).to.deep.equal(expected);
  });

  for (const encoding of ['utf8', 'utf16'] as const) {
    it(`round-trips the ${encoding} host-import guest with the same behaviour`, () => {
      const original = Component.new(engine, importsWat(encoding));
      const loaded = Component.deserialize(engine, original.serialize());
      const expected = observeImports(engine, original);
      expect(expected.outcomes.at(-1)).to.deep.include({ error: 'RangeError', message: 'host says no' });
      expect(observeImports(engine, loaded)).to.deep.equal(expected);
    });
  }

  it('writes the same artifact as Engine.precompileComponent, from bytes or text', () => {
    const artifact = Component.fromBinary(engine, exportsBytes).serialize();
    expect(engine.precompileComponent(exportsBytes)).to.deep.equal(artifact);
    expect(engine.precompileComponent(EXPORTS_WAT)).to.deep.equal(artifact);
    expect(engine.detectPrecompiled(artifact)).to.equal('component');
    expect(engine.detectPrecompiled(exportsBytes)).to.equal(null);
  });

  it('keeps the translation through the round trip', () => {
    const original = Component.fromBinary(engine, exportsBytes);
    const loaded = Component.deserialize(engine, original.serialize());
    expect(loaded.translation.staticModules.length).to.equal(original.translation.staticModules.length);
    expect([...loaded.translation.component.exports.keys()]).to.deep.equal([...original.translation.component.exports.keys()]);
    expect(loaded.trampolines.exports.size).to.equal(original.trampolines.exports.size);
  });

  it('loads the trampolines from the artifact, and writes the same artifact again', () => {
    const artifact = Component.fromBinary(engine, exportsBytes).serialize();
    // A new engine's trampoline cache is empty: the factories can only come from the artifact.
    const other = new Engine();
    const loaded = Component.deserialize(other, artifact);
    const original = Component.fromBinary(engine, exportsBytes);
    let compared = 0;
    for (const [name, item] of loaded.translation.component.exports) {
      const prepared = loaded.trampolines.exports.get(item);
      if (prepared === undefined) continue;
      const originalItem = original.translation.component.exports.get(name);
      const generated = originalItem === undefined ? undefined : original.trampolines.exports.get(originalItem);
      expect(prepared.trampoline.source, name).to.equal(generated?.trampoline.source);
      expect(prepared.factory, name).to.not.equal(generated?.factory);
      compared++;
    }
    expect(compared).to.be.greaterThan(5);
    expect(loaded.serialize()).to.deep.equal(artifact);
  });

  it('loads with deserializeAsync and Component.compile to the same behaviour', async () => {
    const original = Component.fromBinary(engine, exportsBytes);
    const expected = observeExports(engine, original);
    const artifact = original.serialize();
    const loaded = await Component.deserializeAsync(new Engine(), artifact);
    expect(observeExports(loaded.engine, loaded)).to.deep.equal(expected);
    expect(loaded.serialize()).to.deep.equal(artifact);
    expect(observeExports(engine, await Component.compile(engine, exportsBytes))).to.deep.equal(expected);
  });

  it('rejects a damaged artifact in deserializeAsync as deserialize does', async () => {
    const artifact = Component.fromBinary(engine, exportsBytes).serialize();
    const damaged = artifact.slice();
    damaged[artifact.length >> 1] = (damaged[artifact.length >> 1] as number) ^ 4;
    let error: unknown = null;
    await Component.deserializeAsync(engine, damaged).catch((e: unknown) => {
      error = e;
    });
    expect(error).to.be.instanceOf(ArtifactError).with.property('message', 'artifact is corrupted: checksum mismatch');
  });

  it('lets the caller reuse the artifact buffer after loading', () => {
    const original = Component.fromBinary(engine, exportsBytes);
    const artifact = original.serialize();
    const loaded = Component.deserialize(engine, artifact);
    artifact.fill(0);
    expect(observeExports(engine, loaded)).to.deep.equal(observeExports(engine, original));
  });
});

// Guests of instantiate.test.ts, each with the export calls that show its behaviour (an
// instantiation error counts as the outcome of every call).
const INSTANTIATION_GUESTS: Record<string, { readonly wat: string; readonly calls: readonly (readonly [string | string[], unknown[]])[] }> = {
  'a lift lowered back into its own component (always-trap)': {
    wat: `(component
      (core module $m (func (export "f")))
      (core instance $i (instantiate $m))
      (func $f (canon lift (core func $i "f")))
      (core func $g (canon lower (func $f)))
      (core module $n (import "" "g" (func $g)) (func (export "run") (call $g)))
      (core instance $j (instantiate $n (with "" (instance (export "g" (func $g))))))
      (func (export "run") (canon lift (core func $j "run"))))`,
    calls: [['run', []]],
  },
  'an exported instance': {
    wat: `(component
      (core module $m (func (export "add") (param i32 i32) (result i32) (i32.add (local.get 0) (local.get 1))))
      (core instance $i (instantiate $m))
      (func $add (param "a" u32) (param "b" u32) (result u32) (canon lift (core func $i "add")))
      (instance $api (export "add" (func $add)))
      (export "my:pkg/api" (instance $api)))`,
    calls: [[['my:pkg/api', 'add'], [3, 4]], [['my:pkg/api', 'sub'], []]],
  },
  'a string returned outside memory': {
    wat: `(component
      (core module $m (memory (export "memory") 1) ${LIBC_FUNCS}
        (func (export "bad") (result i32)
          (i32.store (i32.const 16) (i32.const 65530))
          (i32.store (i32.const 20) (i32.const 100))
          (i32.const 16)))
      (core instance $i (instantiate $m))
      (func (export "bad") (result string) (canon lift (core func $i "bad") (memory (core memory $i "memory")))))`,
    calls: [['bad', []], ['bad', []]],
  },
  'an imported non-resource type': {
    wat: `(component
      (type $t u32)
      (import "count" (type $count (eq $t)))
      (core module $m (func (export "f") (param i32) (result i32) (local.get 0)))
      (core instance $i (instantiate $m))
      (func (export "f") (param "x" $count) (result $count) (canon lift (core func $i "f"))))`,
    calls: [['f', [9]]],
  },
  'fused adapters between nested components (refused)': {
    wat: `(component
      (component $a
        (core module $m (func (export "f") (result i32) (i32.const 1)))
        (core instance $i (instantiate $m))
        (func (export "f") (result u32) (canon lift (core func $i "f"))))
      (instance $a (instantiate $a))
      (component $b
        (import "f" (func $f (result u32)))
        (core func $f (canon lower (func $f)))
        (core module $n (import "" "f" (func (result i32))))
        (core instance (instantiate $n (with "" (instance (export "f" (func $f)))))))
      (instance (instantiate $b (with "f" (func $a "f")))))`,
    calls: [['f', []]],
  },
};

function observeGuest(engine: Engine, c: Component, calls: readonly (readonly [string | string[], unknown[]])[]): Outcome[] {
  const store = new Store(engine);
  let instance: component.Instance;
  try {
    instance = new component.Linker(engine).instantiate(store, c);
  } catch (error) {
    return [outcome(() => {
      throw error;
    })];
  }
  return calls.map(([name, args]) => outcome(() => instance.getFunc(store, name)?.call(store, args) ?? 'no such export'));
}

describe('Component.deserialize of the instantiation guests', () => {
  const engine = new Engine();
  for (const [name, { wat, calls }] of Object.entries(INSTANTIATION_GUESTS)) {
    it(`behaves as the compiled component for ${name}`, () => {
      const original = Component.new(engine, wat);
      const expected = observeGuest(engine, original, calls);
      expect(observeGuest(engine, Component.deserialize(engine, original.serialize()), calls)).to.deep.equal(expected);
    });
  }

  it('sees the traps of the compiled component', () => {
    const guest = INSTANTIATION_GUESTS['a string returned outside memory'];
    if (guest === undefined) throw new Error('missing guest');
    const loaded = Component.deserialize(engine, engine.precompileComponent(guest.wat));
    expect(observeGuest(engine, loaded, guest.calls).map((o) => ('code' in o ? o.code : null))).to.deep.equal(['MemoryOutOfBounds', 'CannotEnterComponent']);
  });
});

describe('Component.deserialize', () => {
  const engine = new Engine();
  let bytes: Uint8Array;
  let artifact: Uint8Array;

  before(async () => {
    bytes = await parse(EXPORTS_WAT);
    artifact = engine.precompileComponent(bytes);
  });

  it('rejects an artifact of an engine with other features, naming the feature', () => {
    const noSimd = new Engine(new Config({ features: { simd: false } }));
    const foreign = noSimd.precompileComponent(bytes);
    expect(() => Component.deserialize(engine, foreign)).to.throw(
      ArtifactError,
      'artifact was compiled with different engine settings: `features.simd` is false in the artifact, true in this engine',
    );
    expect(() => Component.deserialize(noSimd, artifact)).to.throw(ArtifactError, '`features.simd` is true in the artifact, false in this engine');
    expect(observeExports(noSimd, Component.deserialize(noSimd, foreign))[0]).to.deep.equal({ ok: 42 });
  });

  it('rejects a module artifact, and Module.deserialize a component artifact, with clear errors', async () => {
    const moduleArtifact = engine.precompileModule(await parse('(module (func (export "f")))'));
    expect(engine.detectPrecompiled(moduleArtifact)).to.equal('module');
    expect(() => Component.deserialize(engine, moduleArtifact)).to.throw(ArtifactError, 'artifact is a module but a component was expected');
    expect(() => Module.deserialize(engine, artifact)).to.throw(ArtifactError, 'artifact is a component but a module was expected');
  });

  it('rejects a component binary and a module binary, saying what they are', async () => {
    expect(() => Component.deserialize(engine, bytes)).to.throw(
      ArtifactError,
      'expected a tswasm artifact, found a WebAssembly component binary: use Component.new',
    );
    const moduleBytes = await parse('(module)');
    expect(() => Component.deserialize(engine, moduleBytes)).to.throw(ArtifactError, 'expected a tswasm artifact, found a WebAssembly binary: use Module.new');
  });

  it('rejects truncated artifacts and flipped bytes', () => {
    expectDamagedArtifactsRejected(artifact, (bytes) => Component.deserialize(engine, bytes));
  });

  it('rejects metadata that is not a translation before evaluating any JS', () => {
    const withJs = new ObjectBuilder('component', engine.fingerprint, engine.fingerprintInput);
    withJs.setMetadata({ translation: {} });
    withJs.setJsSource('throw new Error("ran")');
    expect(() => Component.deserialize(engine, withJs.finish())).to.throw(ArtifactError);
    const missing = new ObjectBuilder('component', engine.fingerprint, engine.fingerprintInput);
    missing.setMetadata([1, 2]);
    expect(() => Component.deserialize(engine, missing.finish())).to.throw(ArtifactError, 'component artifact is malformed: metadata has no `translation`');
    const nonsense = new ObjectBuilder('component', engine.fingerprint, engine.fingerprintInput);
    nonsense.setMetadata({ translation: { types: 'nonsense' } });
    expect(() => Component.deserialize(engine, nonsense.finish())).to.throw(ArtifactError);
  });

  it('rejects a bad translation in deserializeAsync, which decodes it while its wasm compiles', async () => {
    const bad = new ObjectBuilder('component', engine.fingerprint, engine.fingerprintInput);
    // Its wasm does not compile either: that rejection must not surface on its own.
    bad.addWasm(Uint8Array.of(0, 0x61, 0x73, 0x6d, 9, 9, 9, 9));
    bad.setMetadata({ translation: { types: 'nonsense' } });
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown): void => void unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    try {
      const error = await Component.deserializeAsync(engine, bad.finish()).then(
        () => null,
        (e: unknown) => e,
      );
      expect(error).to.be.instanceOf(ArtifactError);
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(unhandled).to.deep.equal([]);
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
  });
});

describe('Component.deserializeFile', () => {
  const engine = new Engine();

  it('loads an artifact file and names the path in every error', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tswasm-api-'));
    const bytes = await parse(EXPORTS_WAT);
    const good = join(dir, 'good.cwasm');
    writeFileSync(good, engine.precompileComponent(bytes));
    expect(observeExports(engine, Component.deserializeFile(engine, good))[0]).to.deep.equal({ ok: 42 });

    const notArtifact = join(dir, 'plain.wasm');
    writeFileSync(notArtifact, bytes);
    expect(() => Component.deserializeFile(engine, notArtifact))
      .to.throw(ArtifactError, `failed to deserialize component from \`${notArtifact}\`: expected a tswasm artifact, found a WebAssembly component binary`)
      .with.property('cause')
      .that.is.instanceOf(ArtifactError);

    const moduleFile = join(dir, 'module.cwasm');
    writeFileSync(moduleFile, engine.precompileModule(await parse('(module)')));
    expect(() => Component.deserializeFile(engine, moduleFile)).to.throw(
      ArtifactError,
      `failed to deserialize component from \`${moduleFile}\`: artifact is a module but a component was expected`,
    );

    const truncated = join(dir, 'truncated.cwasm');
    writeFileSync(truncated, engine.precompileComponent(bytes).subarray(0, 40));
    expect(() => Component.deserializeFile(engine, truncated)).to.throw(ArtifactError, `failed to deserialize component from \`${truncated}\`: artifact is truncated`);

    const missing = join(dir, 'missing.cwasm');
    expect(() => Component.deserializeFile(engine, missing))
      .to.throw(Error, `failed to deserialize component from \`${missing}\`: ENOENT`)
      .with.property('cause')
      .that.has.property('code', 'ENOENT');
  });
});
