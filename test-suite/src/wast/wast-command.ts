// The execution directives in full. `parseScript` only splits a script and keeps each directive's
// S-expression; the runner reads an execution directive here when it runs it, so a value form it
// cannot read fails that directive alone, not the whole script.

import { assertNever } from '@tswasm/environ';

import type { Directive, WastModule } from './directive.js';
import { idAt, listAt, messageAt, stringAt } from './directive-items.js';
import type { Token } from './lexer.js';
import type { SList } from './sexpr.js';
import { headOf, itemsOf } from './sexpr.js';
import { readDirective, readModule } from './script.js';
import type { WastExpected, WastValue } from './wast-value.js';
import { readWastExpected, readWastValue } from './wast-value.js';
import { WastSyntaxError } from './wast-syntax-error.js';

/** `(invoke $m? "name" arg*)` or `(get $m? "name")`. `module` is the `$id`, or the current module. */
export type WastAction =
  | { readonly kind: 'invoke'; readonly module: string | undefined; readonly name: string; readonly args: readonly WastValue[] }
  | { readonly kind: 'get'; readonly module: string | undefined; readonly name: string };

/** An execution directive, read in full. */
export type WastCommand =
  | { readonly kind: 'register'; readonly name: string; readonly instance: string | undefined }
  /** A top-level `invoke` or `get`: it must complete without trapping. */
  | { readonly kind: 'action'; readonly action: WastAction }
  | { readonly kind: 'assert_return'; readonly action: WastAction; readonly expected: readonly WastExpected[] }
  /** The action, or the module's instantiation, must trap; `message` is the spec's trap text. */
  | { readonly kind: 'assert_trap'; readonly target: WastAction | WastModule; readonly message: string }
  | { readonly kind: 'assert_exhaustion'; readonly action: WastAction; readonly message: string }
  | { readonly kind: 'assert_exception'; readonly action: WastAction }
  | { readonly kind: 'assert_unlinkable' | 'assert_uninstantiable'; readonly module: WastModule; readonly message: string }
  /** `(thread $t (shared (module $m))* directive*)`: the directives run by another thread. */
  | { readonly kind: 'thread'; readonly id: string; readonly shared: readonly string[]; readonly directives: readonly Directive[] }
  | { readonly kind: 'wait'; readonly id: string }
  /** `(either directive+)` at the top level: one of the alternatives must pass. */
  | { readonly kind: 'either'; readonly directives: readonly Directive[] };

/** The directive kinds `readCommand` reads. */
export type CommandDirective = Extract<Directive, { kind: WastCommand['kind'] | 'invoke' | 'get' }>;

/** True for the directives `readCommand` reads: every kind but modules, components and the validation assertions. */
export function isCommandDirective(directive: Directive): directive is CommandDirective {
  switch (directive.kind) {
    case 'module':
    case 'component':
    case 'assert_invalid':
    case 'assert_malformed':
      return false;
    default:
      return true;
  }
}

function syntaxError(reason: string, token: Token): WastSyntaxError {
  return new WastSyntaxError(reason, token.line, token.column);
}

/**
 * Reads `(invoke ...)` or `(get ...)`.
 *
 * @throws {WastSyntaxError} if the form is neither or its parts are malformed.
 */
export function readAction(node: SList): WastAction {
  const head = headOf(node);
  const items = itemsOf(node);
  if (head !== 'invoke' && head !== 'get') throw syntaxError('expected `(invoke ...)` or `(get ...)`', node.open);
  const module = idAt(items, 1);
  const nameIndex = module === undefined ? 1 : 2;
  const name = stringAt(items, nameIndex, `the ${head === 'invoke' ? 'function' : 'global'} name`, node.close);
  if (head === 'get') {
    if (items.length !== nameIndex + 1) throw syntaxError('expected nothing after the global name', node.open);
    return { kind: 'get', module, name };
  }
  return { kind: 'invoke', module, name, args: items.slice(nameIndex + 1).map(readWastValue) };
}

/**
 * Reads an execution directive of `source` in full.
 *
 * @throws {WastSyntaxError} if a part is malformed or uses a value form the runner does not read.
 */
export function readCommand(source: string, directive: CommandDirective): WastCommand {
  const node = directive.node;
  const items = itemsOf(node);
  switch (directive.kind) {
    case 'register':
      return { kind: 'register', name: stringAt(items, 1, 'the registered name', node.close), instance: idAt(items, 2) };
    case 'invoke':
    case 'get':
      return { kind: 'action', action: readAction(node) };
    case 'assert_return':
      return { kind: 'assert_return', action: readAction(listAt(items, 1, 'an action', node.close)), expected: items.slice(2).map(readWastExpected) };
    case 'assert_trap': {
      const target = listAt(items, 1, 'an action or a module', node.close);
      const message = messageAt(items, 2, node);
      if (headOf(target) === 'module') return { kind: 'assert_trap', target: readModule(source, target), message };
      return { kind: 'assert_trap', target: readAction(target), message };
    }
    case 'assert_exhaustion':
      return { kind: 'assert_exhaustion', action: readAction(listAt(items, 1, 'an action', node.close)), message: messageAt(items, 2, node) };
    case 'assert_exception':
      return { kind: 'assert_exception', action: readAction(listAt(items, 1, 'an action', node.close)) };
    case 'assert_unlinkable':
    case 'assert_uninstantiable': {
      const target = listAt(items, 1, 'a module', node.close);
      if (headOf(target) !== 'module') throw syntaxError(`expected a module in \`${directive.kind}\``, target.open);
      return { kind: directive.kind, module: readModule(source, target), message: messageAt(items, 2, node) };
    }
    case 'thread': {
      const id = idAt(items, 1);
      if (id === undefined) throw syntaxError('expected the thread name', node.open);
      const shared: string[] = [];
      const directives: Directive[] = [];
      for (const item of items.slice(2)) {
        if (headOf(item) === 'shared' && item.kind === 'list') {
          // `(shared (module $m))`: the thread sees the main script's module `$m`.
          const module = itemsOf(item)[1];
          const moduleId = module?.kind === 'list' ? idAt(itemsOf(module), 1) : undefined;
          if (moduleId === undefined) throw syntaxError('expected `(shared (module $m))`', item.open);
          shared.push(moduleId);
        } else {
          directives.push(readDirective(source, item));
        }
      }
      return { kind: 'thread', id, shared, directives };
    }
    case 'wait': {
      const id = idAt(items, 1);
      if (id === undefined) throw syntaxError('expected the thread name', node.open);
      return { kind: 'wait', id };
    }
    case 'either':
      return { kind: 'either', directives: items.slice(1).map((item) => readDirective(source, item)) };
    default:
      return assertNever(directive);
  }
}
