import type { FastPolicySet } from '../compile/fast-policy-set.js';
import type { RequestFacts } from '../request/request-facts.js';

/**
 * Which policy types take part in a request, by the rules of src/evaluator/policy-types/ (each type's
 * `notApplicable` branches): the root user has no identity side, boundary or session policy (E-3, EV-3); only
 * sessions have session policies; SCPs govern identities of member accounts except service-linked roles (O-1, O-2,
 * X-6); RCPs govern resources of member accounts in the supported services, except for service-linked roles and
 * `kms:RetireGrant` (O-5, O-7, O-8, O-9). A type that does not take part is never looked at: its statements neither
 * deny nor report missing keys.
 */
export interface Applicability {
  readonly identity: boolean;
  readonly permissionsBoundary: boolean;
  readonly session: boolean;
  /** A federated-user session without a session policy: the session type does not allow (§1.3 step 7). */
  readonly sessionMissing: boolean;
  readonly resource: boolean;
  readonly scp: boolean;
  readonly rcp: boolean;
  readonly vpcEndpoint: boolean;
}

/** Works out which types take part. */
export function applicability(set: FastPolicySet, facts: RequestFacts): Applicability {
  const { caller } = facts;
  const root = caller.kind === 'root';
  const identity = !root && caller.hasIdentitySide;
  const session = !root && caller.isSession;
  const management = facts.options.managementAccountId;
  return {
    identity,
    permissionsBoundary: identity && set.permissionsBoundaryGiven,
    session: session && set.sessionPolicyCount > 0,
    sessionMissing: session && set.sessionPolicyCount === 0 && caller.kind === 'federatedUser',
    resource: set.resourcePolicyGiven,
    scp:
      set.serviceControlPolicies.length > 0 &&
      caller.hasIdentitySide &&
      !(management !== undefined && caller.accountId === management) &&
      !caller.serviceLinkedRole,
    rcp:
      set.resourceControlPolicies.length > 0 &&
      !(management !== undefined && facts.resourceAccount === management) &&
      !caller.serviceLinkedRole &&
      facts.rcpSupportsService &&
      facts.action !== 'kms:retiregrant',
    vpcEndpoint: set.vpcEndpointUnits.length > 0,
  };
}
