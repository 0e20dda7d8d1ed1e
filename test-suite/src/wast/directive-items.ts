// Readers of the items of a directive's S-expression, shared by the core and component
// command readers: each takes the item at an index and either returns it in the wanted form
// or says, at the item (or at `fallback` when it is missing), what was expected.

import type { Token } from './lexer.js';
import type { SExpr, SList } from './sexpr.js';
import { firstToken } from './sexpr.js';
import { decodeStringLiteral } from './string-literal.js';
import { WastSyntaxError } from './wast-syntax-error.js';

function syntaxError(reason: string, token: Token): WastSyntaxError {
  return new WastSyntaxError(reason, token.line, token.column);
}

/** The atom at `index`, or undefined when the item is missing or not an atom. */
export function atomAt(items: readonly SExpr[], index: number): string | undefined {
  const item = items[index];
  return item?.kind === 'leaf' && item.token.kind === 'atom' ? item.token.text : undefined;
}

/** The `$id` at `index`, or undefined when the item is no `$id`. */
export function idAt(items: readonly SExpr[], index: number): string | undefined {
  const atom = atomAt(items, index);
  return atom?.startsWith('$') === true ? atom : undefined;
}

// `ignoreBOM`: a name may start with U+FEFF (names.wast exports one); it is not a byte order mark.
const UTF8 = new TextDecoder('utf-8', { ignoreBOM: true });

/**
 * The string literal at `index`, decoded as UTF-8 (a name).
 *
 * @throws {WastSyntaxError} if the item is missing or not a string literal.
 */
export function stringAt(items: readonly SExpr[], index: number, what: string, fallback: Token): string {
  const item = items[index];
  if (item === undefined || item.kind !== 'leaf' || item.token.kind !== 'string') throw syntaxError(`expected ${what} as a string`, item === undefined ? fallback : firstToken(item));
  return UTF8.decode(decodeStringLiteral(item.token.text, item.token));
}

/**
 * The list at `index`.
 *
 * @throws {WastSyntaxError} if the item is missing or not a list.
 */
export function listAt(items: readonly SExpr[], index: number, what: string, fallback: Token): SList {
  const item = items[index];
  if (item === undefined || item.kind !== 'list') throw syntaxError(`expected ${what}`, item === undefined ? fallback : firstToken(item));
  return item;
}

/**
 * An assertion's expected message at `index` of `node`, as written between the quotes.
 *
 * @throws {WastSyntaxError} if the item is missing or not a string literal.
 */
export function messageAt(items: readonly SExpr[], index: number, node: SList): string {
  const item = items[index];
  if (item === undefined || item.kind !== 'leaf' || item.token.kind !== 'string') throw syntaxError('expected the expected message as a string', node.close);
  return item.token.text.slice(1, -1);
}
