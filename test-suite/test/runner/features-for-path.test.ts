import { WASM2_FEATURES } from '@tswasm/environ';
import { expect } from 'chai';

import { featuresForPath } from '../../src/runner/features-for-path.js';

describe('featuresForPath', () => {
  it('gives the 2.0 core scripts the WebAssembly 2.0 features', () => {
    expect(featuresForPath('core/binary.wast')).to.deep.equal({ kind: 'supported', features: WASM2_FEATURES });
  });

  it('adds the flags of each supported proposal', () => {
    const cases: [string, object][] = [
      ['tail-call', { tailCall: true }],
      ['extended-const', { extendedConst: true }],
      ['multi-memory', { multiMemory: true }],
      ['relaxed-simd', { relaxedSimd: true }],
      ['threads', { threads: true, referenceTypes: false }],
      ['exception-handling', { exceptions: true, legacyExceptions: true, tailCall: true }],
      ['annotations', {}],
    ];
    for (const [proposal, changes] of cases) {
      expect(featuresForPath(`core/proposals/${proposal}/x.wast`), proposal).to.deep.equal({ kind: 'supported', features: { ...WASM2_FEATURES, ...changes } });
    }
  });

  it('enables legacy exceptions for the legacy/ subfolder too', () => {
    const selection = featuresForPath('core/proposals/exception-handling/legacy/try_catch.wast');
    expect(selection.kind === 'supported' && selection.features.legacyExceptions).to.equal(true);
  });

  it('marks the proposals not validated yet as unsupported', () => {
    for (const proposal of ['function-references', 'gc', 'memory64', 'custom-page-sizes', 'wide-arithmetic']) {
      expect(featuresForPath(`core/proposals/${proposal}/x.wast`), proposal).to.deep.equal({ kind: 'unsupported', reason: 'feature not supported yet' });
    }
  });

  it('marks the 3.0 suite as unsupported', () => {
    expect(featuresForPath('core-3.0/struct.wast').kind).to.equal('unsupported');
  });

  it('runs component-model scripts with multi-memory, exceptions and every component feature', () => {
    const selection = featuresForPath('component-model/values/strings.wast');
    expect(selection.kind).to.equal('supported');
    if (selection.kind !== 'supported') return;
    expect(selection.features).to.include({ simd: true, multiMemory: true, exceptions: true, componentModelAsync: true, componentModelMap: true });
  });
});
