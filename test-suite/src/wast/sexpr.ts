// Groups tokens into S-expressions. The tree is built with an explicit stack, not recursion, so a
// deeply nested module (the suite has some on purpose) cannot overflow the JS stack.

import { assertNever } from '@tswasm/environ';

import type { Token } from './lexer.js';
import { WastSyntaxError } from './wast-syntax-error.js';

/** A parenthesized group: `(head ...)` or an annotation `(@name ...)`. */
export interface SList {
  readonly kind: 'list';
  /** The `(` token, or the `(@name` token of an annotation. */
  readonly open: Token;
  /** The matching `)`. */
  readonly close: Token;
  readonly items: readonly SExpr[];
}

/** An atom or a string. */
export interface SLeaf {
  readonly kind: 'leaf';
  readonly token: Token;
}

/** One node of a script's S-expression tree. */
export type SExpr = SList | SLeaf;

interface OpenList {
  readonly open: Token;
  readonly items: SExpr[];
}

/**
 * Groups `tokens` into the top-level S-expressions of a script.
 *
 * @throws {WastSyntaxError} on an unbalanced parenthesis.
 */
export function readSExprs(tokens: readonly Token[]): SExpr[] {
  const top: SExpr[] = [];
  const stack: OpenList[] = [];
  for (const token of tokens) {
    switch (token.kind) {
      case 'lparen':
      case 'annotation':
        stack.push({ open: token, items: [] });
        break;
      case 'rparen': {
        const list = stack.pop();
        if (list === undefined) throw new WastSyntaxError('unexpected `)`', token.line, token.column);
        const node: SList = { kind: 'list', open: list.open, close: token, items: list.items };
        (stack[stack.length - 1]?.items ?? top).push(node);
        break;
      }
      case 'atom':
      case 'string':
        (stack[stack.length - 1]?.items ?? top).push({ kind: 'leaf', token });
        break;
      default:
        return assertNever(token.kind);
    }
  }
  const unclosed = stack[stack.length - 1];
  if (unclosed !== undefined) throw new WastSyntaxError('unclosed `(`', unclosed.open.line, unclosed.open.column);
  return top;
}

/** The first token of a node: the `(` of a list, or the leaf's own token. */
export function firstToken(node: SExpr): Token {
  return node.kind === 'list' ? node.open : node.token;
}

/** True for an annotation `(@name ...)`, which may appear anywhere and means nothing to a script. */
export function isAnnotation(node: SExpr): boolean {
  return node.kind === 'list' && node.open.kind === 'annotation';
}

/** The items of a list without its annotations. */
export function itemsOf(node: SList): readonly SExpr[] {
  return node.items.some(isAnnotation) ? node.items.filter((item) => !isAnnotation(item)) : node.items;
}

/**
 * The keyword a list starts with (`module` for `(module ...)` and `((@a) module ...)`), or
 * undefined.
 */
export function headOf(node: SExpr): string | undefined {
  if (node.kind !== 'list' || node.open.kind !== 'lparen') return undefined;
  const first = itemsOf(node)[0];
  return first?.kind === 'leaf' && first.token.kind === 'atom' ? first.token.text : undefined;
}
