import { expect } from 'chai';

import { suitePath } from '../../src/runner/suite-path.js';

describe('suitePath', () => {
  it('takes the part after the conformance folder', () => {
    expect(suitePath('/any/place/conformance/core/proposals/gc/ref.wast')).to.equal('core/proposals/gc/ref.wast');
  });

  it('takes the part after test-suite/wast for our own scripts', () => {
    expect(suitePath('/repo/test-suite/wast/core/runner-modules.wast')).to.equal('core/runner-modules.wast');
  });

  it('prefers the conformance folder over a wast folder above it', () => {
    expect(suitePath('/x/test-suite/wast/conformance/core/a.wast')).to.equal('core/a.wast');
  });
});
