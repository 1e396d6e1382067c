import type { ElementTrace } from '../model/evaluation-result.js';
import type { PrincipalElement, PrincipalValue } from '../model/normalized-policy.js';
import type { PreparedPrincipalValue } from '../compile/prepare-principal.js';
import type { Caller, PrincipalFacts } from '../request/principal.js';
import { accountRootArn } from '../request/principal.js';

export type { PrincipalFacts } from '../request/principal.js';

/**
 * `Principal` and `NotPrincipal` (IAM-SEMANTICS G-15, G-16, G-20, G-21, E-10, V-6). Principals match by what the
 * policy names, never by glob (W-10): a role ARN matches that role's sessions, an account every principal of the
 * account, `*` everyone, anonymous included.
 *
 * [X] choices (docs/evaluation-logic.md):
 * - G-15: `{"AWS": "*"}` is read exactly as `"*"`, service principals and anonymous callers included.
 * - EV-8: a role ARN matches a session by partition, account and role name; its path is ignored (role names are
 *   unique per account, and a session ARN carries no path).
 * - EV-7: unique ids (`AIDA…`, `AROA…`) match only against an `aws:userid` the caller supplied; `CanonicalUser`
 *   values never match, because a request names its caller by ARN.
 * - V-6: in a VPC endpoint policy an account names only its root user.
 */

/** Which form of principal value matched; the combiner's §1.4 table keys on it. */
export type PrincipalMatchForm =
  | 'everyone'
  | 'account'
  | 'user'
  | 'userOfFederatedUser'
  | 'role'
  | 'roleSession'
  | 'federatedUser'
  | 'uniqueIdUser'
  | 'uniqueIdRole'
  | 'service'
  | 'federatedIdentity';

/** How one principal value compares with the caller. */
export interface PrincipalValueMatch {
  readonly form: PrincipalMatchForm;
  readonly choice?: string;
}

function samePartition(prepared: PreparedPrincipalValue, caller: Caller): boolean {
  return prepared.partition === undefined || prepared.partition === (caller.partition ?? 'aws');
}

function matchesRole(prepared: PreparedPrincipalValue, caller: Caller): boolean {
  if ((caller.kind !== 'role' && caller.kind !== 'roleSession') || !samePartition(prepared, caller)) return false;
  return (
    prepared.roleName !== undefined && prepared.accountId === caller.accountId && prepared.roleName === caller.roleName
  );
}

const ACCOUNT_PRINCIPALS: ReadonlySet<Caller['kind']> = new Set([
  'root',
  'user',
  'role',
  'roleSession',
  'federatedUser',
]);

/**
 * Whether one principal value names the caller, and in which form.
 *
 * @param inVpcEndpointPolicy - an account then names only its root user (V-6).
 */
export function matchPrincipalValue(
  prepared: PreparedPrincipalValue,
  facts: PrincipalFacts,
  inVpcEndpointPolicy: boolean,
): PrincipalValueMatch | undefined {
  const { caller } = facts;
  const { value } = prepared;
  switch (value.kind) {
    case 'everyone': {
      const viaAws = value.type === 'AWS' && (caller.kind === 'anonymous' || caller.kind === 'service');
      return viaAws ? { form: 'everyone', choice: 'G-15' } : { form: 'everyone' };
    }
    case 'account': {
      if (
        caller.accountId !== prepared.accountId ||
        !ACCOUNT_PRINCIPALS.has(caller.kind) ||
        !samePartition(prepared, caller)
      ) {
        return undefined;
      }
      if (inVpcEndpointPolicy) return caller.kind === 'root' ? { form: 'account', choice: 'V-6' } : undefined;
      return { form: 'account' };
    }
    case 'user':
      if (caller.kind === 'user' && value.value === caller.arn) return { form: 'user' };
      if (caller.kind === 'federatedUser' && facts.federatedUserIssuerArn === value.value) {
        return { form: 'userOfFederatedUser' };
      }
      return undefined;
    case 'role':
      return matchesRole(prepared, caller) ? { form: 'role', choice: 'EV-8' } : undefined;
    case 'assumedRoleSession':
      return caller.kind === 'roleSession' && value.value === caller.arn ? { form: 'roleSession' } : undefined;
    case 'federatedUser':
      return caller.kind === 'federatedUser' && value.value === caller.arn ? { form: 'federatedUser' } : undefined;
    case 'uniqueId': {
      const userId = facts.suppliedUserId;
      if (userId === undefined) return undefined;
      if (caller.kind === 'user' && value.value.startsWith('AIDA') && userId === value.value) {
        return { form: 'uniqueIdUser', choice: 'EV-7' };
      }
      const isRole = caller.kind === 'roleSession' || caller.kind === 'role';
      if (
        isRole &&
        value.value.startsWith('AROA') &&
        (userId === value.value || userId.startsWith(`${value.value}:`))
      ) {
        return { form: 'uniqueIdRole', choice: 'EV-7' };
      }
      return undefined;
    }
    case 'service':
      return caller.kind === 'service' && value.value === caller.serviceName ? { form: 'service' } : undefined;
    case 'federated':
      return caller.kind === 'federatedIdentity' && value.value === caller.arn
        ? { form: 'federatedIdentity' }
        : undefined;
    case 'canonicalUser':
      return undefined;
  }
}

/** How much a form grants in the same account (§1.4): the strongest matching form decides. */
const FORM_STRENGTH: Readonly<Record<PrincipalMatchForm, number>> = {
  account: 1,
  role: 2,
  uniqueIdRole: 2,
  userOfFederatedUser: 2,
  everyone: 3,
  user: 3,
  uniqueIdUser: 3,
  roleSession: 3,
  federatedUser: 3,
  service: 3,
  federatedIdentity: 3,
};

/** The stronger of two forms for the §1.4 table (undefined counts as nothing). */
export function strongerForm(
  a: PrincipalMatchForm | undefined,
  b: PrincipalMatchForm | undefined,
): PrincipalMatchForm | undefined {
  if (a === undefined) return b;
  if (b === undefined) return a;
  return FORM_STRENGTH[b] > FORM_STRENGTH[a] ? b : a;
}

/** Whether a form lets a same-account resource policy allow past implicit denies of identity, boundary and session. */
export function formGrantsOutright(form: PrincipalMatchForm): boolean {
  return FORM_STRENGTH[form] === 3;
}

/** Whether a form stands in for the identity policy in the same account but stays capped by boundary and session. */
export function formReplacesIdentity(form: PrincipalMatchForm): boolean {
  return FORM_STRENGTH[form] === 2;
}

/** The outcome of a `Principal`/`NotPrincipal` element. */
export interface PrincipalElementMatch {
  readonly trace: ElementTrace;
  /** For `Principal`: the strongest form that matched. */
  readonly form?: PrincipalMatchForm;
  readonly choices: readonly string[];
}

/** One link of the chain NotPrincipal must list in full to exempt a caller (G-21). */
interface ChainLink {
  readonly label: string;
  readonly matches: (prepared: PreparedPrincipalValue, facts: PrincipalFacts) => boolean;
}

const ACCOUNT_LINK: ChainLink = {
  label: 'account',
  matches: (prepared, facts) =>
    prepared.value.kind === 'account' &&
    prepared.accountId === facts.caller.accountId &&
    samePartition(prepared, facts.caller),
};

function formLink(label: string, forms: readonly PrincipalMatchForm[]): ChainLink {
  return {
    label,
    matches: (prepared, facts) => {
      const match = matchPrincipalValue(prepared, facts, false);
      return match !== undefined && forms.includes(match.form);
    },
  };
}

/** The identities AWS evaluates in turn for a caller under NotPrincipal: account, then role, then session (G-21). */
function exemptionChain(caller: Caller): readonly ChainLink[] {
  switch (caller.kind) {
    case 'root':
      return [ACCOUNT_LINK];
    case 'user':
      // A CloudFront origin access identity belongs to no account: it alone is evaluated.
      if (caller.accountId === undefined) return [formLink('user', ['user'])];
      return [ACCOUNT_LINK, formLink('user', ['user', 'uniqueIdUser'])];
    case 'role':
      return [ACCOUNT_LINK, formLink('role', ['role', 'uniqueIdRole'])];
    case 'roleSession':
      return [ACCOUNT_LINK, formLink('role', ['role', 'uniqueIdRole']), formLink('session', ['roleSession'])];
    case 'federatedUser':
      return [ACCOUNT_LINK, formLink('federated user', ['federatedUser'])];
    case 'anonymous':
      return [formLink('anonymous caller', [])];
    case 'service':
      return [formLink('service', ['service'])];
    case 'federatedIdentity':
      return [formLink('identity provider', ['federatedIdentity'])];
  }
}

/**
 * Matches a `Principal` or `NotPrincipal` element. G-20 applies wherever `NotPrincipal` is allowed (resource-based
 * and VPC endpoint policies): a caller with a permissions boundary is never exempt.
 *
 * @param inVpcEndpointPolicy - an account principal then names only its root user (V-6).
 */
export function matchPrincipalElement(
  element: PrincipalElement,
  values: readonly PreparedPrincipalValue[],
  facts: PrincipalFacts,
  inVpcEndpointPolicy: boolean,
): PrincipalElementMatch {
  const label = element.negated ? 'NotPrincipal' : 'Principal';
  if (!element.negated) {
    let form: PrincipalMatchForm | undefined;
    let first: PrincipalValue | undefined;
    const choices: string[] = [];
    for (const prepared of values) {
      const match = matchPrincipalValue(prepared, facts, inVpcEndpointPolicy);
      if (match === undefined) continue;
      if (first === undefined) first = prepared.value;
      if (match.choice !== undefined && !choices.includes(match.choice)) choices.push(match.choice);
      form = strongerForm(form, match.form);
    }
    if (first === undefined || form === undefined) {
      return {
        trace: {
          element: label,
          matched: false,
          span: element.span,
          reason: `no listed principal names \`${facts.caller.arn}\``,
        },
        choices,
      };
    }
    return {
      trace: {
        element: label,
        matched: true,
        matchedValue: first.raw,
        span: first.span,
        reason: `\`${first.raw}\` names the caller (${form})`,
      },
      form,
      choices,
    };
  }
  if (facts.hasPermissionsBoundary && facts.caller.hasIdentitySide) {
    return {
      trace: {
        element: label,
        matched: true,
        span: element.span,
        reason: 'the principal has a permissions boundary, so NotPrincipal with Deny always applies (G-20)',
      },
      choices: [],
    };
  }
  const everyone = element.values.find((value) => value.kind === 'everyone');
  if (everyone !== undefined) {
    return {
      trace: {
        element: label,
        matched: false,
        matchedValue: everyone.raw,
        span: everyone.span,
        reason: '`*` exempts every caller',
      },
      choices: [],
    };
  }
  const missing: string[] = [];
  let lastListed: PrincipalValue | undefined;
  for (const link of exemptionChain(facts.caller)) {
    const listed = values.find((prepared) => link.matches(prepared, facts));
    if (listed === undefined) missing.push(link.label);
    else lastListed = listed.value;
  }
  if (missing.length === 0 && lastListed !== undefined) {
    return {
      trace: {
        element: label,
        matched: false,
        matchedValue: lastListed.raw,
        span: lastListed.span,
        reason: 'every identity AWS evaluates for the caller is listed, so the caller is exempt (G-21)',
      },
      choices: [],
    };
  }
  const root = accountRootArn(facts.caller);
  const hint = missing.includes('account') && root !== undefined ? ` (\`${root}\` is not listed)` : '';
  return {
    trace: {
      element: label,
      matched: true,
      span: element.span,
      reason: `the caller is not exempt: its ${missing.join(', ')} ${missing.length === 1 ? 'is' : 'are'} not listed${hint} (G-21)`,
    },
    choices: [],
  };
}
