import { expect } from 'chai';

import type { DirectiveResult, ScriptResult } from '../../src/runner/directive-result.js';
import { compareWithExpected, failureKey, parseExpectedFailures } from '../../src/runner/expected-failures.js';

function script(path: string, results: DirectiveResult[]): ScriptResult {
  const count = (status: string): number => results.filter((r) => r.outcome.status === status).length;
  return { path, results, passed: count('passed'), failed: count('failed'), skipped: count('skipped') };
}

function failure(line: number): DirectiveResult {
  return { line, kind: 'module', outcome: { status: 'failed', message: 'boom', crash: false } };
}

function pass(line: number): DirectiveResult {
  return { line, kind: 'module', outcome: { status: 'passed' } };
}

describe('compareWithExpected', () => {
  it('accepts failures that are exactly the listed ones', () => {
    const expected = parseExpectedFailures({ 'core/a.wast:3': 'known' });
    const comparison = compareWithExpected([script('core/a.wast', [pass(1), failure(3)])], expected);
    expect(comparison.unexpectedFailures).to.deep.equal([]);
    expect(comparison.unexpectedPasses).to.deep.equal([]);
    expect(comparison.expectedFailures.map((f) => f.key)).to.deep.equal(['core/a.wast:3']);
  });

  it('reports a failure that is not listed', () => {
    const comparison = compareWithExpected([script('core/a.wast', [failure(7)])], new Map());
    expect(comparison.unexpectedFailures.map((f) => [f.key, f.message])).to.deep.equal([['core/a.wast:7', 'boom']]);
  });

  it('reports a listed entry whose directive now passes', () => {
    const expected = parseExpectedFailures({ 'core/a.wast:1': 'was broken' });
    const comparison = compareWithExpected([script('core/a.wast', [pass(1)])], expected);
    expect(comparison.unexpectedPasses).to.deep.equal([{ key: 'core/a.wast:1', reason: 'was broken' }]);
  });

  it('reports a listed entry for a line with no directive', () => {
    const expected = parseExpectedFailures({ 'core/a.wast:99': 'stale line' });
    expect(compareWithExpected([script('core/a.wast', [])], expected).unexpectedPasses).to.have.length(1);
  });

  it('ignores entries of scripts that did not run', () => {
    const expected = parseExpectedFailures({ 'core/other.wast:1': 'not run now' });
    const comparison = compareWithExpected([script('core/a.wast', [pass(1)])], expected);
    expect(comparison.unexpectedPasses).to.deep.equal([]);
  });

  it('does not count skipped directives as failures', () => {
    const skipped: DirectiveResult = { line: 2, kind: 'invoke', outcome: { status: 'skipped', reason: 'later' } };
    expect(compareWithExpected([script('core/a.wast', [skipped])], new Map()).unexpectedFailures).to.deep.equal([]);
  });

  it('keeps a listed entry whose directive was skipped, as on a host that cannot execute it', () => {
    const skipped: DirectiveResult = { line: 2, kind: 'invoke', outcome: { status: 'skipped', reason: 'host lacks multi-memory' } };
    const expected = parseExpectedFailures({ 'core/a.wast:2': 'fails where it runs' });
    expect(compareWithExpected([script('core/a.wast', [skipped])], expected).unexpectedPasses).to.deep.equal([]);
  });
});

describe('parseExpectedFailures', () => {
  it('reads an object from keys to reasons', () => {
    expect([...parseExpectedFailures({ 'core/proposals/x/y.wast:12': 'why' })]).to.deep.equal([['core/proposals/x/y.wast:12', 'why']]);
  });

  it('rejects a key without a line', () => {
    expect(() => parseExpectedFailures({ 'core/a.wast': 'why' })).to.throw(TypeError, 'expected a key');
  });

  it('rejects an empty reason, since each entry must say why', () => {
    expect(() => parseExpectedFailures({ 'core/a.wast:1': ' ' })).to.throw(TypeError, 'expected a reason');
  });

  it('rejects a list that is not an object', () => {
    expect(() => parseExpectedFailures(['core/a.wast:1'])).to.throw(TypeError);
  });
});

describe('failureKey', () => {
  it('joins the suite path and the line', () => {
    expect(failureKey('core/binary.wast', 123)).to.equal('core/binary.wast:123');
  });
});

describe('parseExpectedFailures', () => {
  const entry = { 'component-model/async/a.wast:5': { reason: 'needs stack switching', hostLacks: 'jspi' } };

  it('keeps an entry for hosts that lack JSPI where the host lacks it', () => {
    expect([...parseExpectedFailures(entry, 'list', new Set(['jspi']))]).to.deep.equal([['component-model/async/a.wast:5', 'needs stack switching']]);
  });

  it('drops an entry for hosts that lack JSPI where the host has it, so that its failure is unexpected', () => {
    const expected = parseExpectedFailures(entry, 'list', new Set());
    expect(expected.size).to.equal(0);
    expect(compareWithExpected([script('component-model/async/a.wast', [failure(5)])], expected).unexpectedFailures).to.have.length(1);
  });

  it('rejects an entry naming something else the host may lack', () => {
    expect(() => parseExpectedFailures({ 'a.wast:1': { reason: 'x', hostLacks: 'gc' } })).to.throw(TypeError, '"hostLacks": "jspi"');
  });

  it('rejects an entry object with other fields', () => {
    expect(() => parseExpectedFailures({ 'a.wast:1': { reason: 'x', hostLacks: 'jspi', extra: 1 } })).to.throw(TypeError, 'a.wast:1');
  });
});
