// Component directives against an executing engine's `ComponentSession`, as wasmtime's wast
// runs them: each instantiated component becomes the current instance (the target of a bare
// `invoke`), `$id` keeps it addressable, and `register` is not defined for components (wasmtime
// refuses it too). Trap assertions judge the kind of failure, as for core modules; the
// engine's wording is its own.

import { assertNever } from '@tswasm/environ';

import type { ComponentAction, ComponentCommand, ComponentCommandDirective, ComponentForm } from '../wast/component-command.js';
import type { ComponentValue } from '../wast/component-value.js';
import type { Directive } from '../wast/directive.js';
import { idAt } from '../wast/directive-items.js';
import { headOf, itemsOf } from '../wast/sexpr.js';
import { attempt, attemptAsync, unexpected } from './attempt.js';
import type { Attempt } from './attempt.js';
import type { ComponentSession } from './conformance-engine.js';
import type { DirectiveOutcome } from './directive-result.js';
import { AssembleError, assembleText } from './assemble-text.js';
import type { ExecutionErrorKind } from './execution-error.js';
import { describeComponentValue, matchComponentValue } from './match-component-value.js';
import { failed, PASSED, skipped } from './outcomes.js';
import type { ExecutionState } from './run-command.js';

function sessionOf(state: ExecutionState): ComponentSession | null {
  return state.session.components ?? null;
}

/** Stands for a `component definition` that did not compile, so its instances say why. */
class FailedDefinition {
  constructor(readonly reason: string) {}
}

/** A component compiled for a directive, or the outcome that ends the directive. */
type Compiled = { readonly ok: true; readonly component: unknown } | { readonly ok: false; readonly outcome: DirectiveOutcome };

async function compile(state: ExecutionState, session: ComponentSession, form: ComponentForm): Promise<Compiled> {
  switch (form.form) {
    case 'quote':
      return { ok: false, outcome: skipped('component quote tests the text parser, which is not ours') };
    case 'instance': {
      const id = form.definitionId;
      const definition = id === undefined ? undefined : state.componentDefinitions.get(id);
      if (definition === undefined) return { ok: false, outcome: failed(`no component definition ${id ?? '(unnamed)'}`) };
      if (definition instanceof FailedDefinition) return { ok: false, outcome: failed(`component definition ${id ?? ''} did not compile: ${definition.reason}`) };
      return { ok: true, component: definition };
    }
    case 'text': {
      let bytes: Uint8Array;
      try {
        bytes = await assembleText(form.text);
      } catch (error) {
        if (!(error instanceof AssembleError)) throw error;
        // The old `cancellable` syntax is no longer read by jco's text parser.
        if (error.message.includes('cancellable')) return { ok: false, outcome: skipped(`the text parser rejected the component: ${error.message}`) };
        return { ok: false, outcome: failed(`the text parser rejected the component: ${error.message}`) };
      }
      const result = attempt(() => session.compileComponent(bytes));
      if (result.ok) return { ok: true, component: result.value };
      if (result.kind === 'done') return { ok: false, outcome: result.outcome };
      if (result.kind === 'validation') return { ok: false, outcome: failed(`valid component rejected: ${result.message}`) };
      if (result.kind === 'host-unsupported') return { ok: false, outcome: skipped(result.message) };
      return { ok: false, outcome: failed(`the component did not compile: ${result.kind}: ${result.message}`) };
    }
    default:
      return assertNever(form);
  }
}

/**
 * Stands for a component that failed to instantiate, or was skipped: it becomes current, so
 * the actions after it are read as component actions, and they fail (or are skipped) saying why.
 */
class UnavailableComponent {
  constructor(readonly outcome: DirectiveOutcome) {}
}

function forget(state: ExecutionState, id: string | undefined, outcome: DirectiveOutcome): void {
  const unavailable = new UnavailableComponent(
    outcome.status === 'skipped' ? skipped(`the component before was skipped: ${outcome.reason}`) : failed('no current component instance: the last component failed to instantiate'),
  );
  state.current = unavailable;
  state.componentInstances.add(unavailable);
  if (id !== undefined) state.instances.delete(id);
}

/** `(component ...)` when executing: compile, then instantiate unless it is a definition. */
export async function runComponentForm(state: ExecutionState, form: ComponentForm): Promise<DirectiveOutcome> {
  const session = sessionOf(state);
  if (session === null) return failed('the engine says it executes components, but its session has none');
  const compiled = await compile(state, session, form);
  const id = form.form === 'quote' ? undefined : form.id;
  const definition = form.form === 'text' && form.definition;
  if (!compiled.ok) {
    const { outcome } = compiled;
    if (definition && id !== undefined && outcome.status === 'failed') state.componentDefinitions.set(id, new FailedDefinition(outcome.message));
    if (!definition) forget(state, id, outcome);
    return outcome;
  }
  if (definition) {
    if (id !== undefined) state.componentDefinitions.set(id, compiled.component);
    return PASSED;
  }
  const result = attempt(() => session.instantiateComponent(compiled.component));
  if (!result.ok) {
    const outcome = unexpected(result, 'the component to instantiate');
    forget(state, id, outcome);
    return outcome;
  }
  state.current = result.value;
  state.componentInstances.add(result.value);
  if (id !== undefined) state.instances.set(id, result.value);
  return PASSED;
}

function describeAction(action: ComponentAction): string {
  return `invoke "${action.name}"`;
}

async function perform(state: ExecutionState, action: ComponentAction): Promise<{ ok: true; attempt: Attempt<ComponentValue[]> } | { ok: false; outcome: DirectiveOutcome }> {
  const session = sessionOf(state);
  if (session === null) return { ok: false, outcome: failed('the engine says it executes components, but its session has none') };
  const instance = action.instance === undefined ? state.current : state.instances.get(action.instance);
  if (instance === undefined) return { ok: false, outcome: failed(action.instance === undefined ? 'no current instance' : `no instance ${action.instance}`) };
  if (!state.componentInstances.has(instance)) return { ok: false, outcome: failed(`${describeAction(action)}: the instance is a core module instance, not a component instance`) };
  if (instance instanceof UnavailableComponent) return { ok: false, outcome: instance.outcome };
  return { ok: true, attempt: await attemptAsync(() => session.invokeComponent(instance, action.name, action.args)) };
}

async function assertReturn(state: ExecutionState, action: ComponentAction, expected: readonly ComponentValue[]): Promise<DirectiveOutcome> {
  const performed = await perform(state, action);
  if (!performed.ok) return performed.outcome;
  const result = performed.attempt;
  if (!result.ok) return unexpected(result, 'results');
  const actual = result.value;
  if (actual.length !== expected.length) {
    return failed(`${describeAction(action)}: expected ${expected.length} results, got (${actual.map(describeComponentValue).join(' ')})`);
  }
  for (const [i, e] of expected.entries()) {
    const problem = matchComponentValue(e, actual[i] as ComponentValue);
    if (problem !== null) return failed(`${describeAction(action)}: result ${i}: ${problem}`);
  }
  return PASSED;
}

async function assertFails(state: ExecutionState, target: ComponentAction | ComponentForm, kind: ExecutionErrorKind, message: string): Promise<DirectiveOutcome> {
  if ('form' in target) return assertInstantiationFails(state, target, kind, message);
  const performed = await perform(state, target);
  if (!performed.ok) return performed.outcome;
  const result = performed.attempt;
  if (!result.ok && result.kind === kind) return PASSED;
  if (result.ok) return failed(`${describeAction(target)}: expected ${kind} "${message}", got (${result.value.map(describeComponentValue).join(' ')})`);
  return unexpected(result, `${kind} "${message}"`);
}

/** A component that must compile and then fail to instantiate with `kind`; it is never current. */
async function assertInstantiationFails(state: ExecutionState, form: ComponentForm, kind: ExecutionErrorKind, message: string): Promise<DirectiveOutcome> {
  const session = sessionOf(state);
  if (session === null) return failed('the engine says it executes components, but its session has none');
  const compiled = await compile(state, session, form);
  if (!compiled.ok) return compiled.outcome;
  const result = attempt(() => session.instantiateComponent(compiled.component));
  if (!result.ok && result.kind === kind) return PASSED;
  return unexpected(result, `instantiation to fail with ${kind} "${message}"`);
}

/** Runs one directive of a component script. */
export async function runComponentCommand(state: ExecutionState, command: ComponentCommand): Promise<DirectiveOutcome> {
  switch (command.kind) {
    case 'register':
      return failed('register is not defined for component instances');
    case 'action': {
      const performed = await perform(state, command.action);
      if (!performed.ok) return performed.outcome;
      return performed.attempt.ok ? PASSED : unexpected(performed.attempt, `${describeAction(command.action)} to complete`);
    }
    case 'assert_return':
      return assertReturn(state, command.action, command.expected);
    case 'assert_trap':
      return assertFails(state, command.target, 'trap', command.message);
    case 'assert_exhaustion':
      return assertFails(state, command.target, 'exhaustion', command.message);
    case 'assert_unlinkable':
      return assertInstantiationFails(state, command.component, 'unlinkable', command.message);
    case 'assert_uninstantiable':
      return assertInstantiationFails(state, command.component, 'trap', command.message);
    default:
      return assertNever(command);
  }
}

/**
 * The directive as a component command when it is one: it carries a `(component ...)`, or its
 * action's instance (named, or the current one) is a component instance. Null otherwise, and
 * for the kinds components do not have (`get`, `thread`, `either`...).
 */
export function asComponentCommand(state: ExecutionState, directive: Directive): ComponentCommandDirective | null {
  switch (directive.kind) {
    case 'register':
    case 'invoke':
    case 'assert_return':
    case 'assert_trap':
    case 'assert_exhaustion':
    case 'assert_unlinkable':
    case 'assert_uninstantiable':
      break;
    default:
      return null;
  }
  const items = itemsOf(directive.node);
  if (items.some((item) => headOf(item) === 'component')) return directive;
  let named: string | undefined;
  if (directive.kind === 'register') named = idAt(items, 2);
  else {
    const action = directive.kind === 'invoke' ? directive.node : items[1];
    if (action === undefined || action.kind !== 'list' || headOf(action) !== 'invoke') return null;
    named = idAt(itemsOf(action), 1);
  }
  const instance = named === undefined ? state.current : state.instances.get(named);
  return instance !== undefined && state.componentInstances.has(instance) ? directive : null;
}
