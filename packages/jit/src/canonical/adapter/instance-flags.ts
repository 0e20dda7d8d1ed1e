// The per-component-instance flags of CanonicalABI.md ("may_leave" / "may_enter"), as bits of
// one word per instance, as wasmtime keeps them (`FLAG_MAY_LEAVE`, `FLAG_MAY_ENTER` in
// wasmtime-environ). Generated code (adapters, export entries, lowerings) takes an instance's
// `InstanceFlags` object once and tests and flips its bits directly, so a call costs no function
// calls for its flags. An object per instance rather than one typed array: V8 reads and writes
// an object's field faster than a typed array's element (its bounds and detach checks), which
// measured about 1.5 ns of a component call's 3 ns of bookkeeping on Node 20.

/** Set while the instance may call out (cleared around realloc, post-return and lowering). */
export const FLAG_MAY_LEAVE = 1;

/** Set while the instance may be entered (cleared while a call into it runs, and after a trap). */
export const FLAG_MAY_ENTER = 2;

/** The flags of one component instance; both set at first. */
export class InstanceFlags {
  /** `FLAG_MAY_LEAVE | FLAG_MAY_ENTER` bits. */
  bits = FLAG_MAY_LEAVE | FLAG_MAY_ENTER;
}
