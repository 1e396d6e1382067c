import type { PlanStatement } from './plan-statement.js';

/**
 * The action index: a request looks only at the statements that can match its action.
 *
 * Each statement is filed by its `Action` patterns: an exact action, a pattern of one service (`ec2:Describe*`), or
 * a pattern that may match any service (`*`, `s3*`, `*:Get*`, W-8); `NotAction` statements can match any action.
 * For every action some policy names exactly, the index holds a plan of the statements whose `Action`/`NotAction`
 * matches it, decided at compile time, so such a request tests no action pattern at all. Any other action falls back
 * to its service's plan (the service's patterns and the any-service ones), tested per request. Either way a statement
 * whose patterns name only other actions is never looked at: the cost does not grow with them.
 */

/** Statements of one plan, by unit and effect; most entries share one empty list. */
export interface PlanLists {
  readonly deny: readonly (readonly PlanStatement[])[];
  readonly allow: readonly (readonly PlanStatement[])[];
  /** Both effects, in statement order (for the full result, which reports missing keys in that order). */
  readonly both: readonly (readonly PlanStatement[])[];
}

/** What a request with one action looks at. */
export interface ActionPlan {
  /** Statements whose action element is known to match. */
  readonly sure: PlanLists;
  /** Statements whose action element must be tested per request. */
  readonly maybe: PlanLists;
}

/** An action as the index reads it: lower-cased, its service, and its plan. */
export interface ResolvedAction {
  readonly action: string;
  readonly service: string;
  readonly plan: ActionPlan;
}

/** Finds the plan of an action. */
export interface ActionIndex {
  lookup(action: string, service: string): ActionPlan;
  /**
   * Reads an action as the request gives it: an action some policy names exactly, in any spelling a policy uses or in
   * lower case, is found without lower-casing it again; any other is lower-cased and looked up.
   */
  resolve(action: string): ResolvedAction;
  /** Actions with a precomputed plan, for size reports. */
  readonly plannedActions: number;
}

const EMPTY: readonly PlanStatement[] = Object.freeze([]);

/**
 * Past this many compile-time action tests the plans of exact actions leave the service and any-service statements
 * to the per-request test, so pathological sets (thousands of exact actions and thousands of `NotAction`
 * statements) still compile in linear space.
 */
const FOLD_BUDGET = 2_000_000;

function lists(statements: Iterable<PlanStatement>, unitCount: number): PlanLists {
  const deny: PlanStatement[][] = [];
  const allow: PlanStatement[][] = [];
  const both: PlanStatement[][] = [];
  for (const statement of statements) {
    const byUnit = statement.effect === 'Deny' ? deny : allow;
    (byUnit[statement.unit] ??= []).push(statement);
    (both[statement.unit] ??= []).push(statement);
  }
  for (const list of both) list?.sort((a, b) => a.ordinal - b.ordinal);
  const fill = (byUnit: PlanStatement[][]): readonly (readonly PlanStatement[])[] => {
    const out: (readonly PlanStatement[])[] = [];
    for (let unit = 0; unit < unitCount; unit += 1) {
      const found = byUnit[unit];
      out.push(found === undefined ? EMPTY : Object.freeze(found));
    }
    return Object.freeze(out);
  };
  return Object.freeze({ deny: fill(deny), allow: fill(allow), both: fill(both) });
}

function serviceOf(action: string): string {
  const colon = action.indexOf(':');
  return colon < 0 ? action : action.slice(0, colon);
}

/** Builds the index over every statement of a compiled set (inert statements are left out: they never match). */
export function buildActionIndex(
  statements: readonly PlanStatement[],
  unitCount: number,
  foldBudget = FOLD_BUDGET,
): ActionIndex {
  const exactOwners = new Map<string, Set<PlanStatement>>();
  const byService = new Map<string, Set<PlanStatement>>();
  const anyService = new Set<PlanStatement>();
  for (const statement of statements) {
    if (statement.inert) continue;
    if (statement.action.negated) {
      anyService.add(statement);
      continue;
    }
    for (const bucket of statement.action.buckets) {
      if (bucket.kind === 'anyService') anyService.add(statement);
      else if (bucket.kind === 'service') {
        let set = byService.get(bucket.service);
        if (set === undefined) byService.set(bucket.service, (set = new Set()));
        set.add(statement);
      } else {
        let set = exactOwners.get(bucket.action);
        if (set === undefined) exactOwners.set(bucket.action, (set = new Set()));
        set.add(statement);
      }
    }
  }
  const none = lists([], unitCount);
  const globalStatements = [...anyService];
  const anyServicePlan: ActionPlan = Object.freeze({ sure: none, maybe: lists(globalStatements, unitCount) });
  const servicePlans = new Map<string, ActionPlan>();
  const serviceMaybe = new Map<string, PlanLists>();
  for (const [service, set] of byService) {
    const maybe = lists(new Set([...set, ...globalStatements]), unitCount);
    serviceMaybe.set(service, maybe);
    servicePlans.set(service, Object.freeze({ sure: none, maybe }));
  }
  let work = 0;
  for (const action of exactOwners.keys()) {
    work += (byService.get(serviceOf(action))?.size ?? 0) + globalStatements.length;
  }
  const fold = work <= foldBudget;
  const exactPlans = new Map<string, ActionPlan>();
  for (const [action, owners] of exactOwners) {
    const service = serviceOf(action);
    if (fold) {
      const candidates = new Set([...owners, ...(byService.get(service) ?? []), ...globalStatements]);
      const matching = [...candidates].filter((statement) => statement.action.test(action));
      exactPlans.set(action, Object.freeze({ sure: lists(matching, unitCount), maybe: none }));
    } else {
      const maybe = serviceMaybe.get(service) ?? anyServicePlan.maybe;
      exactPlans.set(action, Object.freeze({ sure: lists(owners, unitCount), maybe }));
    }
  }
  const lookup = (action: string, service: string): ActionPlan =>
    exactPlans.get(action) ?? servicePlans.get(service) ?? anyServicePlan;
  const resolved = new Map<string, ResolvedAction>();
  for (const [action, plan] of exactPlans) {
    resolved.set(action, Object.freeze({ action, service: serviceOf(action), plan }));
  }
  for (const statement of statements) {
    for (const spelling of statement.action.exactSpellings) {
      const known = resolved.get(spelling.toLowerCase());
      if (known !== undefined && !resolved.has(spelling)) resolved.set(spelling, known);
    }
  }
  return Object.freeze({
    lookup,
    resolve: (action: string): ResolvedAction => {
      const known = resolved.get(action);
      if (known !== undefined) return known;
      const lower = action.toLowerCase();
      const service = serviceOf(lower);
      return resolved.get(lower) ?? { action: lower, service, plan: lookup(lower, service) };
    },
    plannedActions: exactPlans.size,
  });
}
