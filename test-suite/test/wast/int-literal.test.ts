import { expect } from 'chai';

import { parseIntLiteral } from '../../src/wast/int-literal.js';

describe('parseIntLiteral', () => {
  it('reads decimal and hex, signed and unsigned, as two’s complement bits', () => {
    expect(parseIntLiteral('42', 32)).to.equal(42n);
    expect(parseIntLiteral('-1', 32)).to.equal(0xffffffffn);
    expect(parseIntLiteral('0xffff_ffff', 32)).to.equal(0xffffffffn);
    expect(parseIntLiteral('-0x8000_0000', 32)).to.equal(0x80000000n);
    expect(parseIntLiteral('+7', 8)).to.equal(7n);
    expect(parseIntLiteral('-9223372036854775808', 64)).to.equal(1n << 63n);
  });

  it('rejects values outside both ranges', () => {
    expect(parseIntLiteral('4294967296', 32)).to.equal(null);
    expect(parseIntLiteral('-2147483649', 32)).to.equal(null);
    expect(parseIntLiteral('256', 8)).to.equal(null);
  });

  it('rejects malformed text', () => {
    for (const text of ['', '-', '0x', '1_', '_1', '1__2', '1.0', '0xg', 'abc']) expect(parseIntLiteral(text, 32), text).to.equal(null);
  });
});
