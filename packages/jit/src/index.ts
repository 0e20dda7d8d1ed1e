export { detectHostFeatures, detectHostSupport } from './host/host-features.js';
export type { HostWasmSupport } from './host/host-features.js';
export type { ArtifactKind } from './artifact/artifact-kind.js';
export { ArtifactError } from './artifact/artifact-error.js';
export { engineFingerprint, describeEngine } from './artifact/engine-fingerprint.js';
export type { EngineFingerprintInput } from './artifact/engine-fingerprint.js';
export { ObjectBuilder } from './artifact/object-builder.js';
export { CodeMemory } from './artifact/code-memory.js';
export type { ArtifactOwnership, PublishedCode, ExpectedArtifact, ArtifactSummary } from './artifact/code-memory.js';
export { ARTIFACT_MAGIC, ARTIFACT_FORMAT_VERSION } from './artifact/container-format.js';
export { crc32, crc32Portable } from './artifact/crc32.js';
export { TSWASM_VERSION } from './artifact/tswasm-version.js';
export { encodeModuleTranslation, decodeModuleTranslation } from './artifact/module-translation-codec.js';
export { encodeComponentTranslation, decodeComponentTranslation } from './artifact/component-translation-codec.js';
export { buildComponentArtifact, decodeComponentArtifact, loadComponentArtifact } from './artifact/component-artifact.js';
export type { LoadedComponentArtifact } from './artifact/component-artifact.js';
export { buildFactorySection, decodeFactoryIndex, lazyFactories } from './artifact/factory-sources.js';
export type { FactoryIndexEntry, FactorySection, FactorySource, LoadedFactory } from './artifact/factory-sources.js';
export { ADAPTER_EXPORT, ADAPTER_IMPORT, hostFuncAdapterBytes } from './trampolines/host-func-adapter.js';
export { V128_LANES, hasFloat, hasV128, laneType, v128AdapterBytes } from './trampolines/v128-adapter.js';
export type { V128AdapterDirection } from './trampolines/v128-adapter.js';
export { hostCallSource, makeHostCallFactory, makeTypedCallFactory, typedCallSource } from './trampolines/typed-call-trampoline.js';
export type { ErrorMapper, HostCallFactory, TypedCallFactory } from './trampolines/typed-call-trampoline.js';
export { TrampolineCache } from './trampolines/trampoline-cache.js';
export { WASM_HEADER, funcTypeKey, name, section, uleb, valTypeBytes, vec } from './trampolines/wasm-bytes.js';
export { makeUntypedCallFactory, untypedCallSource } from './trampolines/untyped-call-trampoline.js';
export type { TaggedValue, UntypedCall, UntypedCallFactory } from './trampolines/untyped-call-trampoline.js';
export { v128GlobalAccessorBytes, v128GlobalBytes } from './trampolines/v128-global-adapter.js';
export { floatGlobalAccessorBytes, floatGlobalBytes } from './trampolines/float-global-adapter.js';
export type { FloatGlobalKind } from './trampolines/float-global-adapter.js';
export {
  canonicalSignature,
  generateLiftedExport,
  generateLoweredImport,
  generateStoreResult,
  instantiateCanonicalTrampoline,
  makeCanonicalFactory,
} from './canonical/func-trampolines.js';
export type { CanonicalFactory, CanonicalTrampoline, TrampolineDirection } from './canonical/func-trampolines.js';
export type { CanonicalAbiOptions, CanonicalEnv, CanonicalMemory, CanonicalTrapCode, StringEncoding } from './canonical/abi-options.js';
export { TRAP_MESSAGES } from './canonical/abi-options.js';
export { fusedAdapterKey, fusedAdapterSignature, generateFusedAdapter, makeAdapterFactory } from './canonical/adapter/fused-adapter.js';
export { ADAPTER_TRAPS } from './canonical/adapter/adapter-env.js';
export type { AdapterAbiOptions, AdapterCallScope, AdapterEnv, AdapterFactory, AdapterHandleTable, AdapterRealloc } from './canonical/adapter/adapter-env.js';
export { adapterUnsupported, containsAsyncValue } from './canonical/adapter/adapter-support.js';
export { asyncValueKey } from './canonical/async-values.js';
export { FLAG_MAY_ENTER, FLAG_MAY_LEAVE, InstanceFlags } from './canonical/adapter/instance-flags.js';
export { signatureKey, signatureKeyWithResources, unfoldedSize } from './canonical/signature-key.js';
export type { SignatureKey } from './canonical/signature-key.js';
export { camelCase, pascalCase } from './canonical/names.js';
export { MAX_TRAMPOLINE_LINES, TrampolineTooLargeError } from './canonical/js-emitter.js';
export { runMaybeParallel, parallelLanes } from './parallel/run-maybe-parallel.js';
export type { RunMaybeParallelOptions } from './parallel/run-maybe-parallel.js';
export type { ParallelTask } from './parallel/parallel-task.js';
export { WorkerPool } from './parallel/worker-pool.js';
export type { ReplyPort, WorkerPoolOptions } from './parallel/worker-pool.js';
export { translateModuleParallel, PARALLEL_VALIDATION_MIN_CODE_BYTES } from './parallel/translate-module-parallel.js';
export type { TranslateModuleParallelOptions } from './parallel/translate-module-parallel.js';
export { prepareFunctionBodyValidation, VALIDATE_FUNCTION_BODIES_TASK } from './parallel/validate-bodies-task.js';
export type { FunctionBodyRange, ModuleBytes } from './parallel/validate-bodies-task.js';
export { translateComponentParallel } from './parallel/translate-component-parallel.js';
export type { TranslateComponentParallelOptions } from './parallel/translate-component-parallel.js';
export { prepareNestedBodyValidation, VALIDATE_NESTED_BODIES_TASK } from './parallel/validate-component-bodies-task.js';
export type { ComponentModuleBytes, NestedBodyRange } from './parallel/validate-component-bodies-task.js';
