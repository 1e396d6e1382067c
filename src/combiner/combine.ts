import type { Decision, StatementRef } from '../model/evaluation-result.js';
import type { PolicyType } from '../model/policy-type.js';

/**
 * The combiner: one ordered, exhaustive decision table over facts the per-type evaluators established
 * (IAM-SEMANTICS §1.3, §1.4, §1.5, §2, §3.2; docs/evaluation-logic.md). The first row whose condition holds decides;
 * the last row always holds. Rows 2-11 only run when no Deny matched, so explicit deny beats everything (E-4).
 */

/** Whether a guard-rail type lets the request through. */
export type GateState = 'notApplicable' | 'pass' | 'noAllow';

/**
 * What a same-account resource policy's Allow is worth (§1.4), from the strongest principal form that matched:
 * - `full`: names the user, session, federated user, `*` (or a service / identity provider): R1, R3, R5, R6;
 * - `capped`: names the role (or the user behind a federated-user session): R4, R2, stands in for the identity policy
 *   but stays capped by boundary and session policy;
 * - `delegates`: names the account (R7 [X], X-4): the identity policy must also allow;
 * - `none`: no Allow (or no resource policy).
 */
export type ResourceGrant = 'none' | 'delegates' | 'capped' | 'full';

/** Whether the caller has an identity side: `unrestricted` is the root user (E-3). */
export type IdentitySide = 'none' | 'unrestricted' | 'policies';

/** Everything the table reads. */
export interface DecisionFacts {
  /** The first matching Deny in the stable order, if any. */
  readonly deniedBy?: StatementRef;
  readonly rcp: GateState;
  readonly scp: GateState;
  readonly vpcEndpoint: GateState;
  /** A role trust policy or KMS key policy must allow by itself (E-8). */
  readonly resourcePolicyRequired: boolean;
  readonly resourceGrant: ResourceGrant;
  readonly sameAccount: boolean;
  readonly identitySide: IdentitySide;
  readonly identityAllows: boolean;
  readonly permissionsBoundary: GateState;
  readonly session: GateState;
  /** The service rule that covers the request (docs/service-rules.md), if one does. */
  readonly serviceRule?: {
    readonly id: string;
    readonly summary: string;
    readonly outcome: 'alwaysAllowed' | 'neverAllowed';
  };
}

/** What a row decides. */
export interface RowOutcome {
  readonly decision: Decision;
  readonly notAllowedBy?: PolicyType;
  /** The row is a service rule's: the result names the rule, not a policy. */
  readonly byServiceRule?: true;
}

/** One row of the decision table. */
export interface DecisionRow {
  readonly id: string;
  /** The IAM-SEMANTICS items the row implements. */
  readonly semantics: readonly string[];
  readonly when: (facts: DecisionFacts) => boolean;
  readonly outcome: RowOutcome;
  /** The step as the trace words it, for a row that decided (`true`) or was passed (`false`). */
  readonly step: (facts: DecisionFacts, decided: boolean) => string;
}

function refText(ref: StatementRef | undefined): string {
  if (ref === undefined) return '';
  const sid = ref.sid === undefined ? '' : ` (\`${ref.sid}\`)`;
  const level = ref.orgLevel === undefined ? '' : ` at level \`${ref.orgLevel}\``;
  return `statement ${ref.statementIndex}${sid} of the ${ref.policyType} policy \`${ref.policyId}\`${level}`;
}

function gateStep(label: string, state: GateState, decided: boolean): string {
  if (decided) return `${label}: no Allow at some level, so the request is denied`;
  return state === 'notApplicable' ? `${label}: not applicable` : `${label}: every level allows`;
}

const FULL_GRANT_FORMS = 'the user, the session, the federated user or `*`';

/** The table, in order. The last row always holds. */
export const DECISION_TABLE: readonly DecisionRow[] = Object.freeze([
  {
    id: 'explicit-deny',
    semantics: ['E-4', 'M-3'],
    when: (f) => f.deniedBy !== undefined,
    outcome: { decision: 'ExplicitDeny' },
    step: (f, decided) =>
      decided
        ? `E-4 explicit deny: ${refText(f.deniedBy)} matches and denies`
        : 'E-4 explicit deny: no applicable Deny statement matches',
  },
  {
    id: 'service-rule-refuses',
    semantics: ['SR-2', 'SR-3', 'SR-4', 'SR-5', 'SR-6', 'EV-17'],
    when: (f) => f.serviceRule?.outcome === 'neverAllowed',
    outcome: { decision: 'ImplicitDeny', byServiceRule: true },
    step: (f, decided) =>
      decided
        ? `${f.serviceRule?.id ?? ''} service rule: ${f.serviceRule?.summary ?? ''}, whatever the policies allow`
        : 'service rules: none refuses the request',
  },
  {
    id: 'rcp-no-allow',
    semantics: ['O-10', 'O-14', 'O-15'],
    when: (f) => f.rcp === 'noAllow',
    outcome: { decision: 'ImplicitDeny', notAllowedBy: 'rcp' },
    step: (f, decided) => gateStep('O-10 resource control policies', f.rcp, decided),
  },
  {
    id: 'scp-no-allow',
    semantics: ['O-10', 'O-15'],
    when: (f) => f.scp === 'noAllow',
    outcome: { decision: 'ImplicitDeny', notAllowedBy: 'scp' },
    step: (f, decided) => gateStep('O-10 service control policies', f.scp, decided),
  },
  {
    id: 'vpc-endpoint-no-allow',
    semantics: ['V-1', 'EV-5'],
    when: (f) => f.vpcEndpoint === 'noAllow',
    outcome: { decision: 'ImplicitDeny', notAllowedBy: 'vpcEndpoint' },
    step: (f, decided) =>
      decided
        ? 'V-1 VPC endpoint policy: it does not allow the request'
        : `V-1 VPC endpoint policy: ${f.vpcEndpoint === 'notApplicable' ? 'not applicable' : 'allows'}`,
  },
  {
    id: 'service-rule-allows',
    semantics: ['SR-1', 'SR-7', 'EV-17'],
    when: (f) => f.serviceRule?.outcome === 'alwaysAllowed',
    outcome: { decision: 'Allow', byServiceRule: true },
    step: (f, decided) =>
      decided
        ? `${f.serviceRule?.id ?? ''} service rule: ${f.serviceRule?.summary ?? ''}`
        : 'service rules: none allows the request by itself',
  },
  {
    id: 'required-resource-policy',
    semantics: ['E-8', 'E-9'],
    when: (f) => f.resourcePolicyRequired && f.resourceGrant === 'none',
    outcome: { decision: 'ImplicitDeny', notAllowedBy: 'resource' },
    step: (f, decided) =>
      decided
        ? 'E-8 the role trust policy or key policy must allow by itself, and it does not'
        : f.resourcePolicyRequired
          ? 'E-8 the role trust policy or key policy allows'
          : 'E-8 no trust or key policy is required',
  },
  {
    id: 'resource-side',
    semantics: ['X-1', 'X-3', 'X-6'],
    when: (f) => (!f.sameAccount || f.identitySide === 'none') && f.resourceGrant === 'none',
    outcome: { decision: 'ImplicitDeny', notAllowedBy: 'resource' },
    step: (f, decided) =>
      decided
        ? f.identitySide === 'none'
          ? 'X-6 the caller has no identity side, so the resource-based policy must allow, and it does not'
          : 'X-1 cross account, the resource-based policy must allow, and it does not'
        : f.sameAccount && f.identitySide !== 'none'
          ? 'X-1 same account: the resource-based policy is optional (E-6)'
          : 'X-1 the resource-based policy allows the caller',
  },
  {
    id: 'no-identity-side',
    semantics: ['X-6', 'E-13'],
    when: (f) => f.identitySide === 'none',
    outcome: { decision: 'Allow' },
    step: (_f, decided) =>
      decided
        ? 'X-6 the resource-based policy alone decides for a caller without identity policies, and it allows'
        : 'X-6 the caller has an identity side',
  },
  {
    id: 'resource-grants-outright',
    semantics: ['R1', 'R3', 'R5', 'R6', 'E-11', 'E-12', 'E-13'],
    when: (f) => f.sameAccount && f.resourceGrant === 'full',
    outcome: { decision: 'Allow' },
    step: (f, decided) =>
      decided
        ? `§1.4 the same-account resource-based policy names ${FULL_GRANT_FORMS}: its Allow is enough, past implicit denies of identity, boundary and session policies`
        : f.sameAccount && f.resourceGrant !== 'none'
          ? `§1.4 the resource-based policy names ${f.resourceGrant === 'capped' ? 'the role (R4)' : 'the account (R7)'}: the grant stays capped`
          : '§1.4 no resource-based Allow decides on its own',
  },
  {
    id: 'identity-no-allow',
    semantics: ['E-5', 'E-6', 'R4', 'R7', 'X-2', 'X-4'],
    when: (f) => f.identitySide === 'policies' && !f.identityAllows && !(f.sameAccount && f.resourceGrant === 'capped'),
    outcome: { decision: 'ImplicitDeny', notAllowedBy: 'identity' },
    step: (f, decided) =>
      decided
        ? 'E-5 no identity-based policy allows the request'
        : f.identitySide === 'unrestricted'
          ? 'E-3 the account root user is not restricted by identity-based policies'
          : f.identityAllows
            ? 'E-5 an identity-based policy allows the request'
            : 'R4 the resource-based policy names the role, standing in for the identity-based policy',
  },
  {
    id: 'boundary-no-allow',
    semantics: ['E-7', 'R4', 'E-11'],
    when: (f) => f.permissionsBoundary === 'noAllow',
    outcome: { decision: 'ImplicitDeny', notAllowedBy: 'permissionsBoundary' },
    step: (f, decided) =>
      decided
        ? 'E-7 the permissions boundary does not allow the request'
        : `E-7 permissions boundary: ${f.permissionsBoundary === 'notApplicable' ? 'not applicable' : 'allows'}`,
  },
  {
    id: 'session-no-allow',
    semantics: ['§1.3', 'E-11'],
    when: (f) => f.session === 'noAllow',
    outcome: { decision: 'ImplicitDeny', notAllowedBy: 'session' },
    step: (f, decided) =>
      decided
        ? '§1.3 step 7: no session policy allows the request'
        : `§1.3 step 7 session policy: ${f.session === 'notApplicable' ? 'not applicable' : 'allows'}`,
  },
  {
    id: 'allow',
    semantics: ['E-5', 'E-6'],
    when: () => true,
    outcome: { decision: 'Allow' },
    step: () => 'E-5 every required policy allows and nothing denies: allowed',
  },
] satisfies DecisionRow[]);

/** The table's answer. */
export interface CombinedDecision extends RowOutcome {
  /** The row that decided. */
  readonly row: DecisionRow;
  /** The steps as taken, one line per row looked at. */
  readonly steps: readonly string[];
  /** For an implicit deny: a later row would also have denied, so the reporting order chose the reason (EV-4). */
  readonly otherImplicitDenies: readonly PolicyType[];
}

/** Runs the decision table. */
export function combine(facts: DecisionFacts): CombinedDecision {
  const steps: string[] = [];
  for (const [index, row] of DECISION_TABLE.entries()) {
    if (!row.when(facts)) {
      steps.push(row.step(facts, false));
      continue;
    }
    steps.push(row.step(facts, true));
    const otherImplicitDenies: PolicyType[] = [];
    if (row.outcome.decision === 'ImplicitDeny') {
      for (const later of DECISION_TABLE.slice(index + 1)) {
        const type = later.outcome.notAllowedBy;
        if (type !== undefined && later.when(facts) && !otherImplicitDenies.includes(type))
          otherImplicitDenies.push(type);
      }
    }
    return { ...row.outcome, row, steps, otherImplicitDenies };
  }
  throw new Error('the decision table has no row that always holds');
}

/** The first row of the decision table that holds, without the steps the trace words (the decision alone). */
export function decideRow(facts: DecisionFacts): RowOutcome {
  // eslint-disable-next-line @typescript-eslint/prefer-for-of -- a frozen table: `for…of` is V8's slow iterator there
  for (let i = 0; i < DECISION_TABLE.length; i += 1) {
    const row = DECISION_TABLE[i] as DecisionRow;
    if (row.when(facts)) return row.outcome;
  }
  throw new Error('the decision table has no row that always holds');
}

function explicitDenyOutcome(): RowOutcome {
  const first = DECISION_TABLE[0];
  if (first?.id !== 'explicit-deny') throw new Error('the decision table does not start with its explicit deny row');
  return first.outcome;
}

/**
 * E-4: the outcome of the decision table's first row, which decides whenever a Deny matched (that is its only
 * condition), whatever the other facts; so they need not be worked out then.
 */
export const EXPLICIT_DENY_OUTCOME: RowOutcome = explicitDenyOutcome();
