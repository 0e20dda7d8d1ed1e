/** Marks a broken invariant: a case the types say cannot happen. Never used to check input. */
export function assertNever(value: never): never {
  throw new Error('internal error: unhandled case', { cause: value });
}

/** Marks code that a broken invariant would reach. Never used to check input. */
export function unreachable(message: string): never {
  throw new Error(`internal error: ${message}`);
}
