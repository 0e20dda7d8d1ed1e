/**
 * Component calls through the public api, per signature shape, against two references in the
 * same run: the floor (the same core modules under raw `WebAssembly`, driven by the glue a
 * careful engineer writes by hand for that one signature) and jco's `transpile` output of the
 * same component. Prints the median ns per call and the ratios tswasm/floor (goal <= 1.25x) and
 * jco/tswasm.
 */
import { parse } from '@bytecodealliance/jco';
import { Component, Engine, Store, component } from '@tswasm/api';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { JcoTranspileOptions } from './jco-transpile.js';
import { jcoTranspile } from './jco-transpile.js';
import { median } from './measure.js';
import { COMPONENT_WAT, COUNTER_DTOR_WAT, COUNTER_WAT, FUNCS_WAT, LIBC_WAT } from './component-calls-wat.js';

const GOAL = 1.25;
const HOST_CALLS = 100_000;
const INTERFACE = 'local:bench/calls';

type Fn = (...args: never[]) => unknown;
interface Shape {
  readonly name: string;
  /** Calls one contender's function once per iteration with this shape's argument. */
  readonly loop: (f: Fn, n: number) => void;
  /** Host calls per call (the import shapes call the host many times per export call). */
  readonly perCall: number;
}

// The host functions behind the import shapes, the same for every contender.
let logged = 0;
const hostAdd = (a: number, b: number): number => (a + b) >>> 0;
const hostLog = (s: string): void => {
  logged += s.length;
};

interface Contenders {
  add: Fn;
  echo: Fn;
  sum: Fn;
  pointTrip: Fn;
  shapeTrip: Fn;
  runAdd: Fn;
  runLog: Fn;
  /** Creates a counter resource with the argument, calls its method once and drops it. */
  counterCycle: Fn;
}

// Disposal as jco's classes and JS-Reference.md name it (Node 20 may lack Symbol.dispose).
const DISPOSE: symbol = (Symbol as { dispose?: symbol }).dispose ?? Symbol.for('dispose');

interface Core {
  add: (a: number, b: number) => number;
  echo: (p: number, n: number) => number;
  sum: (p: number, n: number) => number;
  point: (id: number, x: number, y: number, on: number) => number;
  shape: (disc: number, payload: bigint) => number;
  'run-add': (n: number) => number;
  'run-log': (n: number) => void;
}
interface Libc {
  memory: WebAssembly.Memory;
  cabi_realloc: (a: number, b: number, c: number, d: number) => number;
  reset: (p: number) => void;
}

// The floor: glue written by hand for these signatures, around the raw core instances.
async function floor(): Promise<Contenders> {
  const libcModule = new WebAssembly.Module(new Uint8Array(await parse(LIBC_WAT)));
  const funcsModule = new WebAssembly.Module(new Uint8Array(await parse(FUNCS_WAT)));
  const libc = new WebAssembly.Instance(libcModule).exports as unknown as Libc;
  const { memory, cabi_realloc: realloc, reset } = libc;
  const encoder = new TextEncoder();
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let dv = new DataView(memory.buffer);
  const view = (): DataView => (dv.buffer === memory.buffer ? dv : (dv = new DataView(memory.buffer)));
  const host = {
    add: (a: number, b: number): number => hostAdd(a >>> 0, b >>> 0),
    log: (ptr: number, len: number): void => {
      const buffer = memory.buffer;
      if ((ptr >>> 0) + (len >>> 0) > buffer.byteLength) throw new Error('string out of bounds');
      hostLog(decoder.decode(new Uint8Array(buffer, ptr >>> 0, len >>> 0)));
    },
  };
  const core = new WebAssembly.Instance(funcsModule, { libc: { memory, reset }, host }).exports as unknown as Core;
  const u32 = (v: number): number => {
    if (v >>> 0 !== v) throw new TypeError('expected a u32');
    return v;
  };
  const SHAPES = ['None', 'Num', 'Real'];
  const scratch = new DataView(new ArrayBuffer(8));
  // The counter resource: the guest instance's handle table (reps by handle, a free list),
  // resource.new for the core module, and a class for the host's owns.
  const reps: (number | undefined)[] = [undefined];
  const free: number[] = [];
  const dtorCore = new WebAssembly.Instance(new WebAssembly.Module(new Uint8Array(await parse(COUNTER_DTOR_WAT)))).exports as unknown as { dtor: (rep: number) => void };
  const resourceNew = (rep: number): number => {
    const handle = free.pop() ?? reps.length;
    reps[handle] = rep;
    return handle;
  };
  const counterCore = new WebAssembly.Instance(new WebAssembly.Module(new Uint8Array(await parse(COUNTER_WAT))), { res: { new: resourceNew } }).exports as unknown as {
    new: (v: number) => number;
    get: (rep: number) => number;
  };
  const repOf = (handle: number): number => {
    const rep = reps[handle];
    if (rep === undefined) throw new TypeError('unknown handle');
    return rep;
  };
  class Counter {
    #handle: number;
    constructor(v: number) {
      this.#handle = counterCore.new(u32(v));
    }
    get(): number {
      // A borrow of a type the callee implements arrives as the rep.
      return counterCore.get(repOf(this.#handle)) >>> 0;
    }
    /** What a `Symbol.dispose` method of this class would do. */
    dispose(): void {
      const rep = repOf(this.#handle);
      reps[this.#handle] = undefined;
      free.push(this.#handle);
      dtorCore.dtor(rep);
    }
  }
  return {
    counterCycle: (v: number) => {
      const c = new Counter(v);
      const got = c.get();
      c.dispose();
      return got;
    },
    add: (a: number, b: number) => core.add(u32(a), u32(b)) >>> 0,
    echo: (s: string) => {
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
      reset(rp);
      return out;
    },
    sum: (list: Uint32Array) => {
      if (!(list instanceof Uint32Array)) throw new TypeError('expected a Uint32Array');
      const ptr = realloc(0, 0, 4, list.byteLength);
      new Uint8Array(memory.buffer).set(new Uint8Array(list.buffer, list.byteOffset, list.byteLength), ptr);
      return core.sum(ptr, list.length) >>> 0;
    },
    pointTrip: (p: { id: number; x: number; y: number; on: boolean }) => {
      if (p === null || typeof p !== 'object') throw new TypeError('expected an object');
      const rp = core.point(u32(p.id), +p.x, +p.y, p.on ? 1 : 0);
      const d = view();
      // JS-Reference.md: a null-prototype object; Object.create(null) and stores make one
      // faster than a `__proto__: null` literal does.
      const out = Object.create(null) as Record<string, unknown>;
      out['id'] = d.getUint32(rp, true);
      out['x'] = d.getFloat64(rp + 8, true);
      out['y'] = d.getFloat64(rp + 16, true);
      out['on'] = d.getUint8(rp + 24) !== 0;
      return out;
    },
    shapeTrip: (s: { kind: string; value?: number }) => {
      if (s === null || typeof s !== 'object') throw new TypeError('expected an object');
      let rp: number;
      switch (s.kind) {
        case 'None':
          rp = core.shape(0, 0n);
          break;
        case 'Num':
          rp = core.shape(1, BigInt(u32(s.value as number)));
          break;
        case 'Real':
          scratch.setFloat64(0, +(s.value as number), true);
          rp = core.shape(2, scratch.getBigInt64(0, true));
          break;
        default:
          throw new TypeError('unknown case');
      }
      const d = view();
      const disc = d.getUint8(rp);
      if (disc > 2) throw new Error('invalid discriminant');
      const out = Object.create(null) as Record<string, unknown>;
      out['kind'] = SHAPES[disc];
      if (disc !== 0) out['value'] = disc === 1 ? d.getUint32(rp + 8, true) : d.getFloat64(rp + 8, true);
      return out;
    },
    runAdd: (n: number) => core['run-add'](u32(n)) >>> 0,
    runLog: (n: number) => core['run-log'](u32(n)),
  };
}

function tswasmInstance(bytes: Uint8Array): { store: Store; instance: component.Instance } {
  const engine = new Engine();
  const linker = new component.Linker(engine);
  linker
    .root()
    .instance('local:bench/host')
    .funcWrap('add', (_store, a: number, b: number) => hostAdd(a, b))
    .funcWrap('log', (_store, s: string) => hostLog(s));
  const store = new Store(engine);
  return { store, instance: linker.instantiate(store, Component.fromBinary(engine, bytes)) };
}

// tswasm through the public api: `component.TypedFunc`, each checked against a signature.
function tswasmTyped(bytes: Uint8Array): Contenders {
  const { store, instance } = tswasmInstance(bytes);
  const point = { record: { id: 'u32', x: 'f64', y: 'f64', on: 'bool' } } as const;
  const shape = { variant: { None: null, Num: 'u32', Real: 'f64' } } as const;
  const typed = <const G extends component.TypedSignature>(name: string, signature: G) => {
    const f = instance.getTypedFunc(store, [INTERFACE, name], signature);
    if (f === null) throw new Error(`no export ${name}`);
    return f;
  };
  const add = typed('add', { params: ['u32', 'u32'], result: 'u32' });
  const echo = typed('echo', { params: ['string'], result: 'string' });
  const sum = typed('sum', { params: [{ list: 'u32' }], result: 'u32' });
  const pointTrip = typed('point-trip', { params: [point], result: point });
  const shapeTrip = typed('shape-trip', { params: [shape], result: shape });
  const runAdd = typed('run-add', { params: ['u32'], result: 'u32' });
  const runLog = typed('run-log', { params: ['u32'] });
  const counterNew = typed('[constructor]counter', { params: ['u32'], result: 'unknown' });
  const counterGet = typed('[method]counter.get', { params: ['unknown'], result: 'u32' });
  // As a user calls them: the store and the arguments, one by one.
  return {
    counterCycle: (v: number) => {
      const c = counterNew.call(store, v) as component.ResourceAny;
      const got = counterGet.call(store, c);
      c.resourceDrop(store);
      return got;
    },
    add: (a: number, b: number) => add.call(store, a, b),
    echo: (s: string) => echo.call(store, s),
    sum: (xs: Uint32Array) => sum.call(store, xs),
    pointTrip: (p: { id: number; x: number; y: number; on: boolean }) => pointTrip.call(store, p),
    shapeTrip: (s: { kind: 'Real'; value: number }) => shapeTrip.call(store, s),
    runAdd: (n: number) => runAdd.call(store, n),
    runLog: (n: number) => runLog.call(store, n),
  };
}

// tswasm through the public api: `Func.call` on the interface's functions.
function tswasmFuncs(bytes: Uint8Array): Contenders {
  const { store, instance } = tswasmInstance(bytes);
  const get = (name: string): component.Func => {
    const f = instance.getFunc(store, [INTERFACE, name]);
    if (f === null) throw new Error(`no export ${name}`);
    return f;
  };
  const [add, echo, sum, pointTrip, shapeTrip, runAdd, runLog, counterNew, counterGet] = [
    'add',
    'echo',
    'sum',
    'point-trip',
    'shape-trip',
    'run-add',
    'run-log',
    '[constructor]counter',
    '[method]counter.get',
  ].map(get) as component.Func[];
  // One wrapper per function, as a user writes it: an argument array per call.
  return {
    counterCycle: (v: number) => {
      const c = counterNew!.call(store, [v]) as component.ResourceAny;
      const got = counterGet!.call(store, [c]);
      c.resourceDrop(store);
      return got;
    },
    add: (a: number, b: number) => add!.call(store, [a, b]),
    echo: (s: string) => echo!.call(store, [s]),
    sum: (xs: Uint32Array) => sum!.call(store, [xs]),
    pointTrip: (p: unknown) => pointTrip!.call(store, [p]),
    shapeTrip: (s: unknown) => shapeTrip!.call(store, [s]),
    runAdd: (n: number) => runAdd!.call(store, [n]),
    runLog: (n: number) => runLog!.call(store, [n]),
  };
}

async function jco(bytes: Uint8Array): Promise<Contenders> {
  const { dir } = await jcoTranspile(bytes, { name: 'bench', instantiation: { tag: 'sync' }, noTypescript: true } as unknown as JcoTranspileOptions);
  const { instantiate } = (await import(pathToFileURL(join(dir, 'bench.js')).href)) as {
    instantiate: (getCoreModule: (path: string) => WebAssembly.Module, imports: object) => Record<string, Contenders>;
  };
  const exports = instantiate((path) => new WebAssembly.Module(readFileSync(join(dir, path))), {
    'local:bench/host': { add: hostAdd, log: hostLog },
  });
  const calls = exports[INTERFACE] as (Contenders & { Counter?: new (v: number) => { get(): number } & Record<symbol, () => void> }) | undefined;
  if (calls === undefined) throw new Error('jco output lacks the interface export');
  const JcoCounter = calls.Counter;
  if (JcoCounter === undefined) throw new Error('jco output lacks the Counter class');
  return {
    ...calls,
    counterCycle: (v: number) => {
      const c = new JcoCounter(v);
      const got = c.get();
      const dispose = c[DISPOSE];
      if (dispose === undefined) throw new Error('jco Counter has no dispose');
      dispose.call(c);
      return got;
    },
  };
}

// One loop per signature with direct calls: a spread call would cost more than `add` itself.
let sink: unknown;
const SHAPES: Shape[] = [
  {
    name: 'add(u32, u32) -> u32',
    perCall: 1,
    loop: (f, n) => {
      const g = f as (a: number, b: number) => unknown;
      for (let i = 0; i < n; i++) sink = g(i, 4);
    },
  },
  ...[16, 16 * 1024].map((size) => {
    const s = 'abcdefghijklmnop'.repeat(size / 16);
    return {
      name: `echo ${size === 16 ? '16 B' : '16 KiB'} string`,
      perCall: 1,
      loop: (f: Fn, n: number) => {
        const g = f as (s: string) => unknown;
        for (let i = 0; i < n; i++) sink = g(s);
      },
    };
  }),
  {
    name: 'sum list<u32> of 1,000',
    perCall: 1,
    loop: (f, n) => {
      const g = f as (xs: Uint32Array) => unknown;
      const xs = Uint32Array.from({ length: 1000 }, (_, i) => i);
      for (let i = 0; i < n; i++) sink = g(xs);
    },
  },
  {
    name: 'record round trip',
    perCall: 1,
    loop: (f, n) => {
      const g = f as (p: object) => unknown;
      const p = { id: 7, x: 1.5, y: -2.5, on: true };
      for (let i = 0; i < n; i++) sink = g(p);
    },
  },
  {
    name: 'variant round trip',
    perCall: 1,
    loop: (f, n) => {
      const g = f as (s: object) => unknown;
      // jco's variants are `{ tag, val }`; the loop passes the form each side expects.
      const ours = { kind: 'Real', value: 2.5 };
      const theirs = { tag: 'real', val: 2.5 };
      const s = (f as { jco?: boolean }).jco === true ? theirs : ours;
      for (let i = 0; i < n; i++) sink = g(s);
    },
  },
  {
    name: `host add(u32, u32) -> u32, ${HOST_CALLS} calls`,
    perCall: HOST_CALLS,
    loop: (f, n) => {
      const g = f as (n: number) => unknown;
      for (let i = 0; i < n; i++) sink = g(HOST_CALLS);
    },
  },
  {
    name: 'resource create, call, drop',
    perCall: 1,
    loop: (f, n) => {
      const g = f as (v: number) => unknown;
      for (let i = 0; i < n; i++) sink = g(i);
    },
  },
  {
    name: `host log(16 B string), ${HOST_CALLS} calls`,
    perCall: HOST_CALLS,
    loop: (f, n) => {
      const g = f as (n: number) => unknown;
      for (let i = 0; i < n; i++) sink = g(HOST_CALLS);
    },
  },
];
const SHAPE_FUNCS: (keyof Contenders)[] = ['add', 'echo', 'echo', 'sum', 'pointTrip', 'shapeTrip', 'runAdd', 'counterCycle', 'runLog'];

// Iterations of `run` that take about `targetMs` (at least one), and the time of that many.
function calibrate(run: (n: number) => void, targetMs: number): { n: number; ms: number } {
  let n = 1;
  for (;;) {
    const start = performance.now();
    run(n);
    const ms = performance.now() - start;
    if (ms >= targetMs || n >= 1 << 24) return { n: Math.max(1, Math.round((n * targetMs) / Math.max(ms, 1e-3))), ms };
    n *= ms < targetMs / 16 ? 8 : 2;
  }
}

// Median ns per call of each contender, sampled in turn so that tiering and GC hit all alike.
// Samples are short (about 2 ms) and many: on a busy machine a preemption then spoils a few
// samples rather than the median. A contender whose single run takes long gets fewer.
// Before sampling, every contender runs in turn for about `WARMUP_MS` in all: V8 optimizes hot
// JS and tiers wasm up on background threads, and on a busy 2-core machine that takes a few
// hundred milliseconds. Without it the samples caught whichever tier a contender had reached,
// and the same loop measured anywhere from 1x to 5x its settled time from run to run.
const WARMUP_MS = 300;

function medianNs(runs: ((n: number) => void)[], perCall: number, samples: number): number[] {
  const first = runs.map((run) => calibrate(run, 2));
  for (let round = 0; round < WARMUP_MS / 10; round++) {
    runs.forEach((run, i) => {
      const plan = first[i] as { n: number; ms: number };
      if (plan.ms <= 50) run(Math.max(1, Math.round(plan.n * 5)));
    });
  }
  // Calibrated again: the warm code runs more iterations in 2 ms than the cold code did.
  const plans = runs.map((run) => calibrate(run, 2));
  const times: number[][] = runs.map(() => []);
  for (let s = 0; s < samples; s++) {
    // Each sample starts with another contender: whoever runs right after an allocation-heavy
    // one pays for its garbage, and that must not always be the same one.
    runs.forEach((_, k) => {
      const i = (k + s) % runs.length;
      const run = runs[i] as (n: number) => void;
      const plan = plans[i] as { n: number; ms: number };
      if (plan.ms > 50 && s >= 5) return;
      const start = performance.now();
      run(plan.n);
      (times[i] as number[]).push(((performance.now() - start) * 1e6) / (plan.n * perCall));
    });
  }
  return times.map(median);
}

function normalize(value: unknown): string {
  // jco's `{ tag, val }` read as `{ kind, value }` with the PascalCase label.
  if (value !== null && typeof value === 'object' && 'tag' in value) {
    const v = value as { tag: string; val: unknown };
    return JSON.stringify({ kind: v.tag[0]?.toUpperCase() + v.tag.slice(1), value: v.val });
  }
  return JSON.stringify(value instanceof Uint32Array ? [...value] : { ...(value as object) });
}

function ns(x: number): string {
  return x >= 100 ? x.toFixed(0) : x.toFixed(1);
}

/** Runs the component-call benchmarks (those whose name includes `only`, if given) and returns the report lines. */
export async function benchComponentCalls(only?: string): Promise<string[]> {
  const bytes = await parse(COMPONENT_WAT);
  const rows: [string, Contenders][] = [
    ['floor', await floor()],
    ['Func.call', tswasmFuncs(bytes)],
    ['TypedFunc', tswasmTyped(bytes)],
    ['jco', await jco(bytes)],
  ];
  for (const [, c] of rows.slice(-1)) (c.shapeTrip as { jco?: boolean }).jco = true;
  // Every contender must agree with the floor before anything is timed.
  const probe: [keyof Contenders, unknown[]][] = [
    ['add', [1, 2]],
    ['echo', ['ünïcödé and ascii']],
    ['sum', [Uint32Array.of(1, 2, 3)]],
    ['pointTrip', [{ id: 7, x: 1.5, y: -2.5, on: true }]],
    ['shapeTrip', [{ kind: 'Real', value: 2.5 }]],
    ['runAdd', [10]],
    ['counterCycle', [42]],
  ];
  for (const [name, args] of probe) {
    const want = normalize((rows[0]?.[1][name] as (...a: unknown[]) => unknown)(...args));
    for (const [who, c] of rows) {
      const own = (c[name] as { jco?: boolean }).jco === true ? [{ tag: 'real', val: 2.5 }] : args;
      const got = normalize((c[name] as (...a: unknown[]) => unknown)(...own));
      if (got !== want) throw new Error(`${who} ${name}: ${got}, expected ${want}`);
    }
  }
  const lines = [`${'shape'.padEnd(36)} ${rows.map(([who]) => who.padStart(11)).join(' ')}   ratio/floor   jco/ratio`];
  SHAPES.forEach((shape, i) => {
    if (only !== undefined && !shape.name.includes(only)) return;
    const name = SHAPE_FUNCS[i] as keyof Contenders;
    const runs = rows.map(([, c]) => (n: number) => shape.loop(c[name], n));
    const medians = medianNs(runs, shape.perCall, 41);
    const [floorNs = 1, , jcoNs = 0] = [medians[0], undefined, medians[medians.length - 1]];
    const ours = medians.slice(1, -1);
    const best = Math.min(...ours);
    const ratio = best / floorNs;
    const verdict = ratio <= GOAL ? 'met' : 'NOT met';
    lines.push(
      `${shape.name.padEnd(36)} ${medians.map((m) => ns(m).padStart(11)).join(' ')}   ${ours.map((o) => `${(o / floorNs).toFixed(2)}x`).join(' / ')} (${verdict})   ${(jcoNs / best).toFixed(1)}x`,
    );
  });
  if (sink === Symbol.for('never') || logged < 0) lines.push('');
  return lines;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(`Node ${process.version}`);
  for (const line of await benchComponentCalls(process.argv[2])) console.log(line);
}
