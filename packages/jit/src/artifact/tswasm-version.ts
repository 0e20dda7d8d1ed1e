/**
 * The tswasm version written into artifacts when the builder is not given an engine
 * description; keep it equal to the packages' version.
 */
export const TSWASM_VERSION = '0.1.0';
