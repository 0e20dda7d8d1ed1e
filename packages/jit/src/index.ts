export { detectHostFeatures, detectHostSupport } from './host/host-features.js';
export type { HostWasmSupport } from './host/host-features.js';
export { ADAPTER_EXPORT, ADAPTER_IMPORT, hostFuncAdapterBytes } from './trampolines/host-func-adapter.js';
export { V128_LANES, hasV128, laneType, v128AdapterBytes } from './trampolines/v128-adapter.js';
export type { V128AdapterDirection } from './trampolines/v128-adapter.js';
export { hostCallSource, makeHostCallFactory, makeTypedCallFactory, typedCallSource } from './trampolines/typed-call-trampoline.js';
export type { ErrorMapper, HostCallFactory, TypedCallFactory } from './trampolines/typed-call-trampoline.js';
export { TrampolineCache } from './trampolines/trampoline-cache.js';
export { funcTypeKey } from './trampolines/wasm-bytes.js';
