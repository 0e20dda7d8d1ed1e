/**
 * The embedding API against raw WebAssembly in the same run: a TypedFunc call, Func.call, a
 * wasm-to-host import defined with funcWrap, and instantiation through a Linker. Each ratio is
 * tswasm's time over the raw JS API's for the same work (issue #3's goals).
 */
import { parse } from '@bytecodealliance/jco';
import { Engine, Linker, Module, Store, Val } from '@tswasm/api';
import { medianPairMs, reportRatio } from './measure.js';

const CALLS = 1_000_000;

const WAT = `(module
  (import "env" "inc" (func $inc (param i32) (result i32)))
  (memory (export "memory") 1)
  (global (export "g") (mut i32) (i32.const 0))
  (table (export "t") 4 funcref)
  (func $add (export "add") (param i32 i32) (result i32) (i32.add (local.get 0) (local.get 1)))
  (func (export "loop") (param $n i32) (result i32) (local $acc i32)
    (block $done (loop $next
      (br_if $done (i32.eqz (local.get $n)))
      (local.set $acc (call $inc (local.get $acc)))
      (local.set $n (i32.sub (local.get $n) (i32.const 1)))
      (br $next)))
    (local.get $acc))
  (elem (i32.const 0) $add))`;

type Add = (a: number, b: number) => number;

/** Runs the api benchmarks and returns one report line per benchmark. */
export async function benchApiCalls(): Promise<string[]> {
  const bytes = await parse(WAT);
  const engine = new Engine();
  const module = Module.fromBinary(engine, bytes);
  const store = new Store(engine);
  const linker = new Linker(engine);
  linker.funcWrap('env', 'inc', { params: ['i32'], results: ['i32'] }, (_caller: unknown, x: number) => x + 1);
  const instance = linker.instantiate(store, module);
  const rawImports = { env: { inc: (x: number): number => x + 1 } };
  const raw = new WebAssembly.Instance(module.compiled, rawImports).exports;
  const rawAdd = raw['add'] as Add;
  const rawLoop = raw['loop'] as (n: number) => number;

  const typed = instance.getTypedFunc<[number, number], number>(store, 'add', ['i32', 'i32'], ['i32']);
  const func = instance.getFunc(store, 'add');
  const loop = instance.getTypedFunc<[number], number>(store, 'loop', ['i32'], ['i32']);
  if (func === undefined) throw new Error('no add export');

  let sink = 0;
  const lines: string[] = [];
  // Each loop sums into a local: a captured variable written per call would cost more than the
  // call and hide the difference between the two sides (and V8 14's inlining of raw calls).
  const typedCalls = medianPairMs(
    () => {
      let sum = 0;
      for (let i = 0; i < CALLS; i++) sum += typed.call(store, i, 1);
      sink += sum;
    },
    () => {
      let sum = 0;
      for (let i = 0; i < CALLS; i++) sum += rawAdd(i, 1);
      sink += sum;
    },
    21,
  );
  lines.push(reportRatio(`TypedFunc call of add (${CALLS} calls)`, typedCalls.ours, typedCalls.peer, 'raw export', 1.05));

  const untyped = medianPairMs(
    () => {
      let sum = 0;
      for (let i = 0; i < CALLS / 10; i++) {
        const [r] = func.call(store, [Val.i32(i), Val.i32(1)]);
        if (r?.kind === 'i32') sum += r.value;
      }
      sink += sum;
    },
    () => {
      let sum = 0;
      for (let i = 0; i < CALLS / 10; i++) sum += rawAdd(i, 1);
      sink += sum;
    },
    21,
  );
  lines.push(reportRatio(`Func.call of add (${CALLS / 10} calls)`, untyped.ours, untyped.peer, 'raw export', 3));

  const host = medianPairMs(
    () => {
      sink += loop.call(store, CALLS);
    },
    () => {
      sink += rawLoop(CALLS);
    },
    21,
  );
  lines.push(reportRatio(`wasm->host import via funcWrap (${CALLS} calls)`, host.ours, host.peer, 'raw JS import', 1.2));

  // Short samples, many of them: a GC pause then spoils one sample, not the median.
  const INSTANCES = 200;
  const pre = linker.instantiatePre(module);
  const viaPre = medianPairMs(
    () => {
      for (let i = 0; i < INSTANCES; i++) pre.instantiate(new Store(engine));
    },
    () => {
      for (let i = 0; i < INSTANCES; i++) new WebAssembly.Instance(module.compiled, rawImports);
    },
    61,
  );
  lines.push(reportRatio(`instantiate (${INSTANCES} instances, InstancePre)`, viaPre.ours, viaPre.peer, 'new WebAssembly.Instance', 1.2));
  const viaLinker = medianPairMs(
    () => {
      for (let i = 0; i < INSTANCES; i++) linker.instantiate(new Store(engine), module);
    },
    () => {
      for (let i = 0; i < INSTANCES; i++) new WebAssembly.Instance(module.compiled, rawImports);
    },
    61,
  );
  lines.push(reportRatio(`instantiate (${INSTANCES} instances, Linker + new Store)`, viaLinker.ours, viaLinker.peer, 'new WebAssembly.Instance', 1.2));
  if (sink === 0.5) lines.push('');
  return lines;
}
