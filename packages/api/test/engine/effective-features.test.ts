import { expect } from 'chai';
import { ALL_SUPPORTED_FEATURES, withFeatures } from '@tswasm/environ';
import { Config, Engine } from '../../src/index.js';
import { effectiveFeatures } from '../../src/engine/effective-features.js';

const HOST_WITHOUT_SIMD = withFeatures(ALL_SUPPORTED_FEATURES, { simd: false });

describe('effectiveFeatures', () => {
  it('returns the host features when nothing is requested', () => {
    expect(effectiveFeatures(HOST_WITHOUT_SIMD, undefined)).to.equal(HOST_WITHOUT_SIMD);
  });

  it('cannot turn on a feature the host lacks', () => {
    expect(effectiveFeatures(HOST_WITHOUT_SIMD, { simd: true }).simd).to.equal(false);
  });

  it('turns host features off', () => {
    expect(effectiveFeatures(ALL_SUPPORTED_FEATURES, { multiMemory: false }).multiMemory).to.equal(false);
  });

  it('turns on map and fixed-length lists, which tswasm implements itself', () => {
    const features = effectiveFeatures(HOST_WITHOUT_SIMD, { componentModelMap: true, componentModelFixedLengthLists: true });
    expect(features.componentModelMap).to.equal(true);
    expect(features.componentModelFixedLengthLists).to.equal(true);
  });

  it('turns on the async ABI, which tswasm implements itself', () => {
    expect(effectiveFeatures(HOST_WITHOUT_SIMD, { componentModelAsync: true }).componentModelAsync).to.equal(true);
  });

  it('keeps host-compiled proposals narrow-only', () => {
    expect(effectiveFeatures(HOST_WITHOUT_SIMD, { simd: true }).simd).to.equal(false);
  });

  it('ignores names that are not features', () => {
    const requested = JSON.parse('{"noSuchFeature": true}') as Record<string, boolean>;
    expect(effectiveFeatures(HOST_WITHOUT_SIMD, requested)).to.not.have.property('noSuchFeature');
  });
});

describe('Engine features', () => {
  it('leave map and fixed-length lists off by default, as wasmtime does', () => {
    const engine = new Engine();
    expect(engine.features.componentModelMap).to.equal(false);
    expect(engine.features.componentModelFixedLengthLists).to.equal(false);
  });

  it('enter the fingerprint, so an engine with map on makes artifacts of its own', () => {
    const off = new Engine();
    const on = new Engine(new Config({ features: { componentModelMap: true } }));
    expect(on.features.componentModelMap).to.equal(true);
    expect(on.fingerprintInput.features.componentModelMap).to.equal(true);
    expect(on.fingerprint).to.not.equal(off.fingerprint);
  });
});
