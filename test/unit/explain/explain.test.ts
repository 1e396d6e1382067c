import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { evaluate, explain, formatExplanation } from '../../../src/index.js';
import type { ContextValue, EvaluationInput, Explanation, PolicySource, StatementRef } from '../../../src/index.js';
import { findStatement, withChanges } from '../../../src/explain/what-would-change.js';
import { instantiatePattern } from '../../../src/explain/context-candidates.js';
import { scenarios } from './fixtures.js';

const doc = (...statements: object[]): string =>
  JSON.stringify({ Version: '2012-10-17', Statement: statements }, null, 2);
const policy = (id: string, ...statements: object[]): PolicySource => ({ id, document: doc(...statements) });
const ALICE = 'arn:aws:iam::123456789012:user/alice';

/** Applies each reported change alone, independently of the search, and checks it does what it claims. */
function expectChangesVerified(input: EvaluationInput, e: Explanation, wantMatched: boolean, ref: StatementRef): void {
  for (const deny of e.denies.filter((d) => d.statement.ref === ref)) {
    for (const change of deny.changes) {
      const after = evaluate(withChanges(input, [change]));
      expect(findStatement(after, ref)?.matched, change.description).toBe(wantMatched);
      expect(after.decision).toBe(change.decisionAfter);
    }
  }
}

describe('explain on every scenario of SCENARIOS.md', () => {
  for (const s of scenarios()) {
    it(`${s.semantics.join(' ')}: ${s.name}: names the deciding statement, with its lines and marks`, () => {
      const input: EvaluationInput = { request: s.request, policies: s.loaded.policies };
      const e = explain(input);
      expect(e.decision).toBe(s.expected.decision);
      if (s.expected.deniedBy === undefined) return;
      expect(e.deciding?.ref).toMatchObject(s.expected.deniedBy);
      expect(e.summary).toContain(`\`${s.expected.deniedBy.policyId}\``);
      const source = e.deciding?.source;
      expect(source?.lines[0]?.number).toBe(e.deciding?.ref.line);
      // The action mark sits under the action that matched.
      const actionMark = source?.markers.find((m) => m.label.includes('action'));
      expect(actionMark?.matched).toBe(true);
      const marked = source?.lines
        .find((l) => l.number === actionMark?.line)
        ?.text.slice((actionMark?.column ?? 1) - 1);
      expect(marked).toMatch(/^["[]/);
      for (const deny of e.denies) {
        if (deny.statement.conditions.length === 0) {
          expect(deny.changes).toEqual([]);
          expect(deny.noChangeReason).toMatch(/no change of context can make it stop applying/);
        } else {
          expect(deny.changes.length).toBeGreaterThan(0);
          expectChangesVerified(input, e, false, deny.statement.ref);
        }
      }
    });
  }

  const changesOf = (name: string): string[] => {
    const s = scenarios().find((x) => x.name.startsWith(name));
    if (s === undefined) throw new Error(name);
    return explain({ request: s.request, policies: s.loaded.policies }).denies.flatMap((d) =>
      d.changes.map((c) => c.description),
    );
  };

  it('scenario 2 (C-… BoolIfExists, E-4): MFA present stops the NotAction deny', () => {
    expect(changesOf('02')).toEqual(['`aws:MultiFactorAuthPresent` = `true`']);
  });
  it('scenario 3 (§7.11): a Production tag key, or another instance type, stops the ANDed deny', () => {
    expect(changesOf('03')).toEqual([
      '`aws:TagKeys` including `Production`',
      '`ec2:InstanceType` other than `t2.micro`',
    ]);
  });
  it('scenario 5: one of the listed user ids stops the bucket deny', () => {
    expect(changesOf('05')).toEqual([
      '`aws:userId` matching `AROAEXAMPLEID:*` (e.g. `AROAEXAMPLEID:example`)',
      '`aws:userId` = `AIDAEXAMPLEID`',
      '`aws:userId` = `111111111111`',
    ]);
  });
  it('scenario 6: coming through vpce-11111 stops the bucket deny', () => {
    expect(changesOf('06')).toEqual(['`aws:SourceVpce` = `vpce-11111`']);
  });
  it('scenario 8 (O-11): a principal whose aws:PrincipalArn is the CloudOps role stops the SCP deny', () => {
    expect(changesOf('08')).toEqual([
      '`aws:PrincipalARN` matching `arn:aws:iam::*:role/CloudOps` (e.g. `arn:aws:iam::123456789012:role/CloudOps`)',
    ]);
  });
});

describe('explain on an implicit deny: the layers that failed to allow, and their closest statements', () => {
  it('E-5: the identity policy allows other actions: the closest statement fails on Action', () => {
    const input: EvaluationInput = {
      request: { principal: ALICE, action: 'ec2:RunInstances', resource: '*' },
      policies: {
        identity: [
          policy(
            'Describe',
            { Effect: 'Allow', Action: 'ec2:Describe*', Resource: '*' },
            { Effect: 'Allow', Action: 's3:*', Resource: 'arn:aws:s3:::b' },
          ),
        ],
      },
    };
    const e = explain(input);
    expect(e.decision).toBe('ImplicitDeny');
    expect(e.notAllowed[0]?.policyType).toBe('identity');
    expect(e.notAllowed[0]?.closest).toHaveLength(1);
    expect(e.notAllowed[0]?.closest[0]).toMatchObject({ failedElement: 'Action', changes: [] });
    expect(e.notAllowed[0]?.closest[0]?.reason).toContain('`"ec2:Describe*"`');
  });

  it('a statement naming the request\u2019s service comes closer than one that does not', () => {
    const input: EvaluationInput = {
      request: { principal: ALICE, action: 'iam:DeleteUser', resource: '*' },
      policies: {
        identity: [
          policy(
            'Mixed',
            { Sid: 'Ec2', Effect: 'Allow', Action: 'ec2:RunInstances', Resource: '*' },
            { Sid: 'GetUser', Effect: 'Allow', Action: ['s3:GetObject', 'iam:GetUser'], Resource: '*' },
          ),
        ],
      },
    };
    expect(explain(input).notAllowed[0]?.closest.map((m) => m.statement.ref.sid)).toEqual(['GetUser']);
  });

  it('PB: a boundary that fails to allow is the layer named, with its statement', () => {
    const input: EvaluationInput = {
      request: { principal: ALICE, action: 'ec2:RunInstances', resource: '*' },
      policies: {
        identity: [policy('Ec2', { Effect: 'Allow', Action: 'ec2:*', Resource: '*' })],
        permissionsBoundary: policy('Boundary', { Sid: 'OnlyS3', Effect: 'Allow', Action: 's3:*', Resource: '*' }),
      },
    };
    const e = explain(input);
    expect(e.notAllowed.map((l) => l.policyType)).toEqual(['permissionsBoundary']);
    expect(e.notAllowed[0]?.closest[0]?.statement.ref.sid).toBe('OnlyS3');
    expect(formatExplanation(e)).toContain('no permissions boundary allows the request');
  });

  it('C-…: a failed condition names the key, and the verified change makes the request allowed', () => {
    const input: EvaluationInput = {
      request: {
        principal: ALICE,
        action: 's3:GetObject',
        resource: 'arn:aws:s3:::b/k',
        context: { 'aws:SourceVpce': 'vpce-2' },
      },
      policies: {
        identity: [
          policy('ViaEndpoint', {
            Effect: 'Allow',
            Action: 's3:GetObject',
            Resource: '*',
            Condition: { StringEquals: { 'aws:SourceVpce': 'vpce-1' } },
          }),
        ],
      },
    };
    const miss = explain(input).notAllowed[0]?.closest[0];
    expect(miss?.failedElement).toBe('Condition');
    expect(miss?.failedConditions.map((c) => c.key)).toEqual(['aws:SourceVpce']);
    expect(miss?.changes).toEqual([
      expect.objectContaining({ key: 'aws:SourceVpce', value: 'vpce-1', decisionAfter: 'Allow', derived: false }),
    ]);
  });

  it('§7.1: two failed conditions need both changes together', () => {
    const input: EvaluationInput = {
      // s3:ListBucket carries s3:max-keys: the search sets only keys the action carries (CAT-7).
      request: { principal: ALICE, action: 's3:ListBucket', resource: 'arn:aws:s3:::reports' },
      policies: {
        identity: [
          policy('Both', {
            Effect: 'Allow',
            Action: 's3:ListBucket',
            Resource: '*',
            Condition: { Bool: { 'aws:SecureTransport': 'true' }, NumericLessThan: { 's3:max-keys': '10' } },
          }),
        ],
      },
    };
    const miss = explain(input).notAllowed[0]?.closest[0];
    expect(miss?.allChangesRequired).toBe(true);
    expect(miss?.changes.map((c) => c.key).sort()).toEqual(['aws:SecureTransport', 's3:max-keys']);
    expect(miss?.changes.every((c) => c.decisionAfter === 'Allow')).toBe(true);
    expect(explain(input).missingContextKeys).toEqual(['aws:SecureTransport', 's3:max-keys']);
  });
});

describe('explain: allows, purity and text', () => {
  const input: EvaluationInput = {
    request: { principal: ALICE, action: 'iam:DeleteRole', resource: 'arn:aws:iam::123456789012:role/r' },
    policies: {
      identity: [
        policy('Admin', { Effect: 'Allow', Action: 'iam:*', Resource: '*' }),
        policy('NoDelete', { Sid: 'NoDelete', Effect: 'Deny', Action: 'iam:DeleteRole', Resource: '*' }),
      ],
    },
  };

  it('E-6: an Allow names every statement that granted it', () => {
    const e = explain({ ...input, request: { ...input.request, action: 'iam:ListRoles' } });
    expect(e.decision).toBe('Allow');
    expect(e.allows.map((a) => a.ref.policyId)).toEqual(['Admin']);
    expect(e.deciding?.ref.policyId).toBe('Admin');
    expect(formatExplanation(e).split('\n')[0]).toMatch(/^Allow: allowed by identity-based policy `Admin`/);
  });

  it('never mutates its input', () => {
    const frozen = structuredClone(input);
    const deepFreeze = (o: object): void => {
      Object.freeze(o);
      for (const v of Object.values(o)) if (typeof v === 'object' && v !== null) deepFreeze(v as object);
    };
    deepFreeze(frozen);
    expect(() => explain(frozen)).not.toThrow();
    expect(frozen).toEqual(input);
  });

  it('is deterministic', () => {
    expect(explain(input)).toEqual(explain(input));
  });

  it('uses the result it is given rather than evaluating again', () => {
    const result = evaluate(input);
    expect(explain(input, result).decision).toBe(result.decision);
  });

  it('formats with marks, the file it is told, and colour only when asked', () => {
    const e = explain(input);
    const plain = formatExplanation(e, { locate: (ref) => `policies/identity/${ref.policyId}.json` });
    expect(plain).not.toContain('\u001b[');
    expect(plain).toContain('policies/identity/NoDelete.json:4:5');
    expect(plain).toMatch(/\^{16} `iam:DeleteRole` matches action `iam:DeleteRole`/);
    expect(plain).toContain('no change of context can make it stop applying');
    expect(formatExplanation(e, { color: true })).toContain('\u001b[31m');
  });

  it('instantiates wildcards with the request\u2019s own ARN components', () => {
    expect(instantiatePattern('arn:aws:iam::*:role/CloudOps', 'arn:aws:iam::123456789012:user/tester')).toBe(
      'arn:aws:iam::123456789012:role/CloudOps',
    );
    expect(instantiatePattern('AROA?:*')).toBe('AROAx:example');
    expect(instantiatePattern('plain')).toBe('plain');
  });
});

describe('property: every change explain reports is true (E-4, §7)', () => {
  const s3 = scenarios().find((x) => x.name.startsWith('03'));
  const tagKeys = fc.uniqueArray(fc.constantFrom('Production', 'production', 'Environment', 'Owner', 'Prod*'), {
    maxLength: 3,
  });
  const instanceType = fc.option(fc.constantFrom('t2.micro', 't3.large', 'T2.MICRO'), { nil: undefined });

  it('for random tag keys and instance types, each reported change alone flips the statement it is reported for', () => {
    if (s3 === undefined) throw new Error('scenario 03 is missing');
    fc.assert(
      fc.property(tagKeys, instanceType, (keys, type) => {
        const context: Record<string, ContextValue> = { 'aws:TagKeys': keys };
        if (type !== undefined) context['ec2:InstanceType'] = type;
        const input: EvaluationInput = { request: { ...s3.request, context }, policies: s3.loaded.policies };
        const e = explain(input);
        for (const deny of e.denies) {
          for (const change of deny.changes) {
            expect(findStatement(evaluate(withChanges(input, [change])), deny.statement.ref)?.matched).toBe(false);
          }
        }
        for (const layer of e.notAllowed) {
          for (const miss of layer.closest.filter((m) => !m.allChangesRequired)) {
            for (const change of miss.changes) {
              expect(findStatement(evaluate(withChanges(input, [change])), miss.statement.ref)?.matched).toBe(true);
            }
          }
        }
      }),
      { numRuns: 60 },
    );
  });
});
