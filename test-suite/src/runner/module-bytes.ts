// The bytes of a module form of a script, or why there are none. Shared by every directive that
// carries a module, so text assembly and its failures are handled one way.

import { assertNever } from '@tswasm/environ';

import type { WastModule } from '../wast/directive.js';
import { AssembleError, assembleText } from './assemble-text.js';

/** A module's bytes, or why the runner cannot have them. */
export type ModuleBytes =
  | { readonly kind: 'bytes'; readonly bytes: Uint8Array }
  /** `module quote`: it tests the text parser, which is not ours. */
  | { readonly kind: 'quote' }
  /** `module instance`: it has no bytes of its own. */
  | { readonly kind: 'instance'; readonly definitionId: string | undefined }
  /** The text parser rejected the module text. */
  | { readonly kind: 'unassembled'; readonly reason: string };

/** Assembles a text module or takes a binary module's bytes. */
export async function moduleBytes(module: WastModule): Promise<ModuleBytes> {
  const body = module.body;
  switch (body.form) {
    case 'quote':
      return { kind: 'quote' };
    case 'instance':
      return { kind: 'instance', definitionId: body.definitionId };
    case 'binary':
      return { kind: 'bytes', bytes: body.bytes };
    case 'text':
      try {
        return { kind: 'bytes', bytes: await assembleText(body.text) };
      } catch (error) {
        if (!(error instanceof AssembleError)) throw error;
        return { kind: 'unassembled', reason: error.message };
      }
    default:
      return assertNever(body);
  }
}
