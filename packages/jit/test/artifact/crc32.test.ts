import zlib from 'node:zlib';
import { expect } from 'chai';
import { crc32, crc32Portable } from '../../src/index.js';

/** The textbook bytewise CRC-32, as the reference. */
function reference(bytes: Uint8Array): number {
  let crc = 0xffffffff;
  for (const byte of bytes) {
    crc ^= byte;
    for (let k = 0; k < 8; k++) crc = crc & 1 ? 0xedb88320 ^ (crc >>> 1) : crc >>> 1;
  }
  return (crc ^ 0xffffffff) >>> 0;
}

describe('crc32', () => {
  it('gives the check value of "123456789" and 0 for no bytes', () => {
    expect(crc32(new TextEncoder().encode('123456789'))).to.equal(0xcbf43926);
    expect(crc32(new Uint8Array(0))).to.equal(0);
  });

  it('agrees with the bytewise reference at every alignment and length', () => {
    const data = new Uint8Array(64).map((_, i) => (i * 151 + 7) & 0xff);
    for (let start = 0; start < 9; start++) {
      for (let end = start; end <= data.length; end++) {
        expect(crc32(data, start, end), `${start}..${end}`).to.equal(reference(data.subarray(start, end)));
        expect(crc32(data.subarray(start, end)), `view ${start}..${end}`).to.equal(reference(data.subarray(start, end)));
      }
    }
  });

  it('agrees with zlib on 10 MB (its speed is measured by the deserialize benchmark, not here)', () => {
    const data = new Uint8Array(10 * 1024 * 1024).map((_, i) => Math.imul(i, 2654435761) >>> 24);
    expect(crc32(data)).to.equal(zlib.crc32(data));
    expect(crc32Portable(data)).to.equal(zlib.crc32(data));
  });

  it('gives the same checksum of a large range inside a view on either path', () => {
    const data = new Uint8Array(100_003).map((_, i) => (i * 37 + 11) & 0xff);
    const view = data.subarray(3);
    expect(crc32(view, 17, 90_001)).to.equal(crc32Portable(view, 17, 90_001));
    expect(crc32(view, 17, 90_001)).to.equal(reference(view.subarray(17, 90_001)));
  });
});
