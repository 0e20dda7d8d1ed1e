import type { WasmFeatures } from '@tswasm/environ';
import { ValidationError, WASM2_FEATURES } from '@tswasm/environ';
import { expect } from 'chai';

import type { ConformanceEngine, ExecutionSession } from '../../src/runner/conformance-engine.js';
import type { DirectiveOutcome } from '../../src/runner/directive-result.js';
import { ExecutionError } from '../../src/runner/execution-error.js';
import { runScript } from '../../src/runner/run-script.js';
import type { WastValue } from '../../src/wast/wast-value.js';

type Behavior = WastValue[] | ExecutionError | Error;

/**
 * A session that answers as told: instances are named `i1`, `i2`... in creation order;
 * `instantiate` fails with the next queued error, if any; `invoke` answers by export name.
 */
class FakeSession implements ExecutionSession<number, string> {
  readonly log: string[] = [];
  readonly instantiateFailures: (ExecutionError | Error | undefined)[] = [];
  readonly answers = new Map<string, Behavior>();
  compileFailure: Error | undefined;
  #instances = 0;

  compile(bytes: Uint8Array): number {
    if (this.compileFailure !== undefined) throw this.compileFailure;
    return bytes.length;
  }
  instantiate(): string {
    const failure = this.instantiateFailures.shift();
    if (failure !== undefined) throw failure;
    const instance = `i${++this.#instances}`;
    this.log.push(`instantiate ${instance}`);
    return instance;
  }
  register(name: string, instance: string): void {
    this.log.push(`register ${name} ${instance}`);
  }
  invoke(instance: string, name: string, args: readonly WastValue[]): WastValue[] {
    this.log.push(`invoke ${instance} ${name} ${args.length}`);
    const answer = this.answers.get(name) ?? [];
    if (answer instanceof Error) throw answer;
    return answer;
  }
  get(instance: string, name: string): WastValue {
    this.log.push(`get ${instance} ${name}`);
    const answer = this.answers.get(name);
    if (answer instanceof Error) throw answer;
    return answer?.[0] ?? { kind: 'i32', value: 0 };
  }
}

class FakeExecutingEngine implements ConformanceEngine {
  readonly session = new FakeSession();
  readonly features: WasmFeatures[] = [];
  validateModule(): void {}
  validateComponent(): void {}
  readonly startSession = (features: WasmFeatures): ExecutionSession => {
    this.features.push(features);
    return this.session as ExecutionSession<number, string> as ExecutionSession;
  };
}

async function run(source: string, engine: FakeExecutingEngine, path = 'core/test.wast'): Promise<DirectiveOutcome[]> {
  return (await runScript(source, { path, engine })).results.map((r) => r.outcome);
}

function statuses(outcomes: readonly DirectiveOutcome[]): string[] {
  return outcomes.map((o) => o.status);
}

function message(outcome: DirectiveOutcome | undefined): string {
  return outcome?.status === 'failed' ? outcome.message : `(${outcome?.status ?? 'none'})`;
}

const M = '(module binary "\\00asm\\01\\00\\00\\00")';
const trap = (): ExecutionError => new ExecutionError('trap', 'unreachable executed');

describe('runScript with an executing engine', () => {
  it('skips execution of a script that runs components when the engine does not run them', async () => {
    const engine = new FakeExecutingEngine();
    const outcomes = await run(`(component) ${M} (assert_trap (component) "x") (invoke "f")`, engine, 'core/mixed.wast');
    expect(statuses(outcomes)).to.deep.equal(['passed', 'passed', 'skipped', 'skipped']);
    expect(engine.features).to.deep.equal([]);
  });

  it('starts one session per script with the features of its path', async () => {
    const engine = new FakeExecutingEngine();
    await run(M, engine, 'core/proposals/tail-call/return_call.wast');
    expect(engine.features).to.deep.equal([{ ...WASM2_FEATURES, tailCall: true }]);
  });

  it('reports a session that cannot start as a crash of every directive', async () => {
    const engine: ConformanceEngine = {
      validateModule() {},
      validateComponent() {},
      startSession() {
        throw new TypeError('no store');
      },
    };
    const outcomes = (await runScript(`${M}\n(invoke "f")`, { path: 'core/a.wast', engine })).results.map((r) => r.outcome);
    expect(outcomes.map((o) => o.status === 'failed' && o.crash)).to.deep.equal([true, true]);
  });

  describe('module', () => {
    it('instantiates each module, which becomes the current one', async () => {
      const engine = new FakeExecutingEngine();
      expect(statuses(await run(`${M}\n${M}\n(invoke "f")`, engine))).to.deep.equal(['passed', 'passed', 'passed']);
      expect(engine.session.log).to.deep.equal(['instantiate i1', 'instantiate i2', 'invoke i2 f 0']);
    });

    it('keeps a named module addressable after another one', async () => {
      const engine = new FakeExecutingEngine();
      await run(`(module $a binary "\\00asm\\01\\00\\00\\00")\n${M}\n(invoke $a "f")`, engine);
      expect(engine.session.log.at(-1)).to.equal('invoke i1 f 0');
    });

    it('fails a module that does not instantiate, and leaves no current module', async () => {
      const engine = new FakeExecutingEngine();
      engine.session.instantiateFailures.push(trap());
      const outcomes = await run(`${M}\n(invoke "f")`, engine);
      expect(message(outcomes[0])).to.equal('expected the module to instantiate, got trap: unreachable executed');
      expect(message(outcomes[1])).to.equal('no current module instance');
    });

    it('fails a module the engine rejects with ValidationError', async () => {
      const engine = new FakeExecutingEngine();
      engine.session.compileFailure = new ValidationError('type mismatch', 3);
      expect(message((await run(M, engine))[0])).to.equal('valid module rejected: type mismatch (at offset 0x3)');
    });

    it('reports another exception from the engine as a crash', async () => {
      const engine = new FakeExecutingEngine();
      engine.session.instantiateFailures.push(new TypeError('oops'));
      expect((await run(M, engine))[0]).to.include({ status: 'failed', crash: true });
    });

    it('compiles a definition without instantiating it, and instantiates it by name later', async () => {
      const engine = new FakeExecutingEngine();
      const outcomes = await run('(module definition $d binary "\\00asm\\01\\00\\00\\00")\n(module instance $i $d)\n(invoke $i "f")', engine);
      expect(statuses(outcomes)).to.deep.equal(['passed', 'passed', 'passed']);
      expect(engine.session.log).to.deep.equal(['instantiate i1', 'invoke i1 f 0']);
    });

    it('assembles a quoted module the script goes on to use', async () => {
      const engine = new FakeExecutingEngine();
      expect(statuses(await run('(module quote "(func (export \\"f\\"))")\n(invoke "f")', engine))).to.deep.equal(['passed', 'passed']);
    });
  });

  describe('register', () => {
    it('registers the current instance, or a named one', async () => {
      const engine = new FakeExecutingEngine();
      await run(`(module $a binary "\\00asm\\01\\00\\00\\00")\n${M}\n(register "x")\n(register "y" $a)`, engine);
      expect(engine.session.log.slice(2)).to.deep.equal(['register x i2', 'register y i1']);
    });

    it('fails for an unknown module name', async () => {
      expect(message((await run('(register "x" $nope)', new FakeExecutingEngine()))[0])).to.equal('no module instance $nope');
    });
  });

  describe('invoke and get', () => {
    it('pass when the action completes, handing over the arguments', async () => {
      const engine = new FakeExecutingEngine();
      expect(statuses(await run(`${M}\n(invoke "f" (i32.const 1) (f64.const 2))\n(get "g")`, engine))).to.deep.equal(['passed', 'passed', 'passed']);
      expect(engine.session.log.slice(1)).to.deep.equal(['invoke i1 f 2', 'get i1 g']);
    });

    it('fail when the action traps', async () => {
      const engine = new FakeExecutingEngine();
      engine.session.answers.set('f', trap());
      expect(message((await run(`${M}\n(invoke "f")`, engine))[1])).to.equal('expected invoke "f" to complete, got trap: unreachable executed');
    });
  });

  describe('assert_return', () => {
    it('passes when every result matches', async () => {
      const engine = new FakeExecutingEngine();
      engine.session.answers.set('f', [{ kind: 'i32', value: 1 }, { kind: 'f32', bits: 0x7fc00000 }]);
      expect(statuses(await run(`${M}\n(assert_return (invoke "f") (i32.const 1) (f32.const nan:canonical))`, engine))).to.deep.equal(['passed', 'passed']);
    });

    it('fails on a wrong value or count, printing both sides', async () => {
      const engine = new FakeExecutingEngine();
      engine.session.answers.set('f', [{ kind: 'i32', value: 2 }]);
      const outcomes = await run(`${M}\n(assert_return (invoke "f") (i32.const 1))\n(assert_return (invoke "f"))`, engine);
      expect(message(outcomes[1])).to.equal('invoke "f": expected (i32:1), got (i32:2)');
      expect(message(outcomes[2])).to.equal('invoke "f": expected (), got (i32:2)');
    });

    it('reads a global with get', async () => {
      const engine = new FakeExecutingEngine();
      engine.session.answers.set('g', [{ kind: 'i64', value: 5n }]);
      expect(statuses(await run(`${M}\n(assert_return (get "g") (i64.const 5))`, engine))).to.deep.equal(['passed', 'passed']);
    });

    it('fails a directive whose values cannot be read, not the whole script', async () => {
      const engine = new FakeExecutingEngine();
      const outcomes = await run(`${M}\n(assert_return (invoke "f") (i32.const x))\n(invoke "f")`, engine);
      expect(statuses(outcomes)).to.deep.equal(['passed', 'failed', 'passed']);
      expect(message(outcomes[1])).to.match(/^directive could not be read: malformed or out-of-range i32 literal `x`/);
    });
  });

  describe('assert_trap', () => {
    it('passes on a trap, whatever the engine calls it', async () => {
      const engine = new FakeExecutingEngine();
      engine.session.answers.set('f', new ExecutionError('trap', 'wasm trap: integer divide by zero'));
      expect(statuses(await run(`${M}\n(assert_trap (invoke "f") "integer divide by zero")`, engine))).to.deep.equal(['passed', 'passed']);
    });

    it('fails when the call returns, or fails another way', async () => {
      const engine = new FakeExecutingEngine();
      engine.session.answers.set('g', new ExecutionError('exhaustion', 'stack'));
      const outcomes = await run(`${M}\n(assert_trap (invoke "f") "unreachable")\n(assert_trap (invoke "g") "unreachable")`, engine);
      expect(message(outcomes[1])).to.equal('invoke "f": expected trap "unreachable", got ()');
      expect(message(outcomes[2])).to.equal('expected trap "unreachable", got exhaustion: stack');
    });

    it('of a module passes when instantiation traps', async () => {
      const engine = new FakeExecutingEngine();
      engine.session.instantiateFailures.push(trap());
      expect(statuses(await run(`(assert_trap ${M} "unreachable")`, engine))).to.deep.equal(['passed']);
    });
  });

  it('assert_exhaustion passes on stack exhaustion only', async () => {
    const engine = new FakeExecutingEngine();
    engine.session.answers.set('f', new ExecutionError('exhaustion', 'call stack exhausted'));
    engine.session.answers.set('g', trap());
    const outcomes = await run(`${M}\n(assert_exhaustion (invoke "f") "call stack exhausted")\n(assert_exhaustion (invoke "g") "call stack exhausted")`, engine);
    expect(statuses(outcomes)).to.deep.equal(['passed', 'passed', 'failed']);
  });

  it('assert_exception passes on an escaping exception only', async () => {
    const engine = new FakeExecutingEngine();
    engine.session.answers.set('f', new ExecutionError('exception', 'a wasm exception escaped'));
    const outcomes = await run(`${M}\n(assert_exception (invoke "f"))\n(assert_exception (invoke "g"))`, engine);
    expect(statuses(outcomes)).to.deep.equal(['passed', 'passed', 'failed']);
  });

  it('assert_unlinkable passes on an unlinkable error only', async () => {
    const engine = new FakeExecutingEngine();
    engine.session.instantiateFailures.push(new ExecutionError('unlinkable', 'unknown import'), trap());
    const outcomes = await run(`(assert_unlinkable ${M} "unknown import")\n(assert_unlinkable ${M} "unknown import")`, engine);
    expect(statuses(outcomes)).to.deep.equal(['passed', 'failed']);
    expect(message(outcomes[1])).to.equal('expected instantiation to fail with unlinkable "unknown import", got trap: unreachable executed');
  });

  it('assert_uninstantiable passes on a trap while instantiating, and fails when it instantiates', async () => {
    const engine = new FakeExecutingEngine();
    engine.session.instantiateFailures.push(trap());
    const outcomes = await run(`(assert_uninstantiable ${M} "unreachable")\n(assert_uninstantiable ${M} "unreachable")`, engine);
    expect(statuses(outcomes)).to.deep.equal(['passed', 'failed']);
  });

  it('thread runs its directives with only its shared modules, and wait finds it', async () => {
    const engine = new FakeExecutingEngine();
    const source = `(module $m binary "\\00asm\\01\\00\\00\\00")\n(thread $t (shared (module $m)) (invoke $m "f") ${M} (invoke "g"))\n(wait $t)\n(wait $u)`;
    const outcomes = await run(source, engine);
    expect(statuses(outcomes)).to.deep.equal(['passed', 'passed', 'passed', 'failed']);
    expect(engine.session.log).to.deep.equal(['instantiate i1', 'invoke i1 f 0', 'instantiate i2', 'invoke i2 g 0']);
  });

  it('thread fails with the failures of its directives', async () => {
    const engine = new FakeExecutingEngine();
    const outcomes = await run('(thread $t (invoke "f"))', engine);
    expect(message(outcomes[0])).to.equal('thread $t: line 1: no current module instance');
  });

  it('either passes when one alternative passes', async () => {
    const engine = new FakeExecutingEngine();
    engine.session.answers.set('f', [{ kind: 'i32', value: 2 }]);
    const outcomes = await run(`${M}\n(either (assert_return (invoke "f") (i32.const 1)) (assert_return (invoke "f") (i32.const 2)))\n(either (assert_return (invoke "f") (i32.const 3)))`, engine);
    expect(statuses(outcomes)).to.deep.equal(['passed', 'passed', 'failed']);
    expect(message(outcomes[2])).to.equal('no alternative of either passed: invoke "f": expected (i32:3), got (i32:2)');
  });

  it('still judges assert_invalid by validation', async () => {
    const engine = new FakeExecutingEngine();
    expect(statuses(await run(`(assert_invalid ${M} "x")`, engine))).to.deep.equal(['failed']);
    expect(engine.session.log).to.deep.equal([]);
  });
});
