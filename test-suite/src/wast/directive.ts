// The top-level commands of a .wast script (the spec interpreter's script syntax, extended with
// the forms of the proposal and component-model suites). Each directive keeps its S-expression;
// the execution directives are read in full (`wast-command.ts`) only when they run, so a value
// form the runner cannot read fails that directive, not the whole script.

import type { Token } from './lexer.js';
import type { SList } from './sexpr.js';

/** How a module's content is written. */
export type WastModuleBody =
  /** `(module ...fields)`: `text` is a `(module ...)` form the reference text parser accepts. */
  | { readonly form: 'text'; readonly text: string }
  /** `(module binary "..."*)`: the bytes of the strings, concatenated. */
  | { readonly form: 'binary'; readonly bytes: Uint8Array }
  /** `(module quote "..."*)`: module text inside strings, for testing the text parser. */
  | { readonly form: 'quote'; readonly literals: readonly Token[] }
  /** `(module instance $i $m?)`: instantiates a `module definition`; has no content of its own. */
  | { readonly form: 'instance'; readonly definitionId: string | undefined };

/** A core module written in a script, at the top level or inside an assertion. */
export interface WastModule {
  readonly kind: 'module';
  /** The `$name` given after `module`, if any. */
  readonly id: string | undefined;
  /** `(module definition ...)`: declared to be validated (and instantiated later by name) only. */
  readonly definition: boolean;
  readonly body: WastModuleBody;
  /** Line of the `(module`, from 1. */
  readonly line: number;
}

/** A component written in a script, kept as text for the component text parser. */
export interface WastComponent {
  readonly kind: 'component';
  /** The `(component ...)` form's source text. */
  readonly text: string;
  /** Line of the `(component`, from 1. */
  readonly line: number;
}

/** The fields every directive has. */
interface DirectiveBase {
  /** Line of the directive's `(`, counted from 1. */
  readonly line: number;
  /** The directive's source text. */
  readonly text: string;
  /** The directive's S-expression, for readers of its parts. */
  readonly node: SList;
}

/** Every directive kind of a script, named by its keyword. */
export type DirectiveKind = Directive['kind'];

/** One top-level command of a .wast script. */
export type Directive =
  | (DirectiveBase & { readonly kind: 'module'; readonly module: WastModule })
  | (DirectiveBase & { readonly kind: 'component' })
  | (DirectiveBase & { readonly kind: 'register' })
  | (DirectiveBase & { readonly kind: 'invoke' })
  | (DirectiveBase & { readonly kind: 'get' })
  | (DirectiveBase & { readonly kind: 'assert_return' })
  | (DirectiveBase & { readonly kind: 'assert_trap' })
  | (DirectiveBase & { readonly kind: 'assert_exhaustion' })
  | (DirectiveBase & { readonly kind: 'assert_exception' })
  | (DirectiveBase & {
      readonly kind: 'assert_invalid' | 'assert_malformed';
      readonly target: WastModule | WastComponent;
      /** The expected error message (undecoded string literal text, without quotes). */
      readonly message: string;
    })
  | (DirectiveBase & { readonly kind: 'assert_unlinkable' })
  | (DirectiveBase & { readonly kind: 'assert_uninstantiable' })
  | (DirectiveBase & { readonly kind: 'thread' })
  | (DirectiveBase & { readonly kind: 'wait' })
  | (DirectiveBase & { readonly kind: 'either' });

/** Every directive kind, in the order reports list them. */
export const DIRECTIVE_KINDS: readonly DirectiveKind[] = [
  'module',
  'component',
  'register',
  'invoke',
  'get',
  'assert_return',
  'assert_trap',
  'assert_exhaustion',
  'assert_exception',
  'assert_invalid',
  'assert_malformed',
  'assert_unlinkable',
  'assert_uninstantiable',
  'thread',
  'wait',
  'either',
];
