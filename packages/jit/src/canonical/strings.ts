// Strings, CanonicalABI.md "String" loading and storing in the three encodings: utf8,
// utf16 and latin1+utf16 (whose length carries `UTF16_TAG` when the text is utf16). Lifting
// checks bounds (and alignment 2 for the utf16 forms) and traps on invalid code units; lowering
// converts the host value with `ToString` and replaces lone surrogates (JS-Reference.md), then
// allocates through `realloc`. The work happens in prelude helpers shared by every string of
// the trampoline, so a record of ten strings is not ten copies of the encoder.

import { assertNever } from '@tswasm/environ';
import { TRAP_MESSAGES } from './abi-options.js';
import type { StringEncoding } from './abi-options.js';
import type { JsEmitter } from './js-emitter.js';
import { jsString } from './js-emitter.js';
import { allocHelper, checkRangeHelper, loweredOutHelper } from './memory-access.js';

/** The bit of a latin1+utf16 string length that says the text is utf16. */
export const UTF16_TAG = 0x80000000;

const OOB = jsString(TRAP_MESSAGES.stringOutOfBounds);
const UNALIGNED = jsString(TRAP_MESSAGES.stringUnaligned);

function utf8Helpers(emit: JsEmitter, which: 'lift' | 'lower'): string {
  emit.helper('utf8Codec', () => `const utf8Decoder = new TextDecoder('utf-8', { fatal: true });
const utf8Encoder = new TextEncoder();
function decodeUtf8(ptr, len) {
  try {
    return utf8Decoder.decode(new Uint8Array(buf, ptr, len));
  } catch (error) {
    return trap(null, ${jsString(TRAP_MESSAGES.utf8)});
  }
}`);
  if (which === 'lift') {
    const check = checkRangeHelper(emit);
    // Short ASCII strings are built directly, eight bytes per String.fromCharCode: TextDecoder's
    // fixed cost (about 140 ns on Node 20) dominates below ~32 bytes.
    return emit.helper('liftUtf8', () => `function liftUtf8(ptr, len) {
  ptr >>>= 0;
  len >>>= 0;
  ${check}(ptr, 1, len, ${OOB}, ${UNALIGNED});
  if (len > 32) return decodeUtf8(ptr, len);
  const end = ptr + len;
  let s = '';
  let i = ptr;
  for (; i + 8 <= end; i += 8) {
    const c0 = u8[i], c1 = u8[i + 1], c2 = u8[i + 2], c3 = u8[i + 3], c4 = u8[i + 4], c5 = u8[i + 5], c6 = u8[i + 6], c7 = u8[i + 7];
    if ((c0 | c1 | c2 | c3 | c4 | c5 | c6 | c7) > 0x7f) return decodeUtf8(ptr, len);
    s += String.fromCharCode(c0, c1, c2, c3, c4, c5, c6, c7);
  }
  for (; i < end; i++) {
    const c = u8[i];
    if (c > 0x7f) return decodeUtf8(ptr, len);
    s += String.fromCharCode(c);
  }
  return s;
}`);
  }
  const alloc = allocHelper(emit);
  loweredOutHelper(emit);
  // CanonicalABI.md store_string_to_utf8: allocate one byte per code unit, and only when a
  // non-ASCII unit appears grow to the worst case (3 bytes per unit), then shrink to fit.
  return emit.helper('lowerUtf8', () => `function lowerUtf8(v) {
  const s = typeof v === 'string' ? v : \`\${v}\`;
  const n = s.length;
  let ptr = ${alloc}(0, 0, 1, n);
  let read = 0, written = 0;
  if (n <= 64) {
    for (; read < n; read++) {
      const c = s.charCodeAt(read);
      if (c > 0x7f) break;
      u8[ptr + read] = c;
    }
    written = read;
  } else {
    const r = utf8Encoder.encodeInto(s, u8.subarray(ptr, ptr + n));
    read = r.read;
    written = r.written;
  }
  if (read === n) {
    loweredPtr = ptr;
    loweredLen = written;
    return;
  }
  const cap = 3 * n;
  ptr = ${alloc}(ptr, n, 1, cap);
  const r = utf8Encoder.encodeInto(s.slice(read), u8.subarray(ptr + written, ptr + cap));
  const len = written + r.written;
  if (len < cap) ptr = ${alloc}(ptr, cap, 1, len);
  loweredPtr = ptr;
  loweredLen = len;
}`);
}

function utf16Decode(emit: JsEmitter): string {
  return emit.helper('decodeUtf16', () => `const utf16Decoder = new TextDecoder('utf-16le', { fatal: true });
function decodeUtf16(ptr, bytes) {
  try {
    return utf16Decoder.decode(new Uint8Array(buf, ptr, bytes));
  } catch (error) {
    return trap(null, ${jsString(TRAP_MESSAGES.utf16)});
  }
}`);
}

function writeUtf16(emit: JsEmitter): string {
  return emit.helper('writeUtf16', () => `function writeUtf16(s, ptr) {
  for (let i = 0, n = s.length; i < n; i++) dv.setUint16(ptr + 2 * i, s.charCodeAt(i), true);
}`);
}

function utf16Helpers(emit: JsEmitter, which: 'lift' | 'lower'): string {
  if (which === 'lift') {
    const check = checkRangeHelper(emit);
    const decode = utf16Decode(emit);
    return emit.helper('liftUtf16', () => `function liftUtf16(ptr, units) {
  ptr >>>= 0;
  units >>>= 0;
  ${check}(ptr, 2, 2 * units, ${OOB}, ${UNALIGNED});
  return ${decode}(ptr, 2 * units);
}`);
  }
  const alloc = allocHelper(emit);
  loweredOutHelper(emit);
  const write = writeUtf16(emit);
  return emit.helper('lowerUtf16', () => `function lowerUtf16(v) {
  const s = (typeof v === 'string' ? v : \`\${v}\`).toWellFormed();
  const ptr = ${alloc}(0, 0, 2, 2 * s.length);
  ${write}(s, ptr);
  loweredPtr = ptr;
  loweredLen = s.length;
}`);
}

function latin1Utf16Helpers(emit: JsEmitter, which: 'lift' | 'lower'): string {
  if (which === 'lift') {
    const check = checkRangeHelper(emit);
    const decode = utf16Decode(emit);
    return emit.helper('liftLatin1Utf16', () => `function liftLatin1Utf16(ptr, tagged) {
  ptr >>>= 0;
  tagged >>>= 0;
  if (tagged >= ${UTF16_TAG}) {
    const units = tagged - ${UTF16_TAG};
    ${check}(ptr, 2, 2 * units, ${OOB}, ${UNALIGNED});
    return ${decode}(ptr, 2 * units);
  }
  ${check}(ptr, 2, tagged, ${OOB}, ${UNALIGNED});
  let s = '';
  for (let i = 0; i < tagged; i += 8192) {
    s += String.fromCharCode.apply(null, u8.subarray(ptr + i, ptr + Math.min(tagged, i + 8192)));
  }
  return s;
}`);
  }
  const alloc = allocHelper(emit);
  loweredOutHelper(emit);
  const write = writeUtf16(emit);
  // Latin-1 when every code unit fits in a byte, else utf16 with the tag: the same bytes
  // CanonicalABI.md store_string_to_latin1_or_utf16 produces, decided up front.
  return emit.helper('lowerLatin1Utf16', () => `function lowerLatin1Utf16(v) {
  const s = (typeof v === 'string' ? v : \`\${v}\`).toWellFormed();
  const n = s.length;
  let latin1 = true;
  for (let i = 0; i < n; i++) {
    if (s.charCodeAt(i) > 0xff) {
      latin1 = false;
      break;
    }
  }
  if (latin1) {
    const ptr = ${alloc}(0, 0, 2, n);
    for (let i = 0; i < n; i++) u8[ptr + i] = s.charCodeAt(i);
    loweredPtr = ptr;
    loweredLen = n;
    return;
  }
  const ptr = ${alloc}(0, 0, 2, 2 * n);
  ${write}(s, ptr);
  loweredPtr = ptr;
  loweredLen = (n + ${UTF16_TAG}) | 0;
}`);
}

// The helper that lifts or lowers strings in `encoding`, defined with what it uses.
function helper(emit: JsEmitter, encoding: StringEncoding, which: 'lift' | 'lower'): string {
  switch (encoding) {
    case 'utf8':
      return utf8Helpers(emit, which);
    case 'utf16':
      return utf16Helpers(emit, which);
    case 'latin1+utf16':
      return latin1Utf16Helpers(emit, which);
    default:
      return assertNever(encoding);
  }
}

/** An expression lifting the string at `ptr` with `len` (code units or tagged length). */
export function liftString(emit: JsEmitter, encoding: StringEncoding, ptr: string, len: string): string {
  return emit.bind(`${helper(emit, encoding, 'lift')}(${ptr}, ${len})`, 's');
}

/** Lowers the host value `value` as a string; returns the locals holding its pointer and length. */
export function lowerString(emit: JsEmitter, encoding: StringEncoding, value: string): [string, string] {
  emit.line(`${helper(emit, encoding, 'lower')}(${value});`);
  const ptr = emit.tmp('sp');
  const len = emit.tmp('sl');
  emit.line(`const ${ptr} = loweredPtr, ${len} = loweredLen;`);
  return [ptr, len];
}
