// The execution directives against an engine's `ExecutionSession`, one case per command kind.
// A script's modules are named as the spec interpreter names them: each instantiated module
// becomes the current one, and a `$id` keeps it addressable afterwards.

import { assertNever, unreachable } from '@tswasm/environ';

import type { Directive, WastModule } from '../wast/directive.js';
import type { WastAction, WastCommand } from '../wast/wast-command.js';
import type { WastValue } from '../wast/wast-value.js';
import { attempt, unexpected } from './attempt.js';
import type { Attempt } from './attempt.js';
import type { ExecutionSession } from './conformance-engine.js';
import type { DirectiveOutcome } from './directive-result.js';
import type { ExecutionErrorKind } from './execution-error.js';
import { describeExpected, describeValue, matchesExpected } from './match-result.js';
import { assembleModuleText, moduleBytes } from './module-bytes.js';
import { failed, PASSED, skipped } from './outcomes.js';

/** The modules and instances a script has made so far. */
export interface ExecutionState {
  readonly session: ExecutionSession;
  /** `(module definition $id ...)`s, compiled, by id. */
  readonly definitions: Map<string, unknown>;
  /** Instances by `$id` (module and component instances share the names, as in wasmtime). */
  readonly instances: Map<string, unknown>;
  /** `(component definition $id ...)`s, compiled, by id. */
  readonly componentDefinitions: Map<string, unknown>;
  /** Which of the instances are component instances, so actions on them read component values. */
  readonly componentInstances: Set<unknown>;
  /** The most recently instantiated module's instance; undefined before any, or after a failed one. */
  current: unknown;
  /** Threads that have run (sequentially), by id, for `wait`. */
  readonly threads: Set<string>;
  /** Runs a nested directive (of `thread` and `either`) like a top-level one, in `state`. */
  readonly runNested: (state: ExecutionState, directive: Directive) => Promise<DirectiveOutcome>;
}

/** A module compiled for a directive, or the outcome that ends the directive. */
type Compiled = { readonly ok: true; readonly module: unknown } | { readonly ok: false; readonly outcome: DirectiveOutcome };

async function compile(state: ExecutionState, module: WastModule): Promise<Compiled> {
  let bytes = await moduleBytes(module);
  // A quoted module the script goes on to use is assembled like a text one: the directives
  // after it need its instance.
  if (bytes.kind === 'quote') bytes = await assembleModuleText(bytes.text);
  switch (bytes.kind) {
    case 'quote':
      return unreachable('a quoted module was assembled above');
    case 'unassembled':
      // A module the script expects to compile should assemble; say so rather than skip it.
      return { ok: false, outcome: failed(`the text parser rejected the module: ${bytes.reason}`) };
    case 'instance': {
      const id = bytes.definitionId;
      const definition = id === undefined ? undefined : state.definitions.get(id);
      if (definition === undefined) return { ok: false, outcome: failed(`no module definition ${id ?? '(unnamed)'}`) };
      return { ok: true, module: definition };
    }
    case 'bytes': {
      const result = attempt(() => state.session.compile(bytes.bytes));
      if (result.ok) return { ok: true, module: result.value };
      if (result.kind === 'done') return { ok: false, outcome: result.outcome };
      return { ok: false, outcome: failed(`valid module rejected: ${result.message}`) };
    }
    default:
      return assertNever(bytes);
  }
}

/** `(module ...)` when executing: compile, then instantiate unless it is a definition. */
export async function runModuleInstance(state: ExecutionState, module: WastModule): Promise<DirectiveOutcome> {
  const compiled = await compile(state, module);
  if (!compiled.ok) {
    if (!module.definition) state.current = undefined;
    return compiled.outcome;
  }
  if (module.definition) {
    if (module.id !== undefined) state.definitions.set(module.id, compiled.module);
    return PASSED;
  }
  const result = attempt(() => state.session.instantiate(compiled.module));
  if (!result.ok) {
    state.current = undefined;
    if (module.id !== undefined) state.instances.delete(module.id);
    return unexpected(result, 'the module to instantiate');
  }
  state.current = result.value;
  if (module.id !== undefined) state.instances.set(module.id, result.value);
  return PASSED;
}

function instanceFor(state: ExecutionState, id: string | undefined): { ok: true; instance: unknown } | { ok: false; outcome: DirectiveOutcome } {
  const instance = id === undefined ? state.current : state.instances.get(id);
  if (instance === undefined) return { ok: false, outcome: failed(id === undefined ? 'no current module instance' : `no module instance ${id}`) };
  return { ok: true, instance };
}

function perform(state: ExecutionState, action: WastAction): { ok: true; attempt: Attempt<WastValue[]> } | { ok: false; outcome: DirectiveOutcome } {
  const found = instanceFor(state, action.module);
  if (!found.ok) return found;
  const { session } = state;
  switch (action.kind) {
    case 'invoke':
      return { ok: true, attempt: attempt(() => session.invoke(found.instance, action.name, action.args)) };
    case 'get':
      return { ok: true, attempt: attempt(() => [session.get(found.instance, action.name)]) };
    default:
      return assertNever(action);
  }
}

function describeAction(action: WastAction): string {
  return `${action.kind} "${action.name}"`;
}

/** `assert_return`: the results must match one by one. */
function assertReturn(state: ExecutionState, command: Extract<WastCommand, { kind: 'assert_return' }>): DirectiveOutcome {
  const performed = perform(state, command.action);
  if (!performed.ok) return performed.outcome;
  const result = performed.attempt;
  if (!result.ok) return unexpected(result, 'results');
  const actual = result.value;
  const { expected } = command;
  const matches = actual.length === expected.length && expected.every((e, i) => matchesExpected(actual[i] as WastValue, e));
  if (matches) return PASSED;
  return failed(`${describeAction(command.action)}: expected (${expected.map(describeExpected).join(', ')}), got (${actual.map(describeValue).join(', ')})`);
}

/** An action that must fail with `kind`. */
function assertActionFails(state: ExecutionState, action: WastAction, kind: ExecutionErrorKind, message: string): DirectiveOutcome {
  const performed = perform(state, action);
  if (!performed.ok) return performed.outcome;
  const result = performed.attempt;
  // The engine's wording is its own: only the kind of failure is judged, the script's text is
  // kept for the report.
  if (!result.ok && result.kind === kind) return PASSED;
  if (result.ok) return failed(`${describeAction(action)}: expected ${kind} "${message}", got (${result.value.map(describeValue).join(', ')})`);
  return unexpected(result, `${kind} "${message}"`);
}

/** A module that must compile and then fail to instantiate with `kind`. */
async function assertInstantiationFails(state: ExecutionState, module: WastModule, kind: ExecutionErrorKind, message: string): Promise<DirectiveOutcome> {
  const compiled = await compile(state, module);
  if (!compiled.ok) return compiled.outcome;
  const result = attempt(() => state.session.instantiate(compiled.module));
  if (!result.ok && result.kind === kind) return PASSED;
  return unexpected(result, `instantiation to fail with ${kind} "${message}"`);
}

/** Runs one execution command. */
export async function runCommand(state: ExecutionState, command: WastCommand): Promise<DirectiveOutcome> {
  switch (command.kind) {
    case 'register': {
      const found = instanceFor(state, command.instance);
      if (!found.ok) return found.outcome;
      const result = attempt(() => state.session.register(command.name, found.instance));
      return result.ok ? PASSED : unexpected(result, 'the registration to succeed');
    }
    case 'action': {
      const performed = perform(state, command.action);
      if (!performed.ok) return performed.outcome;
      return performed.attempt.ok ? PASSED : unexpected(performed.attempt, `${describeAction(command.action)} to complete`);
    }
    case 'assert_return':
      return assertReturn(state, command);
    case 'assert_trap':
      if (command.target.kind === 'module') return assertInstantiationFails(state, command.target, 'trap', command.message);
      return assertActionFails(state, command.target, 'trap', command.message);
    case 'assert_exhaustion':
      return assertActionFails(state, command.action, 'exhaustion', command.message);
    case 'assert_exception':
      return assertActionFails(state, command.action, 'exception', 'exception');
    case 'assert_unlinkable':
      return assertInstantiationFails(state, command.module, 'unlinkable', command.message);
    case 'assert_uninstantiable':
      return assertInstantiationFails(state, command.module, 'trap', command.message);
    case 'thread':
      return runThread(state, command);
    case 'wait':
      return state.threads.has(command.id) ? PASSED : failed(`no thread ${command.id}`);
    case 'either': {
      // One alternative must pass; they run in order and the first that passes ends the search.
      const messages: string[] = [];
      for (const directive of command.directives) {
        const outcome = await state.runNested(state, directive);
        if (outcome.status === 'passed') return PASSED;
        messages.push(outcome.status === 'failed' ? outcome.message : `skipped: ${outcome.reason}`);
      }
      return failed(`no alternative of either passed: ${messages.join('; ')}`);
    }
    default:
      return assertNever(command);
  }
}

/**
 * `thread`: its directives run to completion on the main thread, before the script goes on.
 * That is faithful for threads that do not wait for each other (the suite's threads only touch
 * shared memory and finish); a thread that blocks on a `memory.atomic.wait` another thread would
 * notify cannot be run this way and fails by timing out or trapping.
 */
async function runThread(state: ExecutionState, command: Extract<WastCommand, { kind: 'thread' }>): Promise<DirectiveOutcome> {
  const instances = new Map<string, unknown>();
  for (const id of command.shared) {
    const instance = state.instances.get(id);
    if (instance === undefined) return failed(`thread ${command.id} shares unknown module ${id}`);
    instances.set(id, instance);
  }
  // A thread sees only its shared modules, and its own current module.
  const threadState: ExecutionState = { ...state, instances, definitions: new Map(state.definitions), current: undefined };
  const failures: string[] = [];
  let skippedReason: string | undefined;
  for (const directive of command.directives) {
    const outcome = await state.runNested(threadState, directive);
    if (outcome.status === 'failed') failures.push(`line ${directive.line}: ${outcome.message}`);
    else if (outcome.status === 'skipped') skippedReason ??= outcome.reason;
  }
  state.threads.add(command.id);
  if (failures.length > 0) return failed(`thread ${command.id}: ${failures.join('; ')}`);
  if (skippedReason !== undefined) return skipped(`thread ${command.id}: ${skippedReason}`);
  return PASSED;
}
