/**
 * Loading components (issue #5's benchmark), every goal in one run:
 *
 * 1. The componentize-js example (12.5 MB), loaded and instantiated with WASI from
 *    @bytecodealliance/preview2-shim, then its `greet` export called once:
 *    `Component.deserialize` of its artifact against `Component.fromBinary` of its bytes; goal
 *    >= 5x faster. A load-only row shows how much of it is loading.
 * 2. The same component as jco 1.35 transpiles it (`instantiation: 'async'`, files in the OS
 *    temp folder): `import()` of the ESM, its `instantiate` compiling the core modules with
 *    `WebAssembly.compile`, and the same call, against our deserialize + instantiate + call;
 *    goal <= 1.0x.
 * 3. A small component: `component.Linker.instantiate` (with a new Store) against the floor,
 *    `new WebAssembly.Instance` of its core module with plain JS imports; goal <= 1.5x.
 *
 * Both sides get the same WASI: the shim's objects, under the names each side asks for
 * (`wasiShimImports`).
 *
 * V8 caches compiled wasm in a process, keyed by the bytes: in one process every load after
 * the first finds the modules compiled, on both sides alike. The "in process" rows therefore
 * show the work around V8's compilation; the "fresh process" rows load once per child process,
 * as a program starting up would, V8's compilation included.
 */
import { Component, Engine, Store, component, js } from '@tswasm/api';
import { WASIShim } from '@bytecodealliance/preview2-shim/instantiation';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { componentizeExample } from './componentize-example.js';
import { jcoTranspile } from './jco-transpile.js';
import { median, medianPairAsyncMs, medianPairMs, reportRatio } from './measure.js';
import { wasiShimImports } from './wasi-shim-imports.js';

const LOAD_GOAL = 'goal: precompiled load + instantiate >= 5x faster than compiling';
const GREETING = 'hello, world';

type ChildMode = 'deserialize' | 'deserializeAsync' | 'fromBinary' | 'jco';

interface JcoOutput {
  /** The transpiled ESM entry, as a file URL. */
  readonly entryUrl: string;
  /** The core wasm files it loads. */
  readonly corePaths: readonly string[];
}

// What a jco user writes to run the transpiled component: import its ESM, instantiate it with
// the core modules compiled from `cores` (by file name) and the shim's WASI, and call it.
async function jcoRun(entryUrl: string, cores: ReadonlyMap<string, Uint8Array>): Promise<string> {
  const { instantiate } = (await import(entryUrl)) as {
    instantiate: (getCoreModule: (name: string) => Promise<WebAssembly.Module>, imports: unknown) => Promise<{ greet: (name: string) => string }>;
  };
  const exports = await instantiate((name) => WebAssembly.compile(cores.get(name) as Uint8Array<ArrayBuffer>), new WASIShim().getImportObject());
  return exports.greet('world');
}

// The same with tswasm's JS API binding over a loaded component.
async function tswasmRun(loaded: Component, importNames: readonly string[]): Promise<string> {
  const instance = await js.instantiate(js.Component.fromComponent(loaded), wasiShimImports(importNames));
  return (instance.exports as { greet: (name: string) => string }).greet('world');
}

// One load + instantiate + call in a child process, as a program starting up does it; prints
// its wall time in ms, from before its first import: importing the runtime (tswasm, or jco's
// transpiled ESM) and the WASI shim, reading the files (jco's `getCoreModule` reads its core
// modules, tswasm the artifact or the binary), loading, instantiating and the first call.
function childScript(urls: ChildUrls, mode: ChildMode, path: string, jco: JcoOutput, importNames: readonly string[]): string {
  const load = {
    deserialize: `Component.deserializeFile(new Engine(), ${JSON.stringify(path)})`,
    deserializeAsync: `await Component.deserializeAsync(new Engine(), readFileSync(${JSON.stringify(path)}))`,
    fromBinary: `Component.fromBinary(new Engine(), readFileSync(${JSON.stringify(path)}))`,
  };
  const dir = jco.corePaths[0] === undefined ? '' : dirname(jco.corePaths[0]);
  const run =
    mode === 'jco'
      ? `const { WASIShim } = await import(${JSON.stringify(urls.shim)});
         const { instantiate } = await import(${JSON.stringify(jco.entryUrl)});
         const exports = await instantiate((name) => WebAssembly.compile(readFileSync(join(${JSON.stringify(dir)}, name))), new WASIShim().getImportObject());
         const greeting = exports.greet('world');`
      : `const { Engine, Component, js } = await import(${JSON.stringify(urls.api)});
         const { wasiShimImports } = await import(${JSON.stringify(urls.imports)});
         const loaded = ${load[mode]};
         const instance = await js.instantiate(js.Component.fromComponent(loaded), wasiShimImports(${JSON.stringify(importNames)}));
         const greeting = instance.exports.greet('world');`;
  return `
    const start = performance.now();
    const { readFileSync } = await import('node:fs');
    const { join } = await import('node:path');
    ${run}
    const ms = performance.now() - start;
    if (greeting !== ${JSON.stringify(GREETING)}) throw new Error('the component answered ' + greeting);
    console.log(ms);`;
}

interface ChildUrls {
  readonly api: string;
  readonly shim: string;
  readonly imports: string;
}

function loadInChild(urls: ChildUrls, mode: ChildMode, path: string, jco: JcoOutput, importNames: readonly string[]): number {
  const child = spawnSync(process.execPath, ['--input-type=module', '-e', childScript(urls, mode, path, jco, importNames)], { encoding: 'utf8' });
  const ms = Number(child.stdout.trim());
  if (child.status !== 0 || !Number.isFinite(ms)) throw new Error(`component-load child failed: ${child.stderr}`);
  return ms;
}

// jco's output of the component; `instantiation: async` makes the entry export
// `instantiate(getCoreModule, imports)` instead of loading WASI shims at import time.
async function transpileWithJco(bytes: Uint8Array): Promise<JcoOutput> {
  const { dir, corePaths } = await jcoTranspile(bytes, { name: 'component', instantiation: 'async', quiet: true });
  return { entryUrl: pathToFileURL(join(dir, 'component.js')).href, corePaths };
}

/** Rows 1 and 2: the large component. */
async function benchLargeComponent(runs: number, childRuns: number): Promise<string[]> {
  const { bytes, path } = await componentizeExample();
  const engine = new Engine();
  const compiled = Component.fromBinary(engine, bytes);
  const artifact = compiled.serialize();
  const importNames = compiled.componentType().imports.map((item) => item.name);
  const jco = await transpileWithJco(bytes);
  const cores = new Map(jco.corePaths.map((p) => [basename(p), new Uint8Array(readFileSync(p))]));
  // Every side must run the component, or the comparison means nothing.
  for (const greeting of [await tswasmRun(Component.deserialize(engine, artifact), importNames), await jcoRun(jco.entryUrl, cores)]) {
    if (greeting !== GREETING) throw new Error(`the large component answered ${greeting}`);
  }
  const lines = [
    `component: componentize-js output of tools/examples/component (${(bytes.length / 1e6).toFixed(1)} MB, artifact ${(artifact.length / 1e6).toFixed(1)} MB, ${importNames.length} WASI imports from preview2-shim)`,
  ];
  const speedUp = (name: string, ours: number, peer: number): string =>
    `${reportRatio(name, ours, peer, 'Component.fromBinary')}, speed-up ${(peer / ours).toFixed(2)}x (${LOAD_GOAL}: ${peer / ours >= 5 ? 'met' : 'NOT met'})`;

  const loadOnly = medianPairMs(() => Component.deserialize(new Engine(), artifact), () => Component.fromBinary(new Engine(), bytes), runs, 2);
  lines.push(`${reportRatio('in process, new engine each, load only: deserialize', loadOnly.ours, loadOnly.peer, 'Component.fromBinary')}, speed-up ${(loadOnly.peer / loadOnly.ours).toFixed(2)}x`);
  const warm = await medianPairAsyncMs(
    () => tswasmRun(Component.deserialize(new Engine(), artifact), importNames),
    () => tswasmRun(Component.fromBinary(new Engine(), bytes), importNames),
    runs,
    2,
  );
  lines.push(speedUp('in process, new engine each, load + instantiate + call: deserialize', warm.ours, warm.peer));

  // jco: a fresh module URL each time, so import() evaluates the ESM again.
  let n = 0;
  const vsJco = await medianPairAsyncMs(
    () => tswasmRun(Component.deserialize(new Engine(), artifact), importNames),
    () => jcoRun(`${jco.entryUrl}?load=${n++}`, cores),
    runs,
    2,
  );
  lines.push(reportRatio('in process, load + instantiate + call: deserialize vs jco import() + instantiate', vsJco.ours, vsJco.peer, 'jco transpiled ESM', 1.0));

  const artifactPath = join(mkdtempSync(join(tmpdir(), 'tswasm-bench-')), 'componentize.cwasm');
  writeFileSync(artifactPath, artifact);
  const urls: ChildUrls = {
    api: import.meta.resolve('@tswasm/api'),
    shim: import.meta.resolve('@bytecodealliance/preview2-shim/instantiation'),
    imports: new URL('./wasi-shim-imports.js', import.meta.url).href,
  };
  const child = { deserialize: [] as number[], deserializeAsync: [] as number[], fromBinary: [] as number[], jco: [] as number[] };
  for (let i = 0; i < childRuns; i++) {
    child.deserialize.push(loadInChild(urls, 'deserialize', artifactPath, jco, importNames));
    child.deserializeAsync.push(loadInChild(urls, 'deserializeAsync', artifactPath, jco, importNames));
    child.fromBinary.push(loadInChild(urls, 'fromBinary', path, jco, importNames));
    child.jco.push(loadInChild(urls, 'jco', path, jco, importNames));
  }
  const label = `fresh process (median of ${childRuns}), imports + load + instantiate + call`;
  const d = median(child.deserialize);
  lines.push(speedUp(`${label}: deserialize`, d, median(child.fromBinary)));
  lines.push(reportRatio(`${label}: deserialize vs jco import() + instantiate`, d, median(child.jco), 'jco transpiled ESM', 1.0));
  const a = median(child.deserializeAsync);
  lines.push(speedUp(`${label}: deserializeAsync`, a, median(child.fromBinary)));
  lines.push(reportRatio(`${label}: deserializeAsync vs jco import() + instantiate`, a, median(child.jco), 'jco transpiled ESM', 1.0));
  return lines;
}

// A small component: one core module, a lowered host import, two lifted exports (one returning
// a string from linear memory).
const SMALL_COMPONENT_WAT = `(component
  (import "tick" (func $tick (param "n" u32)))
  (core func $tick-core (canon lower (func $tick)))
  (core module $m
    (import "host" "tick" (func $tick (param i32)))
    (memory (export "memory") 1)
    (func (export "add") (param i32 i32) (result i32) (call $tick (local.get 0)) (i32.add (local.get 0) (local.get 1)))
    (func (export "hello") (result i32) (i32.const 16))
    (data (i32.const 16) "\\20\\00\\00\\00\\05\\00\\00\\00")
    (data (i32.const 32) "hello"))
  (core instance $i (instantiate $m (with "host" (instance (export "tick" (func $tick-core))))))
  (func (export "add") (param "a" u32) (param "b" u32) (result u32) (canon lift (core func $i "add")))
  (func (export "hello") (result string) (canon lift (core func $i "hello") (memory (core memory $i "memory"))))
)`;

/** Row 3: instantiating a small component against its core module's bare instantiation. */
function benchSmallInstantiate(): string[] {
  const engine = new Engine();
  const small = Component.deserialize(engine, Component.new(engine, SMALL_COMPONENT_WAT).serialize());
  const linker = new component.Linker(engine);
  linker.root().funcWrap('tick', () => undefined);
  const [first] = small.translation.staticModules.entries();
  if (first === undefined) throw new Error('the small component has no core module');
  const core = small.staticModule(first[0]);
  const rawImports = { host: { tick: (_n: number): void => undefined } };
  // The instance must work, or the comparison means nothing.
  const store = new Store(engine);
  const check = linker.instantiate(store, small).getFunc(store, 'hello')?.call(store, []);
  if (check !== 'hello') throw new Error(`small component returned ${String(check)}`);
  const INSTANCES = 200;
  const times = medianPairMs(
    () => {
      for (let i = 0; i < INSTANCES; i++) linker.instantiate(new Store(engine), small);
    },
    () => {
      for (let i = 0; i < INSTANCES; i++) new WebAssembly.Instance(core, rawImports);
    },
    61,
  );
  return [reportRatio(`small component: instantiate (${INSTANCES} instances, Linker + new Store)`, times.ours, times.peer, 'new WebAssembly.Instance of its core module', 1.5)];
}

/** Runs the benchmark and returns its report lines. */
export async function benchComponentLoad(runs = 9, childRuns = 5): Promise<string[]> {
  return [...(await benchLargeComponent(runs, childRuns)), ...benchSmallInstantiate()];
}
