// Float literals of the text format (spec section 6.3.2) to exact IEEE 754 bit patterns.
//
// Every finite literal, decimal or hexadecimal, is first read as an exact rational number
// `num / den` in BigInts and then rounded once, to nearest with ties to even, into the target
// format. Rounding once is the point: `Math.fround(Number(text))` rounds twice (decimal to f64,
// then f64 to f32) and gets some f32 decimals wrong, e.g. a value just above an f32 tie that the
// first rounding moves onto the tie. Going through the host's float parser is never needed.

/** The shape of an IEEE 754 binary format. */
export interface FloatFormat {
  /** Bits of the stored significand (23 for f32, 52 for f64). */
  readonly mantissaBits: number;
  /** Bits of the exponent field (8 for f32, 11 for f64). */
  readonly exponentBits: number;
}

/** binary32. */
export const F32_FORMAT: FloatFormat = Object.freeze({ mantissaBits: 23, exponentBits: 8 });
/** binary64. */
export const F64_FORMAT: FloatFormat = Object.freeze({ mantissaBits: 52, exponentBits: 11 });

/** Why a literal has no bit pattern: malformed text, or a finite value too large for the format. */
export type FloatLiteralProblem = 'malformed' | 'out of range';

/** The bit pattern of a literal, or why there is none. */
export type FloatLiteralResult = { readonly ok: true; readonly bits: bigint } | { readonly ok: false; readonly problem: FloatLiteralProblem };

const HEX_DIGITS = /^[0-9a-fA-F](?:_?[0-9a-fA-F])*$/;
const DECIMAL_FLOAT = /^([0-9](?:_?[0-9])*)(?:\.((?:[0-9](?:_?[0-9])*)?))?(?:[eE]([+-]?[0-9](?:_?[0-9])*))?$/;
const HEX_FLOAT = /^0x([0-9a-fA-F](?:_?[0-9a-fA-F])*)(?:\.((?:[0-9a-fA-F](?:_?[0-9a-fA-F])*)?))?(?:[pP]([+-]?[0-9](?:_?[0-9])*))?$/;

function malformed(): FloatLiteralResult {
  return { ok: false, problem: 'malformed' };
}

function bitLength(n: bigint): number {
  return n === 0n ? 0 : n.toString(2).length;
}

/**
 * Reads a float literal (`1.5`, `-0x1.8p+3`, `1e10`, `inf`, `-nan`, `nan:0x200000`, with `_`
 * digit separators) as the bits of the given format. `nan` alone is the canonical NaN (only the
 * top significand bit set); `nan:0xN` has payload N, which must be non-zero and fit the
 * significand.
 */
export function parseFloatLiteral(text: string, format: FloatFormat): FloatLiteralResult {
  const { mantissaBits, exponentBits } = format;
  const total = BigInt(mantissaBits + exponentBits + 1);
  const sign = text.startsWith('-') ? 1n : 0n;
  const body = text.startsWith('-') || text.startsWith('+') ? text.slice(1) : text;
  const signBit = sign << (total - 1n);
  const expAllOnes = ((1n << BigInt(exponentBits)) - 1n) << BigInt(mantissaBits);
  if (body === 'inf') return { ok: true, bits: signBit | expAllOnes };
  if (body === 'nan') return { ok: true, bits: signBit | expAllOnes | (1n << BigInt(mantissaBits - 1)) };
  if (body.startsWith('nan:0x')) {
    const digits = body.slice(6);
    if (!HEX_DIGITS.test(digits)) return malformed();
    const payload = BigInt(`0x${digits.replaceAll('_', '')}`);
    if (payload === 0n || payload >= 1n << BigInt(mantissaBits)) return { ok: false, problem: 'out of range' };
    return { ok: true, bits: signBit | expAllOnes | payload };
  }
  const rational = readRational(body);
  if (rational === null) return malformed();
  const magnitude = roundRational(rational.num, rational.den, format);
  if (magnitude === null) return { ok: false, problem: 'out of range' };
  return { ok: true, bits: signBit | magnitude };
}

/** The non-negative value of a finite literal without its sign, exactly; null if malformed. */
function readRational(body: string): { num: bigint; den: bigint } | null {
  const hex = HEX_FLOAT.exec(body);
  if (hex !== null) {
    const whole = (hex[1] ?? '').replaceAll('_', '');
    const frac = (hex[2] ?? '').replaceAll('_', '');
    const exp = hex[3] === undefined ? 0 : Number(hex[3].replaceAll('_', ''));
    const mantissa = BigInt(`0x${whole}${frac}`);
    return scaled(mantissa, 2n, exp - 4 * frac.length, (whole.length + frac.length) * 4);
  }
  const dec = DECIMAL_FLOAT.exec(body);
  if (dec === null || body.startsWith('0x')) return null;
  const whole = (dec[1] ?? '').replaceAll('_', '');
  const frac = (dec[2] ?? '').replaceAll('_', '');
  const exp = dec[3] === undefined ? 0 : Number(dec[3].replaceAll('_', ''));
  return scaled(BigInt(`${whole}${frac}`), 10n, exp - frac.length, (whole.length + frac.length) * Math.log2(10));
}

// Beyond these magnitudes every literal is infinite or rounds to zero in f64, the widest format;
// clamping keeps `1e1000000000` from building a billion-digit BigInt.
const MAX_BINARY_EXPONENT = 1100;
const MIN_BINARY_EXPONENT = -1200;

/**
 * `mantissa * base^exponent` as a fraction. The mantissa has at most `mantissaLog2` bits, so the
 * value's binary magnitude is bounded before the power is computed.
 */
function scaled(mantissa: bigint, base: bigint, exponent: number, mantissaLog2: number): { num: bigint; den: bigint } {
  if (mantissa === 0n) return { num: 0n, den: 1n };
  const log2Base = Math.log2(Number(base));
  // log2 of the value lies in [floor, ceiling]: the mantissa is at least 1.
  const floor = exponent * log2Base;
  const ceiling = mantissaLog2 + floor;
  // Infinity stays infinite (num huge), zero stays a tiny positive value that rounds to zero.
  if (floor > MAX_BINARY_EXPONENT) return { num: 1n << BigInt(MAX_BINARY_EXPONENT + 100), den: 1n };
  if (ceiling < MIN_BINARY_EXPONENT) return { num: 1n, den: 1n << BigInt(-MIN_BINARY_EXPONENT + 100) };
  if (exponent >= 0) return { num: mantissa * base ** BigInt(exponent), den: 1n };
  return { num: mantissa, den: base ** BigInt(-exponent) };
}

/**
 * Rounds `num / den` (non-negative) to nearest, ties to even, as the bits of a non-negative
 * number of `format`; null when it rounds to infinity.
 */
export function roundRational(num: bigint, den: bigint, format: FloatFormat): bigint | null {
  const { mantissaBits, exponentBits } = format;
  if (num === 0n) return 0n;
  const precision = mantissaBits + 1;
  const bias = (1 << (exponentBits - 1)) - 1;
  // The exponent of the last significand bit of the smallest normal (and of every subnormal).
  const minExponent = 1 - bias - mantissaBits;
  // Choose e so that num / (den * 2^e) lies in [2^(precision-1), 2^precision).
  let e = bitLength(num) - bitLength(den) - precision;
  const fits = (k: number): boolean => {
    const [n, d] = k >= 0 ? [num, den << BigInt(k)] : [num << BigInt(-k), den];
    return n >= d << BigInt(precision - 1) && n < d << BigInt(precision);
  };
  while (!fits(e)) {
    const [n, d] = e >= 0 ? [num, den << BigInt(e)] : [num << BigInt(-e), den];
    e += n >= d << BigInt(precision) ? 1 : -1;
  }
  if (e < minExponent) e = minExponent;
  const [n, d] = e >= 0 ? [num, den << BigInt(e)] : [num << BigInt(-e), den];
  let q = n / d;
  const twiceRemainder = (n % d) * 2n;
  if (twiceRemainder > d || (twiceRemainder === d && (q & 1n) === 1n)) q++;
  if (q === 1n << BigInt(precision)) {
    q >>= 1n;
    e++;
  }
  const hidden = 1n << BigInt(mantissaBits);
  if (q < hidden) return q; // subnormal (or a subnormal that rounded to zero)
  const biased = e + mantissaBits + bias;
  if (biased >= (1 << exponentBits) - 1) return null;
  return (BigInt(biased) << BigInt(mantissaBits)) | (q - hidden);
}
