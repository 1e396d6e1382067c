import { describe, expect, it } from 'vitest';
import { explainAccessDenied, formatExplanation } from '../../../src/index.js';
import type { PolicySet } from '../../../src/index.js';

const statement = (effect: 'Allow' | 'Deny', extra: object = {}) => ({
  Version: '2012-10-17',
  Statement: [{ Effect: effect, Action: '*', Resource: '*', ...extra }],
});
const policies: PolicySet = {
  identity: [{ id: 'Admin', document: statement('Allow') }],
  serviceControlPolicies: [
    {
      target: 'r-root',
      policies: [
        { id: 'FullAWSAccess', document: statement('Allow') },
        {
          id: 'DenyOutsideUsEast1',
          document: statement('Deny', { Condition: { StringNotEquals: { 'aws:RequestedRegion': 'us-east-1' } } }),
        },
      ],
    },
  ],
};
const message = (region: string) =>
  `User: arn:aws:iam::111122223333:user/alice is not authorized to perform: ec2:StopInstances on resource: arn:aws:ec2:${region}:111122223333:instance/i-1 with an explicit deny in a service control policy`;

describe('explaining a region-deny SCP from the message alone (EV-16)', () => {
  it('derives aws:RequestedRegion from the resource ARN of the message, so the engine agrees with it', () => {
    const explained = explainAccessDenied(message('eu-west-1'), policies);
    expect(explained.ok && explained.agrees).toBe(true);
    if (!explained.ok) return;
    expect(explained.result.trace.derivedContext).toContainEqual({ key: 'aws:RequestedRegion', value: 'eu-west-1' });
    const text = formatExplanation(explained.explanation);
    expect(text).toContain('request `eu-west-1` (derived from the resource)');
    expect(text).toContain(
      'derived from the resource: `aws:ResourceAccount=111122223333`, `aws:RequestedRegion=eu-west-1`',
    );
  });

  it('disagrees with a message that claims the deny for a call in the allowed region', () => {
    const explained = explainAccessDenied(message('us-east-1'), policies);
    expect(explained.ok && explained.agrees).toBe(false);
  });
});
