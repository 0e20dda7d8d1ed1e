// JS-Reference.md unwraps a `result` in return position: JS sees the `ok` payload as the return
// value and the `error` payload as a thrown exception. Which payloads exist decides how.

import type { ComponentFuncType, ComponentTypeList } from '@tswasm/environ';

/** How a function's result crosses to JS. */
export interface ResultShape {
  /** Whether the result is a `result<…>`, unwrapped into a return or a throw. */
  readonly throwing: boolean;
  /** Whether there is an `ok` payload (for a non-`result` result: whether there is a result). */
  readonly hasOk: boolean;
  /** Whether a `result` has an `error` payload. */
  readonly hasErr: boolean;
}

/** The shape of `type`'s result (JS-Reference.md's |okType|, |errorType| and |throwing|). */
export function resultShape(types: ComponentTypeList, type: ComponentFuncType): ResultShape {
  const result = type.result;
  if (result !== null && result.kind === 'defined') {
    const entry = types.get(result.id);
    if (entry.kind === 'defined' && entry.type.kind === 'result') {
      return { throwing: true, hasOk: entry.type.ok !== null, hasErr: entry.type.err !== null };
    }
  }
  return { throwing: false, hasOk: result !== null, hasErr: false };
}
