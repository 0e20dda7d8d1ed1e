// Runs the directives of one script against an engine. Each directive kind has its case in
// `runDirective`. An engine that can execute gets a session per script and the execution
// directives run (`run-command.ts`); an engine that can only validate has its modules validated
// and the execution directives skipped.

import type { WasmFeatures } from '@tswasm/environ';
import { assertNever, ValidationError } from '@tswasm/environ';

import type { Directive, WastModule } from '../wast/directive.js';
import { parseScript } from '../wast/script.js';
import type { WastCommand } from '../wast/wast-command.js';
import { readCommand } from '../wast/wast-command.js';
import { WastSyntaxError } from '../wast/wast-syntax-error.js';
import type { ConformanceEngine, ExecutionSession } from './conformance-engine.js';
import type { DirectiveOutcome, DirectiveResult, ScriptResult } from './directive-result.js';
import { featuresForPath } from './features-for-path.js';
import { AssembleError, assembleText } from './assemble-text.js';
import { moduleBytes } from './module-bytes.js';
import { crashed, failed, PASSED, skipped } from './outcomes.js';
import type { ExecutionState } from './run-command.js';
import { runCommand, runModuleInstance } from './run-command.js';
import { asComponentCommand, runComponentCommand, runComponentForm } from './run-component.js';
import { readComponentCommand, readComponentForm } from '../wast/component-command.js';

/** What running a script needs besides its text. */
export interface RunScriptOptions {
  /** The script's suite path (see `suitePath`): it chooses the features and names results. */
  readonly path: string;
  readonly engine: ConformanceEngine;
}

/** What the directives of one script share while it runs. */
interface ScriptContext {
  readonly source: string;
  readonly engine: ConformanceEngine;
  readonly features: WasmFeatures;
  /** Null when the engine can only validate, or cannot run this script's features. */
  readonly execution: ExecutionState | null;
  /** Why execution directives are skipped when `execution` is null. */
  readonly notExecutedReason: string;
}

const NOT_EXECUTED = 'the engine can only validate, so execution directives are skipped';
const NOT_EXECUTED_COMPONENTS = 'the engine does not run components, so execution directives of a script with components are skipped';

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
 * Whether a directive defines or instantiates a component: `(component ...)` itself, or an
 * assertion about one (`(assert_trap (component ...) ...)`). Invalid components are judged by
 * validation alone, so `assert_invalid`/`assert_malformed` do not count.
 */
function runsComponent(directive: Directive): boolean {
  if (directive.kind === 'component') return true;
  if (directive.kind === 'assert_invalid' || directive.kind === 'assert_malformed') return false;
  return directive.node.items.some((item) => item.kind === 'list' && item.items[0]?.kind === 'leaf' && item.items[0].token.text === 'component');
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
  const { engine } = options;
  const features = selection.features;
  let execution: ExecutionState | null = null;
  // A script that defines components runs them; an engine that cannot still validates them.
  const definesComponents = directives.some(runsComponent);
  const runsComponents = definesComponents && engine.executesComponents === true;
  // A host engine that cannot compile a feature the script needs (Node 20 and multi-memory,
  // say) still validates the script's modules; only execution is skipped. A component script's
  // features are the suite's blanket setting (wasmtime's defaults), not what its components
  // use, so there the engine judges each component when it compiles it instead.
  const hostGap = runsComponents ? null : (engine.executionUnsupported?.(features) ?? null);
  const componentGap = definesComponents && engine.executesComponents !== true ? NOT_EXECUTED_COMPONENTS : null;
  const notExecutedReason = componentGap ?? hostGap ?? NOT_EXECUTED;
  if (engine.startSession !== undefined && hostGap === null && componentGap === null) {
    let session: ExecutionSession;
    try {
      session = engine.startSession(features);
    } catch (error) {
      // Without a session nothing can run; each directive carries the crash.
      const outcome = crashed(error);
      for (const directive of directives) results.push({ line: directive.line, kind: directive.kind, outcome });
      return summarize(options.path, results);
    }
    execution = {
      session,
      definitions: new Map(),
      instances: new Map(),
      componentDefinitions: new Map(),
      componentInstances: new Set(),
      current: undefined,
      threads: new Set(),
      runNested: (state, directive) => runDirective({ source, engine, features, execution: state, notExecutedReason }, directive),
    };
  }
  const context: ScriptContext = { source, engine, features, execution, notExecutedReason };
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
      return context.execution === null ? validateOnly(context, directive.module) : runModuleInstance(context.execution, directive.module);
    case 'assert_invalid':
    case 'assert_malformed':
      return runAssertRejected(context, directive);
    case 'component':
      // An execution state here means the engine runs components (see `runScript`).
      if (context.execution !== null) return runComponentForm(context.execution, readComponentForm(context.source, directive.node));
      return runComponent(context, directive.text);
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
    case 'either': {
      // Without execution, modules inside these directives are not judged either: whether they
      // are meant to be valid depends on the directive's execution semantics.
      if (context.execution === null) return skipped(context.notExecutedReason);
      const componentCommand = asComponentCommand(context.execution, directive);
      if (componentCommand !== null) {
        try {
          return await runComponentCommand(context.execution, readComponentCommand(context.source, componentCommand));
        } catch (error) {
          if (!(error instanceof WastSyntaxError)) throw error;
          return failed(`directive could not be read: ${error.message}`);
        }
      }
      let command: WastCommand;
      try {
        command = readCommand(context.source, directive);
      } catch (error) {
        if (!(error instanceof WastSyntaxError)) throw error;
        return failed(`directive could not be read: ${error.message}`);
      }
      return runCommand(context.execution, command);
    }
    default:
      return assertNever(directive);
  }
}

/** `(module ...)` without execution: the module must assemble and validate. */
async function validateOnly(context: ScriptContext, module: WastModule): Promise<DirectiveOutcome> {
  const bytes = await moduleBytes(module);
  switch (bytes.kind) {
    case 'quote':
      return skipped('module quote tests the text parser, which is not ours');
    case 'instance':
      return skipped(NOT_EXECUTED);
    case 'unassembled':
      // A module the script says is valid should assemble; say so rather than skip it quietly.
      return failed(`the text parser rejected the module: ${bytes.reason}`);
    case 'bytes':
      break;
    default:
      return assertNever(bytes);
  }
  try {
    context.engine.validateModule(bytes.bytes, context.features);
    return PASSED;
  } catch (error) {
    if (error instanceof ValidationError) return failed(`valid module rejected: ${error.message}`);
    return crashed(error);
  }
}

/** The directives that expect a module to be rejected. */
type AssertRejected = Extract<Directive, { kind: 'assert_invalid' | 'assert_malformed' }>;

/**
 * `assert_invalid` / `assert_malformed`: validation must reject the module. This is judged by
 * `validateModule` in both modes: compiling through a session would judge the same bytes.
 */
async function runAssertRejected(context: ScriptContext, directive: AssertRejected): Promise<DirectiveOutcome> {
  const { kind, target, message: expected } = directive;
  if (target.kind === 'component') return runComponentRejected(context, target.text, directive);
  const bytes = await moduleBytes(target);
  switch (bytes.kind) {
    case 'quote':
      return skipped('module quote tests the text parser, which is not ours');
    case 'instance':
      return failed('a module instance cannot be malformed or invalid');
    case 'unassembled':
      return skipped(`the text parser rejected the module, so our validator never saw it: ${bytes.reason}`);
    case 'bytes':
      break;
    default:
      return assertNever(bytes);
  }
  try {
    context.engine.validateModule(bytes.bytes, context.features);
  } catch (error) {
    if (error instanceof ValidationError) return PASSED;
    return crashed(error);
  }
  const what = kind === 'assert_invalid' ? 'an invalid' : 'a malformed';
  return failed(`expected ${what} module ("${expected}"), but it validated`);
}
