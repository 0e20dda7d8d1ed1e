// Integer literals of the text format (spec section 6.3.1): decimal or `0x` hexadecimal, with an
// optional sign and `_` digit separators.

const DECIMAL = /^[0-9](?:_?[0-9])*$/;
const HEX = /^[0-9a-fA-F](?:_?[0-9a-fA-F])*$/;

/**
 * Reads an integer literal of the text format (`42`, `-0x7fff_ffff`, `+1`) as an N-bit two's
 * complement pattern (unsigned BigInt). Both the unsigned range and the signed range are
 * accepted, as for `iN.const`; null if malformed or out of range.
 */
export function parseIntLiteral(text: string, bits: number): bigint | null {
  const negative = text.startsWith('-');
  const body = negative || text.startsWith('+') ? text.slice(1) : text;
  let magnitude: bigint;
  if (body.startsWith('0x')) {
    if (!HEX.test(body.slice(2))) return null;
    magnitude = BigInt(`0x${body.slice(2).replaceAll('_', '')}`);
  } else {
    if (!DECIMAL.test(body)) return null;
    magnitude = BigInt(body.replaceAll('_', ''));
  }
  const width = BigInt(bits);
  if (negative) {
    if (magnitude > 1n << (width - 1n)) return null;
    return BigInt.asUintN(bits, -magnitude);
  }
  if (magnitude >= 1n << width) return null;
  return magnitude;
}
