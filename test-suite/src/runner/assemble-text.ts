// Text modules are assembled by wasm-tools' `wat` crate, which jco ships compiled to Wasm as
// `parse`: the Bytecode Alliance's reference text parser (the one wasmtime uses). It does not
// validate, so an invalid-but-well-formed module comes out as bytes for our validator to judge.

import { parse } from '@bytecodealliance/jco';

import { tokenize } from '../wast/lexer.js';
import { unfoldLegacyTry } from '../wast/unfold-legacy-try.js';

/** The text parser rejected a module: the script's text, not our validator, is at issue. */
export class AssembleError extends Error {
  constructor(reason: string, options?: ErrorOptions) {
    super(reason, options);
    this.name = 'AssembleError';
  }
}

// jco reports a Rust `Debug` rendering such as
// `Error { kind: Wast(Error { inner: ErrorInner { text: Some(Text { line: 0, col: 39, ... }),
// ..., kind: Custom("unknown operator or unexpected token") } }) }`; keep the message and place.
const CUSTOM_MESSAGE = /kind: Custom\("((?:[^"\\]|\\.)*)"\)/;
const TEXT_PLACE = /Text \{ line: (\d+), col: (\d+)/;

function describeParseError(error: unknown): string {
  const raw = error instanceof Error ? error.message : String(error);
  const message = CUSTOM_MESSAGE.exec(raw)?.[1];
  if (message === undefined) return raw.split('\n', 1)[0] ?? raw;
  const place = TEXT_PLACE.exec(raw);
  if (place === null) return message;
  return `${message} (at line ${Number(place[1]) + 1}, column ${Number(place[2]) + 1} of the module text)`;
}

const NON_ASCII = /[^\x00-\x7e]/;
const NON_ASCII_ALL = /[^\x00-\x7e]/gu;

/**
 * Rewrites non-ASCII characters of string literals as `\u{...}` escapes, which denote the same
 * bytes, and blanks those of comments. `wat` refuses "confusing" Unicode (bidirectional
 * controls) in its input unless told otherwise, which jco's `parse` cannot be; `names.wast`
 * exports such names on purpose.
 */
function escapeNonAscii(text: string): string {
  if (!NON_ASCII.test(text)) return text;
  const escapeChar = (ch: string): string => `\\u{${(ch.codePointAt(0) ?? 0).toString(16)}}`;
  let out = '';
  let at = 0;
  for (const token of tokenize(text)) {
    // Between tokens there are only whitespace and comments.
    out += text.slice(at, token.start).replace(NON_ASCII_ALL, ' ');
    out += token.kind === 'string' || token.text.includes('"') ? token.text.replace(NON_ASCII_ALL, escapeChar) : token.text;
    at = token.end;
  }
  return out + text.slice(at).replace(NON_ASCII_ALL, ' ');
}

/**
 * Assembles a `(module ...)` text into its binary. Two rewrites that keep the meaning come
 * first, for what the text parser cannot be told to accept: folded legacy `try` becomes flat,
 * and non-ASCII characters in strings become escapes.
 *
 * @throws {AssembleError} if the text parser rejects the text.
 */
export async function assembleText(text: string): Promise<Uint8Array> {
  try {
    return await parse(escapeNonAscii(unfoldLegacyTry(text)));
  } catch (error) {
    throw new AssembleError(describeParseError(error), { cause: error });
  }
}
