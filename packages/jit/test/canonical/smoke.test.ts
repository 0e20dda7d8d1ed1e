import { expect } from 'chai';
import { coreInstance, liftedExport, opts, Types } from './canonical-fixtures.js';
import { generateLiftedExport } from '../../src/canonical/func-trampolines.js';

describe('smoke', () => {
  it('adds', async () => {
    const core = await coreInstance();
    const t = new Types();
    const u32 = t.prim('u32');
    const add = liftedExport(t, t.func([u32, u32], u32), core, core['add'] as Function);
    expect(add(1, 2)).to.equal(3);
    const s = t.prim('string');
    console.log(generateLiftedExport(t.list, t.func([s], s), opts()).source);
    const echo = liftedExport(t, t.func([s], s), core, core['echo'] as Function);
    expect(echo('héllo wörld')).to.equal('héllo wörld');
  });
});
