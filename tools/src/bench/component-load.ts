/**
 * Loading components (issue #5's benchmark), every goal in one run:
 *
 * 1. The componentize-js example (12.5 MB): `Component.deserialize` of its artifact against
 *    `Component.fromBinary` of its bytes; goal >= 5x faster.
 * 2. The same component as jco 1.35 transpiles it (in process, files in the OS temp folder):
 *    `import()` of the ESM plus compiling its core modules with `WebAssembly.compile` (what
 *    jco's `instantiate` does before instantiating) against our `Component.deserialize` and
 *    `Component.deserializeAsync` (which compiles the same way); goal <= 1.0x.
 * 3. A small component: `component.Linker.instantiate` (with a new Store) against the floor,
 *    `new WebAssembly.Instance` of its core module with plain JS imports; goal <= 1.5x.
 *
 * The large component cannot be instantiated by tswasm yet (it needs resources and more of
 * WASI), so rows 1 and 2 measure loading only, on both sides, and say so.
 *
 * V8 caches compiled wasm in a process, keyed by the bytes: in one process every load after
 * the first finds the modules compiled, on both sides alike. The "in process" rows therefore
 * show the work around V8's compilation; the "fresh process" rows load once per child process,
 * as a program starting up would, V8's compilation included.
 */
import { Component, Engine, Store, component } from '@tswasm/api';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { componentizeExample } from './componentize-example.js';
import { jcoTranspile } from './jco-transpile.js';
import { median, medianPairMs, reportRatio } from './measure.js';

const LOAD_GOAL = 'goal: precompiled load >= 5x faster than compiling';

type ChildMode = 'deserialize' | 'deserializeAsync' | 'fromBinary' | 'jco';

// One load in a child process; prints its wall time in ms (reading the files is not timed).
function childScript(apiUrl: string, mode: ChildMode, path: string, jco: JcoOutput): string {
  const load =
    mode === 'jco'
      ? `const cores = ${JSON.stringify(jco.corePaths)}.map((p) => readFileSync(p));
         const start = performance.now();
         await import(${JSON.stringify(jco.entryUrl)});
         await Promise.all(cores.map((bytes) => WebAssembly.compile(bytes)));`
      : `const input = new Uint8Array(readFileSync(${JSON.stringify(path)}));
         const start = performance.now();
         await Component.${mode}(new Engine(), input);`;
  return `
    const { Engine, Component } = await import(${JSON.stringify(apiUrl)});
    const { readFileSync } = await import('node:fs');
    ${load}
    console.log(performance.now() - start);`;
}

function loadInChild(apiUrl: string, mode: ChildMode, path: string, jco: JcoOutput): number {
  const child = spawnSync(process.execPath, ['--input-type=module', '-e', childScript(apiUrl, mode, path, jco)], { encoding: 'utf8' });
  const ms = Number(child.stdout.trim());
  if (child.status !== 0 || !Number.isFinite(ms)) throw new Error(`component-load child failed: ${child.stderr}`);
  return ms;
}

interface JcoOutput {
  /** The transpiled ESM entry, as a file URL. */
  readonly entryUrl: string;
  /** The core wasm files it loads. */
  readonly corePaths: readonly string[];
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
  const artifact = Component.fromBinary(engine, bytes).serialize();
  const jco = await transpileWithJco(bytes);
  const liftedExports = Component.deserialize(engine, artifact).trampolines.exports.size;
  const lines = [
    `component: componentize-js output of tools/examples/component (${(bytes.length / 1e6).toFixed(1)} MB, artifact ${(artifact.length / 1e6).toFixed(1)} MB, ${liftedExports} lifted exports)`,
    'load only, on every side: tswasm cannot instantiate this component yet (it imports WASI, which tswasm does not host yet)',
  ];
  const speedUp = (name: string, ours: number, peer: number): string =>
    `${reportRatio(name, ours, peer, 'Component.fromBinary')}, speed-up ${(peer / ours).toFixed(2)}x (${LOAD_GOAL}: ${peer / ours >= 5 ? 'met' : 'NOT met'})`;

  const warm = medianPairMs(() => Component.deserialize(engine, artifact), () => Component.fromBinary(engine, bytes), runs, 2);
  lines.push(speedUp('in process, one engine: deserialize', warm.ours, warm.peer));
  const fresh = medianPairMs(() => Component.deserialize(new Engine(), artifact), () => Component.fromBinary(new Engine(), bytes), runs, 2);
  lines.push(speedUp('in process, new engine each: deserialize', fresh.ours, fresh.peer));

  // jco: a fresh module URL each time, so import() evaluates the ESM again.
  const cores = jco.corePaths.map((p) => readFileSync(p));
  let n = 0;
  const jcoLoad = async (): Promise<number> => {
    const start = performance.now();
    await import(`${jco.entryUrl}?load=${n++}`);
    await Promise.all(cores.map((b) => WebAssembly.compile(b)));
    return performance.now() - start;
  };
  const ours: number[] = [];
  const theirs: number[] = [];
  for (let i = 0; i < runs + 2; i++) {
    const start = performance.now();
    Component.deserialize(new Engine(), artifact);
    const t = performance.now() - start;
    const j = await jcoLoad();
    if (i >= 2) {
      ours.push(t);
      theirs.push(j);
    }
  }
  lines.push(reportRatio('in process, new engine each: deserialize vs jco import() + compile', median(ours), median(theirs), 'jco transpiled ESM', 1.0));

  const artifactPath = join(mkdtempSync(join(tmpdir(), 'tswasm-bench-')), 'componentize.cwasm');
  writeFileSync(artifactPath, artifact);
  const apiUrl = import.meta.resolve('@tswasm/api');
  const child = { deserialize: [] as number[], deserializeAsync: [] as number[], fromBinary: [] as number[], jco: [] as number[] };
  for (let i = 0; i < childRuns; i++) {
    child.deserialize.push(loadInChild(apiUrl, 'deserialize', artifactPath, jco));
    child.deserializeAsync.push(loadInChild(apiUrl, 'deserializeAsync', artifactPath, jco));
    child.fromBinary.push(loadInChild(apiUrl, 'fromBinary', path, jco));
    child.jco.push(loadInChild(apiUrl, 'jco', path, jco));
  }
  const d = median(child.deserialize);
  lines.push(speedUp(`fresh process (median of ${childRuns}): deserialize`, d, median(child.fromBinary)));
  lines.push(reportRatio(`fresh process (median of ${childRuns}): deserialize vs jco import() + compile`, d, median(child.jco), 'jco transpiled ESM', 1.0));
  const a = median(child.deserializeAsync);
  lines.push(speedUp(`fresh process (median of ${childRuns}): deserializeAsync`, a, median(child.fromBinary)));
  lines.push(reportRatio(`fresh process (median of ${childRuns}): deserializeAsync vs jco import() + compile`, a, median(child.jco), 'jco transpiled ESM', 1.0));
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
