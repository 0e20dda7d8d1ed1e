import { expect } from 'chai';
import { Trap } from '@tswasm/runtime';
import { storeI32Pair } from '../../src/component/store-i32-pair.js';

describe('storeI32Pair', () => {
  it('stores both words little-endian at the pointer', () => {
    const buffer = new ArrayBuffer(16);
    storeI32Pair(buffer, 8, 1, 0xffffffff);
    expect([...new Uint32Array(buffer)]).to.deep.equal([0, 0, 1, 0xffffffff]);
  });

  it('traps for an unaligned pointer and for one whose pair ends past the memory', () => {
    const buffer = new ArrayBuffer(16);
    expect(() => storeI32Pair(buffer, 2, 0, 0)).to.throw(Trap).with.property('code', 'UnalignedPointer');
    expect(() => storeI32Pair(buffer, 12, 0, 0)).to.throw(Trap).with.property('code', 'MemoryOutOfBounds');
    expect(() => storeI32Pair(buffer, -4, 0, 0)).to.throw(Trap).with.property('code', 'MemoryOutOfBounds');
  });
});
