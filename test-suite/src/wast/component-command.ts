// The directives of component scripts, read in full when an executing engine runs them: the
// `(component ...)` forms (wasmtime's wast: a plain component is compiled and instantiated,
// `definition` is compiled only, `instance $i $C` instantiates a definition) and the actions
// and assertions whose target is a component instance, with component values as arguments and
// expected results.

import { assertNever } from '@tswasm/environ';

import type { Directive } from './directive.js';
import { atomAt, idAt, listAt, messageAt, stringAt } from './directive-items.js';
import type { Token } from './lexer.js';
import type { SList } from './sexpr.js';
import { firstToken, headOf, itemsOf } from './sexpr.js';
import type { ComponentValue } from './component-value.js';
import { readComponentValue } from './component-value.js';
import { WastSyntaxError } from './wast-syntax-error.js';

/** How a `(component ...)` form is written. */
export type ComponentForm =
  /** Text (or `binary "..."`) for the text parser: `text` has no `definition` keyword. */
  | { readonly form: 'text'; readonly id: string | undefined; readonly definition: boolean; readonly text: string }
  /** `(component instance $i? $C)`: instantiates the definition `$C`. */
  | { readonly form: 'instance'; readonly id: string | undefined; readonly definitionId: string | undefined }
  /** `(component quote ...)`: tests the text parser, which is not ours. */
  | { readonly form: 'quote' };

/** `(invoke $i? "name" value*)` on a component instance. */
export interface ComponentAction {
  readonly instance: string | undefined;
  readonly name: string;
  readonly args: readonly ComponentValue[];
}

/** A directive about components, read in full. */
export type ComponentCommand =
  | { readonly kind: 'register'; readonly name: string; readonly instance: string | undefined }
  | { readonly kind: 'action'; readonly action: ComponentAction }
  | { readonly kind: 'assert_return'; readonly action: ComponentAction; readonly expected: readonly ComponentValue[] }
  | { readonly kind: 'assert_trap' | 'assert_exhaustion'; readonly target: ComponentAction | ComponentForm; readonly message: string }
  | { readonly kind: 'assert_unlinkable' | 'assert_uninstantiable'; readonly component: ComponentForm; readonly message: string };

/** The directive kinds a component script runs as `ComponentCommand`s. */
export type ComponentCommandDirective = Extract<Directive, { kind: ComponentCommand['kind'] | 'invoke' }>;

function syntaxError(reason: string, token: Token): WastSyntaxError {
  return new WastSyntaxError(reason, token.line, token.column);
}

/**
 * Reads a `(component ...)` form of `source`: `$id` and `definition` in either order, then
 * `instance`, `quote`, or the component's fields (or `binary "..."`).
 */
export function readComponentForm(source: string, node: SList): ComponentForm {
  const items = itemsOf(node);
  let i = 1;
  let id: string | undefined;
  let definition = false;
  for (;;) {
    const atom = atomAt(items, i);
    if (atom?.startsWith('$') === true && id === undefined) id = atom;
    else if (atom === 'definition' && !definition) definition = true;
    else break;
    i++;
  }
  const keyword = atomAt(items, i);
  if (keyword === 'quote') return { form: 'quote' };
  if (keyword === 'instance') {
    // `(component instance $i $C)` names the instance and its definition; `(component instance $C)` only the definition.
    const first = idAt(items, i + 1);
    const second = idAt(items, i + 2);
    return { form: 'instance', id: second === undefined ? undefined : first, definitionId: second ?? first };
  }
  // The text parser knows no `definition`: hand on `(component $id? ...rest)`.
  const rest = items[i];
  const start = rest === undefined ? node.close.start : firstToken(rest).start;
  const text = `(component${id === undefined ? '' : ` ${id}`} ${source.slice(start, node.close.end)}`;
  return { form: 'text', id, definition, text };
}

/**
 * Reads `(invoke $i? "name" value*)` with component values.
 *
 * @throws {WastSyntaxError} if it is not an invoke or a value is malformed.
 */
export function readComponentAction(node: SList): ComponentAction {
  const items = itemsOf(node);
  if (headOf(node) !== 'invoke') throw syntaxError('expected `(invoke ...)` of a component function', node.open);
  const instance = idAt(items, 1);
  const nameIndex = instance === undefined ? 1 : 2;
  const name = stringAt(items, nameIndex, 'the function name', node.close);
  return { instance, name, args: items.slice(nameIndex + 1).map(readComponentValue) };
}

/**
 * Reads a directive of a component script in full.
 *
 * @throws {WastSyntaxError} if a part is malformed or a value form is not a component value.
 */
export function readComponentCommand(source: string, directive: ComponentCommandDirective): ComponentCommand {
  const node = directive.node;
  const items = itemsOf(node);
  switch (directive.kind) {
    case 'register':
      return { kind: 'register', name: stringAt(items, 1, 'the registered name', node.close), instance: idAt(items, 2) };
    case 'invoke':
      return { kind: 'action', action: readComponentAction(node) };
    case 'assert_return':
      return { kind: 'assert_return', action: readComponentAction(listAt(items, 1, 'an action', node.close)), expected: items.slice(2).map(readComponentValue) };
    case 'assert_trap':
    case 'assert_exhaustion': {
      const target = listAt(items, 1, 'an action or a component', node.close);
      const message = messageAt(items, 2, node);
      if (headOf(target) === 'component') return { kind: directive.kind, target: readComponentForm(source, target), message };
      return { kind: directive.kind, target: readComponentAction(target), message };
    }
    case 'assert_unlinkable':
    case 'assert_uninstantiable': {
      const target = listAt(items, 1, 'a component', node.close);
      if (headOf(target) !== 'component') throw syntaxError(`expected a component in \`${directive.kind}\``, target.open);
      return { kind: directive.kind, component: readComponentForm(source, target), message: messageAt(items, 2, node) };
    }
    default:
      return assertNever(directive);
  }
}
