import type { DecisionFacts, GateState, IdentitySide, ResourceGrant } from '../combiner/combine.js';
import type { PolicyPlan } from '../compile/policy-plan.js';
import { UNIT } from '../compile/policy-plan.js';
import type { PolicyTypeOutcome, StatementRef } from '../model/evaluation-result.js';
import { POLICY_TYPES } from '../model/policy-type.js';
import type { PolicyType } from '../model/policy-type.js';
import type { RequestFacts } from '../request/request-facts.js';
import { formGrantsOutright, formReplacesIdentity } from './match-principal.js';
import type { PrincipalMatchForm } from './match-principal.js';

/**
 * The rules per policy type, written once and read by every driver (decide.ts, evaluate-result.ts, trace.ts):
 * which types take part in a request and, when one does not, why (its words and the [X] choices it relied on); how
 * each type's statements add up to its outcome (a union, an organization path, endpoint policies); and the facts the
 * combiner's decision table reads (src/combiner/combine.ts).
 */

/** Why a type takes no part in a request. Constant objects: the decision alone never words a reason. */
export interface NotApplicable {
  /** The reason, worded for the trace. */
  readonly reason: (facts: RequestFacts, plan: PolicyPlan) => string;
  /** The [X] items the outcome relied on. */
  readonly choices: (facts: RequestFacts, plan: PolicyPlan) => readonly string[];
}

const NONE: readonly string[] = Object.freeze([]);
const noChoices = (): readonly string[] => NONE;
const always = (choices: readonly string[]) => (): readonly string[] => choices;
/** EV-10: a service-linked role is recognized from its session's role name. */
const serviceLinkedChoices = (facts: RequestFacts): readonly string[] =>
  facts.caller.kind === 'roleSession' ? ['EV-10'] : NONE;

function skip(reason: NotApplicable['reason'], choices: NotApplicable['choices'] = noChoices): NotApplicable {
  return Object.freeze({ reason, choices });
}

const SCP_NOT_IN_ORGANIZATION = skip(() => "no SCP is given: the principal's account is not in an organization");
const SCP_NO_IDENTITY = skip(
  (facts) => `SCPs govern principals of member accounts, not a caller of kind \`${facts.caller.kind}\` (X-6)`,
);
const SCP_MANAGEMENT_ACCOUNT = skip(
  (facts) => `SCPs do not apply to principals of the management account \`${facts.caller.accountId ?? ''}\` (O-1)`,
);
const SCP_SERVICE_LINKED_ROLE = skip(
  (facts) => `SCPs do not restrict the service-linked role \`${facts.caller.roleName ?? ''}\` (O-2)`,
  serviceLinkedChoices,
);
const RCP_NOT_IN_ORGANIZATION = skip(() => "no RCP is given: the resource's account is not in an organization");
const RCP_MANAGEMENT_ACCOUNT = skip(
  (facts) =>
    `RCPs do not apply to resources of the management account \`${facts.options.managementAccountId ?? ''}\` (O-5)`,
);
const RCP_SERVICE_LINKED_ROLE = skip(
  (facts) => `RCPs do not restrict the service-linked role \`${facts.caller.roleName ?? ''}\` (O-8)`,
  serviceLinkedChoices,
);
const RCP_UNSUPPORTED_SERVICE = skip(
  (facts) => `RCPs do not apply to the service \`${facts.service}\` (O-7)`,
  always(['O-7']),
);
const RCP_RETIRE_GRANT = skip(() => 'RCPs never control `kms:RetireGrant` (O-9)');
const VPC_NOT_GIVEN = skip(() => 'no VPC endpoint policy is given: the request did not come through an endpoint (V-2)');
const RESOURCE_NOT_GIVEN = skip((facts) =>
  facts.trustPolicyRequest
    ? 'no trust policy is given: no one can assume the role (E-8)'
    : facts.kmsKeyRequest
      ? 'no key policy is given: no one can use the key (E-8)'
      : 'no resource-based policy is given',
);
const IDENTITY_ROOT = skip(
  () => 'the account root user is not restricted by identity-based policies (E-3)',
  always(['EV-3']),
);
const IDENTITY_NONE = skip((facts) => `a caller of kind \`${facts.caller.kind}\` has no identity-based policies (X-6)`);
const BOUNDARY_NOT_GIVEN = skip(() => 'no permissions boundary is given');
const BOUNDARY_ROOT = skip(() => 'the account root user cannot have a permissions boundary', always(['EV-3']));
const BOUNDARY_NONE = skip((facts) => `a caller of kind \`${facts.caller.kind}\` has no permissions boundary`);
const SESSION_ROOT = skip(
  () => 'the account root user has no session policy',
  (_facts, plan) => (plan.sessionPolicyCount > 0 ? ['EV-3'] : NONE),
);
const SESSION_NOT_A_SESSION = skip(
  (facts, plan) =>
    `a caller of kind \`${facts.caller.kind}\` is not a session principal${
      plan.sessionPolicyCount > 0 ? ' (the session policies given are ignored, EV-6)' : ''
    }`,
  (_facts, plan) => (plan.sessionPolicyCount > 0 ? ['EV-6'] : NONE),
);
const SESSION_NOT_PASSED = skip(() => 'no session policy was passed when the role session was created');

/** Whether each type takes part by its own rules, before any service rule. */
const TYPE_RULES: Readonly<Record<PolicyType, (plan: PolicyPlan, facts: RequestFacts) => NotApplicable | undefined>> =
  Object.freeze({
    // O-1, O-2, X-6: SCPs govern the identities of member accounts, except service-linked roles.
    scp: (plan, facts) => {
      const { caller } = facts;
      if (plan.serviceControlUnits.length === 0) return SCP_NOT_IN_ORGANIZATION;
      if (!caller.hasIdentitySide) return SCP_NO_IDENTITY;
      const management = facts.options.managementAccountId;
      if (management !== undefined && caller.accountId === management) return SCP_MANAGEMENT_ACCOUNT;
      if (caller.serviceLinkedRole) return SCP_SERVICE_LINKED_ROLE;
      return undefined;
    },
    // O-5, O-7, O-8, O-9: RCPs govern every caller on resources of member accounts in the supported services.
    rcp: (plan, facts) => {
      if (plan.resourceControlUnits.length === 0) return RCP_NOT_IN_ORGANIZATION;
      const management = facts.options.managementAccountId;
      if (management !== undefined && facts.resourceAccount === management) return RCP_MANAGEMENT_ACCOUNT;
      if (facts.caller.serviceLinkedRole) return RCP_SERVICE_LINKED_ROLE;
      if (!facts.rcpSupportsService) return RCP_UNSUPPORTED_SERVICE;
      if (facts.action === 'kms:retiregrant') return RCP_RETIRE_GRANT;
      return undefined;
    },
    // V-1, V-2, V-3: endpoint policies filter only requests that came through an endpoint.
    vpcEndpoint: (plan) => (plan.vpcEndpointUnits.length === 0 ? VPC_NOT_GIVEN : undefined),
    resource: (plan) => (plan.resourcePolicyGiven ? undefined : RESOURCE_NOT_GIVEN),
    // E-3, EV-3, X-6: the root user is not restricted by identity policies; callers without identity have none.
    identity: (_plan, facts) => {
      if (facts.caller.kind === 'root') return IDENTITY_ROOT;
      return facts.caller.hasIdentitySide ? undefined : IDENTITY_NONE;
    },
    permissionsBoundary: (plan, facts) => {
      if (!plan.permissionsBoundaryGiven) return BOUNDARY_NOT_GIVEN;
      if (facts.caller.kind === 'root') return BOUNDARY_ROOT;
      return facts.caller.hasIdentitySide ? undefined : BOUNDARY_NONE;
    },
    // §1.3 step 7: only sessions have session policies; a federated-user session always needs one that allows.
    session: (plan, facts) => {
      const { caller } = facts;
      if (caller.kind === 'root') return SESSION_ROOT;
      if (!caller.isSession) return SESSION_NOT_A_SESSION;
      if (plan.sessionPolicyCount === 0 && caller.kind !== 'federatedUser') return SESSION_NOT_PASSED;
      return undefined;
    },
  });

/** A type an `alwaysAllowed` service rule takes the place of (SR-1, SR-7): its policies take no part. */
const OVERRIDDEN_BY_SERVICE_RULE = skip(
  (facts) => {
    const rule = facts.serviceRule;
    return rule === undefined ? '' : `the service rule ${rule.id} decides instead (${rule.summary})`;
  },
  always(['EV-17']),
);

/**
 * Whether each type takes part: `undefined` when it does, else why not. A type that does not take part is never
 * looked at: its statements neither deny nor report missing keys.
 */
export const APPLICABILITY: Readonly<
  Record<PolicyType, (plan: PolicyPlan, facts: RequestFacts) => NotApplicable | undefined>
> = Object.freeze(
  Object.fromEntries(
    POLICY_TYPES.map((type) => [
      type,
      (plan: PolicyPlan, facts: RequestFacts): NotApplicable | undefined => {
        const rule = facts.serviceRule;
        if (rule?.outcome === 'alwaysAllowed' && rule.overrides.includes(type)) return OVERRIDDEN_BY_SERVICE_RULE;
        return TYPE_RULES[type](plan, facts);
      },
    ]),
  ) as Record<PolicyType, (plan: PolicyPlan, facts: RequestFacts) => NotApplicable | undefined>,
);

/** Which types take part in a request. */
export type Applicability = Readonly<Record<PolicyType, boolean>>;

/** Works out {@link APPLICABILITY} for every type, as booleans. */
export function applicability(plan: PolicyPlan, facts: RequestFacts): Applicability {
  return {
    scp: APPLICABILITY.scp(plan, facts) === undefined,
    rcp: APPLICABILITY.rcp(plan, facts) === undefined,
    vpcEndpoint: APPLICABILITY.vpcEndpoint(plan, facts) === undefined,
    resource: APPLICABILITY.resource(plan, facts) === undefined,
    identity: APPLICABILITY.identity(plan, facts) === undefined,
    permissionsBoundary: APPLICABILITY.permissionsBoundary(plan, facts) === undefined,
    session: APPLICABILITY.session(plan, facts) === undefined,
  };
}

/** The outcome of a type whose policies form a union (identity, boundary, session, resource): §1.3. */
export function unionOutcome(denies: boolean, allows: boolean): PolicyTypeOutcome {
  if (denies) return 'explicitlyDenies';
  return allows ? 'allows' : 'doesNotAllow';
}

/**
 * O-10, EV-5: the first of `count` groups (organization levels, endpoint policies) without an Allow of its own,
 * or -1 when each allows. A Deny anywhere decides before this is asked.
 */
export function firstWithoutAllow(count: number, allowsAt: (index: number) => boolean): number {
  for (let i = 0; i < count; i += 1) if (!allowsAt(i)) return i;
  return -1;
}

/**
 * The outcome of an organization path (O-10, O-11, O-14) or of the endpoint policies (EV-5): a Deny at any level
 * denies; otherwise each level needs an Allow of its own, unless each carries the implicit RCPFullAWSAccess.
 */
export function everyGroupOutcome(denies: boolean, implicitFullAccess: boolean, failing: number): PolicyTypeOutcome {
  if (denies) return 'explicitlyDenies';
  return implicitFullAccess || failing < 0 ? 'allows' : 'doesNotAllow';
}

/** What the decision table reads of a type's outcome. */
export function gateOf(outcome: PolicyTypeOutcome): GateState {
  switch (outcome) {
    case 'notApplicable':
      return 'notApplicable';
    case 'doesNotAllow':
      return 'noAllow';
    case 'allows':
    case 'explicitlyDenies':
      return 'pass';
  }
}

/** §1.4: what the resource policy's matching Allows are worth, from the strongest principal form among them. */
export function resourceGrant(allows: boolean, strongest: PrincipalMatchForm | undefined): ResourceGrant {
  if (!allows) return 'none';
  if (strongest === undefined || formGrantsOutright(strongest)) return 'full';
  return formReplacesIdentity(strongest) ? 'capped' : 'delegates';
}

/** E-3: the root user is unrestricted; callers without identity policies have none. */
export function identitySide(facts: RequestFacts): IdentitySide {
  if (facts.caller.kind === 'root') return 'unrestricted';
  return facts.caller.hasIdentitySide ? 'policies' : 'none';
}

/** O-14: whether every RCP level carries the implicit RCPFullAWSAccess (the option, default true). */
export function implicitRcpFullAccess(facts: RequestFacts): boolean {
  return facts.options.implicitRcpFullAccess ?? true;
}

/** The outcome of each type as a driver found it; for the resource policy, what its Allows are worth (§1.4). */
export type TypeOutcomes = Readonly<Record<Exclude<PolicyType, 'resource'>, PolicyTypeOutcome>> & {
  readonly resourceGrant: ResourceGrant;
};

/** The facts of the decision table (src/combiner/combine.ts) for a request, from the outcome of each type. */
export function decisionFacts(
  facts: RequestFacts,
  outcomes: TypeOutcomes,
  deniedBy: StatementRef | undefined,
): DecisionFacts {
  const decided: DecisionFacts = {
    rcp: gateOf(outcomes.rcp),
    scp: gateOf(outcomes.scp),
    vpcEndpoint: gateOf(outcomes.vpcEndpoint),
    // E-8, EV-2, EV-11: a role trust policy or a KMS key policy must allow by itself.
    resourcePolicyRequired: facts.trustPolicyRequest || facts.kmsKeyRequest,
    resourceGrant: outcomes.resourceGrant,
    sameAccount: facts.sameAccount,
    identitySide: identitySide(facts),
    identityAllows: outcomes.identity === 'allows',
    permissionsBoundary: gateOf(outcomes.permissionsBoundary),
    session: gateOf(outcomes.session),
  };
  const rule = facts.serviceRule;
  const withRule =
    rule === undefined
      ? decided
      : { ...decided, serviceRule: { id: rule.id, summary: rule.summary, outcome: rule.outcome } };
  return deniedBy === undefined ? withRule : { ...withRule, deniedBy };
}

/** The unit of the resource policy as read with a grammar. */
export function resourceUnitOf(grammar: 'resource' | 'roleTrust'): number {
  return grammar === 'resource' ? UNIT.resource : UNIT.roleTrust;
}

/** Whether the resource policy is a role trust policy for this request (messages say `the role trust policy`). */
export function isTrustPolicy(grammar: 'resource' | 'roleTrust', facts: RequestFacts): boolean {
  return grammar === 'roleTrust' || facts.trustPolicyRequest;
}
