// The values of a script: the arguments of `invoke` and the results `assert_return` expects
// (the spec interpreter's `const` and `result` forms, with the proposals' reference forms).
// Floats are kept as bit patterns from the text on, so a NaN payload or a -0 arrives exactly.

import type { Token } from './lexer.js';
import type { SExpr, SList } from './sexpr.js';
import { firstToken, headOf, itemsOf } from './sexpr.js';
import { F32_FORMAT, F64_FORMAT, parseFloatLiteral } from './float-literal.js';
import type { FloatFormat } from './float-literal.js';
import { parseIntLiteral } from './int-literal.js';
import { WastSyntaxError } from './wast-syntax-error.js';

/**
 * A concrete value: an argument, or a result an engine returned. Integers are two's complement
 * (`i32` as a signed 32-bit number, `i64` as a signed BigInt); floats are their bit patterns.
 */
export type WastValue =
  | { readonly kind: 'i32'; readonly value: number }
  | { readonly kind: 'i64'; readonly value: bigint }
  /** The unsigned 32-bit pattern. */
  | { readonly kind: 'f32'; readonly bits: number }
  /** The unsigned 64-bit pattern. */
  | { readonly kind: 'f64'; readonly bits: bigint }
  /** 16 bytes, lane 0 first (little-endian), as in memory. */
  | { readonly kind: 'v128'; readonly bytes: Uint8Array }
  /** A null reference; `heap` is the heap type written (`func`, `extern`, `exn`, `any`...). */
  | { readonly kind: 'ref.null'; readonly heap: string }
  /**
   * A non-null reference. `host` is the number N of a host value the script made with
   * `(ref.extern N)` (heap `extern`) or `(ref.host N)` (heap `any`), and null for references the
   * script cannot name (a function, an exception, a host value it did not make).
   */
  | { readonly kind: 'ref'; readonly heap: string; readonly host: number | null };

/** The NaN patterns an expectation may use instead of exact bits (spec: `nan:canonical`...). */
export type NanPattern = 'canonical' | 'arithmetic';

/** What one float (or float lane) must be. */
export type FloatExpected = { readonly kind: 'bits'; readonly bits: bigint } | { readonly kind: 'nan'; readonly nan: NanPattern };

/** The lane shapes of `v128.const`. */
export type V128Shape = 'i8x16' | 'i16x8' | 'i32x4' | 'i64x2' | 'f32x4' | 'f64x2';

/** What `assert_return` expects of one result. */
export type WastExpected =
  /** Exactly this value (a float compares by bits, so a NaN with a payload must match it). */
  | { readonly kind: 'value'; readonly value: WastValue }
  /** A float result of the given type that is a NaN of the pattern. */
  | { readonly kind: 'nan'; readonly type: 'f32' | 'f64'; readonly nan: NanPattern }
  /** A v128 whose lanes, read in `shape`, match lane by lane (integer lanes as unsigned bits). */
  | { readonly kind: 'v128'; readonly shape: V128Shape; readonly lanes: readonly FloatExpected[] }
  /** Any non-null reference of the heap type (`(ref.func)`, `(ref.extern)` without a number...). */
  | { readonly kind: 'ref'; readonly heap: string }
  /** One of several results is fine (`(either ...)`: relaxed and nondeterministic operations). */
  | { readonly kind: 'either'; readonly options: readonly WastExpected[] };

function syntaxError(reason: string, token: Token): WastSyntaxError {
  return new WastSyntaxError(reason, token.line, token.column);
}

/** The atoms of a form after its keyword, e.g. `["1.5"]` for `(f32.const 1.5)`. */
function atomsAfterHead(node: SList): Token[] {
  const atoms: Token[] = [];
  for (const item of itemsOf(node).slice(1)) {
    if (item.kind !== 'leaf' || item.token.kind !== 'atom') throw syntaxError('expected a number or keyword', firstToken(item));
    atoms.push(item.token);
  }
  return atoms;
}

function onlyAtom(node: SList, head: string): Token {
  const atoms = atomsAfterHead(node);
  const atom = atoms[0];
  if (atom === undefined || atoms.length !== 1) throw syntaxError(`expected one literal in \`(${head} ...)\``, node.open);
  return atom;
}

function readInt(token: Token, bits: number): bigint {
  const value = parseIntLiteral(token.text, bits);
  if (value === null) throw syntaxError(`malformed or out-of-range i${bits} literal \`${token.text}\``, token);
  return value;
}

function readFloat(token: Token, format: FloatFormat): bigint {
  const result = parseFloatLiteral(token.text, format);
  if (!result.ok) throw syntaxError(`${result.problem} f${format === F32_FORMAT ? 32 : 64} literal \`${token.text}\``, token);
  return result.bits;
}

function readFloatExpected(token: Token, format: FloatFormat): FloatExpected {
  if (token.text === 'nan:canonical' || token.text === 'nan:arithmetic') return { kind: 'nan', nan: token.text.slice(4) as NanPattern };
  return { kind: 'bits', bits: readFloat(token, format) };
}

const SHAPES: ReadonlyMap<string, { readonly lanes: number; readonly bits: number; readonly float: FloatFormat | null }> = new Map([
  ['i8x16', { lanes: 16, bits: 8, float: null }],
  ['i16x8', { lanes: 8, bits: 16, float: null }],
  ['i32x4', { lanes: 4, bits: 32, float: null }],
  ['i64x2', { lanes: 2, bits: 64, float: null }],
  ['f32x4', { lanes: 4, bits: 32, float: F32_FORMAT }],
  ['f64x2', { lanes: 2, bits: 64, float: F64_FORMAT }],
]);

/** Reads `(v128.const shape lane*)` into its lanes, each as an unsigned bit pattern or a NaN pattern. */
function readV128Lanes(node: SList, allowNan: boolean): { shape: V128Shape; lanes: FloatExpected[] } {
  const [shapeToken, ...laneTokens] = atomsAfterHead(node);
  const shape = shapeToken === undefined ? undefined : SHAPES.get(shapeToken.text);
  if (shapeToken === undefined || shape === undefined) throw syntaxError('expected a lane shape such as i32x4 after v128.const', node.open);
  if (laneTokens.length !== shape.lanes) throw syntaxError(`expected ${shape.lanes} lanes for ${shapeToken.text}, found ${laneTokens.length}`, node.open);
  const lanes = laneTokens.map((token): FloatExpected => {
    if (shape.float === null) return { kind: 'bits', bits: readInt(token, shape.bits) };
    if (!allowNan) return { kind: 'bits', bits: readFloat(token, shape.float) };
    return readFloatExpected(token, shape.float);
  });
  return { shape: shapeToken.text as V128Shape, lanes };
}

/** The 16 bytes of lanes given as bit patterns of `laneBits` bits each. */
export function v128FromLanes(lanes: readonly bigint[], laneBits: number): Uint8Array {
  const bytes = new Uint8Array(16);
  const laneBytes = laneBits / 8;
  lanes.forEach((lane, i) => {
    for (let b = 0; b < laneBytes; b++) bytes[i * laneBytes + b] = Number((lane >> BigInt(8 * b)) & 0xffn);
  });
  return bytes;
}

/** The bits of each lane of `bytes` read in a shape of `laneBits`-bit lanes, unsigned. */
export function lanesOfV128(bytes: Uint8Array, laneBits: number): bigint[] {
  const laneBytes = laneBits / 8;
  const lanes: bigint[] = [];
  for (let i = 0; i < 16 / laneBytes; i++) {
    let lane = 0n;
    for (let b = laneBytes - 1; b >= 0; b--) lane = (lane << 8n) | BigInt(bytes[i * laneBytes + b] ?? 0);
    lanes.push(lane);
  }
  return lanes;
}

/** The lane width in bits of a shape. */
export function laneBitsOf(shape: V128Shape): number {
  return SHAPES.get(shape)?.bits ?? 8;
}

/** Reads `(ref.null ht)`, `(ref.extern N)`, `(ref.host N)` as an argument value. */
function readRef(node: SList, head: string): WastValue | null {
  const atoms = atomsAfterHead(node);
  if (head === 'ref.null') {
    // `(ref.null)` alone appears in newer scripts for "any null".
    return { kind: 'ref.null', heap: atoms[0]?.text ?? 'any' };
  }
  if ((head === 'ref.extern' || head === 'ref.host') && atoms.length === 1 && atoms[0] !== undefined) {
    const n = readInt(atoms[0], 32);
    return { kind: 'ref', heap: head === 'ref.extern' ? 'extern' : 'any', host: Number(n) };
  }
  return null;
}

/**
 * Reads an argument of `invoke`: `(i32.const N)`, `(f32.const X)`, `(v128.const shape ...)`,
 * `(ref.null ht)`, `(ref.extern N)`, `(ref.host N)`...
 *
 * @throws {WastSyntaxError} for a form that is not a value or a malformed literal.
 */
export function readWastValue(node: SExpr): WastValue {
  const head = headOf(node);
  if (node.kind !== 'list' || head === undefined) throw syntaxError('expected a value such as `(i32.const 1)`', firstToken(node));
  switch (head) {
    case 'i32.const':
      return { kind: 'i32', value: Number(BigInt.asIntN(32, readInt(onlyAtom(node, head), 32))) };
    case 'i64.const':
      return { kind: 'i64', value: BigInt.asIntN(64, readInt(onlyAtom(node, head), 64)) };
    case 'f32.const':
      return { kind: 'f32', bits: Number(readFloat(onlyAtom(node, head), F32_FORMAT)) };
    case 'f64.const':
      return { kind: 'f64', bits: readFloat(onlyAtom(node, head), F64_FORMAT) };
    case 'v128.const': {
      const { shape, lanes } = readV128Lanes(node, false);
      return { kind: 'v128', bytes: v128FromLanes(lanes.map((lane) => (lane.kind === 'bits' ? lane.bits : 0n)), laneBitsOf(shape)) };
    }
    default: {
      const ref = head.startsWith('ref.') ? readRef(node, head) : null;
      if (ref === null) throw syntaxError(`expected a value, found \`(${head} ...)\``, node.open);
      return ref;
    }
  }
}

/**
 * Reads an expected result of `assert_return`: a value, or a pattern (`nan:canonical`,
 * `nan:arithmetic`, per-lane NaN patterns in a v128, `(ref.func)`, `(ref.extern)`, `(either ...)`).
 *
 * @throws {WastSyntaxError} for a form that is not a result or a malformed literal.
 */
export function readWastExpected(node: SExpr): WastExpected {
  const head = headOf(node);
  if (node.kind !== 'list' || head === undefined) throw syntaxError('expected a result such as `(i32.const 1)`', firstToken(node));
  switch (head) {
    case 'either':
      return { kind: 'either', options: itemsOf(node).slice(1).map(readWastExpected) };
    case 'f32.const':
    case 'f64.const': {
      const format = head === 'f32.const' ? F32_FORMAT : F64_FORMAT;
      const type = head === 'f32.const' ? 'f32' : 'f64';
      const expected = readFloatExpected(onlyAtom(node, head), format);
      if (expected.kind === 'nan') return { kind: 'nan', type, nan: expected.nan };
      return { kind: 'value', value: type === 'f32' ? { kind: 'f32', bits: Number(expected.bits) } : { kind: 'f64', bits: expected.bits } };
    }
    case 'v128.const':
      return { kind: 'v128', ...readV128Lanes(node, true) };
    default:
      // `(ref.func)`, `(ref.extern)`, `(ref.struct)`...: any non-null reference of that heap type.
      if (head.startsWith('ref.') && head !== 'ref.null' && atomsAfterHead(node).length === 0) return { kind: 'ref', heap: head.slice(4) };
      return { kind: 'value', value: readWastValue(node) };
  }
}
