/**
 * Loading a large module: `Module.deserialize` + instantiate against `Module.fromBinary` +
 * instantiate (both through a Linker whose imports are trapping stubs), and against the raw
 * `new WebAssembly.Module` + `new WebAssembly.Instance` (issue #3's benchmark).
 *
 * V8 keeps compiled modules in an in-process cache keyed by the bytes, so compiling the same
 * bytes twice is nearly free the second time. The "cold" rows therefore give every run its own
 * bytes (the module plus a custom section holding a counter) and its own artifact, as a fresh
 * process loading one module would see; the "warm" rows reuse one binary, which leaves mostly
 * our own work (validation and translation, or checking and decoding the artifact).
 */
import { Engine, Linker, Module, Store } from '@tswasm/api';
import { readFileSync } from 'node:fs';
import { medianPairMs, reportRatio } from './measure.js';
import { packageFile } from './package-file.js';

/** The modules this benchmark loads: a package and a file inside it. */
const MODULES: readonly [string, string][] = [
  ['@bytecodealliance/componentize-js', 'lib/starlingmonkey_embedding.wasm'],
  ['@bytecodealliance/jco-transpile', 'vendor/wasm-tools.core.wasm'],
];

function leb128(n: number): number[] {
  const out: number[] = [];
  do {
    let byte = n & 0x7f;
    n >>>= 7;
    if (n !== 0) byte |= 0x80;
    out.push(byte);
  } while (n !== 0);
  return out;
}

/** `bytes` plus a custom section `bench` holding `tag`, so V8 sees a binary it never compiled. */
export function variant(bytes: Uint8Array, tag: number): Uint8Array<ArrayBuffer> {
  const name = [...new TextEncoder().encode('bench')];
  const payload = [...leb128(name.length), ...name, ...leb128(tag)];
  const section = [0, ...leb128(payload.length), ...payload];
  const out = new Uint8Array(bytes.length + section.length);
  out.set(bytes, 0);
  out.set(section, bytes.length);
  return out;
}

/** A source of fresh inputs: each call returns the next of `items`. */
function cycle<T>(items: readonly T[]): () => T {
  let next = 0;
  return () => {
    const item = items[next++ % items.length];
    if (item === undefined) throw new Error('no benchmark inputs');
    return item;
  };
}

/** Raw imports for `module`: every function import throws when called. */
function trappingImports(module: WebAssembly.Module): WebAssembly.Imports {
  const imports: Record<string, Record<string, WebAssembly.ImportValue>> = {};
  for (const imp of WebAssembly.Module.imports(module)) {
    if (imp.kind !== 'function') throw new Error(`benchmark module imports a ${imp.kind}`);
    (imports[imp.module] ??= {})[imp.name] = () => {
      throw new Error(`unknown import: \`${imp.module}::${imp.name}\` has not been defined`);
    };
  }
  return imports;
}

/** Runs the benchmark on each module and returns its report lines. */
export function benchDeserializeLargeModules(runs = 7, warmup = 2): string[] {
  const lines: string[] = [];
  for (const [pkg, file] of MODULES) lines.push(...benchOne(packageFile(pkg, file), runs, warmup));
  return lines;
}

function benchOne(path: string, runs: number, warmup: number): string[] {
  const bytes = new Uint8Array(readFileSync(path));
  const engine = new Engine();
  const module = Module.fromBinary(engine, bytes);
  const linker = new Linker(engine).defineUnknownImportsAsTraps(module);
  const rawImports = trappingImports(module.compiled);
  const artifact = module.serialize();
  const lines = [
    `module: ${path.slice(path.lastIndexOf('node_modules'))} (${(bytes.length / 1e6).toFixed(1)} MB, artifact ${(artifact.length / 1e6).toFixed(1)} MB)`,
  ];

  const deserializeAndInstantiate = (input: Uint8Array): void => {
    linker.instantiate(new Store(engine), Module.deserialize(engine, input));
  };
  const newAndInstantiate = (input: Uint8Array): void => {
    linker.instantiate(new Store(engine), Module.fromBinary(engine, input));
  };
  const rawCompileAndInstantiate = (input: Uint8Array<ArrayBuffer>): void => {
    new WebAssembly.Instance(new WebAssembly.Module(input), rawImports);
  };

  // Cold: every run of every side gets bytes V8 has never seen (a fresh tag each).
  let tag = 0;
  const freshBinaries = (): (() => Uint8Array<ArrayBuffer>) => cycle(Array.from({ length: runs + warmup }, () => variant(bytes, ++tag)));
  const freshArtifacts = (): (() => Uint8Array) => cycle(Array.from({ length: runs + warmup }, () => engine.precompileModule(variant(bytes, ++tag))));

  const artifacts = freshArtifacts();
  const binaries = freshBinaries();
  const coldVsNew = medianPairMs(() => deserializeAndInstantiate(artifacts()), () => newAndInstantiate(binaries()), runs, warmup);
  lines.push(reportRatio('cold: deserialize + instantiate', coldVsNew.ours, coldVsNew.peer, 'Module.fromBinary + instantiate'));
  const artifacts2 = freshArtifacts();
  const raw = freshBinaries();
  const coldVsRaw = medianPairMs(() => deserializeAndInstantiate(artifacts2()), () => rawCompileAndInstantiate(raw()), runs, warmup);
  lines.push(reportRatio('cold: deserialize + instantiate', coldVsRaw.ours, coldVsRaw.peer, 'new WebAssembly.Module + Instance'));
  const binaries2 = freshBinaries();
  const raw2 = freshBinaries();
  const newVsRaw = medianPairMs(() => newAndInstantiate(binaries2()), () => rawCompileAndInstantiate(raw2()), runs, warmup);
  lines.push(reportRatio('cold: Module.fromBinary + instantiate', newVsRaw.ours, newVsRaw.peer, 'new WebAssembly.Module + Instance'));

  // Warm: the same bytes every run, so V8's cache serves the compile and our work remains.
  const warmVsNew = medianPairMs(() => deserializeAndInstantiate(artifact), () => newAndInstantiate(bytes), runs, warmup);
  lines.push(reportRatio('warm: deserialize + instantiate', warmVsNew.ours, warmVsNew.peer, 'Module.fromBinary + instantiate'));
  const warmRaw = medianPairMs(() => deserializeAndInstantiate(artifact), () => rawCompileAndInstantiate(bytes), runs, warmup);
  lines.push(reportRatio('warm: deserialize + instantiate', warmRaw.ours, warmRaw.peer, 'new WebAssembly.Module + Instance'));
  return lines;
}
