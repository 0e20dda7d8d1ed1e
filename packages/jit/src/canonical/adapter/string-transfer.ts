// Strings across a component boundary: copied, or transcoded between utf8, utf16 and
// latin1+utf16, following CanonicalABI.md `store_string_into_range` and its helpers
// (`store_string_copy`, `store_string_to_utf8`, `store_utf8_to_utf16`,
// `store_string_to_latin1_or_utf16`, `store_probably_utf16_to_latin1_or_utf16`) for the sizes
// and order of realloc calls: first the optimistic size, then the worst case when the text does
// not fit, then a shrink to the final size. The checks and their order are wasmtime's: the
// source's alignment and bounds first, then the destination size limit, then realloc, then the
// destination's alignment and bounds, and the source text is validated while it is converted.
//
// This is where the component's `Transcoder` initializers are implemented: each (direction,
// source encoding, destination encoding) becomes one prelude function of the adapter, reading
// one memory and writing the other directly, with no JS string in between when the encodings
// match. Transcoding through a JS string (which is utf16) uses the engine's TextDecoder and
// TextEncoder for the bulk of the work.

import { assertNever } from '@tswasm/environ';
import type { StringEncoding } from '../abi-options.js';
import type { JsEmitter } from '../js-emitter.js';
import { ADAPTER_TRAPS, trapCall } from './adapter-env.js';
import { readPointerPair, reallocCall, writePointerPair } from './list-transfer.js';
import type { Side, TransferCodegen, TransferDestination, TransferSource } from './transfer-codegen.js';

/** CanonicalABI.md `MAX_STRING_BYTE_LENGTH`. */
const MAX_STRING_BYTE_LENGTH = 0x7fffffff;

/** The bit of a latin1+utf16 length that says the text is utf16. */
const UTF16_TAG = 0x80000000;

const SOOB = trapCall(ADAPTER_TRAPS.stringOutOfBounds);
const UNALIGNED = trapCall(ADAPTER_TRAPS.unaligned);

// The source text as the spec distinguishes it: a latin1+utf16 string is latin1 or utf16 at run time.
type SimpleEncoding = 'utf8' | 'utf16' | 'latin1';

function codecHelpers(emit: JsEmitter): void {
  emit.helper('adapterCodecs', () => `const utf8Decoder = new TextDecoder('utf-8', { fatal: true });
const utf16Decoder = new TextDecoder('utf-16le', { fatal: true });
const utf8Encoder = new TextEncoder();
let strLen = 0;`);
}

function decodeUtf8Helper(emit: JsEmitter): string {
  codecHelpers(emit);
  // Short ASCII text is built directly: TextDecoder's fixed cost dominates below ~32 bytes.
  return emit.helper('decodeUtf8', () => `function decodeUtf8(u8, ptr, n) {
  if (n <= 32) {
    let s = '';
    let i = ptr;
    const end = ptr + n;
    for (; i < end; i++) {
      const c = u8[i];
      if (c > 0x7f) break;
      s += String.fromCharCode(c);
    }
    if (i === end) return s;
  }
  try {
    return utf8Decoder.decode(u8.subarray(ptr, ptr + n));
  } catch (error) {
    return ${trapCall(ADAPTER_TRAPS.invalidUtf8)};
  }
}`);
}

function decodeUtf16Helper(emit: JsEmitter): string {
  codecHelpers(emit);
  return emit.helper('decodeUtf16', () => `function decodeUtf16(u8, ptr, units) {
  try {
    return utf16Decoder.decode(u8.subarray(ptr, ptr + 2 * units));
  } catch (error) {
    return ${trapCall(ADAPTER_TRAPS.invalidUtf16)};
  }
}`);
}

function decodeLatin1Helper(emit: JsEmitter): string {
  return emit.helper('decodeLatin1', () => `function decodeLatin1(u8, ptr, n) {
  let s = '';
  for (let i = 0; i < n; i += 8192) s += String.fromCharCode.apply(null, u8.subarray(ptr + i, ptr + Math.min(n, i + 8192)));
  return s;
}`);
}

// Validation without decoding, for copies between equal encodings (wasmtime's copy
// transcoders validate too): RFC 3629 well-formedness, no overlongs, surrogates or > U+10FFFF.
function validateUtf8Helper(emit: JsEmitter): string {
  const bad = trapCall(ADAPTER_TRAPS.invalidUtf8);
  return emit.helper('validateUtf8', () => `function validateUtf8(u8, i, end) {
  while (i < end) {
    const c = u8[i];
    if (c < 0x80) {
      i++;
    } else if (c >= 0xc2 && c <= 0xdf) {
      if (i + 1 >= end || (u8[i + 1] & 0xc0) !== 0x80) ${bad};
      i += 2;
    } else if (c >= 0xe0 && c <= 0xef) {
      const c1 = u8[i + 1];
      if (i + 2 >= end || (c1 & 0xc0) !== 0x80 || (c === 0xe0 && c1 < 0xa0) || (c === 0xed && c1 > 0x9f) || (u8[i + 2] & 0xc0) !== 0x80) ${bad};
      i += 3;
    } else if (c >= 0xf0 && c <= 0xf4) {
      const c1 = u8[i + 1];
      if (i + 3 >= end || (c1 & 0xc0) !== 0x80 || (c === 0xf0 && c1 < 0x90) || (c === 0xf4 && c1 > 0x8f) || (u8[i + 2] & 0xc0) !== 0x80 || (u8[i + 3] & 0xc0) !== 0x80) ${bad};
      i += 4;
    } else {
      ${bad};
    }
  }
}`);
}

// Validates utf16 (surrogates paired) and says whether every code unit fits latin1.
function checkUtf16Helper(emit: JsEmitter): string {
  const bad = trapCall(ADAPTER_TRAPS.invalidUtf16);
  return emit.helper('checkUtf16', () => `function checkUtf16(dv, ptr, units) {
  let latin1 = true;
  for (let i = 0; i < units; i++) {
    const c = dv.getUint16(ptr + 2 * i, true);
    if (c > 0xff) {
      latin1 = false;
      if (c >= 0xd800 && c < 0xe000) {
        if (c >= 0xdc00 || i + 1 >= units) ${bad};
        const c2 = dv.getUint16(ptr + 2 * i + 2, true);
        if (c2 < 0xdc00 || c2 >= 0xe000) ${bad};
        i++;
      }
    }
  }
  return latin1;
}`);
}

interface Names {
  readonly s: { dv: string; u8: string; buf: string };
  readonly d: { dv: string; u8: string; buf: string };
  readonly realloc: (old: string, oldSize: string, align: number, size: string) => string;
}

// `p = realloc(...)` and the checks of its result: alignment (when > 1), then bounds.
function alloc(n: Names, target: string, old: string, oldSize: string, align: number, size: string): string[] {
  const lines = [`${target} = ${n.realloc(old, oldSize, align, size)};`];
  if (align > 1) lines.push(`if ((${target} & ${align - 1}) !== 0) ${UNALIGNED};`);
  lines.push(`if (${target} + ${size} > ${n.d.buf}.byteLength) ${SOOB};`);
  return lines;
}

function decodeExpr(emit: JsEmitter, n: Names, from: SimpleEncoding): string {
  switch (from) {
    case 'utf8':
      return `${decodeUtf8Helper(emit)}(${n.s.u8}, ptr, n)`;
    case 'utf16':
      return `${decodeUtf16Helper(emit)}(${n.s.u8}, ptr, n)`;
    case 'latin1':
      return `${decodeLatin1Helper(emit)}(${n.s.u8}, ptr, n)`;
    default:
      return assertNever(from);
  }
}

// The body converting `n` code units at `ptr` (checked) from `from` to `to`; it returns the
// destination pointer and leaves the (tagged) length in `strLen`.
function convert(emit: JsEmitter, n: Names, from: SimpleEncoding, to: StringEncoding, probablyUtf16: boolean): string[] {
  const srcBytes = from === 'utf16' ? '2 * n' : 'n';
  const tooBig = (bytes: string): string => `if (${bytes} > ${MAX_STRING_BYTE_LENGTH}) ${SOOB};`;
  const copy = (unitSize: number, align: number, validate: string | null): string[] => [
    tooBig(unitSize === 2 ? '2 * n' : 'n'),
    'let p = 0;',
    ...alloc(n, 'p', '0', '0', align, unitSize === 2 ? '2 * n' : 'n'),
    ...(validate === null ? [] : [validate]),
    `${n.d.u8}.set(${n.s.u8}.subarray(ptr, ptr + ${unitSize === 2 ? '2 * n' : 'n'}), p);`,
    'strLen = n;',
    'return p;',
  ];
  switch (to) {
    case 'utf8':
      if (from === 'utf8') return copy(1, 1, `${validateUtf8Helper(emit)}(${n.s.u8}, ptr, ptr + n);`);
      // store_string_to_utf8: one byte per code unit while the text is ASCII, then the worst case.
      return [
        tooBig(srcBytes),
        'let p = 0;',
        ...alloc(n, 'p', '0', '0', 1, 'n'),
        `const s = ${decodeExpr(emit, n, from)};`,
        'let i = 0;',
        'for (; i < n; i++) {',
        '  const c = s.charCodeAt(i);',
        '  if (c > 0x7f) break;',
        `  ${n.d.u8}[p + i] = c;`,
        '}',
        'if (i === n) {',
        '  strLen = n;',
        '  return p;',
        '}',
        `const worst = ${from === 'utf16' ? 3 : 2} * n;`,
        tooBig('worst'),
        ...alloc(n, 'p', 'p', 'n', 1, 'worst'),
        `const w = i + utf8Encoder.encodeInto(i === 0 ? s : s.slice(i), ${n.d.u8}.subarray(p + i, p + worst)).written;`,
        'if (w < worst) {',
        ...alloc(n, 'p', 'p', 'worst', 1, 'w').map((l) => `  ${l}`),
        '}',
        'strLen = w;',
        'return p;',
      ];
    case 'utf16':
      if (from === 'utf16') return copy(2, 2, `${checkUtf16Helper(emit)}(${n.s.dv}, ptr, n);`);
      if (from === 'latin1') {
        return [
          tooBig('2 * n'),
          'let p = 0;',
          ...alloc(n, 'p', '0', '0', 2, '2 * n'),
          `for (let i = 0; i < n; i++) ${n.d.dv}.setUint16(p + 2 * i, ${n.s.u8}[ptr + i], true);`,
          'strLen = n;',
          'return p;',
        ];
      }
      // store_utf8_to_utf16: the worst case (one unit per byte) first, then shrink.
      return [
        'const worst = 2 * n;',
        tooBig('worst'),
        'let p = 0;',
        ...alloc(n, 'p', '0', '0', 2, 'worst'),
        `const s = ${decodeExpr(emit, n, from)};`,
        'const m = s.length;',
        `for (let i = 0; i < m; i++) ${n.d.dv}.setUint16(p + 2 * i, s.charCodeAt(i), true);`,
        'if (2 * m < worst) {',
        ...alloc(n, 'p', 'p', 'worst', 2, '2 * m').map((l) => `  ${l}`),
        '}',
        'strLen = m;',
        'return p;',
      ];
    case 'latin1+utf16':
      if (from === 'latin1') return copy(1, 2, null);
      if (from === 'utf16' && probablyUtf16) {
        // store_probably_utf16_to_latin1_or_utf16: utf16 at full size, compressed to latin1 when it fits.
        return [
          tooBig('2 * n'),
          'let p = 0;',
          ...alloc(n, 'p', '0', '0', 2, '2 * n'),
          `if (!${checkUtf16Helper(emit)}(${n.s.dv}, ptr, n)) {`,
          `  ${n.d.u8}.set(${n.s.u8}.subarray(ptr, ptr + 2 * n), p);`,
          `  strLen = n + ${UTF16_TAG};`,
          '  return p;',
          '}',
          `for (let i = 0; i < n; i++) ${n.d.u8}[p + i] = ${n.s.u8}[ptr + 2 * i];`,
          ...alloc(n, 'p', 'p', '2 * n', 2, 'n'),
          'strLen = n;',
          'return p;',
        ];
      }
      // store_string_to_latin1_or_utf16: latin1 at one byte per source code unit; at the first
      // code point beyond latin1, the worst case as utf16, widening what was written.
      return [
        tooBig(srcBytes),
        'let p = 0;',
        ...alloc(n, 'p', '0', '0', 2, 'n'),
        `const s = ${decodeExpr(emit, n, from)};`,
        'const m = s.length;',
        'let i = 0;',
        'for (; i < m; i++) {',
        '  const c = s.charCodeAt(i);',
        '  if (c > 0xff) break;',
        `  ${n.d.u8}[p + i] = c;`,
        '}',
        'if (i === m) {',
        '  if (m < n) {',
        ...alloc(n, 'p', 'p', 'n', 2, 'm').map((l) => `    ${l}`),
        '  }',
        '  strLen = m;',
        '  return p;',
        '}',
        'const worst = 2 * n;',
        tooBig('worst'),
        ...alloc(n, 'p', 'p', 'n', 2, 'worst'),
        `for (let j = i - 1; j >= 0; j--) ${n.d.dv}.setUint16(p + 2 * j, ${n.d.u8}[p + j], true);`,
        `for (let j = i; j < m; j++) ${n.d.dv}.setUint16(p + 2 * j, s.charCodeAt(j), true);`,
        'if (2 * m < worst) {',
        ...alloc(n, 'p', 'p', 'worst', 2, '2 * m').map((l) => `  ${l}`),
        '}',
        `strLen = m + ${UTF16_TAG};`,
        'return p;',
      ];
    default:
      return assertNever(to);
  }
}

function indent(lines: readonly string[], by: string): string {
  return lines.map((l) => `${by}${l}`).join('\n');
}

// The prelude function moving one string from `srcSide` in `from` to the other side in `to`.
function stringHelper(g: TransferCodegen, srcSide: Side, dstSide: Side, from: StringEncoding, to: StringEncoding): string {
  const emit = g.emit;
  codecHelpers(emit);
  const names: Names = {
    s: g.views(srcSide),
    d: g.views(dstSide),
    realloc: (old, oldSize, align, size) => reallocCall(dstSide, old, oldSize, align, size),
  };
  const name = `string_${srcSide}_${from.replace('+', '_')}_${to.replace('+', '_')}`;
  return emit.helper(name, () => {
    // CanonicalABI.md load_string_from_range: alignment, then bounds of the source.
    const head = ['ptr >>>= 0;', 'let n = len >>> 0;'];
    let body: string[];
    switch (from) {
      case 'utf8':
        head.push(`if (ptr + n > ${names.s.buf}.byteLength) ${SOOB};`);
        body = convert(emit, names, 'utf8', to, false);
        break;
      case 'utf16':
        head.push(`if ((ptr & 1) !== 0) ${UNALIGNED};`, `if (ptr + 2 * n > ${names.s.buf}.byteLength) ${SOOB};`);
        body = convert(emit, names, 'utf16', to, false);
        break;
      case 'latin1+utf16': {
        head.push(`if ((ptr & 1) !== 0) ${UNALIGNED};`);
        const utf16 = convert(emit, names, 'utf16', to, true);
        const latin1 = convert(emit, names, 'latin1', to, false);
        body = [
          `if (n >= ${UTF16_TAG}) {`,
          `  n -= ${UTF16_TAG};`,
          `  if (ptr + 2 * n > ${names.s.buf}.byteLength) ${SOOB};`,
          ...utf16.map((l) => `  ${l}`),
          '}',
          `if (ptr + n > ${names.s.buf}.byteLength) ${SOOB};`,
          ...latin1,
        ];
        break;
      }
      default:
        return assertNever(from);
    }
    return `function ${name}(ptr, len) {\n${indent(head, '  ')}\n${indent(body, '  ')}\n}`;
  });
}

/** Moves a string from `src` (in the source side's encoding) to `dst` (in the destination's). */
export function transferString(g: TransferCodegen, src: TransferSource, dst: TransferDestination): void {
  const from = g.options[g.srcSide].stringEncoding;
  const to = g.options[g.dstSide].stringEncoding;
  const helper = stringHelper(g, g.srcSide, g.dstSide, from, to);
  const [ptr, len] = readPointerPair(g, src);
  const out = g.emit.bind(`${helper}(${ptr}, ${len})`, 'sp');
  // `strLen` is overwritten by the next string, so it is read into a local at once.
  const outLen = g.emit.tmp('sl');
  g.emit.line(`const ${outLen} = strLen;`);
  writePointerPair(g, dst, out, outLen);
}
