/**
 * Loading a large component (issue #5's benchmark): `Component.deserialize` of its artifact
 * against `Component.fromBinary` of its bytes, for the componentize-js example (about 12 MB).
 *
 * Issue #5's goal is precompiled load + instantiate at least 5x faster than compile +
 * instantiate. That component cannot be instantiated yet (it needs resources and more of
 * WASI), so this measures loading only, and says so.
 *
 * Both sides compile the same core modules with V8, whose in-process cache is keyed by the
 * bytes: in one process every load after the first finds them compiled. The "in process" rows
 * therefore show our own work (validation + translation, or checking + decoding the artifact,
 * plus the canonical trampolines); the "fresh process" rows load once per child process, as a
 * program starting up would, V8's compilation included.
 */
import { Component, Engine } from '@tswasm/api';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { componentizeExample } from './componentize-example.js';
import { medianPairMs, reportRatio } from './measure.js';

const GOAL = 'issue goal: precompiled load + instantiate >= 5x faster than compiling';

// One load in a child process; prints its wall time in ms (the file read is not timed).
function childScript(apiUrl: string, mode: 'deserialize' | 'fromBinary', path: string): string {
  return `
    const { Engine, Component } = await import(${JSON.stringify(apiUrl)});
    const { readFileSync } = await import('node:fs');
    const engine = new Engine();
    const input = new Uint8Array(readFileSync(${JSON.stringify(path)}));
    const start = performance.now();
    Component.${mode}(engine, input);
    console.log(performance.now() - start);`;
}

function loadInChild(apiUrl: string, mode: 'deserialize' | 'fromBinary', path: string): number {
  const child = spawnSync(process.execPath, ['--input-type=module', '-e', childScript(apiUrl, mode, path)], { encoding: 'utf8' });
  const ms = Number(child.stdout.trim());
  if (child.status !== 0 || !Number.isFinite(ms)) throw new Error(`component-load child failed: ${child.stderr}`);
  return ms;
}

function median(times: number[]): number {
  return times.sort((a, b) => a - b)[Math.floor(times.length / 2)] as number;
}

/** Runs the benchmark and returns its report lines. */
export async function benchComponentLoad(runs = 9, childRuns = 5): Promise<string[]> {
  const { bytes, path } = await componentizeExample();
  const engine = new Engine();
  const artifact = Component.fromBinary(engine, bytes).serialize();
  const lines = [
    `component: componentize-js output of tools/examples/component (${(bytes.length / 1e6).toFixed(1)} MB, artifact ${(artifact.length / 1e6).toFixed(1)} MB)`,
    'load only: this component needs resources/async to instantiate, which tswasm does not support yet',
  ];

  const ratioLine = (name: string, ours: number, peer: number): string =>
    `${reportRatio(name, ours, peer, 'Component.fromBinary')}, speed-up ${(peer / ours).toFixed(2)}x (${GOAL})`;

  const warm = medianPairMs(() => Component.deserialize(engine, artifact), () => Component.fromBinary(engine, bytes), runs, 2);
  lines.push(ratioLine('in process, one engine: deserialize', warm.ours, warm.peer));
  // A new engine per load: its trampoline cache is empty, so the trampolines are generated again.
  const fresh = medianPairMs(() => Component.deserialize(new Engine(), artifact), () => Component.fromBinary(new Engine(), bytes), runs, 2);
  lines.push(ratioLine('in process, new engine each: deserialize', fresh.ours, fresh.peer));

  const artifactPath = join(mkdtempSync(join(tmpdir(), 'tswasm-bench-')), 'componentize.cwasm');
  writeFileSync(artifactPath, artifact);
  const apiUrl = import.meta.resolve('@tswasm/api');
  const ours: number[] = [];
  const peer: number[] = [];
  for (let i = 0; i < childRuns; i++) {
    ours.push(loadInChild(apiUrl, 'deserialize', artifactPath));
    peer.push(loadInChild(apiUrl, 'fromBinary', path));
  }
  lines.push(ratioLine(`fresh process (median of ${childRuns}): deserialize`, median(ours), median(peer)));
  return lines;
}
