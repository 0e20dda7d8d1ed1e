import { expect } from 'chai';
import { WASM2_FEATURES, withFeatures } from '@tswasm/environ';
import { describeEngine, engineFingerprint, type EngineFingerprintInput } from '../../src/index.js';
import { describeEngineDifference } from '../../src/artifact/engine-fingerprint.js';

const ENGINE: EngineFingerprintInput = {
  tswasmVersion: '0.1.0',
  features: WASM2_FEATURES,
  settings: { consumeFuel: false, stackLimit: 1024 },
};

describe('engineFingerprint', () => {
  it('is 16 hex digits and ignores key order', () => {
    const fingerprint = engineFingerprint(ENGINE);
    expect(fingerprint).to.match(/^[0-9a-f]{16}$/);
    const reordered: EngineFingerprintInput = {
      settings: { stackLimit: 1024, consumeFuel: false },
      features: { ...WASM2_FEATURES },
      tswasmVersion: '0.1.0',
    };
    expect(engineFingerprint(reordered)).to.equal(fingerprint);
  });

  it('changes with the version, a feature or a setting', () => {
    const fingerprint = engineFingerprint(ENGINE);
    expect(engineFingerprint({ ...ENGINE, tswasmVersion: '0.2.0' })).to.not.equal(fingerprint);
    expect(engineFingerprint({ ...ENGINE, features: withFeatures(WASM2_FEATURES, { simd: false }) })).to.not.equal(fingerprint);
    expect(engineFingerprint({ ...ENGINE, settings: { consumeFuel: true, stackLimit: 1024 } })).to.not.equal(fingerprint);
  });
});

describe('describeEngineDifference', () => {
  it('names each setting that differs with both values', () => {
    const other = { ...ENGINE, features: withFeatures(WASM2_FEATURES, { simd: false }), settings: { consumeFuel: true } };
    expect(describeEngineDifference(describeEngine(ENGINE), describeEngine(other))).to.equal(
      '`features.simd` is true in the artifact, false in this engine; `settings.consumeFuel` is false in the artifact, true in this engine; ' +
        '`settings.stackLimit` is 1024 in the artifact, unset in this engine',
    );
  });

  it('gives null for equal or unreadable texts', () => {
    expect(describeEngineDifference(describeEngine(ENGINE), describeEngine(ENGINE))).to.equal(null);
    expect(describeEngineDifference('{', describeEngine(ENGINE))).to.equal(null);
  });
});
