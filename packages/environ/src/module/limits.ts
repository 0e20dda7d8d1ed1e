// Implementation limits, agreed between engines and enforced by wasmparser (its `limits.rs`).
// Counts are checked against them before anything is allocated, so a hostile count cannot
// exhaust memory.

/** Most types a module may define. */
export const MAX_WASM_TYPES = 1_000_000;
/** Most functions (imported and defined). */
export const MAX_WASM_FUNCTIONS = 1_000_000;
/** Most imports. */
export const MAX_WASM_IMPORTS = 1_000_000;
/** Most exports. */
export const MAX_WASM_EXPORTS = 1_000_000;
/** Most globals (imported and defined). */
export const MAX_WASM_GLOBALS = 1_000_000;
/** Most element segments. */
export const MAX_WASM_ELEMENT_SEGMENTS = 100_000;
/** Most data segments. */
export const MAX_WASM_DATA_SEGMENTS = 100_000;
/** Most parameters of a function type. */
export const MAX_WASM_FUNCTION_PARAMS = 1000;
/** Most results of a function type. */
export const MAX_WASM_FUNCTION_RETURNS = 1000;
/** Most items in one element segment. */
export const MAX_WASM_TABLE_ENTRIES = 10_000_000;
/** Most tables when reference types are enabled (otherwise one). */
export const MAX_WASM_TABLES = 100;
/** Most memories when multi-memory is enabled (otherwise one). */
export const MAX_WASM_MEMORIES = 100;
/** Most tags (imported and defined). */
export const MAX_WASM_TAGS = 1_000_000;
/** Most 64 KiB pages a 32-bit memory may have: 4 GiB. */
export const MAX_WASM_MEMORY32_PAGES = 65536;
