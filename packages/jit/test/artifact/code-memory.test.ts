import { expect } from 'chai';
import { WASM2_FEATURES, withFeatures } from '@tswasm/environ';
import {
  ArtifactError,
  CodeMemory,
  ObjectBuilder,
  crc32,
  engineFingerprint,
  type ArtifactKind,
  type EngineFingerprintInput,
} from '../../src/index.js';
import { HeaderOffset, readHeader, writeU32 } from '../../src/artifact/container-format.js';
import { RUNNABLE_WAT, assemble } from './test-modules.js';

const ENGINE: EngineFingerprintInput = { tswasmVersion: '0.1.0', features: WASM2_FEATURES, settings: { consumeFuel: false } };
const FINGERPRINT = engineFingerprint(ENGINE);
const MODULE = { kind: 'module', fingerprint: FINGERPRINT, engine: ENGINE } as const;
const JS_SOURCE = 'const add = (a, b) => a + b; return { add, greeting: "héllo" };';

function build(wasm: readonly Uint8Array[], options: { kind?: ArtifactKind; metadata?: unknown; js?: string } = {}): Uint8Array {
  const builder = new ObjectBuilder(options.kind ?? 'module', FINGERPRINT, ENGINE);
  for (const bytes of wasm) builder.addWasm(bytes);
  const metadata = { name: 'runnable', i64: -(1n << 63n), bytes: Uint8Array.of(1, 2, 3), map: new Map([[1, 'one']]) };
  builder.setMetadata(options.metadata ?? metadata);
  builder.setJsSource(options.js ?? JS_SOURCE);
  return builder.finish();
}

/** Recomputes the checksum after a deliberate edit, so the check under test is reached. */
function reseal(bytes: Uint8Array): Uint8Array {
  writeU32(bytes, HeaderOffset.checksum, crc32(bytes, HeaderOffset.checksummed));
  return bytes;
}

interface Expected {
  kind: ArtifactKind;
  fingerprint: string;
  engine?: EngineFingerprintInput;
}

function rejection(bytes: Uint8Array, expected: Expected = MODULE): string {
  try {
    CodeMemory.fromBytes(bytes, expected);
  } catch (error) {
    expect(error).to.be.instanceOf(ArtifactError);
    return (error as ArtifactError).message;
  }
  throw new Error('expected fromBytes to reject the artifact');
}

describe('ObjectBuilder', () => {
  it('refuses an engine description that does not give the fingerprint', () => {
    expect(() => new ObjectBuilder('module', '0000000000000000', ENGINE)).to.throw(
      TypeError,
      'the engine description does not match the fingerprint',
    );
  });

  it('writes the same bytes for the same input', () => {
    const a = build([Uint8Array.of(0, 0x61, 0x73, 0x6d, 1, 0, 0, 0)]);
    const b = build([Uint8Array.of(0, 0x61, 0x73, 0x6d, 1, 0, 0, 0)]);
    expect(Array.from(a)).to.deep.equal(Array.from(b));
  });
});

describe('CodeMemory', () => {
  let wasm: Uint8Array;
  let artifact: Uint8Array;

  before(async () => {
    wasm = await assemble(RUNNABLE_WAT);
    artifact = build([wasm]);
  });

  describe('fromBytes', () => {
    it('gives back the kind, metadata, wasm byte for byte and JS source', () => {
      const second = Uint8Array.of(0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00);
      const code = CodeMemory.fromBytes(build([wasm, second]), MODULE);
      expect(code.kind).to.equal('module');
      expect(code.tswasmVersion).to.equal('0.1.0');
      expect(code.fingerprint).to.equal(FINGERPRINT);
      expect(code.wasm.map((w) => Array.from(w))).to.deep.equal([Array.from(wasm), Array.from(second)]);
      expect(code.jsSource).to.equal(JS_SOURCE);
      const metadata = code.metadata as { name: string; i64: bigint; bytes: Uint8Array; map: Map<number, string> };
      expect(metadata.name).to.equal('runnable');
      expect(metadata.i64).to.equal(-(1n << 63n));
      expect(Array.from(metadata.bytes)).to.deep.equal([1, 2, 3]);
      expect(metadata.map).to.deep.equal(new Map([[1, 'one']]));
    });

    it('keeps its own copy, so changing the input afterwards changes nothing', () => {
      const bytes = artifact.slice();
      const code = CodeMemory.fromBytes(bytes, MODULE);
      bytes.fill(0);
      expect(Array.from(code.wasm[0] ?? [])).to.deep.equal(Array.from(wasm));
    });

    it('takes the input over without a copy when told nothing else holds it', () => {
      const bytes = artifact.slice();
      const code = CodeMemory.fromBytes(bytes, MODULE, 'take');
      expect(code.wasm[0]?.buffer).to.equal(bytes.buffer);
      expect(Array.from(code.wasm[0] ?? [])).to.deep.equal(Array.from(wasm));
      // The checks still run on what it takes.
      bytes[bytes.length - 1] = (bytes[bytes.length - 1] as number) ^ 1;
      expect(() => CodeMemory.fromBytes(bytes, MODULE, 'take')).to.throw(ArtifactError, 'checksum mismatch');
    });

    it('places every payload at a multiple of 4', () => {
      for (const section of readHeader(artifact).sections) expect(section.offset % 4).to.equal(0);
    });

    it('rejects a WebAssembly module or component binary, saying what it is', async () => {
      expect(rejection(wasm)).to.equal('expected a tswasm artifact, found a WebAssembly binary: use Module.new');
      const component = await assemble('(component)');
      expect(rejection(component)).to.equal('expected a tswasm artifact, found a WebAssembly component binary: use Component.new');
    });

    it('rejects other bytes and empty input', () => {
      expect(rejection(Uint8Array.of(0xde, 0xad, 0xbe, 0xef, 1, 2, 3, 4, 5))).to.equal(
        'expected a tswasm artifact, found bytes without its magic header (de ad be ef 01 02 03 04)',
      );
      expect(rejection(new Uint8Array(0))).to.equal('expected a tswasm artifact, found empty input');
      expect(rejection(artifact.subarray(0, 8))).to.equal('artifact is truncated: expected at least 24 bytes, found 8');
    });

    it('rejects another format version', () => {
      const bytes = artifact.slice();
      writeU32(bytes, HeaderOffset.version, 1);
      expect(rejection(bytes)).to.equal('unsupported artifact format version 1: this tswasm reads version 2');
    });

    it('rejects a truncated artifact and one with trailing bytes, with both lengths', () => {
      const n = artifact.length;
      expect(rejection(artifact.subarray(0, n - 1))).to.equal(`artifact is truncated: expected ${n} bytes, found ${n - 1}`);
      const longer = new Uint8Array(n + 3);
      longer.set(artifact);
      expect(rejection(longer)).to.equal(`artifact has trailing bytes: expected ${n} bytes, found ${n + 3}`);
    });

    it('rejects a changed byte by its checksum', () => {
      const bytes = artifact.slice();
      bytes[bytes.length - 1] = (bytes[bytes.length - 1] ?? 0) ^ 1;
      expect(rejection(bytes)).to.equal('artifact is corrupted: checksum mismatch');
    });

    it('rejects a component where a module is expected, and the reverse', () => {
      expect(rejection(build([wasm], { kind: 'component' }))).to.equal('artifact is a component but a module was expected');
      expect(rejection(artifact, { ...MODULE, kind: 'component' })).to.equal('artifact is a module but a component was expected');
    });

    it('rejects another tswasm version or engine settings, naming the difference', () => {
      const newer = { ...ENGINE, tswasmVersion: '0.2.0' };
      expect(rejection(artifact, { kind: 'module', fingerprint: engineFingerprint(newer), engine: newer })).to.equal(
        'artifact was compiled by tswasm 0.1.0, but this is tswasm 0.2.0',
      );
      const noSimd = { ...ENGINE, features: withFeatures(WASM2_FEATURES, { simd: false }) };
      expect(rejection(artifact, { kind: 'module', fingerprint: engineFingerprint(noSimd), engine: noSimd })).to.equal(
        'artifact was compiled with different engine settings: `features.simd` is true in the artifact, false in this engine',
      );
      expect(rejection(artifact, { kind: 'module', fingerprint: '0123456789abcdef' })).to.equal(
        `artifact was compiled by a different tswasm version or engine settings: fingerprint ${FINGERPRINT} (tswasm 0.1.0), ` +
          "this engine's is 0123456789abcdef",
      );
    });

    it('rejects an unknown kind byte', () => {
      const bytes = artifact.slice();
      bytes[HeaderOffset.kind] = 7;
      expect(rejection(reseal(bytes))).to.equal('artifact is corrupted: unknown kind 7');
    });

    it('rejects a section table that points outside the artifact', () => {
      const header = readHeader(artifact);
      const bytes = artifact.slice();
      // The last section's length field: the table's last 4 bytes.
      writeU32(bytes, header.tableEnd - 4, 1 << 20);
      const last = header.sections[header.sections.length - 1];
      const previous = header.sections[header.sections.length - 2];
      const previousEnd = (previous?.offset ?? 0) + (previous?.length ?? 0);
      expect(rejection(reseal(bytes))).to.equal(
        `artifact section table is out of bounds: section ${header.sections.length - 1} spans ${last?.offset}..${(last?.offset ?? 0) + (1 << 20)}, ` +
          `expected within ${previousEnd}..${artifact.length}`,
      );
      const count = artifact.slice();
      writeU32(count, header.tableEnd - 4 - 12 * header.sections.length, 0x10000000);
      expect(rejection(reseal(count))).to.match(/^artifact section table is out of bounds: 268435456 sections at \d+ of \d+ bytes$/);
    });

    it('rejects a section of unknown type and a missing or repeated section', () => {
      const header = readHeader(artifact);
      const last = header.tableEnd - 12;
      const unknown = artifact.slice();
      writeU32(unknown, last, 9);
      expect(rejection(reseal(unknown))).to.equal(`artifact is malformed: section ${header.sections.length - 1} has unknown type 9`);
      const noJs = artifact.slice();
      writeU32(noJs, last, 2);
      expect(rejection(reseal(noJs))).to.equal('artifact is malformed: no JS section');
      const twoMetadata = artifact.slice();
      writeU32(twoMetadata, last, 1);
      expect(rejection(reseal(twoMetadata))).to.equal('artifact is malformed: more than one metadata section');
    });

    it('rejects metadata that does not decode and a JS source that is not UTF-8', () => {
      const header = readHeader(artifact);
      const [metadata, , js] = header.sections;
      const bad = artifact.slice();
      bad.fill(0xff, metadata?.offset, (metadata?.offset ?? 0) + (metadata?.length ?? 0));
      bad[metadata?.offset ?? 0] = 0x1c; // a reserved CBOR initial byte
      expect(rejection(reseal(bad))).to.match(/^artifact metadata failed to decode: /);
      const badJs = artifact.slice();
      badJs[js?.offset ?? 0] = 0xff;
      expect(rejection(reseal(badJs))).to.equal('artifact JS source is not valid UTF-8');
    });

    // The stated requirement: every single-byte change and every truncation of a real artifact
    // is rejected with a clear error or, if it only touches padding, loads identically.
    it('rejects every single-byte change and every truncation of a real artifact', () => {
      const header = readHeader(artifact);
      const original = CodeMemory.fromBytes(artifact, MODULE);
      const isPadding = (i: number): boolean =>
        i >= header.tableEnd && !header.sections.some((s) => i >= s.offset && i < s.offset + s.length);
      expect(artifact.length).to.be.greaterThan(2000);
      let loadedIdentically = 0;
      for (let i = 0; i < artifact.length; i++) {
        for (const flip of [0x01, 0x80, 0xff]) {
          const bytes = artifact.slice();
          bytes[i] = (bytes[i] ?? 0) ^ flip;
          let code: CodeMemory;
          try {
            code = CodeMemory.fromBytes(bytes, MODULE);
          } catch (error) {
            expect(error, `byte ${i} ^ ${flip}`).to.be.instanceOf(ArtifactError);
            continue;
          }
          expect(isPadding(i), `byte ${i} ^ ${flip} loaded but is not padding`).to.equal(true);
          expect(code.metadata).to.deep.equal(original.metadata);
          expect(code.wasm).to.deep.equal(original.wasm);
          expect(code.jsSource).to.equal(original.jsSource);
          loadedIdentically++;
        }
      }
      // The CRC covers padding too, so in fact every change is rejected.
      expect(loadedIdentically).to.equal(0);
      for (let n = 0; n < artifact.length; n++) {
        expect(() => CodeMemory.fromBytes(artifact.subarray(0, n), MODULE), `truncated to ${n}`).to.throw(ArtifactError);
      }
    });
  });

  describe('peek', () => {
    it('reads what an artifact claims without checking it', () => {
      expect(CodeMemory.peek(artifact)).to.deep.equal({ kind: 'module', fingerprint: FINGERPRINT, tswasmVersion: '0.1.0' });
      expect(CodeMemory.peek(build([], { kind: 'component' }))?.kind).to.equal('component');
      const future = artifact.slice();
      writeU32(future, HeaderOffset.version, 9);
      expect(CodeMemory.peek(future)?.kind).to.equal('module');
    });

    it('gives null for wasm, garbage, empty and cut-short input', () => {
      expect(CodeMemory.peek(wasm)).to.equal(null);
      expect(CodeMemory.peek(Uint8Array.of(1, 2, 3))).to.equal(null);
      expect(CodeMemory.peek(new Uint8Array(0))).to.equal(null);
      expect(CodeMemory.peek(artifact.subarray(0, 30))).to.equal(null);
    });
  });

  describe('publish', () => {
    it('compiles the wasm once, returns the same object again and runs none of the JS', () => {
      const code = CodeMemory.fromBytes(build([wasm], { js: 'throw new Error("ran");' }), MODULE);
      const published = code.publish();
      expect(code.publish()).to.equal(published);
      const instance = new WebAssembly.Instance(published.modules[0] as WebAssembly.Module);
      const add = instance.exports.add as (a: number, b: number) => number;
      expect(add(2, 3)).to.equal(5);
      expect(Object.keys(published)).to.deep.equal(['modules']);
      expect(code.jsSource).to.equal('throw new Error("ran");');
    });

    it('rejects wasm the host cannot compile', () => {
      const broken = Uint8Array.of(0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, 0x01);
      expect(() => CodeMemory.fromBytes(build([broken]), MODULE).publish())
        .to.throw(ArtifactError, /^artifact wasm section 0 failed to compile: /)
        .with.property('cause')
        .that.is.instanceOf(WebAssembly.CompileError);
    });
  });
});
