import { expect } from 'chai';
import { detectHostFeatures, detectHostSupport } from '../../src/index.js';

// Each probe must be a well-formed module, so that "false" means "the host lacks the
// proposal" and never "the probe is broken": the engine's compile error for a missing
// proposal names the proposal's instruction or section, not the module's framing.
describe('detectHostSupport', () => {
  it('finds SIMD, threads and tail calls, which every supported Node has', () => {
    const support = detectHostSupport();
    expect(support.simd).to.equal(true);
    expect(support.threads).to.equal(true);
    expect(support.tailCall).to.equal(true);
  });

  it('agrees with the engine version on Wasm 3.0 features', () => {
    const major = Number(process.versions.node.split('.')[0]);
    const support = detectHostSupport();
    // Node 24 and newer (V8 13+) ship Wasm 3.0; Node 20 (V8 11.3) does not.
    const expected = major >= 24;
    expect(support.gc, 'gc').to.equal(expected);
    expect(support.memory64, 'memory64').to.equal(expected);
    expect(support.exceptions, 'exnref').to.equal(expected);
    expect(support.extendedConst, 'extended-const').to.equal(expected);
    expect(support.multiMemory, 'multi-memory').to.equal(expected);
    expect(support.relaxedSimd, 'relaxed-simd').to.equal(expected);
    expect(support.functionReferences, 'function-references').to.equal(expected);
  });
});

describe('detectHostFeatures', () => {
  it('turns off what the host lacks even when environ supports it', () => {
    const features = detectHostFeatures({
      simd: true, relaxedSimd: false, threads: true, tailCall: false, extendedConst: true,
      multiMemory: false, exceptions: false, legacyExceptions: true, functionReferences: true,
      gc: true, memory64: true,
    });
    expect(features.tailCall).to.equal(false);
    expect(features.relaxedSimd).to.equal(false);
    expect(features.legacyExceptions).to.equal(true);
    expect(features.extendedConst).to.equal(true);
  });

  it('keeps features environ cannot validate yet off even when the host has them', () => {
    const features = detectHostFeatures({
      simd: true, relaxedSimd: true, threads: true, tailCall: true, extendedConst: true,
      multiMemory: true, exceptions: true, legacyExceptions: true, functionReferences: true,
      gc: true, memory64: true,
    });
    expect(features.gc).to.equal(false);
    expect(features.memory64).to.equal(false);
  });
});
