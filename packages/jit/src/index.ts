export { detectHostFeatures, detectHostSupport } from './host/host-features.js';
export type { HostWasmSupport } from './host/host-features.js';
