import { expect } from 'chai';
import type { ComponentValType } from '@tswasm/environ';
import { generateLiftedExport, generateLoweredImport } from '../../src/canonical/func-trampolines.js';
import { TrampolineTooLargeError } from '../../src/canonical/js-emitter.js';
import { opts, Types } from './canonical-fixtures.js';

describe('canonical trampoline generation limits', () => {
  it('stops with TrampolineTooLargeError on a type whose unfolding is exponential', () => {
    const t = new Types();
    // Each level doubles the tree: 2^40 leaves, but only 40 interned types.
    let type: ComponentValType = t.prim('string');
    for (let i = 0; i < 40; i++) type = t.record({ a: type, b: type });
    const start = Date.now();
    expect(() => generateLiftedExport(t.list, t.func([type], null), opts())).to.throw(TrampolineTooLargeError);
    expect(() => generateLoweredImport(t.list, t.func([], type), opts())).to.throw(TrampolineTooLargeError);
    expect(Date.now() - start).to.be.lessThan(10_000);
  });
});
