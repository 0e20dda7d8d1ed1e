// Component-to-component calls (wasmtime's fused adapters, crates/environ/src/fact): when a
// function lifted by one inlined component instance is lowered into another, no host code needs
// to run in between. Translation records an `Adapter` with both sides' canonical options, and a
// `Transcoder` for each string conversion the call may need: strings move from the lowering side
// to the lifting side for parameters and back for results, and need converting where the two
// sides' string encodings or memories differ (CanonicalABI.md "Strings").

import { assertNever } from '../../util/assert-never.js';
import type { ComponentTypeList } from '../types/component-type-list.js';
import { someValueTypeWithin } from '../types/value-type-parts.js';
import type { ComponentTypeId, ComponentValType } from '../types/component-types.js';
import type { AdapterIndex, CanonicalOptions, CoreDef, StringEncoding, Transcode } from './component-info.js';
import type { InlineOutput } from './inline-output.js';

/**
 * Records a fused adapter calling `callee` (lifted with `lift`) from a lowering with `lower`,
 * with its transcoders, and returns the core definition of the adapter.
 */
export function fuseAdapter(output: InlineOutput, types: ComponentTypeList, call: { type: ComponentTypeId; lowerType: ComponentTypeId; lift: CanonicalOptions; lower: CanonicalOptions; callee: CoreDef }): CoreDef {
  const index = output.newAdapter();
  output.initializers.push({ kind: 'Adapter', index, type: call.type, lowerType: call.lowerType, lift: call.lift, lower: call.lower, callee: call.callee });
  const func = types.get(call.type);
  if (func.kind === 'func') {
    if (func.params.some((p) => containsString(types, p.type))) addTranscoders(output, index, call.lower, call.lift);
    if (func.result !== null && containsString(types, func.result)) addTranscoders(output, index, call.lift, call.lower);
  }
  return { kind: 'Adapter', index };
}

function addTranscoders(output: InlineOutput, adapter: AdapterIndex, from: CanonicalOptions, to: CanonicalOptions): void {
  // A string always lives in a memory (the validator requires `memory` where strings pass).
  if (from.memory === null || to.memory === null) return;
  if (from.memory === to.memory && from.stringEncoding === to.stringEncoding) return;
  for (const op of transcodes(from.stringEncoding, to.stringEncoding)) {
    output.initializers.push({
      kind: 'Transcoder',
      index: output.newTranscoder(),
      adapter,
      op,
      fromMemory: from.memory,
      fromEncoding: from.stringEncoding,
      toMemory: to.memory,
      toEncoding: to.stringEncoding,
    });
  }
}

/**
 * The conversions moving a string from encoding `from` to `to` may use. A `latin1+utf16` string
 * is latin1 or utf16 at run time (its tag bit), so both its forms need a conversion; a string
 * going into `latin1+utf16` is first tried as latin1 and widened when it does not fit, as
 * wasmtime's adapter compiler does.
 */
export function transcodes(from: StringEncoding, to: StringEncoding): readonly Transcode[] {
  switch (from) {
    case 'utf8':
      switch (to) {
        case 'utf8':
          return ['Copy(Utf8)'];
        case 'utf16':
          return ['Utf8ToUtf16'];
        case 'latin1+utf16':
          return ['Utf8ToLatin1', 'Utf8ToCompactUtf16'];
        default:
          return assertNever(to);
      }
    case 'utf16':
      switch (to) {
        case 'utf8':
          return ['Utf16ToUtf8'];
        case 'utf16':
          return ['Copy(Utf16)'];
        case 'latin1+utf16':
          return ['Utf16ToCompactProbablyUtf16', 'Utf16ToLatin1'];
        default:
          return assertNever(to);
      }
    case 'latin1+utf16':
      switch (to) {
        case 'utf8':
          return ['Latin1ToUtf8', 'Utf16ToUtf8'];
        case 'utf16':
          return ['Latin1ToUtf16', 'Copy(Utf16)'];
        case 'latin1+utf16':
          return ['Copy(Latin1)', 'Copy(Utf16)'];
        default:
          return assertNever(to);
      }
    default:
      return assertNever(from);
  }
}

/** Whether a value of type `type` may hold a string (so passing it may need transcoding). */
function containsString(types: ComponentTypeList, type: ComponentValType | null): boolean {
  return someValueTypeWithin(types, type, 'containsString', (name) => name === 'string', (d) => {
    if (d.kind === 'primitive') return d.type === 'string';
    // A stream or future passes a handle; its strings are copied later, not by this call.
    if (d.kind === 'stream' || d.kind === 'future') return false;
    return null;
  });
}
