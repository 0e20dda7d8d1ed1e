/**
 * Canonical-ABI value conversion: the trampolines jit generates per signature against
 * hand-written JS glue for the same core functions (what a binding generator like jco emits),
 * in the same run, host-to-guest (lifted exports) and guest-to-host (lowered imports). Each ratio
 * is the generated code's time per call over the glue's (issue #5's goal: at most 1.25x).
 */
import { parse } from '@bytecodealliance/jco';
import { ComponentTypeList } from '@tswasm/environ';
import type { ComponentDefinedType, ComponentFuncType, ComponentValType } from '@tswasm/environ';
import { generateLiftedExport, generateLoweredImport, instantiateCanonicalTrampoline } from '@tswasm/jit';
import type { CanonicalAbiOptions, CanonicalEnv } from '@tswasm/jit';
import { BUMP_ALLOCATOR_FIELDS } from './component-calls-wat.js';
import { medianPairMs, reportRatio } from './measure.js';

const WAT = `(module
  ${BUMP_ALLOCATOR_FIELDS}
  (func (export "post") (param i32) (global.set $bump (i32.const 1024)))
  (func (export "add") (param i32 i32) (result i32) (i32.add (local.get 0) (local.get 1)))
  (func (export "echo") (param i32 i32) (result i32)
    (i32.store (i32.const 16) (local.get 0))
    (i32.store (i32.const 20) (local.get 1))
    (i32.const 16))
  (func (export "sum") (param $p i32) (param $n i32) (result i32) (local $acc i32)
    (block $done (loop $next
      (br_if $done (i32.eqz (local.get $n)))
      (local.set $acc (i32.add (local.get $acc) (i32.load (local.get $p))))
      (local.set $p (i32.add (local.get $p) (i32.const 4)))
      (local.set $n (i32.sub (local.get $n) (i32.const 1)))
      (br $next)))
    (global.set $bump (i32.const 1024))
    (local.get $acc))
  (func (export "point") (param i32 f64 f64 i32) (result i32)
    (i32.store (i32.const 32) (local.get 0))
    (f64.store (i32.const 40) (local.get 1))
    (f64.store (i32.const 48) (local.get 2))
    (i32.store8 (i32.const 56) (local.get 3))
    (i32.const 32)))`;

interface Core {
  memory: WebAssembly.Memory;
  cabi_realloc: (a: number, b: number, c: number, d: number) => number;
  post: (p: number) => void;
  add: (a: number, b: number) => number;
  echo: (p: number, n: number) => number;
  sum: (p: number, n: number) => number;
  point: (id: number, x: number, y: number, on: number) => number;
}

type Fn = (...args: unknown[]) => unknown;

const OPTIONS: CanonicalAbiOptions = { stringEncoding: 'utf8', memory: true, realloc: true, postReturn: false };

function trap(code: string | null, message: string): never {
  throw new Error(`${code ?? 'trap'}: ${message}`);
}

// Hand-written glue, in the style of a binding generator's output for these four signatures.
function handGlue(core: Core): { add: Fn; echo: Fn; sum: Fn; point: Fn } {
  const { memory, cabi_realloc: realloc } = core;
  const encoder = new TextEncoder();
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let dv = new DataView(memory.buffer);
  const view = (): DataView => (dv.buffer === memory.buffer ? dv : (dv = new DataView(memory.buffer)));
  return {
    add: (a, b) => {
      if ((a as number) >>> 0 !== a || (b as number) >>> 0 !== b) throw new TypeError('expected u32');
      return core.add(a as number, b as number) >>> 0;
    },
    echo: (s) => {
      if (typeof s !== 'string') throw new TypeError('expected a string');
      let ptr = realloc(0, 0, 1, s.length);
      let r = encoder.encodeInto(s, new Uint8Array(memory.buffer, ptr, s.length));
      let len = r.written;
      if (r.read < s.length) {
        ptr = realloc(ptr, s.length, 1, s.length * 3);
        r = encoder.encodeInto(s.slice(r.read), new Uint8Array(memory.buffer, ptr + len, s.length * 3 - len));
        len += r.written;
      }
      const rp = core.echo(ptr, len);
      const d = view();
      const p = d.getUint32(rp, true);
      const n = d.getUint32(rp + 4, true);
      if (p + n > memory.buffer.byteLength) throw new Error('string out of bounds');
      const out = decoder.decode(new Uint8Array(memory.buffer, p, n));
      core.post(rp);
      return out;
    },
    sum: (list) => {
      if (!(list instanceof Uint32Array)) throw new TypeError('expected a Uint32Array');
      const ptr = realloc(0, 0, 4, list.byteLength);
      new Uint8Array(memory.buffer).set(new Uint8Array(list.buffer, list.byteOffset, list.byteLength), ptr);
      return core.sum(ptr, list.length) >>> 0;
    },
    point: (p) => {
      const o = p as { id: number; x: number; y: number; on: boolean };
      if (o === null || typeof o !== 'object') throw new TypeError('expected an object');
      const id = o.id;
      if (id >>> 0 !== id) throw new TypeError('expected u32');
      const rp = core.point(id, +o.x, +o.y, o.on ? 1 : 0);
      const d = view();
      return { __proto__: null, id: d.getUint32(rp, true), x: d.getFloat64(rp + 8, true), y: d.getFloat64(rp + 16, true), on: d.getUint8(rp + 24) !== 0 };
    },
  };
}

function generated(core: Core): { add: Fn; echo: Fn; sum: Fn; point: Fn } {
  const types = new ComponentTypeList();
  const prim = (type: 'u32' | 'f64' | 'bool' | 'string'): ComponentValType => ({ kind: 'primitive', type });
  const def = (type: ComponentDefinedType): ComponentValType => ({ kind: 'defined', id: types.push({ kind: 'defined', type, depth: 1, containsBorrow: false }) });
  const func = (params: ComponentValType[], result: ComponentValType): ComponentFuncType => ({ kind: 'func', async: false, params: params.map((type, i) => ({ name: `p${i}`, type })), result });
  const make = (type: ComponentFuncType, callee: Function, postReturn?: Function): Fn => {
    const t = generateLiftedExport(types, type, { ...OPTIONS, postReturn: postReturn !== undefined });
    const env = { callee, trap, memory: core.memory, realloc: core.cabi_realloc, ...(postReturn === undefined ? {} : { postReturn }) };
    return instantiateCanonicalTrampoline(t.source, env) as Fn;
  };
  const point = def({ kind: 'record', fields: [{ name: 'id', type: prim('u32') }, { name: 'x', type: prim('f64') }, { name: 'y', type: prim('f64') }, { name: 'on', type: prim('bool') }] });
  return {
    add: make(func([prim('u32'), prim('u32')], prim('u32')), core.add),
    echo: make(func([prim('string')], prim('string')), core.echo, core.post),
    sum: make(func([def({ kind: 'list', element: prim('u32'), length: null })], prim('u32')), core.sum),
    point: make(func([point], point), core.point),
  };
}

function nsPerCall(name: string, ours: () => void, peer: () => void, calls: number, goal: number): string {
  const { ours: a, peer: b } = medianPairMs(ours, peer, 15, 5);
  const toNs = (ms: number): number => (ms * 1e6) / calls;
  return `${reportRatio(name, a, b, 'hand-written glue', goal)}  [${toNs(a).toFixed(1)} ns vs ${toNs(b).toFixed(1)} ns per call]`;
}

// Guest-to-host: a loop in wasm calls the imported host functions `n` times.
const IMPORT_WAT = `(module
  (import "env" "add" (func $add (param i32 i32) (result i32)))
  (import "env" "log" (func $log (param i32 i32)))
  (memory (export "memory") 1)
  (data (i32.const 64) "sixteen bytes ok")
  (func (export "adds") (param $n i32) (result i32) (local $acc i32)
    (block $done (loop $next
      (br_if $done (i32.eqz (local.get $n)))
      (local.set $acc (call $add (local.get $acc) (local.get $n)))
      (local.set $n (i32.sub (local.get $n) (i32.const 1)))
      (br $next)))
    (local.get $acc))
  (func (export "logs") (param $n i32)
    (block $done (loop $next
      (br_if $done (i32.eqz (local.get $n)))
      (call $log (i32.const 64) (i32.const 16))
      (local.set $n (i32.sub (local.get $n) (i32.const 1)))
      (br $next)))))`;

async function importLines(nsLine: typeof nsPerCall): Promise<string[]> {
  const module = new WebAssembly.Module(new Uint8Array(await parse(IMPORT_WAT)));
  const types = new ComponentTypeList();
  const prim = (type: 'u32' | 'string'): ComponentValType => ({ kind: 'primitive', type });
  let seen = 0;
  const hostAdd = (a: number, b: number): number => (a + b) >>> 0;
  const hostLog = (s: string): void => {
    seen += s.length;
  };
  // As the runtime does: the environment gets the memory once the instance that exports it exists.
  const logEnv: CanonicalEnv = { callee: hostLog, trap };
  const lowered = (params: ComponentValType[], result: ComponentValType | null, env: CanonicalEnv, memory: boolean): Function => {
    const t = generateLoweredImport(types, { kind: 'func', async: false, params: params.map((type, i) => ({ name: `p${i}`, type })), result }, { ...OPTIONS, memory, realloc: false });
    return instantiateCanonicalTrampoline(t.source, env);
  };
  const imports = { env: { add: lowered([prim('u32'), prim('u32')], prim('u32'), { callee: hostAdd, trap }, false), log: lowered([prim('string')], null, logEnv, true) } };
  const ours = new WebAssembly.Instance(module, imports).exports;
  logEnv.memory = ours['memory'] as WebAssembly.Memory;
  // Hand-written glue for the same imports.
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let peerMemory: WebAssembly.Memory | null = null;
  const peer = new WebAssembly.Instance(module, {
    env: {
      add: (a: number, b: number): number => hostAdd(a >>> 0, b >>> 0),
      log: (ptr: number, len: number): void => {
        const buffer = (peerMemory as WebAssembly.Memory).buffer;
        if ((ptr >>> 0) + (len >>> 0) > buffer.byteLength) throw new Error('string out of bounds');
        hostLog(decoder.decode(new Uint8Array(buffer, ptr >>> 0, len >>> 0)));
      },
    },
  }).exports;
  peerMemory = peer['memory'] as WebAssembly.Memory;
  const run = (exports: WebAssembly.Exports, name: string, n: number) => () => {
    (exports[name] as (n: number) => unknown)(n);
  };
  const lines = [
    nsLine('guest calls host add(u32, u32) -> u32', run(ours, 'adds', 1_000_000), run(peer, 'adds', 1_000_000), 1_000_000, 1.25),
    nsLine('guest calls host log(16 B string)', run(ours, 'logs', 200_000), run(peer, 'logs', 200_000), 200_000, 1.25),
  ];
  if (seen < 0) lines.push('');
  return lines;
}

/** Runs the canonical-value benchmarks and returns one report line per benchmark. */
export async function benchCanonicalValues(): Promise<string[]> {
  const module = new WebAssembly.Module(new Uint8Array(await parse(WAT)));
  const coreA = new WebAssembly.Instance(module).exports as unknown as Core;
  const coreB = new WebAssembly.Instance(module).exports as unknown as Core;
  const ours = generated(coreA);
  const peer = handGlue(coreB);
  const short = 'sixteen bytes ok';
  const long = 'abcdefghijklmnop'.repeat(1024);
  const list = Uint32Array.from({ length: 1000 }, (_, i) => i);
  const rec = { id: 7, x: 1.5, y: -2.5, on: true };
  // Both sides must agree before they are timed.
  for (const k of ['add', 'echo', 'sum', 'point'] as const) {
    const args: unknown[] = k === 'add' ? [1, 2] : k === 'echo' ? [short] : k === 'sum' ? [list] : [rec];
    if (JSON.stringify(ours[k](...args)) !== JSON.stringify(peer[k](...args))) throw new Error(`${k}: generated and hand-written glue disagree`);
  }
  // One loop per signature with direct calls: a spread call would cost more than `add` itself.
  let sink: unknown;
  const addLoop = (f: Fn, n: number) => () => {
    for (let i = 0; i < n; i++) sink = f(i, 4);
  };
  const oneArgLoop = (f: Fn, arg: unknown, n: number) => () => {
    for (let i = 0; i < n; i++) sink = f(arg);
  };
  const lines = [
    nsPerCall('add(u32, u32) -> u32', addLoop(ours.add, 1_000_000), addLoop(peer.add, 1_000_000), 1_000_000, 1.25),
    nsPerCall('echo 16 B string (utf8)', oneArgLoop(ours.echo, short, 200_000), oneArgLoop(peer.echo, short, 200_000), 200_000, 1.25),
    nsPerCall('echo 16 KiB string (utf8)', oneArgLoop(ours.echo, long, 2_000), oneArgLoop(peer.echo, long, 2_000), 2_000, 1.25),
    nsPerCall('sum list<u32> of 1,000', oneArgLoop(ours.sum, list, 100_000), oneArgLoop(peer.sum, list, 100_000), 100_000, 1.25),
    nsPerCall('record round trip', oneArgLoop(ours.point, rec, 500_000), oneArgLoop(peer.point, rec, 500_000), 500_000, 1.25),
  ];
  if (sink === Symbol.for('never')) lines.push('');
  lines.push(...(await importLines(nsPerCall)));
  return lines;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(`Node ${process.version}`);
  for (const line of await benchCanonicalValues()) console.log(line);
}
