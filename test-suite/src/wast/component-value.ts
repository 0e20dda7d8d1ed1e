// The values of component scripts: arguments of `invoke` and the results `assert_return`
// expects, in the forms of the `wast` crate's component `WastVal` (`bool.const`, `u32.const`,
// `str.const`, `list.const`, `record.const`, `variant.const`, `option.some`, `result.ok`,
// `flags.const`...). They are read into a typed form that carries no component type: which type
// a literal stands for is decided by the function it is passed to, when the engine converts it.
//
// Nesting follows the crate: list and tuple elements and the payloads of variants, options and
// results are parenthesized forms, while a record field's value follows its name inline
// (`(field "n" u32.const 7)`). Older scripts wrote a variant payload inline too; both are read.

import type { Token } from './lexer.js';
import type { SExpr, SList } from './sexpr.js';
import { firstToken, headOf, itemsOf } from './sexpr.js';
import { F32_FORMAT, F64_FORMAT, parseFloatLiteral } from './float-literal.js';
import { parseIntLiteral } from './int-literal.js';
import { decodeStringLiteral } from './string-literal.js';
import { WastSyntaxError } from './wast-syntax-error.js';

/** The component integer types that are JS numbers. */
export type SmallIntKind = 's8' | 'u8' | 's16' | 'u16' | 's32' | 'u32';

/** A component value written in a script, or one an engine returned, read back the same way. */
export type ComponentValue =
  | { readonly kind: 'bool'; readonly value: boolean }
  | { readonly kind: SmallIntKind; readonly value: number }
  | { readonly kind: 's64' | 'u64'; readonly value: bigint }
  /** The unsigned 32-bit pattern. */
  | { readonly kind: 'f32'; readonly bits: number }
  /** The unsigned 64-bit pattern. */
  | { readonly kind: 'f64'; readonly bits: bigint }
  /** One Unicode scalar value. */
  | { readonly kind: 'char'; readonly value: string }
  | { readonly kind: 'string'; readonly value: string }
  | { readonly kind: 'list' | 'tuple'; readonly elements: readonly ComponentValue[] }
  /** Fields by their labels as written (kebab-case), in order. */
  | { readonly kind: 'record'; readonly fields: readonly { readonly name: string; readonly value: ComponentValue }[] }
  | { readonly kind: 'variant'; readonly case: string; readonly payload: ComponentValue | null }
  | { readonly kind: 'enum'; readonly case: string }
  /** `none` is a null `value`. */
  | { readonly kind: 'option'; readonly value: ComponentValue | null }
  | { readonly kind: 'result'; readonly ok: boolean; readonly payload: ComponentValue | null }
  /** The labels of the flags that are set. */
  | { readonly kind: 'flags'; readonly names: readonly string[] };

function syntaxError(reason: string, token: Token): WastSyntaxError {
  return new WastSyntaxError(reason, token.line, token.column);
}

// `fatal`: a string literal that is not UTF-8 is no component string; `ignoreBOM`: U+FEFF is a
// character of the string, not a byte order mark.
const UTF8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

function stringOf(item: SExpr | undefined, what: string, fallback: Token): { text: string; token: Token } {
  if (item === undefined || item.kind !== 'leaf' || item.token.kind !== 'string') throw syntaxError(`expected ${what} as a string`, item === undefined ? fallback : firstToken(item));
  try {
    return { text: UTF8.decode(decodeStringLiteral(item.token.text, item.token)), token: item.token };
  } catch (error) {
    if (error instanceof TypeError) throw syntaxError(`${what} is not valid UTF-8`, item.token);
    throw error;
  }
}

const INT_RANGES: ReadonlyMap<string, { readonly min: bigint; readonly max: bigint }> = new Map([
  ['s8', { min: -0x80n, max: 0x7fn }],
  ['u8', { min: 0n, max: 0xffn }],
  ['s16', { min: -0x8000n, max: 0x7fffn }],
  ['u16', { min: 0n, max: 0xffffn }],
  ['s32', { min: -0x8000_0000n, max: 0x7fff_ffffn }],
  ['u32', { min: 0n, max: 0xffff_ffffn }],
  ['s64', { min: -(1n << 63n), max: (1n << 63n) - 1n }],
  ['u64', { min: 0n, max: (1n << 64n) - 1n }],
]);

// Unlike `iN.const`, a component integer has one range: `u8.const -1` and `s8.const 255` are
// out of range, as the crate reads them.
function readInt(token: Token, kind: string): bigint {
  const range = INT_RANGES.get(kind);
  // 72 bits hold every literal of a 64-bit range with room for the sign.
  const pattern = parseIntLiteral(token.text, 72);
  const value = pattern === null ? null : token.text.startsWith('-') ? BigInt.asIntN(72, pattern) : pattern;
  if (range === undefined || value === null || value < range.min || value > range.max) throw syntaxError(`malformed or out-of-range ${kind} literal \`${token.text}\``, token);
  return value;
}

function atomOf(item: SExpr | undefined, what: string, fallback: Token): Token {
  if (item === undefined || item.kind !== 'leaf' || item.token.kind !== 'atom') throw syntaxError(`expected ${what}`, item === undefined ? fallback : firstToken(item));
  return item.token;
}

function expectEnd(args: readonly SExpr[], count: number, head: Token): void {
  const extra = args[count];
  if (extra !== undefined) throw syntaxError(`unexpected ${extra.kind === 'list' ? 'form' : `\`${extra.token.text}\``} after \`${head.text}\``, firstToken(extra));
}

/** A parenthesized value, as list elements and payloads are written. */
function readNested(item: SExpr | undefined, fallback: Token): ComponentValue {
  if (item === undefined || item.kind !== 'list') throw syntaxError('expected a value such as `(u32.const 1)`', item === undefined ? fallback : firstToken(item));
  return readComponentValue(item);
}

/** An optional payload: nothing, a parenthesized value, or (older scripts) a value written inline. */
function readPayload(args: readonly SExpr[], head: Token, end: Token): ComponentValue | null {
  const first = args[0];
  if (first === undefined) return null;
  if (first.kind === 'leaf') return readForm(atomOf(first, 'a value keyword', end), args.slice(1), end);
  expectEnd(args, 1, head);
  return readNested(first, end);
}

/** The value of `(field "name" kw args...)`: inline, or (leniently) one parenthesized form. */
function readField(node: SList): { name: string; value: ComponentValue } {
  const items = itemsOf(node);
  if (headOf(node) !== 'field') throw syntaxError('expected `(field "name" value)`', node.open);
  const name = stringOf(items[1], 'the field name', node.close).text;
  const rest = items.slice(2);
  const first = rest[0];
  if (first?.kind === 'list' && rest.length === 1) return { name, value: readComponentValue(first) };
  return { name, value: readForm(atomOf(first, 'the field value', node.close), rest.slice(1), node.close) };
}

/** Reads the value form `head args...`; `end` is where to point when something is missing. */
function readForm(head: Token, args: readonly SExpr[], end: Token): ComponentValue {
  const only = (): Token => {
    expectEnd(args, 1, head);
    return atomOf(args[0], `a literal after \`${head.text}\``, end);
  };
  switch (head.text) {
    case 'bool.const': {
      const token = only();
      if (token.text !== 'true' && token.text !== 'false') throw syntaxError('expected `true` or `false`', token);
      return { kind: 'bool', value: token.text === 'true' };
    }
    case 's8.const':
    case 'u8.const':
    case 's16.const':
    case 'u16.const':
    case 's32.const':
    case 'u32.const': {
      const kind = head.text.slice(0, -'.const'.length) as SmallIntKind;
      return { kind, value: Number(readInt(only(), kind)) };
    }
    case 's64.const':
    case 'u64.const': {
      const kind = head.text === 's64.const' ? 's64' : 'u64';
      return { kind, value: readInt(only(), kind) };
    }
    case 'f32.const':
    case 'f64.const': {
      const token = only();
      const format = head.text === 'f32.const' ? F32_FORMAT : F64_FORMAT;
      const result = parseFloatLiteral(token.text, format);
      if (!result.ok) throw syntaxError(`${result.problem} ${head.text.slice(0, 3)} literal \`${token.text}\``, token);
      return head.text === 'f32.const' ? { kind: 'f32', bits: Number(result.bits) } : { kind: 'f64', bits: result.bits };
    }
    case 'char.const': {
      expectEnd(args, 1, head);
      const { text, token } = stringOf(args[0], 'the character', end);
      if ([...text].length !== 1) throw syntaxError(`expected one character in \`char.const\`, found ${[...text].length}`, token);
      return { kind: 'char', value: text };
    }
    case 'str.const':
      expectEnd(args, 1, head);
      return { kind: 'string', value: stringOf(args[0], 'the string', end).text };
    case 'list.const':
    case 'tuple.const':
      return { kind: head.text === 'list.const' ? 'list' : 'tuple', elements: args.map((arg) => readNested(arg, end)) };
    case 'record.const':
      return {
        kind: 'record',
        fields: args.map((arg) => {
          if (arg.kind !== 'list') throw syntaxError('expected `(field "name" value)`', firstToken(arg));
          return readField(arg);
        }),
      };
    case 'variant.const': {
      const name = stringOf(args[0], 'the case name', end).text;
      return { kind: 'variant', case: name, payload: readPayload(args.slice(1), head, end) };
    }
    case 'enum.const':
      expectEnd(args, 1, head);
      return { kind: 'enum', case: stringOf(args[0], 'the case name', end).text };
    case 'option.none':
      expectEnd(args, 0, head);
      return { kind: 'option', value: null };
    case 'option.some': {
      const value = readPayload(args, head, end);
      if (value === null) throw syntaxError('expected the payload of `option.some`', end);
      return { kind: 'option', value };
    }
    case 'result.ok':
    case 'result.err':
      return { kind: 'result', ok: head.text === 'result.ok', payload: readPayload(args, head, end) };
    case 'flags.const':
      return { kind: 'flags', names: args.map((arg) => stringOf(arg, 'a flag name', end).text) };
    default:
      throw syntaxError(`expected a component value, found \`${head.text}\``, head);
  }
}

/**
 * Reads a parenthesized component value such as `(u32.const 1)` or
 * `(record.const (field "a" str.const "x"))`.
 *
 * @throws {WastSyntaxError} for a form that is not a component value, a malformed or
 *   out-of-range literal, or a string that is not UTF-8.
 */
export function readComponentValue(node: SExpr): ComponentValue {
  if (node.kind !== 'list') throw syntaxError('expected a value such as `(u32.const 1)`', node.token);
  const items = itemsOf(node);
  return readForm(atomOf(items[0], 'a value keyword such as `u32.const`', node.open), items.slice(1), node.close);
}
