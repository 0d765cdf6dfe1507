import type { Role } from './access';
import { addDays, addMonths, type IsoDate } from './calendar';

/**
 * Workflows as data: the states a record can be in, the actions that move it, the guards that refuse an
 * action with a reason, and the timers that come due after a time in a state. The regulations that run on
 * procedures — 发展党员's 5 stages / 25 steps with their minimum waits (《中国共产党发展党员工作细则》), the
 * 预备期 (《中国共产党章程》第七条), four-colour escalation — are declared once as a definition a committee can read
 * and tighten, and every module moves its records through the same functions here, so each transition is
 * checked and recorded the same way. Pure: "today" (or the effective date) is always passed in.
 */

/** A waiting time. Months and years keep the day of month, clamped at a shorter month's end (01-31 + 1 month = 02-28). */
export interface Duration {
  readonly years?: number;
  readonly months?: number;
  readonly days?: number;
}

/** The date a waiting time started on a date ends: years and months first (in one step, clamped once), then days. */
export function addDuration(date: IsoDate, wait: Duration): IsoDate {
  return addDays(addMonths(date, (wait.years ?? 0) * 12 + (wait.months ?? 0)), wait.days ?? 0);
}

/** Refuses an action with a Chinese reason for the user, or lets it pass (null). `on` is the date it takes effect. */
export type Guard<C> = (context: C, on: IsoDate) => string | null;

export interface TransitionDef<S extends string, A extends string, C> {
  readonly from: S | readonly S[];
  /** One state; or the states one may choose from (the chosen one comes with the request, see `choose`). */
  readonly to: S | readonly S[];
  readonly action: A;
  /** What users call the action; the action itself when omitted (for flows whose actions are Chinese words). */
  readonly label?: string;
  /** The prompt when the target must be chosen; required when `to` lists states. */
  readonly choose?: string;
  readonly guard?: Guard<C>;
  /** Only these roles may take the action; anyone the caller lets through when omitted. */
  readonly roles?: readonly Role[];
}

/** A timer reminds someone (an inbox kind) or takes an action itself (an escalation). */
export type TimerEffect<A extends string> = { readonly reminder: string } | { readonly action: A };

export interface TimerDef<S extends string, A extends string> {
  readonly in: S;
  readonly after: Duration;
  readonly raises: TimerEffect<A>;
  readonly label?: string;
}

export interface Workflow<S extends string, A extends string, C> {
  readonly name: string;
  readonly states: readonly S[];
  readonly initial: S;
  readonly transitions: readonly TransitionDef<S, A, C>[];
  readonly timers: readonly TimerDef<S, A>[];
}

export type StateOf<W> = W extends Workflow<infer S, string, infer _C> ? S : never;
export type ActionOf<W> = W extends Workflow<string, infer A, infer _C> ? A : never;
export type ContextOf<W> = W extends Workflow<string, string, infer C> ? C : never;

/** A record moving through a workflow: its state and the date it entered it (timers count from there). */
export interface WorkflowInstance<S extends string> {
  readonly state: S;
  readonly enteredOn: IsoDate;
}

/** What a transition did, for the caller to store: every transition is written down, never overwritten. */
export interface TransitionRecord<S extends string, A extends string> {
  readonly workflow: string;
  readonly action: A;
  readonly label: string;
  readonly from: S;
  readonly to: S;
  readonly on: IsoDate;
  /** False when the record stays in its state (a move between branches): its enteredOn and timers carry on. */
  readonly entered: boolean;
}

export type RefusalCode = 'NOT_ALLOWED' | 'ROLE' | 'GUARD' | 'CHOOSE';
export interface Refusal {
  readonly ok: false;
  readonly code: RefusalCode;
  readonly reason: string;
}
export type Step<S extends string, A extends string> =
  | { readonly ok: true; readonly to: S; readonly record: TransitionRecord<S, A> }
  | Refusal;

const asList = <S extends string>(value: S | readonly S[]): readonly S[] =>
  typeof value === 'string' ? [value] : value;

/**
 * Declares a workflow; the state and action unions are inferred from the definition, the guards' context
 * from their parameter. Throws on a definition that could not be run unambiguously — two transitions for
 * one action from one state, a choice without a prompt, a timer that can never fire — so a mistake in rule
 * data fails at start-up, not on the day a secretary needs it.
 */
export function defineWorkflow<const S extends string, const A extends string, C = undefined>(definition: {
  name: string;
  states: readonly S[];
  initial: NoInfer<S>;
  transitions: readonly TransitionDef<NoInfer<S>, A, C>[];
  timers?: readonly TimerDef<NoInfer<S>, NoInfer<A>>[];
}): Workflow<S, A, C> {
  const workflow = { ...definition, timers: definition.timers ?? [] };
  const problem = (message: string) => new Error(`workflow ${definition.name}: ${message}`);
  const seen = new Set<string>();
  for (const t of workflow.transitions) {
    for (const from of asList(t.from)) {
      const key = `${from} ${t.action}`;
      if (seen.has(key)) throw problem(`two transitions for ${t.action} from ${from}`);
      seen.add(key);
    }
    if (typeof t.to !== 'string' && !t.choose) throw problem(`${t.action} offers a choice without a prompt`);
  }
  for (const timer of workflow.timers) {
    const { years = 0, months = 0, days = 0 } = timer.after;
    if (years < 0 || months < 0 || days < 0 || years + months + days === 0)
      throw problem(`a timer in ${timer.in} waits no time`);
    if ('action' in timer.raises && !seen.has(`${timer.in} ${timer.raises.action}`))
      throw problem(`a timer in ${timer.in} raises ${timer.raises.action}, which is not allowed there`);
  }
  return workflow;
}

function findTransition<S extends string, A extends string, C>(
  workflow: Workflow<S, A, C>,
  state: S,
  action: A,
): TransitionDef<S, A, C> | undefined {
  return workflow.transitions.find((t) => t.action === action && asList(t.from).includes(state));
}

/** What users call an action: the label of its first transition. */
export function labelOf<S extends string, A extends string, C>(
  workflow: Workflow<S, A, C>,
  action: A,
): string {
  return workflow.transitions.find((t) => t.action === action)?.label ?? action;
}

/** The actions the definition offers from a state, guards not asked, in declaration order. */
export function actionsFrom<S extends string, A extends string, C>(
  workflow: Workflow<S, A, C>,
  state: S,
): A[] {
  const actions: A[] = [];
  for (const t of workflow.transitions)
    if (asList(t.from).includes(state) && !actions.includes(t.action)) actions.push(t.action);
  return actions;
}

/** The one state an action always leads to, whatever the state it starts from; null if that varies or is chosen. */
export function outcome<S extends string, A extends string, C>(
  workflow: Workflow<S, A, C>,
  action: A,
): S | null {
  const targets = new Set(workflow.transitions.filter((t) => t.action === action).map((t) => t.to));
  const [only] = targets;
  return targets.size === 1 && typeof only === 'string' ? only : null;
}

export interface StepOptions<S extends string> {
  /** The chosen target, where the transition offers a choice; ignored where its target is fixed. */
  readonly to?: S | undefined;
  /** The actor's roles, checked against a transition's `roles`. */
  readonly roles?: readonly Role[];
}

/**
 * Takes an action: the state it leads to and the record to store, or a refusal with its reason. Checks in
 * the order a user would want to hear them: not possible from this state at all, not for this role, not
 * yet or no longer (the guard), and finally which state to choose.
 */
export function transition<S extends string, A extends string, C>(
  workflow: Workflow<S, A, C>,
  current: S,
  action: A,
  context: C,
  on: IsoDate,
  options: StepOptions<S> = {},
): Step<S, A> {
  const t = findTransition(workflow, current, action);
  const label = t?.label ?? labelOf(workflow, action);
  if (!t) return { ok: false, code: 'NOT_ALLOWED', reason: `当前状态为“${current}”，不能办理“${label}”` };
  if (t.roles && !t.roles.some((role) => options.roles?.includes(role)))
    return { ok: false, code: 'ROLE', reason: `无权办理“${label}”` };
  const refused = t.guard?.(context, on);
  if (refused) return { ok: false, code: 'GUARD', reason: refused };
  let to: S;
  if (typeof t.to === 'string') to = t.to;
  else if (options.to !== undefined && t.to.includes(options.to)) to = options.to;
  else return { ok: false, code: 'CHOOSE', reason: t.choose ?? `请选择办理“${label}”后的状态` };
  return {
    ok: true,
    to,
    record: { workflow: workflow.name, action, label, from: current, to, on, entered: to !== current },
  };
}

/** The actions that would pass from a state on a date: those whose role and guard let them through. */
export function allowedActions<S extends string, A extends string, C>(
  workflow: Workflow<S, A, C>,
  state: S,
  context: C,
  on: IsoDate,
  roles?: readonly Role[],
): A[] {
  return actionsFrom(workflow, state).filter((action) => {
    const step = transition(workflow, state, action, context, on, roles ? { roles } : {});
    return step.ok || step.code === 'CHOOSE';
  });
}

export interface DueTimer<I, S extends string, A extends string> {
  readonly instance: I;
  readonly timer: TimerDef<S, A>;
  readonly dueOn: IsoDate;
}

/**
 * The timers that fire on a date: each exactly on the day its wait in the state ends, so a daily run (which
 * catches up missed days in order) raises each once. An instance that left the state before then, or entered
 * it anew, has a different state or enteredOn and is not due.
 */
export function dueTimers<S extends string, A extends string, C, I extends WorkflowInstance<S>>(
  workflow: Workflow<S, A, C>,
  instances: Iterable<I>,
  today: IsoDate,
): DueTimer<I, S, A>[] {
  const due: DueTimer<I, S, A>[] = [];
  for (const instance of instances)
    for (const timer of workflow.timers) {
      if (timer.in !== instance.state) continue;
      const dueOn = addDuration(instance.enteredOn, timer.after);
      if (dueOn === today) due.push({ instance, timer, dueOn });
    }
  return due;
}
