import { accessDeniedMessageChoices } from '../combiner/access-denied-message.js';
import { combine } from '../combiner/combine.js';
import type { CompiledPolicy } from '../compile/loaded-policy-set.js';
import type { PolicyPlan } from '../compile/policy-plan.js';
import type {
  EvaluationTrace,
  PolicyTrace,
  PolicyTypeOutcome,
  PolicyTypeTrace,
  StatementRef,
} from '../model/evaluation-result.js';
import { POLICY_TYPE_NAMES, POLICY_TYPES } from '../model/policy-type.js';
import type { PolicyType } from '../model/policy-type.js';
import type { RequestIssue } from '../errors/request-validation-error.js';
import type { EvaluateOptions, EvaluationResult } from '../model/evaluation-result.js';
import type { RequestInput } from '../model/request.js';
import type { Caller } from '../request/principal.js';
import { readCaller } from '../request/read-caller.js';
import { RequestFacts } from '../request/request-facts.js';
import type { TraceBuilder } from './lazy-trace.js';
import { evaluateResult, messageInputFor, sortedKeys } from './evaluate-result.js';
import { copyOptions, copyRequest } from './lazy-trace.js';
import { resolveCatalogue } from '../catalogue/bundled-catalogue.js';
import { catalogueWarnings } from '../request/catalogue-warnings.js';
import { strongerForm } from './match-principal.js';
import type { PrincipalMatchForm } from './match-principal.js';
import {
  APPLICABILITY,
  decisionFacts,
  everyGroupOutcome,
  firstWithoutAllow,
  implicitRcpFullAccess,
  isTrustPolicy,
  resourceGrant,
  unionOutcome,
} from './policy-type-rules.js';
import { traceStatement } from './trace-statement.js';
import type { StatementEvaluation } from './trace-statement.js';

/**
 * The trace, the third driver of the plan: every policy, statement, element and condition of every type that takes
 * part, in the stable order, with the reasons in words. It reads the rules of policy-type-rules.ts and the decision
 * table as the other drivers do, and the same compiled elements; only the walk differs (every statement, nothing
 * skipped through the action index).
 */

/** How one policy fared: every statement, and those that matched by effect, in statement order. */
interface PolicyEvaluation {
  readonly policy: CompiledPolicy;
  readonly trace: PolicyTrace;
  readonly statements: readonly StatementEvaluation[];
  readonly allows: readonly StatementEvaluation[];
  readonly denies: readonly StatementEvaluation[];
}

function tracePolicy(policy: CompiledPolicy, facts: RequestFacts, inVpcEndpointPolicy = false): PolicyEvaluation {
  const statements = policy.statements.map((statement) => traceStatement(statement, facts, inVpcEndpointPolicy));
  const trace: PolicyTrace = {
    policyId: policy.policyId,
    ...(policy.orgLevel === undefined ? {} : { orgLevel: policy.orgLevel }),
    statements: statements.map((statement) => statement.trace),
  };
  return {
    policy,
    trace,
    statements,
    allows: statements.filter((statement) => statement.matched && statement.trace.effect === 'Allow'),
    denies: statements.filter((statement) => statement.matched && statement.trace.effect === 'Deny'),
  };
}

/** How one policy type fared. */
interface TypeEvaluation {
  readonly policyType: PolicyType;
  readonly outcome: PolicyTypeOutcome;
  readonly reason: string;
  readonly policies: readonly PolicyEvaluation[];
  readonly denies: readonly StatementRef[];
  readonly allows: readonly StatementEvaluation[];
  readonly choices: readonly string[];
  readonly missingKeys: readonly string[];
}

function describeRef(ref: StatementRef): string {
  const sid = ref.sid === undefined ? '' : ` (\`${ref.sid}\`)`;
  const level = ref.orgLevel === undefined ? '' : ` at level \`${ref.orgLevel}\``;
  return `statement ${ref.statementIndex}${sid} of \`${ref.policyId}\`${level}`;
}

/**
 * What the statements of some policies say, in order, with the outcome. The reason names the first matching Deny
 * when the type denies; otherwise `otherReason` words it, given the first matching Allow.
 */
function typeEvaluation(
  policyType: PolicyType,
  policies: readonly PolicyEvaluation[],
  outcome: PolicyTypeOutcome,
  otherReason: (firstAllow: StatementRef | undefined) => string,
  extraChoices: readonly string[],
): TypeEvaluation {
  const choices = new Set<string>();
  const missingKeys: string[] = [];
  for (const policy of policies) {
    for (const statement of policy.statements) {
      statement.choices.forEach((choice) => choices.add(choice));
      missingKeys.push(...statement.missingKeys);
    }
  }
  extraChoices.forEach((choice) => choices.add(choice));
  const denies = policies.flatMap((policy) => policy.denies.map((statement) => statement.compiled.ref));
  const allows = policies.flatMap((policy) => policy.allows);
  const [firstDeny] = denies;
  const reason =
    outcome === 'explicitlyDenies' && firstDeny !== undefined
      ? `${describeRef(firstDeny)} denies the request`
      : otherReason(allows[0]?.compiled.ref);
  return { policyType, outcome, reason, policies, denies, allows, choices: [...choices], missingKeys };
}

/** A type whose policies form a union (identity, boundary, session, resource). */
function unionType(
  policyType: PolicyType,
  policies: readonly PolicyEvaluation[],
  facts: RequestFacts,
  noun: string,
  extraChoices: readonly string[] = [],
): TypeEvaluation {
  const outcome = unionOutcome(
    policies.some((policy) => policy.denies.length > 0),
    policies.some((policy) => policy.allows.length > 0),
  );
  const reason = (firstAllow: StatementRef | undefined): string =>
    firstAllow !== undefined
      ? `${describeRef(firstAllow)} allows the request`
      : policies.length === 0
        ? `no ${noun} is given`
        : `no ${noun} allows \`${facts.request.action}\` on \`${facts.request.resource}\``;
  return typeEvaluation(policyType, policies, outcome, reason, extraChoices);
}

/** An organization path (O-10, O-11, O-12, O-14): the levels are never merged. */
function orgType(
  policyType: 'scp' | 'rcp',
  plan: PolicyPlan,
  facts: RequestFacts,
  implicitFullAccess: boolean,
): TypeEvaluation {
  const levels = policyType === 'scp' ? plan.shared.serviceControlPolicies : plan.shared.resourceControlPolicies;
  const byLevel = levels.map((level) => level.policies.map((policy) => tracePolicy(policy, facts)));
  const ownAllow = byLevel.map((evaluations) => evaluations.some((evaluation) => evaluation.allows.length > 0));
  const policies = byLevel.flat();
  const failing = firstWithoutAllow(levels.length, (i) => ownAllow[i] === true);
  const outcome = everyGroupOutcome(
    policies.some((policy) => policy.denies.length > 0),
    implicitFullAccess,
    failing,
  );
  const noun = policyType === 'scp' ? 'service control policy' : 'resource control policy';
  const reason = (): string =>
    outcome === 'doesNotAllow'
      ? `no ${noun} attached at level \`${levels[failing]?.target ?? ''}\` allows \`${facts.request.action}\` on \`${facts.request.resource}\` (O-10)`
      : levels.length === 1
        ? `the level \`${levels[0]?.target ?? ''}\` allows the request`
        : `each of the ${levels.length} levels allows the request`;
  // O-14: named when some level allowed only through the implicit RCPFullAWSAccess.
  const choices = implicitFullAccess && failing >= 0 ? ['O-14'] : [];
  return typeEvaluation(policyType, policies, outcome, reason, choices);
}

/** VPC endpoint policies (V-1, V-6, EV-5): each is a separate endpoint on the path, and each must allow. */
function vpcEndpointType(plan: PolicyPlan, facts: RequestFacts): TypeEvaluation {
  const policies = plan.shared.vpcEndpoint.map((policy) => tracePolicy(policy, facts, true));
  const failing = firstWithoutAllow(policies.length, (i) => (policies[i]?.allows.length ?? 0) > 0);
  const outcome = everyGroupOutcome(
    policies.some((policy) => policy.denies.length > 0),
    false,
    failing,
  );
  const reason = (): string =>
    outcome === 'doesNotAllow'
      ? `the VPC endpoint policy \`${policies[failing]?.policy.policyId ?? ''}\` does not allow \`${facts.request.action}\` on \`${facts.request.resource}\``
      : policies.length === 1
        ? 'the VPC endpoint policy allows the request'
        : 'every VPC endpoint policy allows the request';
  return typeEvaluation('vpcEndpoint', policies, outcome, reason, policies.length > 1 ? ['EV-5'] : []);
}

/** One type that takes part. */
function evaluateType(
  policyType: PolicyType,
  plan: PolicyPlan,
  facts: RequestFacts,
  grammar: 'resource' | 'roleTrust',
): TypeEvaluation {
  switch (policyType) {
    case 'scp':
      return orgType('scp', plan, facts, false);
    case 'rcp':
      return orgType('rcp', plan, facts, implicitRcpFullAccess(facts));
    case 'vpcEndpoint':
      return vpcEndpointType(plan, facts);
    case 'resource': {
      const policy = grammar === 'resource' ? plan.resourcePolicy : plan.roleTrustPolicy;
      const noun = isTrustPolicy(grammar, facts) ? 'role trust policy' : POLICY_TYPE_NAMES.resource;
      return unionType('resource', policy === undefined ? [] : [tracePolicy(policy, facts)], facts, noun);
    }
    case 'identity':
      return unionType(
        'identity',
        plan.shared.identity.map((policy) => tracePolicy(policy, facts)),
        facts,
        POLICY_TYPE_NAMES.identity,
      );
    case 'permissionsBoundary': {
      const boundary = plan.shared.permissionsBoundary;
      const policies = boundary === undefined ? [] : [tracePolicy(boundary, facts)];
      return unionType('permissionsBoundary', policies, facts, POLICY_TYPE_NAMES.permissionsBoundary);
    }
    case 'session': {
      const policies = plan.shared.session.map((policy) => tracePolicy(policy, facts));
      const evaluation = unionType(
        'session',
        policies,
        facts,
        POLICY_TYPE_NAMES.session,
        policies.length > 1 ? ['EV-6'] : [],
      );
      // §1.3 step 7: a federated-user session without a session policy takes part, and does not allow.
      return policies.length === 0
        ? {
            ...evaluation,
            reason:
              'a federated-user session needs a session policy that allows the request, and none is given (§1.3 step 7)',
          }
        : evaluation;
    }
  }
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** The trace of one request, read with a grammar of the resource policy. */
export function traceRequest(
  plan: PolicyPlan,
  facts: RequestFacts,
  grammar: 'resource' | 'roleTrust',
): EvaluationTrace {
  const ordered: TypeEvaluation[] = POLICY_TYPES.map((policyType) => {
    const skipped = APPLICABILITY[policyType](plan, facts);
    if (skipped === undefined) return evaluateType(policyType, plan, facts, grammar);
    return {
      policyType,
      outcome: 'notApplicable',
      reason: skipped.reason(facts, plan),
      policies: [],
      denies: [],
      allows: [],
      choices: skipped.choices(facts, plan),
      missingKeys: [],
    };
  });
  const byType = Object.fromEntries(ordered.map((evaluation) => [evaluation.policyType, evaluation])) as Record<
    PolicyType,
    TypeEvaluation
  >;
  const denies = ordered.flatMap((evaluation) => evaluation.denies);
  const [deniedBy] = denies;
  let strongest: PrincipalMatchForm | undefined;
  for (const allow of byType.resource.allows) strongest = strongerForm(strongest, allow.principalForm);
  const outcomes = {
    scp: byType.scp.outcome,
    rcp: byType.rcp.outcome,
    vpcEndpoint: byType.vpcEndpoint.outcome,
    identity: byType.identity.outcome,
    permissionsBoundary: byType.permissionsBoundary.outcome,
    session: byType.session.outcome,
    resourceGrant: resourceGrant(byType.resource.allows.length > 0, strongest),
  };
  const table = decisionFacts(facts, outcomes, deniedBy);
  const decided = combine(table);

  const choices = new Set<string>();
  for (const evaluation of ordered) evaluation.choices.forEach((choice) => choices.add(choice));
  if (!facts.resourceAccountKnown && facts.caller.hasIdentitySide) choices.add('EV-1');
  if (facts.trustPolicyOtherAction) choices.add('EV-2');
  if (facts.kmsKeyRequest) choices.add('EV-11');
  if (facts.caller.kind === 'root') choices.add('EV-3');
  if (facts.derived.some((entry) => entry.key === 'aws:RequestedRegion')) choices.add('EV-16');
  if (decided.byServiceRule === true) choices.add('EV-17');
  const missingKeys = sortedKeys(ordered.flatMap((evaluation) => evaluation.missingKeys));
  const kind = facts.caller.kind;
  const unknownUserId = kind === 'user' || kind === 'role' || kind === 'roleSession';
  if (unknownUserId && missingKeys.some((key) => key.toLowerCase() === 'aws:userid')) choices.add('EV-12');
  if (table.sameAccount && table.resourceGrant === 'delegates' && table.identitySide === 'policies') {
    choices.add('R7');
  }
  if (decided.decision === 'ExplicitDeny' && new Set(denies.map((ref) => ref.policyType)).size > 1) choices.add('M-3');
  const others = decided.otherImplicitDenies;
  if (
    decided.notAllowedBy === 'resource' &&
    others.some((type) => type === 'identity' || type === 'permissionsBoundary' || type === 'session')
  ) {
    choices.add('EV-4');
  }
  if ((decided.notAllowedBy === 'vpcEndpoint' && others.length > 0) || others.includes('vpcEndpoint')) {
    choices.add('EV-5');
  }
  const messageInput = messageInputFor(decided.decision, deniedBy, decided.notAllowedBy, facts, grammar);
  if (messageInput !== undefined) {
    for (const choice of accessDeniedMessageChoices(messageInput)) choices.add(choice);
  }

  const policyTypes: PolicyTypeTrace[] = ordered.map((evaluation) => ({
    policyType: evaluation.policyType,
    outcome: evaluation.outcome,
    reason: evaluation.reason,
    policies: evaluation.policies.map((policy) => policy.trace),
  }));
  const principalAccount = facts.caller.hasIdentitySide ? facts.caller.accountId : undefined;
  // Built member by member, in the order JSON and equality see.
  const trace = {} as Mutable<EvaluationTrace>;
  if (principalAccount !== undefined) trace.principalAccount = principalAccount;
  if (facts.resourceAccount !== undefined) trace.resourceAccount = facts.resourceAccount;
  trace.sameAccount = facts.sameAccount;
  trace.derivedContext = facts.derived;
  trace.policyTypes = policyTypes;
  trace.steps = decided.steps;
  trace.choices = [...choices].sort();
  return trace;
}

/** The facts of one request against a plan: the one request model every driver reads. */
export function requestFacts(
  plan: PolicyPlan,
  request: RequestInput,
  caller: Caller,
  options: EvaluateOptions | undefined,
): RequestFacts {
  return new RequestFacts(request, caller, options, plan.permissionsBoundaryGiven, plan.contextKeys, plan.index);
}

/**
 * The lazy `trace` of a result: the trace of the copies of the request and options the result took, the caller read
 * again from the copy.
 */
export const buildTrace: TraceBuilder = (plan, grammar, request, options) =>
  traceRequest(plan, requestFacts(plan, request, readCaller(request.principal), options), grammar);

/** The request's warnings, then what the catalogue says of the request (CAT-10). */
function withCatalogueWarnings(
  warnings: readonly RequestIssue[],
  request: RequestInput,
  options: EvaluateOptions | undefined,
): readonly RequestIssue[] {
  const found = catalogueWarnings(request, resolveCatalogue(options?.catalogue));
  return found.length === 0 ? warnings : Object.freeze([...warnings, ...found]);
}

/**
 * The full result of one request against a plan, its `trace` built on first read, its request warnings last: what
 * `evaluate(input)` and a compiled set's `evaluate` both return.
 */
export function resultOf(
  plan: PolicyPlan,
  grammar: 'resource' | 'roleTrust',
  request: RequestInput,
  caller: Caller,
  warnings: readonly RequestIssue[],
  options: EvaluateOptions | undefined,
): EvaluationResult {
  const facts = requestFacts(plan, request, caller, options);
  const result = evaluateResult(
    plan,
    facts,
    grammar,
    buildTrace,
    copyRequest(request),
    copyOptions(options, facts.epochMillis),
  );
  // Last, after the lazy trace: the order JSON and equality see.
  const all = withCatalogueWarnings(warnings, request, options);
  if (all.length > 0) (result as { warnings?: typeof all }).warnings = all;
  return result;
}
