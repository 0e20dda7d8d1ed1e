// The numbers of CanonicalABI.md's async ABI that cross into core wasm: what a callback returns,
// the events it receives, a subtask's states and a copy's outcome.

/** What a stackless task's core function or callback returns in its low 4 bits (`CallbackCode`). */
export const CallbackCode = { EXIT: 0, YIELD: 1, WAIT: 2 } as const;

/** The first value of an event (`EventCode`). */
export const EventCode = {
  NONE: 0,
  SUBTASK: 1,
  STREAM_READ: 2,
  STREAM_WRITE: 3,
  FUTURE_READ: 4,
  FUTURE_WRITE: 5,
  TASK_CANCELLED: 6,
} as const;

/** A subtask's progress as its caller sees it (`Subtask.State`). */
export const SubtaskState = {
  STARTING: 0,
  STARTED: 1,
  RETURNED: 2,
  CANCELLED_BEFORE_STARTED: 3,
  CANCELLED_BEFORE_RETURNED: 4,
} as const;

/** An event as the guest receives it: the code and two payload words. */
export interface AsyncEvent {
  readonly code: number;
  readonly index: number;
  readonly payload: number;
}

/** How a stream or future copy ended (`CopyResult`), in the low 4 bits of its packed result. */
export const CopyResult = { COMPLETED: 0, DROPPED: 1, CANCELLED: 2 } as const;

/** What a copy, cancel or `subtask.cancel` returns when it has not finished (`BLOCKED`). */
export const BLOCKED = 0xffff_ffff;
