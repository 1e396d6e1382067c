import { describe, expect, it } from 'vitest';
import { renderAccessDeniedMessage } from '../../../src/index.js';
import type { AccessDeniedMessageInput } from '../../../src/index.js';

/**
 * Every literal of IAM-SEMANTICS §10.2 that names one policy type, rendered from its parts (M-1, M-2, M-4, M-5). The
 * transitive VPC-endpoint form is not rendered: its semantics are undocumented (docs/evaluation-logic.md).
 */
const LITERALS: readonly (readonly [string, AccessDeniedMessageInput])[] = [
  [
    'User: arn:aws:iam::777788889999:user/JohnDoe is not authorized to perform: codecommit:ListRepositories with an explicit deny in a service control policy',
    {
      principal: 'arn:aws:iam::777788889999:user/JohnDoe',
      action: 'codecommit:ListRepositories',
      policyType: 'scp',
      explicit: true,
    },
  ],
  [
    'User: arn:aws:iam::123456789012:user/JohnDoe is not authorized to perform: codecommit:ListRepositories because no VPC endpoint policy allows the codecommit:ListRepositories action',
    {
      principal: 'arn:aws:iam::123456789012:user/JohnDoe',
      action: 'codecommit:ListRepositories',
      policyType: 'vpcEndpoint',
      explicit: false,
    },
  ],
  [
    'User: arn:aws:iam::123456789012:user/JohnDoe is not authorized to perform: codedeploy:ListDeployments on resource: arn:aws:codedeploy:us-east-1:123456789012:deploymentgroup:* with an explicit deny in a VPC endpoint policy',
    {
      principal: 'arn:aws:iam::123456789012:user/JohnDoe',
      action: 'codedeploy:ListDeployments',
      resource: 'arn:aws:codedeploy:us-east-1:123456789012:deploymentgroup:*',
      policyType: 'vpcEndpoint',
      explicit: true,
    },
  ],
  [
    'User: arn:aws:iam::123456789012:user/JohnDoe is not authorized to perform: codedeploy:ListDeployments on resource: arn:aws:codedeploy:us-east-1:123456789012:deploymentgroup:* because no permissions boundary allows the codedeploy:ListDeployments action',
    {
      principal: 'arn:aws:iam::123456789012:user/JohnDoe',
      action: 'codedeploy:ListDeployments',
      resource: 'arn:aws:codedeploy:us-east-1:123456789012:deploymentgroup:*',
      policyType: 'permissionsBoundary',
      explicit: false,
    },
  ],
  [
    'User: arn:aws:iam::777788889999:user/JohnDoe is not authorized to perform: sagemaker:ListModels with an explicit deny in a permissions boundary',
    {
      principal: 'arn:aws:iam::777788889999:user/JohnDoe',
      action: 'sagemaker:ListModels',
      policyType: 'permissionsBoundary',
      explicit: true,
    },
  ],
  [
    'User: arn:aws:iam::123456789012:user/JohnDoe is not authorized to perform: codecommit:ListRepositories because no session policy allows the codecommit:ListRepositories action',
    {
      principal: 'arn:aws:iam::123456789012:user/JohnDoe',
      action: 'codecommit:ListRepositories',
      policyType: 'session',
      explicit: false,
    },
  ],
  [
    'User: arn:aws:iam::123456789012:user/JohnDoe is not authorized to perform: secretsmanager:GetSecretValue because no resource-based policy allows the secretsmanager:GetSecretValue action',
    {
      principal: 'arn:aws:iam::123456789012:user/JohnDoe',
      action: 'secretsmanager:GetSecretValue',
      policyType: 'resource',
      explicit: false,
    },
  ],
  [
    'User: arn:aws:iam::123456789012:user/JohnDoe is not authorized to perform: secretsmanager:GetSecretValue on resource: arn:aws:secretsmanager:us-east-1:123456789012:secret:* with an explicit deny in a resource-based policy',
    {
      principal: 'arn:aws:iam::123456789012:user/JohnDoe',
      action: 'secretsmanager:GetSecretValue',
      resource: 'arn:aws:secretsmanager:us-east-1:123456789012:secret:*',
      policyType: 'resource',
      explicit: true,
    },
  ],
  [
    'User: arn:aws:iam::123456789012:user/JohnDoe is not authorized to perform: sts:AssumeRole because no role trust policy allows the sts:AssumeRole action',
    {
      principal: 'arn:aws:iam::123456789012:user/JohnDoe',
      action: 'sts:AssumeRole',
      policyType: 'resource',
      explicit: false,
      trustPolicy: true,
    },
  ],
  [
    'User: arn:aws:iam::777788889999:user/JohnDoe is not authorized to perform: sts:AssumeRole with an explicit deny in the role trust policy',
    {
      principal: 'arn:aws:iam::777788889999:user/JohnDoe',
      action: 'sts:AssumeRole',
      policyType: 'resource',
      explicit: true,
      trustPolicy: true,
    },
  ],
  [
    'User: arn:aws:iam::123456789012:user/JohnDoe is not authorized to perform: codecommit:ListRepositories because no identity-based policy allows the codecommit:ListRepositories action',
    {
      principal: 'arn:aws:iam::123456789012:user/JohnDoe',
      action: 'codecommit:ListRepositories',
      policyType: 'identity',
      explicit: false,
    },
  ],
  [
    'User: arn:aws:iam::123456789012:user/JohnDoe is not authorized to perform: codedeploy:ListDeployments on resource: arn:aws:codedeploy:us-east-1:123456789012:deploymentgroup:* with an explicit deny in an identity-based policy',
    {
      principal: 'arn:aws:iam::123456789012:user/JohnDoe',
      action: 'codedeploy:ListDeployments',
      resource: 'arn:aws:codedeploy:us-east-1:123456789012:deploymentgroup:*',
      policyType: 'identity',
      explicit: true,
    },
  ],
  [
    'User: arn:aws:sts::999888777666:assumed-role/ReadOnly/Tom is not authorized to perform: ec2:RunInstances on resource: arn:aws:ec2:us-east-1:999888777666:instance/* with an explicit deny in a service control policy',
    {
      principal: 'arn:aws:sts::999888777666:assumed-role/ReadOnly/Tom',
      action: 'ec2:RunInstances',
      resource: 'arn:aws:ec2:us-east-1:999888777666:instance/*',
      policyType: 'scp',
      explicit: true,
    },
  ],
  [
    'User: arn:aws:iam::123456789012:user/Matt is not authorized to perform: iam:ListRoles on resource: arn:aws:iam::123456789012:role/* with an explicit deny in a service control policy: arn:aws:organizations::987654321098:policy/o-qv5af4abcd/service_control_policy/p-2kgnabcd',
    {
      principal: 'arn:aws:iam::123456789012:user/Matt',
      action: 'iam:ListRoles',
      resource: 'arn:aws:iam::123456789012:role/*',
      policyType: 'scp',
      explicit: true,
      policyArn: 'arn:aws:organizations::987654321098:policy/o-qv5af4abcd/service_control_policy/p-2kgnabcd',
    },
  ],
  [
    'User: arn:aws:sts::112233445566:assumed-role/ROLE/SESSION is not authorized to perform: kms:GenerateDataKey on this resource because no identity-based policy allows the kms:GenerateDataKey action',
    {
      principal: 'arn:aws:sts::112233445566:assumed-role/ROLE/SESSION',
      action: 'kms:GenerateDataKey',
      resource: 'arn:aws:kms:us-east-1:112233445566:key/1234abcd-12ab-34cd-56ef-1234567890ab',
      policyType: 'identity',
      explicit: false,
    },
  ],
];

const USER = 'arn:aws:iam::123456789012:user/JohnDoe';
const ROLE = 'arn:aws:iam::123456789012:role/Deploy';
const POLICY_ARN = 'arn:aws:iam::123456789012:policy/DenyDeploy';

describe('renderAccessDeniedMessage (IAM-SEMANTICS §10.2, M-1, M-2)', () => {
  it.each(LITERALS)('renders %s', (literal, input) => {
    expect(renderAccessDeniedMessage(input)).toBe(literal);
  });

  it('M-2: an SCP without an Allow is worded as an explicit deny in a service control policy', () => {
    const message = renderAccessDeniedMessage({
      principal: 'arn:aws:iam::1:user/u',
      action: 'ec2:RunInstances',
      policyType: 'scp',
      explicit: false,
    });
    expect(message).toBe(
      'User: arn:aws:iam::1:user/u is not authorized to perform: ec2:RunInstances with an explicit deny in a service control policy',
    );
  });

  it('M-2 [X]: an RCP without an Allow is worded as an explicit deny in a resource control policy', () => {
    const message = renderAccessDeniedMessage({
      principal: 'arn:aws:iam::1:user/u',
      action: 's3:GetObject',
      policyType: 'rcp',
      explicit: false,
    });
    expect(message).toMatch(/ with an explicit deny in a resource control policy$/);
  });

  it('M-2 [X]: an explicit deny in a session policy says `a session policy`, not `a sessions policy`', () => {
    const message = renderAccessDeniedMessage({
      principal: 'arn:aws:iam::1:user/u',
      action: 'ec2:RunInstances',
      policyType: 'session',
      explicit: true,
    });
    expect(message).toMatch(/ with an explicit deny in a session policy$/);
  });

  it('renders the anonymous caller `*` as `anonymous`, and leaves out a `*` resource (M-4)', () => {
    const message = renderAccessDeniedMessage({
      principal: '*',
      action: 's3:GetObject',
      resource: '*',
      policyType: 'resource',
      explicit: false,
    });
    expect(message).toBe(
      'User: anonymous is not authorized to perform: s3:GetObject because no resource-based policy allows the s3:GetObject action',
    );
  });

  it('M-4 [X]: S3 writes the resource in double quotes', () => {
    const message = renderAccessDeniedMessage({
      principal: 'arn:aws:sts::112233445566:assumed-role/ROLE/SESSION',
      action: 's3:PutObject',
      resource: 'arn:aws:s3:::bucket/key',
      policyType: 'rcp',
      explicit: true,
    });
    expect(message).toBe(
      'User: arn:aws:sts::112233445566:assumed-role/ROLE/SESSION is not authorized to perform: s3:PutObject on resource: "arn:aws:s3:::bucket/key" with an explicit deny in a resource control policy',
    );
  });

  it('uses the trust wording only for resource-based policies', () => {
    const message = renderAccessDeniedMessage({
      principal: 'arn:aws:iam::1:user/u',
      action: 'sts:AssumeRole',
      policyType: 'identity',
      explicit: false,
      trustPolicy: true,
    });
    expect(message).toMatch(/because no identity-based policy allows the sts:AssumeRole action$/);
  });
  describe('M-5: the denying policy ARN', () => {
    it.each(['scp', 'rcp', 'permissionsBoundary', 'session', 'identity'] as const)(
      'follows an explicit deny in %s after `: `',
      (policyType) => {
        const message = renderAccessDeniedMessage({
          principal: USER,
          action: 'codedeploy:ListDeployments',
          policyType,
          explicit: true,
          policyArn: POLICY_ARN,
        });
        expect(message).toMatch(
          / with an explicit deny in (a|an) [a-z -]+: arn:aws:iam::123456789012:policy\/DenyDeploy$/,
        );
      },
    );

    it.each(['resource', 'vpcEndpoint'] as const)('is not rendered for %s, which AWS does not name it for', (type) => {
      const input: AccessDeniedMessageInput = {
        principal: USER,
        action: 'codedeploy:ListDeployments',
        policyType: type,
        explicit: true,
      };
      expect(renderAccessDeniedMessage({ ...input, policyArn: POLICY_ARN })).toBe(renderAccessDeniedMessage(input));
    });

    it('is not rendered for the role trust policy', () => {
      const message = renderAccessDeniedMessage({
        principal: USER,
        action: 'sts:AssumeRole',
        resource: ROLE,
        policyType: 'resource',
        explicit: true,
        trustPolicy: true,
        policyArn: POLICY_ARN,
      });
      expect(message).toBe(
        `User: ${USER} is not authorized to perform: sts:AssumeRole with an explicit deny in the role trust policy`,
      );
    });

    it.each(['scp', 'rcp', 'identity', 'permissionsBoundary'] as const)(
      'is not rendered for a missing Allow in %s: no single policy denies',
      (policyType) => {
        const message = renderAccessDeniedMessage({
          principal: USER,
          action: 'codedeploy:ListDeployments',
          policyType,
          explicit: false,
          policyArn: POLICY_ARN,
        });
        expect(message).not.toContain(POLICY_ARN);
      },
    );
  });

  describe('EV-13 (M-4 [K]): KMS says `on this resource`', () => {
    it('for a kms: action on a key, whatever the letter case of the action', () => {
      const message = renderAccessDeniedMessage({
        principal: USER,
        action: 'KMS:Decrypt',
        resource: 'arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab',
        policyType: 'resource',
        explicit: false,
      });
      expect(message).toBe(
        `User: ${USER} is not authorized to perform: KMS:Decrypt on this resource because no resource-based policy allows the KMS:Decrypt action`,
      );
    });

    it('a `*` resource still gives no resource clause', () => {
      const message = renderAccessDeniedMessage({
        principal: USER,
        action: 'kms:ListKeys',
        resource: '*',
        policyType: 'identity',
        explicit: false,
      });
      expect(message).toBe(
        `User: ${USER} is not authorized to perform: kms:ListKeys because no identity-based policy allows the kms:ListKeys action`,
      );
    });
  });

  describe('EV-14: a role trust policy deciding sts:AssumeRole* names no resource (§10.2 literals)', () => {
    it.each(['sts:AssumeRole', 'sts:AssumeRoleWithSAML', 'sts:AssumeRoleWithWebIdentity'])('%s', (action) => {
      const message = renderAccessDeniedMessage({
        principal: USER,
        action,
        resource: ROLE,
        policyType: 'resource',
        explicit: false,
        trustPolicy: true,
      });
      expect(message).toBe(
        `User: ${USER} is not authorized to perform: ${action} because no role trust policy allows the ${action} action`,
      );
    });

    it('other trust-policy actions keep the role (sts:TagSession)', () => {
      const message = renderAccessDeniedMessage({
        principal: USER,
        action: 'sts:TagSession',
        resource: ROLE,
        policyType: 'resource',
        explicit: true,
        trustPolicy: true,
      });
      expect(message).toBe(
        `User: ${USER} is not authorized to perform: sts:TagSession on resource: ${ROLE} with an explicit deny in the role trust policy`,
      );
    });

    it('another policy type deciding sts:AssumeRole keeps the role', () => {
      const message = renderAccessDeniedMessage({
        principal: USER,
        action: 'sts:AssumeRole',
        resource: ROLE,
        policyType: 'identity',
        explicit: false,
        trustPolicy: true,
      });
      expect(message).toBe(
        `User: ${USER} is not authorized to perform: sts:AssumeRole on resource: ${ROLE} because no identity-based policy allows the sts:AssumeRole action`,
      );
    });
  });
});
