// The tokenizer of the .wast script syntax (the spec's text format lexical rules, section 6.2,
// plus the script extensions). The runner never interprets module bodies itself — the text goes
// to the reference parser — so the lexer only has to find where each token begins and ends.
// Numbers, keywords and identifiers are therefore one kind, `atom`, and strings keep their raw
// source text; `decodeStringLiteral` turns a string into bytes when a directive needs them.

import { WastSyntaxError } from './wast-syntax-error.js';

/** The kinds of token: the runner needs no finer split. */
export type TokenKind =
  /** `(` */
  | 'lparen'
  /** `)` */
  | 'rparen'
  /**
   * `(@name`: an annotation (the annotations proposal). It opens a group closed by a plain `)`;
   * its content is not interpreted, so it passes through to the text parser as written.
   */
  | 'annotation'
  /** A keyword, number, identifier (`$x`) or any other run of identifier characters. */
  | 'atom'
  /** A string literal, quotes included; escapes are checked but not decoded. */
  | 'string';

/** One token with its place in the source. */
export interface Token {
  readonly kind: TokenKind;
  /** Offset of the first character in the source string (UTF-16 code units). */
  readonly start: number;
  /** Offset just past the last character. */
  readonly end: number;
  /** Line of the first character, counted from 1. */
  readonly line: number;
  /** Column of the first character, counted from 1. */
  readonly column: number;
  /** The source text of the token (for a string, with its quotes and escapes). */
  readonly text: string;
}

const CHAR_TAB = 0x09;
const CHAR_LF = 0x0a;
const CHAR_CR = 0x0d;
const CHAR_SPACE = 0x20;
const CHAR_QUOTE = 0x22;
const CHAR_DOLLAR = 0x24;
const CHAR_LPAREN = 0x28;
const CHAR_RPAREN = 0x29;
const CHAR_SEMICOLON = 0x3b;
const CHAR_AT = 0x40;
const CHAR_BACKSLASH = 0x5c;

function isWhitespace(c: number): boolean {
  return c === CHAR_SPACE || c === CHAR_LF || c === CHAR_TAB || c === CHAR_CR;
}

function isHexDigit(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x46) || (c >= 0x61 && c <= 0x66);
}

/**
 * Splits a .wast script into tokens, dropping whitespace and comments (`;; ...` to the end of
 * the line, and `(; ... ;)`, which nest).
 *
 * @throws {WastSyntaxError} on an unterminated string or block comment, a bad escape, or a raw
 *   control character inside a string.
 */
export function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  const length = source.length;
  let pos = 0;
  let line = 1;
  // Offset of the first character of the current line, so a column is `pos - lineStart + 1`.
  let lineStart = 0;

  const fail = (reason: string, at: number): never => {
    // Recount the line of `at`: errors are rare, so this keeps the hot loop simple.
    let errLine = 1;
    let errLineStart = 0;
    for (let i = 0; i < at && i < length; i++) {
      if (source.charCodeAt(i) === CHAR_LF) {
        errLine++;
        errLineStart = i + 1;
      }
    }
    throw new WastSyntaxError(reason, errLine, at - errLineStart + 1);
  };

  const push = (kind: TokenKind, start: number, startLine: number, startColumn: number): void => {
    tokens.push({ kind, start, end: pos, line: startLine, column: startColumn, text: source.slice(start, pos) });
  };

  while (pos < length) {
    const c = source.charCodeAt(pos);
    if (c === CHAR_LF) {
      pos++;
      line++;
      lineStart = pos;
      continue;
    }
    if (isWhitespace(c)) {
      pos++;
      continue;
    }
    const start = pos;
    const column = pos - lineStart + 1;
    if (c === CHAR_SEMICOLON && source.charCodeAt(pos + 1) === CHAR_SEMICOLON) {
      // Line comment: up to (not including) the newline, which the main loop counts.
      while (pos < length && source.charCodeAt(pos) !== CHAR_LF) pos++;
      continue;
    }
    if (c === CHAR_LPAREN) {
      const next = source.charCodeAt(pos + 1);
      if (next === CHAR_SEMICOLON) {
        // Block comment; they nest, so count depth. Newlines inside still advance the line.
        let depth = 1;
        pos += 2;
        while (depth > 0) {
          if (pos >= length) fail('unterminated block comment', start);
          const d = source.charCodeAt(pos);
          if (d === CHAR_LPAREN && source.charCodeAt(pos + 1) === CHAR_SEMICOLON) {
            depth++;
            pos += 2;
          } else if (d === CHAR_SEMICOLON && source.charCodeAt(pos + 1) === CHAR_RPAREN) {
            depth--;
            pos += 2;
          } else {
            pos++;
            if (d === CHAR_LF) {
              line++;
              lineStart = pos;
            }
          }
        }
        continue;
      }
      if (next === CHAR_AT) {
        pos += 2;
        pos = scanAtom(source, pos);
        push('annotation', start, line, column);
        continue;
      }
      pos++;
      push('lparen', start, line, column);
      continue;
    }
    if (c === CHAR_RPAREN) {
      pos++;
      push('rparen', start, line, column);
      continue;
    }
    if (c === CHAR_QUOTE) {
      pos = scanString(source, pos, fail);
      push('string', start, line, column);
      continue;
    }
    pos = scanAtom(source, pos);
    // `$"name"` is one identifier token (WebAssembly 3.0 allows string identifiers).
    if (pos === start + 1 && c === CHAR_DOLLAR && source.charCodeAt(pos) === CHAR_QUOTE) pos = scanString(source, pos, fail);
    push('atom', start, line, column);
  }
  return tokens;
}

/**
 * Returns the end of the token of identifier characters starting at `pos`. A lone `;` belongs to
 * it, as the spec's reserved tokens allow (the annotations suite has them); `;;` starts a comment.
 */
function scanAtom(source: string, pos: number): number {
  const length = source.length;
  while (pos < length) {
    const c = source.charCodeAt(pos);
    if (isWhitespace(c) || c === CHAR_LPAREN || c === CHAR_RPAREN || c === CHAR_QUOTE) break;
    if (c === CHAR_SEMICOLON && source.charCodeAt(pos + 1) === CHAR_SEMICOLON) break;
    pos++;
  }
  return pos;
}

/**
 * Returns the offset just past the closing quote of the string starting at `pos`, checking the
 * escapes of the spec (`\t \n \r \" \' \\`, `\hh`, `\u{h+}`) so a bad one is reported where it is.
 */
function scanString(source: string, pos: number, fail: (reason: string, at: number) => never): number {
  const length = source.length;
  const start = pos;
  pos++;
  for (;;) {
    if (pos >= length) return fail('unterminated string', start);
    const c = source.charCodeAt(pos);
    if (c === CHAR_QUOTE) return pos + 1;
    if (c === CHAR_LF) return fail('unterminated string', start);
    if (c < 0x20 || c === 0x7f) return fail('control character in string', pos);
    if (c !== CHAR_BACKSLASH) {
      pos++;
      continue;
    }
    const e = source.charCodeAt(pos + 1);
    switch (e) {
      case 0x74: // t
      case 0x6e: // n
      case 0x72: // r
      case CHAR_QUOTE:
      case 0x27: // '
      case CHAR_BACKSLASH:
        pos += 2;
        continue;
      case 0x75: {
        // \u{hex+}
        if (source.charCodeAt(pos + 2) !== 0x7b) return fail('malformed unicode escape', pos);
        let p = pos + 3;
        while (p < length && (isHexDigit(source.charCodeAt(p)) || source.charCodeAt(p) === 0x5f)) p++;
        if (p === pos + 3 || source.charCodeAt(p) !== 0x7d) return fail('malformed unicode escape', pos);
        pos = p + 1;
        continue;
      }
      default:
        if (isHexDigit(e) && isHexDigit(source.charCodeAt(pos + 2))) {
          pos += 3;
          continue;
        }
        return fail('unknown escape in string', pos);
    }
  }
}
