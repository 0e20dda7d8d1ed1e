// Runs our own scripts in test-suite/wast/ through the runner, against our validator and against
// V8's as a reference for the runner itself (validating only, and executing). None may show a
// failure.

import { expect } from 'chai';
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

import { API_ENGINE, createApiEngine } from '../../src/api-engine.js';
import { ENVIRON_ENGINE } from '../../src/environ-engine.js';
import { collectWastFiles } from '../../src/runner/collect-wast-files.js';
import type { ConformanceEngine } from '../../src/runner/conformance-engine.js';
import { runConformance } from '../../src/runner/run-conformance.js';
import { createV8ExecutionEngine, V8_ENGINE } from '../support/v8-engine.js';

// From dist/test/runner/ up to the package folder.
const OWN_SCRIPTS = fileURLToPath(new URL('../../../wast', import.meta.url));
const OWN_CORE_SCRIPTS = fileURLToPath(new URL('../../../wast/core', import.meta.url));
const OWN_COMPONENT_SCRIPTS = fileURLToPath(new URL('../../../wast/component', import.meta.url));

async function runOwnScripts(engine: ConformanceEngine, folder = OWN_SCRIPTS): Promise<string[]> {
  const lines: string[] = [];
  const result = await runConformance({
    files: collectWastFiles([folder]),
    engine,
    expected: new Map(),
    verbose: true,
    write: (line) => lines.push(line),
  });
  expect(result.failed, lines.join('\n')).to.equal(0);
  expect(result.ok).to.equal(true);
  expect(result.passed).to.be.greaterThan(0);
  return lines;
}

describe('our own .wast scripts', () => {
  it('run without failures against environ', async () => {
    await runOwnScripts(ENVIRON_ENGINE);
  });

  it('execute without failures through the api', async () => {
    const lines = await runOwnScripts(API_ENGINE);
    expect(lines.find((line) => line.startsWith('core/runner-execution.wast'))).to.match(/: \d+ passed, 0 failed, 0 skipped$/);
  });

  it('execute every directive of the component scripts through the api', async () => {
    const lines = await runOwnScripts(API_ENGINE);
    const componentRuns = lines.filter((line) => /^component\/run-[a-z-]+\.wast: /.test(line));
    const runScripts = readdirSync(OWN_COMPONENT_SCRIPTS).filter((name) => /^run-[a-z-]+\.wast$/.test(name));
    expect(runScripts.length).to.be.greaterThan(3);
    expect(componentRuns).to.have.length(runScripts.length);
    for (const line of componentRuns) expect(line).to.match(/: \d+ passed, 0 failed, 0 skipped$/);
  });

  it('execute every directive the same when each module and component is loaded from its artifact', async () => {
    const direct = await runOwnScripts(API_ENGINE);
    const viaArtifacts = await runOwnScripts(createApiEngine({ viaArtifacts: true }));
    expect(viaArtifacts.at(-1)).to.equal(direct.at(-1));
  });

  it('run without failures against V8, so the runner reads them right', async () => {
    // V8 has no components: it reads the core scripts only.
    const lines = await runOwnScripts(V8_ENGINE, OWN_CORE_SCRIPTS);
    expect(lines.at(-1)).to.match(/^\d+ passed, 0 failed, \d+ skipped$/);
  });

  it('run without failures or skips of execution directives when V8 executes them', async () => {
    const lines = await runOwnScripts(await createV8ExecutionEngine(), OWN_CORE_SCRIPTS);
    expect(lines.join('\n')).to.not.match(/\bskipped: the engine can only validate/);
    expect(lines.find((line) => line.startsWith('core/runner-execution.wast'))).to.match(/: \d+ passed, 0 failed, 0 skipped$/);
  });
});
