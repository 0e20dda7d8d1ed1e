// Runs the directives of one script against an engine. Each directive kind has its case in
// `runDirective`; the execution directives are skipped until the engine can instantiate and
// invoke (issue #3), at which point only their cases change, not how a script is run.

import type { WasmFeatures } from '@tswasm/environ';
import { assertNever, ValidationError } from '@tswasm/environ';

import type { Directive, WastModule } from '../wast/directive.js';
import { parseScript } from '../wast/script.js';
import { WastSyntaxError } from '../wast/wast-syntax-error.js';
import { AssembleError, assembleText } from './assemble-text.js';
import type { ConformanceEngine } from './conformance-engine.js';
import type { DirectiveOutcome, DirectiveResult, ScriptResult } from './directive-result.js';
import { featuresForPath } from './features-for-path.js';

/** What running a script needs besides its text. */
export interface RunScriptOptions {
  /** The script's suite path (see `suitePath`): it chooses the features and names results. */
  readonly path: string;
  readonly engine: ConformanceEngine;
}

/** What the directives of one script share while it runs. */
interface ScriptContext {
  readonly engine: ConformanceEngine;
  readonly features: WasmFeatures;
}

const PASSED: DirectiveOutcome = Object.freeze({ status: 'passed' });

function skipped(reason: string): DirectiveOutcome {
  return { status: 'skipped', reason };
}

function failed(message: string): DirectiveOutcome {
  return { status: 'failed', message, crash: false };
}

function crashed(error: unknown): DirectiveOutcome {
  const detail = error instanceof Error ? (error.stack ?? `${error.name}: ${error.message}`) : String(error);
  return { status: 'failed', message: `CRASH (not a ValidationError): ${detail}`, crash: true };
}

const NOT_EXECUTED = 'execution not supported yet (issue #3)';

// `(component $id? definition ...)` declares a component to validate (and name); `instance`
// instantiates one and has no content of its own; `quote` tests the text parser.
const COMPONENT_HEAD = /^\(component(\s+\$[^\s()]+)?(\s+(definition|instance|quote)\b)?/;

/** The component text the text parser takes, or why the directive is not judged. */
function componentSource(text: string): { readonly text: string } | { readonly skip: string } {
  const head = COMPONENT_HEAD.exec(text);
  const form = head?.[3];
  if (form === 'instance') return { skip: NOT_EXECUTED };
  if (form === 'quote') return { skip: 'component quote tests the text parser, which is not ours' };
  if (head !== null && form === 'definition') return { text: `(component${head[1] ?? ''}${text.slice(head[0].length)}` };
  return { text };
}

/** `(component ...)`: the component must assemble and validate. */
async function runComponent(context: ScriptContext, text: string): Promise<DirectiveOutcome> {
  const source = componentSource(text);
  if ('skip' in source) return skipped(source.skip);
  let bytes: Uint8Array;
  try {
    bytes = await assembleText(source.text);
  } catch (error) {
    if (!(error instanceof AssembleError)) throw error;
    // The old `cancellable` syntax is no longer read by jco's text parser.
    if (error.message.includes('cancellable')) return skipped(`the text parser rejected the component: ${error.message}`);
    return failed(`the text parser rejected the component: ${error.message}`);
  }
  try {
    context.engine.validateComponent(bytes, context.features);
    return PASSED;
  } catch (error) {
    if (error instanceof ValidationError) return failed(`valid component rejected: ${error.message}`);
    return crashed(error);
  }
}

/** `assert_invalid` / `assert_malformed` of a component: validation must reject it. */
async function runComponentRejected(context: ScriptContext, text: string, directive: AssertRejected): Promise<DirectiveOutcome> {
  const source = componentSource(text);
  if ('skip' in source) return skipped(source.skip);
  let bytes: Uint8Array;
  try {
    bytes = await assembleText(source.text);
  } catch (error) {
    if (!(error instanceof AssembleError)) throw error;
    return skipped(`the text parser rejected the component, so our validator never saw it: ${error.message}`);
  }
  try {
    context.engine.validateComponent(bytes, context.features);
  } catch (error) {
    if (error instanceof ValidationError) return PASSED;
    return crashed(error);
  }
  const what = directive.kind === 'assert_invalid' ? 'an invalid' : 'a malformed';
  return failed(`expected ${what} component ("${directive.message}"), but it validated`);
}

/**
 * Runs every directive of `source` and reports each one's outcome. A script that cannot be read
 * yields one failure of kind `script`; it never throws for bad script text.
 */
export async function runScript(source: string, options: RunScriptOptions): Promise<ScriptResult> {
  const results: DirectiveResult[] = [];
  let directives: Directive[];
  try {
    directives = parseScript(source);
  } catch (error) {
    if (!(error instanceof WastSyntaxError)) throw error;
    results.push({ line: error.line, kind: 'script', outcome: failed(`script could not be read: ${error.message}`) });
    return summarize(options.path, results);
  }
  const selection = featuresForPath(options.path);
  if (selection.kind === 'unsupported') {
    for (const directive of directives) results.push({ line: directive.line, kind: directive.kind, outcome: skipped(selection.reason) });
    return summarize(options.path, results);
  }
  const context: ScriptContext = { engine: options.engine, features: selection.features };
  for (const directive of directives) {
    results.push({ line: directive.line, kind: directive.kind, outcome: await runDirective(context, directive) });
  }
  return summarize(options.path, results);
}

function summarize(path: string, results: readonly DirectiveResult[]): ScriptResult {
  let passed = 0;
  let failedCount = 0;
  let skippedCount = 0;
  for (const { outcome } of results) {
    if (outcome.status === 'passed') passed++;
    else if (outcome.status === 'failed') failedCount++;
    else skippedCount++;
  }
  return { path, results, passed, failed: failedCount, skipped: skippedCount };
}

async function runDirective(context: ScriptContext, directive: Directive): Promise<DirectiveOutcome> {
  switch (directive.kind) {
    case 'module':
      return runModule(context, directive.module);
    case 'assert_invalid':
    case 'assert_malformed':
      return runAssertRejected(context, directive);
    case 'component':
      return runComponent(context, directive.text);
    // Modules inside these directives are not judged either: whether they are meant to be valid
    // depends on the directive's execution semantics.
    case 'register':
    case 'invoke':
    case 'get':
    case 'assert_return':
    case 'assert_trap':
    case 'assert_exhaustion':
    case 'assert_exception':
    case 'assert_unlinkable':
    case 'assert_uninstantiable':
    case 'thread':
    case 'wait':
    case 'either':
      return skipped(NOT_EXECUTED);
    default:
      return assertNever(directive);
  }
}

/** `(module ...)`: the module must assemble and validate. */
async function runModule(context: ScriptContext, module: WastModule): Promise<DirectiveOutcome> {
  const body = module.body;
  let bytes: Uint8Array;
  switch (body.form) {
    case 'quote':
      return skipped('module quote tests the text parser, which is not ours');
    case 'instance':
      return skipped(NOT_EXECUTED);
    case 'binary':
      bytes = body.bytes;
      break;
    case 'text':
      try {
        bytes = await assembleText(body.text);
      } catch (error) {
        if (!(error instanceof AssembleError)) throw error;
        // A module the script says is valid should assemble; say so rather than skip it quietly.
        return failed(`the text parser rejected the module: ${error.message}`);
      }
      break;
    default:
      return assertNever(body);
  }
  try {
    context.engine.validateModule(bytes, context.features);
    return PASSED;
  } catch (error) {
    if (error instanceof ValidationError) return failed(`valid module rejected: ${error.message}`);
    return crashed(error);
  }
}

/** The directives that expect a module to be rejected. */
type AssertRejected = Extract<Directive, { kind: 'assert_invalid' | 'assert_malformed' }>;

/** `assert_invalid` / `assert_malformed`: validation must reject the module. */
async function runAssertRejected(context: ScriptContext, directive: AssertRejected): Promise<DirectiveOutcome> {
  const { kind, target, message: expected } = directive;
  if (target.kind === 'component') return runComponentRejected(context, target.text, directive);
  const body = target.body;
  let bytes: Uint8Array;
  switch (body.form) {
    case 'quote':
      return skipped('module quote tests the text parser, which is not ours');
    case 'instance':
      return skipped(NOT_EXECUTED);
    case 'binary':
      bytes = body.bytes;
      break;
    case 'text':
      try {
        bytes = await assembleText(body.text);
      } catch (error) {
        if (!(error instanceof AssembleError)) throw error;
        return skipped(`the text parser rejected the module, so our validator never saw it: ${error.message}`);
      }
      break;
    default:
      return assertNever(body);
  }
  try {
    context.engine.validateModule(bytes, context.features);
  } catch (error) {
    if (error instanceof ValidationError) return PASSED;
    return crashed(error);
  }
  const what = kind === 'assert_invalid' ? 'an invalid' : 'a malformed';
  return failed(`expected ${what} module ("${expected}"), but it validated`);
}
