// Which features each part of the conformance tree is validated with. Paths are suite paths
// (see `suitePath`): `core/...`, `core-3.0/...`, `component-model/...`.

import type { WasmFeatures } from '@tswasm/environ';
import { WASM2_FEATURES, withFeatures } from '@tswasm/environ';

/** The features a script is run with, or why it is not run at all. */
export type FeatureSelection =
  | { readonly kind: 'supported'; readonly features: WasmFeatures }
  | { readonly kind: 'unsupported'; readonly reason: string };

/** The reason given for every directive of a script whose features we cannot validate yet. */
export const FEATURE_NOT_SUPPORTED = 'feature not supported yet';

// Proposal folder -> the flags it needs on top of WebAssembly 2.0; `undefined` means the
// proposal is not validated yet, so its scripts are skipped as a whole.
const PROPOSAL_FEATURES: ReadonlyMap<string, Partial<WasmFeatures> | undefined> = new Map<string, Partial<WasmFeatures> | undefined>([
  ['tail-call', { tailCall: true }],
  ['extended-const', { extendedConst: true }],
  ['multi-memory', { multiMemory: true }],
  ['relaxed-simd', { relaxedSimd: true }],
  // The threads proposal was written before reference types (it expects "multiple tables"
  // to be invalid), so its scripts run without them.
  ['threads', { threads: true, referenceTypes: false }],
  // Includes `legacy/`: the legacy instructions are validated beside the new ones.
  // Its scripts also use return_call: the proposal was written on top of tail calls.
  ['exception-handling', { exceptions: true, legacyExceptions: true, tailCall: true }],
  // The annotations proposal changes only the text format, which the text parser handles.
  ['annotations', {}],
  ['function-references', undefined],
  ['gc', undefined],
  ['memory64', undefined],
  ['custom-page-sizes', undefined],
  ['wide-arithmetic', undefined],
]);

/**
 * Chooses the features for the script at `suitePath`.
 *
 * `core/*.wast` is WebAssembly 2.0; `core/proposals/<name>/` adds that proposal's flags;
 * `core-3.0/` is not supported yet (Wasm 3.0 validation is a later issue); everything else
 * (our own scripts outside these folders) is validated as WebAssembly 2.0, and `component-model/`
 * as WebAssembly 2.0 with multi-memory, exceptions and every component-model feature.
 */
export function featuresForPath(suitePath: string): FeatureSelection {
  const parts = suitePath.split('/');
  if (parts[0] === 'core-3.0') return { kind: 'unsupported', reason: FEATURE_NOT_SUPPORTED };
  if (parts[0] === 'core' && parts[1] === 'proposals' && parts.length > 3) {
    const proposal = parts[2] ?? '';
    if (!PROPOSAL_FEATURES.has(proposal)) return { kind: 'unsupported', reason: `${FEATURE_NOT_SUPPORTED}: unknown proposal ${proposal}` };
    const changes = PROPOSAL_FEATURES.get(proposal);
    if (changes === undefined) return { kind: 'unsupported', reason: FEATURE_NOT_SUPPORTED };
    return { kind: 'supported', features: withFeatures(WASM2_FEATURES, changes) };
  }
  // The Component Model suite runs with every component proposal on, as its README runs wasmtime.
  if (parts[0] === 'component-model') return { kind: 'supported', features: COMPONENT_MODEL_FEATURES };
  return { kind: 'supported', features: WASM2_FEATURES };
}

const COMPONENT_MODEL_FEATURES = withFeatures(WASM2_FEATURES, {
  // wasmtime's defaults, which the suite's core modules rely on.
  multiMemory: true,
  exceptions: true,
  componentModelAsync: true,
  componentModelAsyncBuiltins: true,
  componentModelAsyncStackful: true,
  componentModelErrorContext: true,
  componentModelThreading: true,
  componentModelFixedLengthLists: true,
  componentModelMap: true,
});
