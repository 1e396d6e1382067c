import { resolveCatalogue } from '../../src/catalogue/bundled-catalogue.js';
import { catalogueWarnings } from '../../src/request/catalogue-warnings.js';
import {
  accessDeniedMessageChoices,
  messagePolicyArn,
  renderAccessDeniedMessage,
} from '../../src/combiner/access-denied-message.js';
import type { AccessDeniedMessageInput } from '../../src/combiner/access-denied-message.js';
import { combine } from '../../src/combiner/combine.js';
import type { DecisionFacts, GateState, IdentitySide, ResourceGrant } from '../../src/combiner/combine.js';
import type {
  EvaluateOptions,
  EvaluationResult,
  EvaluationTrace,
  PolicyTypeTrace,
  StatementRef,
} from '../../src/model/evaluation-result.js';
import { POLICY_TYPES } from '../../src/model/policy-type.js';
import type { PolicyType } from '../../src/model/policy-type.js';
import type { EvaluationInput, RequestInput } from '../../src/model/request.js';
import { loadPolicySet } from './load-policy-set.js';
import type { LoadedPolicySet } from './loaded-policy-set.js';
import { formGrantsOutright, formReplacesIdentity } from './match-principal.js';
import type { PrincipalMatchForm } from './match-principal.js';
import { evaluateIdentityPolicies } from './policy-types/identity.js';
import { evaluatePermissionsBoundary } from './policy-types/permissions-boundary.js';
import { notApplicable } from './policy-types/policy-type-result.js';
import type { PolicyTypeResult } from './policy-types/policy-type-result.js';
import { evaluateResourceControlPolicies } from './policy-types/rcp.js';
import { evaluateResourcePolicy } from './policy-types/resource.js';
import { evaluateServiceControlPolicies } from './policy-types/scp.js';
import { evaluateSessionPolicies } from './policy-types/session.js';
import { evaluateVpcEndpointPolicies } from './policy-types/vpc-endpoint.js';
import { parseCaller } from '../../src/request/principal.js';
import { serviceRuleMessage, serviceRuleOf } from '../../src/request/service-rules.js';
import { readEvaluationInput } from '../../src/request/read-evaluation-input.js';
import { buildRequestEnvironment, isRoleArn } from './request-environment.js';
import type { RequestEnvironment } from './request-environment.js';
import { validateRequest } from '../../src/request/validate-request.js';

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

function gate(result: PolicyTypeResult): GateState {
  switch (result.outcome) {
    case 'notApplicable':
      return 'notApplicable';
    case 'doesNotAllow':
      return 'noAllow';
    case 'allows':
    case 'explicitlyDenies':
      return 'pass';
  }
}

function resourceGrant(result: PolicyTypeResult, strongestForm: PrincipalMatchForm | undefined): ResourceGrant {
  if (result.outcome === 'notApplicable' || result.allows.length === 0) return 'none';
  if (strongestForm === undefined || formGrantsOutright(strongestForm)) return 'full';
  return formReplacesIdentity(strongestForm) ? 'capped' : 'delegates';
}

function identitySide(env: RequestEnvironment): IdentitySide {
  if (env.caller.kind === 'root') return 'unrestricted';
  return env.caller.hasIdentitySide ? 'policies' : 'none';
}

/** Keys deduplicated case-insensitively (first spelling kept), then sorted. */
function sortedKeys(keys: readonly string[]): string[] {
  const byLower = new Map<string, string>();
  for (const key of keys) if (!byLower.has(key.toLowerCase())) byLower.set(key.toLowerCase(), key);
  return [...byLower.values()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/**
 * Decides one request against a compiled policy set: every policy type evaluated, then the decision table of
 * src/combiner/combine.ts. Pure and deterministic; the compiled set and the request are never mutated.
 *
 * @throws TypeError for a principal string the engine cannot read, or an unreadable `now` option.
 */
export function evaluateLoaded(
  compiled: LoadedPolicySet,
  request: RequestInput,
  options: EvaluateOptions = {},
): EvaluationResult {
  const env = buildRequestEnvironment(request, options, compiled.permissionsBoundary !== undefined);
  // Service rules (docs/service-rules.md): an `alwaysAllowed` rule takes the place of the types it overrides.
  const rule =
    options.serviceRules === false
      ? undefined
      : serviceRuleOf({
          action: request.action.toLowerCase(),
          resource: request.resource,
          caller: env.caller,
          sameAccount: env.sameAccount,
        });
  const unlessOverridden = <R extends PolicyTypeResult>(type: PolicyType, evaluate: () => R): R | PolicyTypeResult =>
    rule?.outcome === 'alwaysAllowed' && rule.overrides.includes(type)
      ? notApplicable(type, `the service rule ${rule.id} decides instead (${rule.summary})`, ['EV-17'])
      : evaluate();
  const resourcePolicy = evaluateResourcePolicy(compiled, env);
  const resourceResult = unlessOverridden('resource', () => resourcePolicy);
  const resource = { ...resourceResult, trustPolicy: resourcePolicy.trustPolicy } as typeof resourcePolicy;
  const results: Readonly<Record<PolicyType, PolicyTypeResult>> = {
    scp: unlessOverridden('scp', () => evaluateServiceControlPolicies(compiled, env)),
    rcp: unlessOverridden('rcp', () => evaluateResourceControlPolicies(compiled, env)),
    vpcEndpoint: unlessOverridden('vpcEndpoint', () => evaluateVpcEndpointPolicies(compiled, env)),
    resource,
    identity: unlessOverridden('identity', () => evaluateIdentityPolicies(compiled, env)),
    permissionsBoundary: unlessOverridden('permissionsBoundary', () => evaluatePermissionsBoundary(compiled, env)),
    session: unlessOverridden('session', () => evaluateSessionPolicies(compiled, env)),
  };
  const ordered = POLICY_TYPES.map((type) => results[type]);
  const denies: StatementRef[] = ordered.flatMap((result) => result.denies);
  const [deniedBy] = denies;
  // `deniedBy` last: in V8 11 (Node 20) a literal that lists members after a spread costs microseconds (the table
  // reads the facts by name, so their order does not matter).
  const facts: DecisionFacts = {
    rcp: gate(results.rcp),
    scp: gate(results.scp),
    vpcEndpoint: gate(results.vpcEndpoint),
    resourcePolicyRequired: env.trustPolicyRequest || env.kmsKeyRequest,
    resourceGrant: resourceGrant(resource, resource.strongestForm),
    sameAccount: env.sameAccount,
    identitySide: identitySide(env),
    identityAllows: results.identity.outcome === 'allows',
    permissionsBoundary: gate(results.permissionsBoundary),
    session: gate(results.session),
    ...(rule === undefined ? {} : { serviceRule: { id: rule.id, summary: rule.summary, outcome: rule.outcome } }),
    ...(deniedBy === undefined ? {} : { deniedBy }),
  };
  const decided = combine(facts);
  const byRule = decided.byServiceRule === true ? rule : undefined;

  const allowedBy: StatementRef[] =
    decided.decision === 'Allow'
      ? [...resource.allows, ...results.identity.allows].map((statement) => statement.compiled.ref)
      : [];

  const choices = new Set<string>();
  for (const result of ordered) result.choices.forEach((choice) => choices.add(choice));
  if (!env.resourceAccountKnown && env.caller.hasIdentitySide) choices.add('EV-1');
  if (env.trustPolicyOtherAction) choices.add('EV-2');
  if (env.kmsKeyRequest) choices.add('EV-11');
  if (env.caller.kind === 'root') choices.add('EV-3');
  if (env.derived.some((entry) => entry.key === 'aws:RequestedRegion')) choices.add('EV-16');
  if (byRule !== undefined) choices.add('EV-17');
  const missingKeys = sortedKeys(ordered.flatMap((result) => result.missingKeys));
  const unknownUserId = env.caller.kind === 'user' || env.caller.kind === 'role' || env.caller.kind === 'roleSession';
  if (unknownUserId && missingKeys.some((key) => key.toLowerCase() === 'aws:userid')) choices.add('EV-12');
  if (facts.sameAccount && facts.resourceGrant === 'delegates' && facts.identitySide === 'policies') choices.add('R7');
  if (decided.decision === 'ExplicitDeny' && new Set(denies.map((ref) => ref.policyType)).size > 1) choices.add('M-3');
  const others = decided.otherImplicitDenies;
  if (
    decided.notAllowedBy === 'resource' &&
    others.some((type) => type === 'identity' || type === 'permissionsBoundary' || type === 'session')
  ) {
    choices.add('EV-4');
  }
  if ((decided.notAllowedBy === 'vpcEndpoint' && others.length > 0) || others.includes('vpcEndpoint'))
    choices.add('EV-5');

  let message: string | undefined;
  const policyType = decided.decision === 'ExplicitDeny' ? deniedBy?.policyType : decided.notAllowedBy;
  if (policyType !== undefined) {
    const explicit = decided.decision === 'ExplicitDeny';
    const policyArn = explicit ? messagePolicyArn(deniedBy, env.sameAccount, options) : undefined;
    const messageInput: AccessDeniedMessageInput = {
      principal: request.principal,
      action: request.action,
      resource: request.resource,
      policyType,
      explicit,
      trustPolicy: resource.trustPolicy,
      ...(policyArn === undefined ? {} : { policyArn }),
    };
    message = renderAccessDeniedMessage(messageInput);
    for (const choice of accessDeniedMessageChoices(messageInput)) choices.add(choice);
  } else if (byRule?.outcome === 'neverAllowed') {
    message = serviceRuleMessage(byRule, request.resource);
  }

  const policyTypes: PolicyTypeTrace[] = ordered.map((result) => ({
    policyType: result.policyType,
    outcome: result.outcome,
    reason: result.reason,
    policies: result.policies.map((policy) => policy.trace),
  }));
  const principalAccount = env.caller.hasIdentitySide ? env.caller.accountId : undefined;
  // Built member by member, in this order (the order JSON and equality see): the same members as conditional spreads
  // would give, which cost microseconds in V8 11 (Node 20) when members follow them.
  const trace = {} as Mutable<EvaluationTrace>;
  if (principalAccount !== undefined) trace.principalAccount = principalAccount;
  if (env.resourceAccount !== undefined) trace.resourceAccount = env.resourceAccount;
  trace.sameAccount = env.sameAccount;
  trace.derivedContext = env.derived;
  trace.policyTypes = policyTypes;
  trace.steps = decided.steps;
  trace.choices = [...choices].sort();
  const evaluation = { decision: decided.decision } as Mutable<EvaluationResult>;
  if (decided.decision === 'ExplicitDeny' && deniedBy !== undefined) evaluation.deniedBy = deniedBy;
  evaluation.denies = denies;
  if (decided.notAllowedBy !== undefined) evaluation.notAllowedBy = decided.notAllowedBy;
  evaluation.allowedBy = allowedBy;
  if (message !== undefined) evaluation.message = message;
  if (byRule !== undefined) {
    (evaluation as { serviceRule?: unknown }).serviceRule = {
      ruleId: byRule.id,
      outcome: byRule.outcome,
      summary: byRule.summary,
      source: byRule.source,
      ...(byRule.outcome === 'neverAllowed' ? { messageWording: byRule.message?.wording ?? 'engine' } : {}),
    };
  }
  evaluation.missingContextKeys = missingKeys;
  evaluation.trace = trace;
  // What the catalogue says of the request is no decision: the oracle takes it from src, as it does the request check.
  const found = catalogueWarnings(request, resolveCatalogue(options.catalogue));
  if (found.length > 0) evaluation.warnings = found;
  return evaluation;
}

/**
 * The oracle's `evaluate`: the request read and checked as the engine reads it (RV-1..RV-5, shared with src), every
 * policy loaded without any cache with the grammar the request needs (EV-2), then {@link evaluateLoaded}. Warnings
 * go last on the result, as the engine adds them.
 */
export function oracleEvaluate(input: EvaluationInput, options: EvaluateOptions = {}): EvaluationResult {
  const read = readEvaluationInput(input);
  const { warnings } = validateRequest(read.request, options, parseCaller, read.issues);
  const request = read.request as RequestInput;
  const loaded = loadPolicySet(read.policies, {
    resourceGrammar: isRoleArn(request.resource) ? 'roleTrust' : 'resource',
  });
  const result = evaluateLoaded(loaded, request, options);
  const all = [...warnings, ...(result.warnings ?? [])];
  return all.length === 0 ? result : { ...result, warnings: all };
}
