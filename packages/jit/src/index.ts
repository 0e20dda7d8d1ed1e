export { detectHostFeatures } from './host/host-features.js';
