// The instances of the suspension glue (see `suspension-glue.ts`) one scheduler uses: one
// compiled module per core signature, one instance per core function or built-in, wired to the
// scheduler's fiber bookkeeping.

import type { FuncType } from '@tswasm/environ';
import type { AsyncScheduler } from './async-scheduler.js';
import type { Jspi } from './jspi.js';
import { blockingGlueBytes, entryGlueBytes } from './suspension-glue.js';

/** Makes entry and blocking glue for one scheduler. */
export class FiberGlue {
  readonly #scheduler: AsyncScheduler;
  readonly #jspi: Jspi;
  readonly #modules = new Map<string, WebAssembly.Module>();

  constructor(scheduler: AsyncScheduler, jspi: Jspi) {
    this.#scheduler = scheduler;
    this.#jspi = jspi;
  }

  #module(kind: 'entry' | 'blocking', type: FuncType): WebAssembly.Module {
    const key = `${kind}:${type.params.join(',')}:${type.results.join(',')}`;
    let module = this.#modules.get(key);
    if (module === undefined) {
      module = new WebAssembly.Module(kind === 'entry' ? entryGlueBytes(type.params, type.results) : blockingGlueBytes(type.params, type.results));
      this.#modules.set(key, module);
    }
    return module;
  }

  /**
   * The fiber entry of core function `fn` of type `type`: calling it runs `fn` on a new
   * suspendable stack (for `AsyncScheduler.runOnFiber`, which sees its result through `done`).
   */
  entry(fn: Function, type: FuncType): (...flat: unknown[]) => Promise<unknown> {
    const scheduler = this.#scheduler;
    const imports = { '': { f: fn, done: (value: unknown) => scheduler.fiberDone(value) } };
    const { run } = new WebAssembly.Instance(this.#module('entry', type), imports).exports;
    if (typeof run !== 'function') throw new Error('internal error: the entry glue exports no `run`');
    return this.#jspi.promising(run);
  }

  /**
   * The core function of a built-in of type `type` that may block: `now` does its work and, when
   * it must block, records that with `AsyncScheduler.block(…, deferred)`; the glue then suspends
   * the caller's fiber, or blocks on the JS stack where it cannot.
   */
  blocking(now: (...flat: never[]) => unknown, type: FuncType): Function {
    const scheduler = this.#scheduler;
    let result: unknown;
    let entered: WebAssembly.Global | null = null;
    const imports = {
      '': {
        now: (...flat: never[]): number => {
          const value = now(...flat);
          if (scheduler.takeBlocked()) return 1;
          result = value;
          return 0;
        },
        take: (): unknown => {
          const value = result;
          result = undefined;
          return value;
        },
        wait: new this.#jspi.Suspending((): Promise<unknown> => {
          if (entered !== null) entered.value = 1;
          return scheduler.suspendFiber();
        }),
        waitSync: (): unknown => scheduler.blockPendingSync(),
      },
    };
    const exports = new WebAssembly.Instance(this.#module('blocking', type), imports as unknown as WebAssembly.Imports).exports;
    const { f, entered: global } = exports;
    if (typeof f !== 'function' || !(global instanceof WebAssembly.Global)) throw new Error('internal error: the blocking glue exports no `f` and `entered`');
    entered = global;
    return f;
  }
}
