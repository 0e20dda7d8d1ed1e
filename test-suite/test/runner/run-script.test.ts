import type { WasmFeatures } from '@tswasm/environ';
import { ValidationError, WASM2_FEATURES } from '@tswasm/environ';
import { expect } from 'chai';

import type { ConformanceEngine } from '../../src/runner/conformance-engine.js';
import type { DirectiveOutcome } from '../../src/runner/directive-result.js';
import { runScript } from '../../src/runner/run-script.js';

/** An engine that answers as told and remembers what it was asked. */
class FakeEngine implements ConformanceEngine {
  readonly calls: { bytes: Uint8Array; features: WasmFeatures }[] = [];
  constructor(private readonly answer: 'valid' | 'invalid' | 'crash') {}
  validateModule(bytes: Uint8Array, features: WasmFeatures): void {
    this.calls.push({ bytes, features });
    if (this.answer === 'invalid') throw new ValidationError('type mismatch', 0x1a);
    if (this.answer === 'crash') throw new TypeError('cannot read properties of undefined');
  }
  validateComponent(bytes: Uint8Array, features: WasmFeatures): void {
    this.validateModule(bytes, features);
  }
}

async function outcomes(source: string, engine: ConformanceEngine, path = 'core/test.wast'): Promise<DirectiveOutcome[]> {
  return (await runScript(source, { path, engine })).results.map((r) => r.outcome);
}

async function single(source: string, engine: ConformanceEngine, path?: string): Promise<DirectiveOutcome> {
  const all = await outcomes(source, engine, path);
  expect(all).to.have.length(1);
  return all[0] as DirectiveOutcome;
}

describe('runScript', () => {
  describe('module', () => {
    it('passes a text module the engine validates, handing it the assembled bytes', async () => {
      const engine = new FakeEngine('valid');
      expect(await single('(module (func))', engine)).to.deep.equal({ status: 'passed' });
      expect(engine.calls).to.have.length(1);
      expect([...(engine.calls[0]?.bytes.subarray(0, 4) ?? [])]).to.deep.equal([0, 0x61, 0x73, 0x6d]);
    });

    it('hands a binary module its bytes unchanged', async () => {
      const engine = new FakeEngine('valid');
      await single('(module binary "\\00asm" "\\01\\00\\00\\00")', engine);
      expect([...(engine.calls[0]?.bytes ?? [])]).to.deep.equal([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0]);
    });

    it('fails a module the engine rejects, with the engine message', async () => {
      const outcome = await single('(module)', new FakeEngine('invalid'));
      expect(outcome).to.deep.equal({ status: 'failed', message: 'valid module rejected: type mismatch (at offset 0x1a)', crash: false });
    });

    it('reports an exception other than ValidationError as a crash', async () => {
      const outcome = await single('(module)', new FakeEngine('crash'));
      expect(outcome).to.include({ status: 'failed', crash: true });
      if (outcome.status === 'failed') expect(outcome.message).to.match(/^CRASH .*TypeError: cannot read properties of undefined/);
    });

    it('fails a module the text parser rejects rather than skip it quietly', async () => {
      const outcome = await single('(module (func $f) (func $f))', new FakeEngine('valid'));
      expect(outcome).to.include({ status: 'failed', crash: false });
    });

    it('skips module quote and module instance', async () => {
      const engine = new FakeEngine('valid');
      const all = await outcomes('(module quote "(func)")\n(module instance $i $m)', engine);
      expect(all.map((o) => o.status)).to.deep.equal(['skipped', 'skipped']);
      expect(engine.calls).to.have.length(0);
    });
  });

  describe('assert_invalid', () => {
    it('passes when the engine rejects the module with ValidationError', async () => {
      expect(await single('(assert_invalid (module (func (result i32))) "type mismatch")', new FakeEngine('invalid'))).to.deep.equal({ status: 'passed' });
    });

    it('fails when the engine accepts the module, naming the expected error', async () => {
      const outcome = await single('(assert_invalid (module (func (result i32))) "type mismatch")', new FakeEngine('valid'));
      expect(outcome).to.deep.equal({ status: 'failed', message: 'expected an invalid module ("type mismatch"), but it validated', crash: false });
    });

    it('reports a crash, not a pass, for an exception other than ValidationError', async () => {
      expect(await single('(assert_invalid (module binary "") "x")', new FakeEngine('crash'))).to.include({ status: 'failed', crash: true });
    });

    it('skips a module the text parser cannot assemble, saying so', async () => {
      const engine = new FakeEngine('invalid');
      const outcome = await single('(assert_invalid (module (func $f) (func $f)) "duplicate func")', engine);
      expect(outcome.status).to.equal('skipped');
      if (outcome.status === 'skipped') expect(outcome.reason).to.match(/^the text parser rejected the module.*duplicate func identifier/);
      expect(engine.calls).to.have.length(0);
    });
  });

  describe('assert_malformed', () => {
    it('passes a binary module the engine rejects', async () => {
      expect(await single('(assert_malformed (module binary "\\00asm") "unexpected end")', new FakeEngine('invalid'))).to.deep.equal({ status: 'passed' });
    });

    it('fails a binary module the engine accepts', async () => {
      expect(await single('(assert_malformed (module binary "\\00asm") "unexpected end")', new FakeEngine('valid'))).to.include({ status: 'failed' });
    });

    it('skips a quote module: the text parser is not ours', async () => {
      expect(await single('(assert_malformed (module quote "(func") "unexpected end")', new FakeEngine('invalid'))).to.include({ status: 'skipped' });
    });
  });

  it('skips every execution directive for an engine that can only validate, never passing one', async () => {
    const source = [
      '(register "m")',
      '(invoke "f")',
      '(get "g")',
      '(assert_return (invoke "f"))',
      '(assert_trap (invoke "f") "unreachable")',
      '(assert_exhaustion (invoke "f") "call stack exhausted")',
      '(assert_exception (invoke "f"))',
      '(assert_unlinkable (module (import "a" "b" (func))) "unknown import")',
      '(assert_uninstantiable (module (start 0) (func unreachable)) "unreachable")',
      '(assert_trap (module (func unreachable) (start 0)) "unreachable")',
      '(thread $t (module))',
      '(wait $t)',
      '(either (assert_return (invoke "f")))',
      '(component instance $i $c)',
    ].join('\n');
    const engine = new FakeEngine('valid');
    const all = await outcomes(source, engine);
    expect(all.map((o) => o.status)).to.deep.equal(Array(14).fill('skipped'));
    expect(engine.calls).to.have.length(0);
  });

  it('validates components: a valid one passes, an asserted-invalid one must be rejected', async () => {
    const source = '(component)\n(component definition $c (core module))\n(assert_invalid (component (core module)) "x")';
    expect((await outcomes(source, new FakeEngine('valid'))).map((o) => o.status)).to.deep.equal(['passed', 'passed', 'failed']);
    expect((await outcomes(source, new FakeEngine('invalid'))).map((o) => o.status)).to.deep.equal(['failed', 'failed', 'passed']);
  });

  it('validates with the features of the script path', async () => {
    const engine = new FakeEngine('valid');
    await outcomes('(module)', engine, 'core/proposals/tail-call/return_call.wast');
    expect(engine.calls[0]?.features).to.deep.equal({ ...WASM2_FEATURES, tailCall: true });
  });

  it('skips every directive of a script whose features are not supported', async () => {
    const engine = new FakeEngine('valid');
    const all = await outcomes('(module)\n(assert_invalid (module) "x")', engine, 'core-3.0/ref.wast');
    expect(all).to.deep.equal([
      { status: 'skipped', reason: 'feature not supported yet' },
      { status: 'skipped', reason: 'feature not supported yet' },
    ]);
    expect(engine.calls).to.have.length(0);
  });

  it('reports a script it cannot read as one failure at the problem line', async () => {
    const result = await runScript('(module)\n(module', { path: 'core/broken.wast', engine: new FakeEngine('valid') });
    expect(result.results).to.have.length(1);
    expect(result.results[0]).to.include({ line: 2, kind: 'script' });
    expect(result).to.include({ passed: 0, failed: 1, skipped: 0 });
  });

  it('counts passed, failed and skipped directives', async () => {
    const result = await runScript('(module)\n(assert_invalid (module) "x")\n(invoke "f")', { path: 'core/a.wast', engine: new FakeEngine('valid') });
    expect(result).to.include({ path: 'core/a.wast', passed: 1, failed: 1, skipped: 1 });
  });
});
