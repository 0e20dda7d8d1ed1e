// The bytes of a module form of a script, or why there are none. Shared by every directive that
// carries a module, so text assembly and its failures are handled one way.

import { assertNever } from '@tswasm/environ';

import type { WastModule } from '../wast/directive.js';
import { decodeStringLiteral } from '../wast/string-literal.js';
import { AssembleError, assembleText } from './assemble-text.js';

const UTF8 = new TextDecoder('utf-8', { ignoreBOM: true });

/** A module's bytes, or why the runner cannot have them. */
export type ModuleBytes =
  | { readonly kind: 'bytes'; readonly bytes: Uint8Array }
  /**
   * `module quote`: module text in strings, there to test the text parser (which is not ours).
   * `text` is the `(module ...)` form the strings spell, for a script that goes on to use it.
   */
  | { readonly kind: 'quote'; readonly text: string }
  /** `module instance`: it has no bytes of its own. */
  | { readonly kind: 'instance'; readonly definitionId: string | undefined }
  /** The text parser rejected the module text. */
  | { readonly kind: 'unassembled'; readonly reason: string };

/** Assembles module text; its failure is the text parser's. */
export async function assembleModuleText(text: string): Promise<ModuleBytes> {
  try {
    return { kind: 'bytes', bytes: await assembleText(text) };
  } catch (error) {
    if (!(error instanceof AssembleError)) throw error;
    return { kind: 'unassembled', reason: error.message };
  }
}

/**
 * Assembles a text module or takes a binary module's bytes; a quoted module is left as text.
 *
 * @throws {WastSyntaxError} if a quoted string is malformed (the lexer checked it already).
 */
export async function moduleBytes(module: WastModule): Promise<ModuleBytes> {
  const body = module.body;
  switch (body.form) {
    case 'quote': {
      const fields = body.literals.map((literal) => UTF8.decode(decodeStringLiteral(literal.text, literal))).join(' ');
      return { kind: 'quote', text: module.id === undefined ? `(module ${fields})` : `(module ${module.id} ${fields})` };
    }
    case 'instance':
      return { kind: 'instance', definitionId: body.definitionId };
    case 'binary':
      return { kind: 'bytes', bytes: body.bytes };
    case 'text':
      return assembleModuleText(body.text);
    default:
      return assertNever(body);
  }
}
