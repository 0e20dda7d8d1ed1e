// Splits a .wast script into its top-level directives. Module bodies are not interpreted: a text
// module is handed on as source text, because the reference text parser assembles it.

import { assertNever, unreachable } from '@tswasm/environ';

import type { Directive, DirectiveKind, WastComponent, WastModule, WastModuleBody } from './directive.js';
import { DIRECTIVE_KINDS } from './directive.js';
import type { Token } from './lexer.js';
import { tokenize } from './lexer.js';
import type { SExpr, SList } from './sexpr.js';
import { firstToken, headOf, isAnnotation, itemsOf, readSExprs } from './sexpr.js';
import { concatStringLiterals } from './string-literal.js';
import { WastSyntaxError } from './wast-syntax-error.js';

// The keywords of module fields: a script made of these alone is one inline module (spec
// section 6.4.13, "the module may be written without the surrounding `(module ...)`").
const MODULE_FIELD_KEYWORDS: ReadonlySet<string> = new Set([
  'type',
  'rec',
  'import',
  'func',
  'table',
  'memory',
  'global',
  'export',
  'start',
  'elem',
  'data',
  'tag',
]);

const DIRECTIVE_KEYWORDS: ReadonlySet<string> = new Set(DIRECTIVE_KINDS);

function isDirectiveKind(keyword: string): keyword is DirectiveKind {
  return DIRECTIVE_KEYWORDS.has(keyword);
}

/**
 * Reads a .wast script into its directives, in source order.
 *
 * @throws {WastSyntaxError} if the script is not well-formed S-expressions, has an unknown
 *   directive, or has a malformed `module` header or `binary` string.
 */
export function parseScript(source: string): Directive[] {
  const nodes = readSExprs(tokenize(source));
  const first = nodes.find((node) => !isAnnotation(node));
  if (first !== undefined && MODULE_FIELD_KEYWORDS.has(headOf(first) ?? '')) {
    return [readInlineModule(source, nodes)];
  }
  return nodes.filter((node) => !isAnnotation(node)).map((node) => readDirective(source, node));
}

function syntaxError(reason: string, token: Token): WastSyntaxError {
  return new WastSyntaxError(reason, token.line, token.column);
}

function readInlineModule(source: string, nodes: readonly SExpr[]): Directive {
  for (const node of nodes) {
    if (isAnnotation(node)) continue;
    if (!MODULE_FIELD_KEYWORDS.has(headOf(node) ?? '')) {
      throw syntaxError('expected a module field: a script without `(module ...)` must be one inline module', firstToken(node));
    }
  }
  const first = nodes[0];
  const last = nodes[nodes.length - 1];
  if (first === undefined || last === undefined) return unreachable('an inline module has at least one field');
  const open = firstToken(first);
  const close = last.kind === 'list' ? last.close : last.token;
  const text = source.slice(open.start, close.end);
  // A synthetic list standing for the whole script, so the directive has a node like the others.
  const node: SList = { kind: 'list', open, close, items: nodes };
  const module: WastModule = { kind: 'module', id: undefined, definition: false, body: { form: 'text', text: `(module ${text})` }, line: open.line };
  return { kind: 'module', line: open.line, text, node, module };
}

/**
 * Reads one directive of `source` from its S-expression (also the directives nested in
 * `thread` and `either`).
 *
 * @throws {WastSyntaxError} for an unknown directive or a malformed module.
 */
export function readDirective(source: string, node: SExpr): Directive {
  const keyword = headOf(node);
  if (node.kind !== 'list' || keyword === undefined) {
    throw syntaxError('expected a directive such as `(module ...)` or `(assert_return ...)`', firstToken(node));
  }
  if (!isDirectiveKind(keyword)) throw syntaxError(`unknown directive \`${keyword}\``, node.open);
  const base = { line: node.open.line, text: source.slice(node.open.start, node.close.end), node };
  switch (keyword) {
    case 'module':
      return { ...base, kind: keyword, module: readModule(source, node) };
    case 'assert_invalid':
    case 'assert_malformed': {
      const items = itemsOf(node);
      const target = items[1];
      const message = items[2];
      if (target === undefined || target.kind !== 'list') throw syntaxError(`expected a module after \`${keyword}\``, node.open);
      if (message === undefined || message.kind !== 'leaf' || message.token.kind !== 'string') {
        throw syntaxError('expected the expected error message as a string', node.close);
      }
      const head = headOf(target);
      let read: WastModule | WastComponent;
      if (head === 'module') read = readModule(source, target);
      else if (head === 'component') read = { kind: 'component', text: source.slice(target.open.start, target.close.end), line: target.open.line };
      else throw syntaxError(`expected \`(module ...)\` or \`(component ...)\` in \`${keyword}\``, target.open);
      return { ...base, kind: keyword, target: read, message: message.token.text.slice(1, -1) };
    }
    case 'component':
    case 'register':
    case 'invoke':
    case 'get':
    case 'assert_return':
    case 'assert_trap':
    case 'assert_exhaustion':
    case 'assert_exception':
    case 'assert_unlinkable':
    case 'assert_uninstantiable':
    case 'thread':
    case 'wait':
    case 'either':
      return { ...base, kind: keyword };
    default:
      return assertNever(keyword);
  }
}

/**
 * Reads a module form of `source` (top-level, or inside an assertion or `thread`):
 * `(module $id? definition? ...)`, `(module $id? binary "..."*)`,
 * `(module $id? quote "..."*)` and `(module instance $i $m?)`.
 */
export function readModule(source: string, node: SList): WastModule {
  const items = itemsOf(node);
  let i = 1;
  let id: string | undefined;
  let definition = false;
  const atomAt = (k: number): string | undefined => {
    const item = items[k];
    return item?.kind === 'leaf' && item.token.kind === 'atom' ? item.token.text : undefined;
  };
  // Newer suites write `(module definition $M ...)`; accept the keyword on either side of the id.
  for (;;) {
    const atom = atomAt(i);
    if (atom === undefined) break;
    if (atom.startsWith('$') && id === undefined) id = atom;
    else if (atom === 'definition' && !definition) definition = true;
    else break;
    i++;
  }
  const line = node.open.line;
  const keyword = atomAt(i);
  let body: WastModuleBody;
  if (keyword === 'instance') {
    // `(module instance $I $M)` names the instance and its definition; `(module instance $M)`
    // only the definition.
    const first = atomAt(i + 1);
    const second = atomAt(i + 2);
    if (second !== undefined) id ??= first;
    body = { form: 'instance', definitionId: second ?? first };
  } else if (keyword === 'binary' || keyword === 'quote') {
    const literals: Token[] = [];
    for (const item of items.slice(i + 1)) {
      if (item.kind !== 'leaf' || item.token.kind !== 'string') {
        throw syntaxError(`expected only strings in \`(module ${keyword} ...)\``, firstToken(item));
      }
      literals.push(item.token);
    }
    body = keyword === 'binary' ? { form: 'binary', bytes: concatStringLiterals(literals) } : { form: 'quote', literals };
  } else {
    // Hand the fields on as `(module $id ...fields)`: the text parser knows no `definition`.
    const firstField = items[i];
    const fieldStart = firstField !== undefined ? firstToken(firstField).start : node.close.start;
    const fields = source.slice(fieldStart, node.close.start);
    body = { form: 'text', text: id === undefined ? `(module ${fields})` : `(module ${id} ${fields})` };
  }
  return { kind: 'module', id, definition, body, line };
}
