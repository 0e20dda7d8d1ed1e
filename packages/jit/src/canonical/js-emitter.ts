// The JS source builder the canonical-ABI generators write into. Values are passed around as
// expressions (strings of JS) and every expression that is used twice or has effects is bound
// to a fresh `const` first, so generated code never evaluates a guest read or a host getter
// twice. Helpers (decoders, slow paths) go into a prelude once per trampoline, keyed by name.

/** Most lines one trampoline may have: a hostile type DAG unfolds exponentially, so stop early. */
export const MAX_TRAMPOLINE_LINES = 200_000;

/** Thrown when a signature's adapter would exceed `MAX_TRAMPOLINE_LINES`. */
export class TrampolineTooLargeError extends RangeError {
  constructor() {
    super(`canonical ABI adapter too large: more than ${MAX_TRAMPOLINE_LINES} lines of generated code`);
    this.name = 'TrampolineTooLargeError';
  }
}

/** Accumulates one trampoline's JS source: a prelude of helpers, then the function body. */
export class JsEmitter {
  readonly #prelude = new Map<string, string>();
  readonly #lines: string[] = [];
  readonly #constants = new Map<string, string>();
  #indent = 1;
  #next = 0;

  /** A fresh local name: `prefix` (letters only) and a number unique in this trampoline. */
  tmp(prefix = 't'): string {
    return `${prefix}${this.#next++}`;
  }

  /** Appends one statement at the current indentation. */
  line(code: string): void {
    if (this.#lines.length >= MAX_TRAMPOLINE_LINES) throw new TrampolineTooLargeError();
    this.#lines.push('  '.repeat(this.#indent) + code);
  }

  /** Appends `head {` and indents what follows until `close`. */
  open(head: string): void {
    this.line(`${head} {`);
    this.#indent++;
  }

  /** Ends the block `open` started; a `tail` ending in `{` opens the next one (`} else {`). */
  close(tail = ''): void {
    this.#indent--;
    this.line(`}${tail}`);
    if (tail.endsWith('{')) this.#indent++;
  }

  /** Binds `expr` to a fresh `const` and returns its name (or `expr` itself if it is a name or literal). */
  bind(expr: string, prefix = 't'): string {
    if (/^[A-Za-z_$][\w$]*$/.test(expr) || /^-?\d+n?$/.test(expr)) return expr;
    const name = this.tmp(prefix);
    this.line(`const ${name} = ${expr};`);
    return name;
  }

  /** Defines the helper `name` once in the prelude (`code` is its full declaration); returns `name`. */
  helper(name: string, code: () => string): string {
    if (!this.#prelude.has(name)) this.#prelude.set(name, code());
    return name;
  }

  /** A prelude `const` holding `code` (deduplicated by `code`); returns its name. */
  constant(code: string, prefix = 'K'): string {
    const key = `const:${code}`;
    const existing = this.#constants.get(key);
    if (existing !== undefined) return existing;
    const name = `${prefix}${this.#next++}`;
    this.#constants.set(key, name);
    this.#prelude.set(key, `const ${name} = ${code};`);
    return name;
  }

  /** Whether the helper `name` was requested. */
  hasHelper(name: string): boolean {
    return this.#prelude.has(name);
  }

  /** The prelude's declarations, in the order they were first requested. */
  preludeSource(): string {
    return [...this.#prelude.values()].join('\n');
  }

  /** The body lines written so far. */
  bodySource(): string {
    return this.#lines.join('\n');
  }
}

/** `s` as a JS string literal. */
export function jsString(s: string): string {
  return JSON.stringify(s);
}
