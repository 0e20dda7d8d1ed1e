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

describe('canonical trampoline options', () => {
  it('need no memory for flat signatures, even with names that look like generated locals', () => {
    const t = new Types();
    const e = t.def({ kind: 'enum', names: ['dv', 'u8', 'buf'] });
    const bare = opts({ memory: false, realloc: false });
    expect(generateLiftedExport(t.list, t.func([t.prim('u32'), e], e), bare).source).to.not.include('memory');
    expect(generateLoweredImport(t.list, t.func([e], t.prim('f64')), bare).source).to.not.include('memory');
  });

  it('reject async functions, whose ABI is not generated yet', () => {
    const t = new Types();
    expect(() => generateLiftedExport(t.list, { kind: 'func', async: true, params: [], result: null }, opts())).to.throw(TypeError, 'async');
    expect(() => generateLoweredImport(t.list, { kind: 'func', async: true, params: [], result: null }, opts())).to.throw(TypeError, 'async');
  });

  it('reject a signature that needs memory or realloc when the options lack it', () => {
    const t = new Types();
    const s = t.prim('string');
    expect(() => generateLiftedExport(t.list, t.func([], s), opts({ memory: false }))).to.throw(TypeError, 'lack `memory`');
    expect(() => generateLiftedExport(t.list, t.func([s], null), opts({ realloc: false }))).to.throw(TypeError, 'lack `realloc`');
    // Lifting a string needs no realloc.
    expect(() => generateLiftedExport(t.list, t.func([], s), opts({ realloc: false }))).to.not.throw();
  });
});
