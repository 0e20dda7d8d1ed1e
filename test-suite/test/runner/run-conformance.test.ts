import { ValidationError } from '@tswasm/environ';
import { expect } from 'chai';
import { fileURLToPath } from 'node:url';

import { collectWastFiles } from '../../src/runner/collect-wast-files.js';
import type { ConformanceEngine } from '../../src/runner/conformance-engine.js';
import type { ConformanceRunResult } from '../../src/runner/run-conformance.js';
import { runConformance } from '../../src/runner/run-conformance.js';
import { V8_ENGINE } from '../support/v8-engine.js';

const INLINE_SCRIPT = fileURLToPath(new URL('../../../wast/core/runner-inline-module.wast', import.meta.url));
const INLINE_KEY = 'core/runner-inline-module.wast:2';

const REJECT_ALL: ConformanceEngine = {
  validateModule() {
    throw new ValidationError('type mismatch', 0);
  },
  validateComponent() {
    throw new ValidationError('type mismatch', 0);
  },
};

async function run(engine: ConformanceEngine, expected: ReadonlyMap<string, string>, verbose = false): Promise<{ result: ConformanceRunResult; lines: string[] }> {
  const lines: string[] = [];
  const result = await runConformance({ files: collectWastFiles([INLINE_SCRIPT]), engine, expected, verbose, write: (line) => lines.push(line) });
  return { result, lines };
}

describe('runConformance', () => {
  it('prints a line per script and the totals as the very last line', async () => {
    const { result, lines } = await run(V8_ENGINE, new Map());
    expect(lines).to.deep.equal(['core/runner-inline-module.wast: 1 passed, 0 failed, 0 skipped', '1 passed, 0 failed, 0 skipped']);
    expect(result.ok).to.equal(true);
  });

  it('fails the run on a failure that is not listed, printing it', async () => {
    const { result, lines } = await run(REJECT_ALL, new Map());
    expect(result.ok).to.equal(false);
    expect(lines).to.include(`unexpected failure: ${INLINE_KEY}: module: valid module rejected: type mismatch (at offset 0x0)`);
    expect(lines.at(-1)).to.equal('0 passed, 1 failed, 0 skipped');
  });

  it('accepts a failure that is listed', async () => {
    const { result } = await run(REJECT_ALL, new Map([[INLINE_KEY, 'known']]));
    expect(result.ok).to.equal(true);
  });

  it('fails the run on a listed entry that now passes, asking to remove it', async () => {
    const { result, lines } = await run(V8_ENGINE, new Map([[INLINE_KEY, 'was broken']]));
    expect(result.ok).to.equal(false);
    expect(lines.some((line) => line.startsWith(`unexpected pass: remove from expected-failures: ${INLINE_KEY}`))).to.equal(true);
  });

  it('prints a crash even without --verbose and even when listed', async () => {
    const crashing: ConformanceEngine = {
      validateModule() {
        throw new RangeError('offset is out of bounds');
      },
      validateComponent() {
        throw new RangeError('offset is out of bounds');
      },
    };
    const { lines } = await run(crashing, new Map([[INLINE_KEY, 'known']]));
    expect(lines.some((line) => line.startsWith(`  ${INLINE_KEY}: module: CRASH`) && line.includes('RangeError: offset is out of bounds'))).to.equal(true);
  });

  it('lists each failure with --verbose', async () => {
    const { lines } = await run(REJECT_ALL, new Map([[INLINE_KEY, 'known']]), true);
    expect(lines).to.include(`  ${INLINE_KEY}: module: valid module rejected: type mismatch (at offset 0x0) [expected]`);
  });
});
