import { describe, expect, it } from 'vitest';
import { buildActionIndex } from '../../../src/compile/action-index.js';
import type { ActionIndex } from '../../../src/compile/action-index.js';
import { ContextKeyTable } from '../../../src/compile/context-key-table.js';
import { bucketOf } from '../../../src/matching/action.js';
import { UNIT } from '../../../src/compile/policy-plan.js';
import { planStatement } from '../../../src/compile/plan-statement.js';
import { loadPolicySet } from '../../../src/compile/load-policy-set.js';

/**
 * The action index (issue 7): a request looks only at statements whose Action/NotAction can match its action
 * (G-22 case-insensitive, G-23 wildcards, W-8 a `*` before the colon crossing it, G-7 empty lists never match), and
 * the plans of exact actions find the same statements whether worked out at compile time or tested per request.
 */

const doc = (...Statement: object[]) => ({ Version: '2012-10-17', Statement });
const policy = loadPolicySet({
  identity: [
    {
      id: 'p',
      document: doc(
        { Sid: 'Exact', Effect: 'Allow', Action: ['S3:GetObject', 'iam:PassRole'], Resource: '*' },
        { Sid: 'Service', Effect: 'Allow', Action: 'ec2:Describe*', Resource: '*' },
        { Sid: 'AnyService', Effect: 'Deny', Action: '*:Delete*', Resource: '*' },
        { Sid: 'Everything', Effect: 'Allow', Action: '*', Resource: 'arn:aws:sqs:*:*:*' },
        { Sid: 'Not', Effect: 'Deny', NotAction: ['s3:*', 'iam:*'], Resource: '*' },
        { Sid: 'Question', Effect: 'Allow', Action: 'ec2:?unInstances', Resource: '*' },
        { Sid: 'Inert', Effect: 'Deny', Action: [], Resource: '*' },
      ),
    },
  ],
}).identity[0];
const compiledStatements = policy?.statements ?? [];
const keys = new ContextKeyTable();
const fast = compiledStatements.map((statement, i) => planStatement(statement, UNIT.identity, false, keys, i));
const sidOf = new Map(fast.map((statement, i) => [statement, compiledStatements[i]?.statement.sid ?? '?']));

/** The Sids of the statements the index says match a (lower-cased) action. */
function matching(index: ActionIndex, action: string): string[] {
  const colon = action.indexOf(':');
  const plan = index.lookup(action, colon < 0 ? action : action.slice(0, colon));
  const sids = new Set<string>();
  for (const effect of ['deny', 'allow'] as const) {
    for (const statement of plan.sure[effect][UNIT.identity] ?? []) sids.add(sidOf.get(statement) ?? '?');
    for (const statement of plan.maybe[effect][UNIT.identity] ?? []) {
      if (statement.action.test(action)) sids.add(sidOf.get(statement) ?? '?');
    }
  }
  return [...sids].sort();
}

const expected: Readonly<Record<string, readonly string[]>> = {
  's3:getobject': ['Everything', 'Exact'],
  's3:putobject': ['Everything'],
  'iam:passrole': ['Everything', 'Exact'],
  'iam:deleterole': ['AnyService', 'Everything'],
  'ec2:describeinstances': ['Everything', 'Not', 'Service'],
  'ec2:runinstances': ['Everything', 'Not', 'Question'],
  'ec2:deletevolume': ['AnyService', 'Everything', 'Not'],
  'sqs:sendmessage': ['Everything', 'Not'],
  nocolon: ['Everything', 'Not'],
};

describe('the action index', () => {
  it('files patterns by exact action, service, or any service (W-8)', () => {
    expect(bucketOf('s3:getobject')).toEqual({ kind: 'exact', action: 's3:getobject' });
    expect(bucketOf('ec2:describe*')).toEqual({ kind: 'service', service: 'ec2' });
    expect(bucketOf('*:delete*')).toEqual({ kind: 'anyService' });
    expect(bucketOf('s3*')).toEqual({ kind: 'anyService' });
    expect(bucketOf('*')).toEqual({ kind: 'anyService' });
  });

  it('finds exactly the statements whose Action or NotAction matches, never an inert one (G-7)', () => {
    const index = buildActionIndex(fast, 5);
    for (const [action, sids] of Object.entries(expected)) expect(matching(index, action), action).toEqual(sids);
    expect(index.plannedActions).toBe(2);
  });

  it('finds the same statements when exact plans are not folded at compile time', () => {
    const unfolded = buildActionIndex(fast, 5, 0);
    for (const [action, sids] of Object.entries(expected)) expect(matching(unfolded, action), action).toEqual(sids);
  });

  it('decides a planned action without testing any pattern per request', () => {
    const plan = buildActionIndex(fast, 5).lookup('s3:getobject', 's3');
    expect(plan.maybe.allow[UNIT.identity]).toHaveLength(0);
    expect(plan.maybe.deny[UNIT.identity]).toHaveLength(0);
    expect(plan.sure.allow[UNIT.identity]?.map((statement) => sidOf.get(statement))).toEqual(['Exact', 'Everything']);
  });

  it('resolves an action in the spelling of a policy, in lower case or in any case to the same plan (G-22)', () => {
    const index = buildActionIndex(fast, 5);
    const planned = index.resolve('s3:getobject');
    expect(planned).toMatchObject({ action: 's3:getobject', service: 's3' });
    expect(index.resolve('S3:GetObject')).toBe(planned);
    expect(index.resolve('s3:GETOBJECT').plan).toBe(planned.plan);
    const other = index.resolve('EC2:DescribeVolumes');
    expect(other).toMatchObject({ action: 'ec2:describevolumes', service: 'ec2' });
    expect(other.plan).toBe(index.lookup('ec2:describevolumes', 'ec2'));
  });
});
