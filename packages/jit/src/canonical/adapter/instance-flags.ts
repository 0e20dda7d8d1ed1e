// The per-component-instance flags of CanonicalABI.md ("may_leave" / "may_enter"), as bits of
// one byte per instance, as wasmtime keeps them (`FLAG_MAY_LEAVE`, `FLAG_MAY_ENTER` in
// wasmtime-environ). Generated adapters test and flip these bits directly in the runtime's
// flags array, so a component-to-component call costs no function calls for its flags.

/** Set while the instance may call out (cleared around realloc, post-return and lowering). */
export const FLAG_MAY_LEAVE = 1;

/** Set while the instance may be entered (cleared while a call into it runs, and after a trap). */
export const FLAG_MAY_ENTER = 2;
