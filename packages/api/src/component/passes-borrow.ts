// Whether a call of a function type lends anything: only a `borrow` among the parameters does
// (CanonicalABI.md: results cannot contain borrows, and owns move without a call's bookkeeping).
// A lifted export or lowered import whose parameters hold none needs no call scope, which keeps two runtime calls
// and a try/catch branch out of every call of such a function (a resource constructor, say).

import type { ComponentFuncType, ComponentInfo } from '@tswasm/environ';

/** Whether a parameter of `type` contains a `borrow` handle. */
export function passesBorrow(info: ComponentInfo, type: ComponentFuncType): boolean {
  return type.params.some(({ type: param }) => {
    if (param.kind === 'primitive') return false;
    const entry = info.types.get(param.id);
    return entry.kind === 'defined' && entry.containsBorrow;
  });
}
