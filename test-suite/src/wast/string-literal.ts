// A text-format string is a sequence of bytes, not of characters (spec section 6.3.3): `\hh`
// stands for one raw byte, which need not be valid UTF-8, and every other character stands for
// its UTF-8 encoding. `(module binary "...")` relies on this to spell out arbitrary binaries.

import { WastSyntaxError } from './wast-syntax-error.js';

function hexValue(c: number): number {
  if (c >= 0x30 && c <= 0x39) return c - 0x30;
  if (c >= 0x41 && c <= 0x46) return c - 0x41 + 10;
  if (c >= 0x61 && c <= 0x66) return c - 0x61 + 10;
  return -1;
}

/**
 * Decodes the source text of a string literal, quotes included, to the bytes it denotes.
 *
 * @param place where the literal is in its script, for the error message
 * @throws {WastSyntaxError} if the text is not a well-formed string literal, or a `\u{...}`
 *   escape names a surrogate or a value above 0x10ffff.
 */
export function decodeStringLiteral(text: string, place: { readonly line: number; readonly column: number } = { line: 1, column: 1 }): Uint8Array {
  const fail = (reason: string): never => {
    throw new WastSyntaxError(reason, place.line, place.column);
  };
  if (text.length < 2 || text.charCodeAt(0) !== 0x22 || text.charCodeAt(text.length - 1) !== 0x22) {
    fail('expected a string literal');
  }
  const end = text.length - 1;
  // Each UTF-16 unit yields at most 3 bytes (a surrogate pair yields 4 for 2 units).
  const out = new Uint8Array(end * 3);
  let n = 0;
  const pushCodePoint = (cp: number): void => {
    if (cp < 0x80) {
      out[n++] = cp;
    } else if (cp < 0x800) {
      out[n++] = 0xc0 | (cp >> 6);
      out[n++] = 0x80 | (cp & 0x3f);
    } else if (cp < 0x10000) {
      out[n++] = 0xe0 | (cp >> 12);
      out[n++] = 0x80 | ((cp >> 6) & 0x3f);
      out[n++] = 0x80 | (cp & 0x3f);
    } else {
      out[n++] = 0xf0 | (cp >> 18);
      out[n++] = 0x80 | ((cp >> 12) & 0x3f);
      out[n++] = 0x80 | ((cp >> 6) & 0x3f);
      out[n++] = 0x80 | (cp & 0x3f);
    }
  };
  let pos = 1;
  while (pos < end) {
    const c = text.charCodeAt(pos);
    if (c === 0x22) fail('unescaped quote in string');
    if (c !== 0x5c) {
      const cp = text.codePointAt(pos) ?? c;
      pushCodePoint(cp);
      pos += cp > 0xffff ? 2 : 1;
      continue;
    }
    if (pos + 1 >= end) fail('unterminated escape in string');
    const e = text.charCodeAt(pos + 1);
    switch (e) {
      case 0x74: // t
        out[n++] = 0x09;
        pos += 2;
        continue;
      case 0x6e: // n
        out[n++] = 0x0a;
        pos += 2;
        continue;
      case 0x72: // r
        out[n++] = 0x0d;
        pos += 2;
        continue;
      case 0x22: // "
      case 0x27: // '
      case 0x5c: // \
        out[n++] = e;
        pos += 2;
        continue;
      case 0x75: {
        // \u{hex+}, underscores allowed between digits as in numbers
        if (text.charCodeAt(pos + 2) !== 0x7b) fail('malformed unicode escape');
        let p = pos + 3;
        let cp = 0;
        let digits = 0;
        for (; p < end; p++) {
          const d = text.charCodeAt(p);
          if (d === 0x5f) continue;
          const v = hexValue(d);
          if (v < 0) break;
          cp = cp * 16 + v;
          digits++;
          if (cp > 0x10ffff) fail('unicode escape out of range');
        }
        if (digits === 0 || text.charCodeAt(p) !== 0x7d) fail('malformed unicode escape');
        if (cp >= 0xd800 && cp < 0xe000) fail('unicode escape names a surrogate');
        pushCodePoint(cp);
        pos = p + 1;
        continue;
      }
      default: {
        const hi = hexValue(e);
        const lo = hexValue(text.charCodeAt(pos + 2));
        if (hi < 0 || lo < 0 || pos + 2 >= end) fail('unknown escape in string');
        out[n++] = hi * 16 + lo;
        pos += 3;
      }
    }
  }
  return out.slice(0, n);
}

/**
 * Decodes and concatenates string literals, as `(module binary "..." "...")` and
 * `(module quote ...)` do.
 *
 * @throws {WastSyntaxError} as `decodeStringLiteral`.
 */
export function concatStringLiterals(literals: readonly { readonly text: string; readonly line: number; readonly column: number }[]): Uint8Array {
  const parts = literals.map((literal) => decodeStringLiteral(literal.text, literal));
  let size = 0;
  for (const p of parts) size += p.length;
  const out = new Uint8Array(size);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
