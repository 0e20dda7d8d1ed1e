// The one place the runner meets our validator, so the rest of the runner depends only on the
// `ConformanceEngine` interface.

import { validateComponent, validateModule } from '@tswasm/environ';

import type { ConformanceEngine } from './runner/conformance-engine.js';

/** The conformance engine backed by tswasm's own environ. */
export const ENVIRON_ENGINE: ConformanceEngine = Object.freeze({
  validateModule(bytes, features) {
    validateModule(bytes, features);
  },
  validateComponent(bytes, features) {
    validateComponent(bytes, features);
  },
} satisfies ConformanceEngine);
