import { readFileSync } from 'node:fs';
import Ajv from 'ajv';
import { describe, expect, it } from 'vitest';
import { parseDocument } from 'yaml';
import { parseIntentSuite } from '../../../src/testing/suite/parse-suite.js';
import { checkExpectation } from '../../../src/testing/suite/expectation.js';
import { evaluate } from '../../../src/evaluator/evaluate.js';

const schema = JSON.parse(
  readFileSync(new URL('../../../schemas/intent-suite.schema.json', import.meta.url), 'utf8'),
) as object;
const validate = new Ajv({ allErrors: true, strict: false }).compile(schema);

const YAML_SUITE = `suite: identity deny
policies: ../scenarios/01-identity-deny/policies
options: { now: '2024-05-01T00:00:00Z' }
tests:
  - name: nobody deletes a role
    semantics: [E-4]
    request:
      principal: arn:aws:iam::123456789012:user/alice
      action: iam:DeleteRole
      resource: arn:aws:iam::123456789012:role/app
    expect:
      decision: ExplicitDeny
      deniedBy: { policyType: identity, policyId: DenyDeleteRole }
  - name: other IAM actions pass
    request: { principal: 'arn:aws:iam::123456789012:user/alice', action: iam:ListRoles, resource: '*', context: { aws:TagKeys: [], aws:MultiFactorAuthAge: 30 } }
    expect: Allow
groups:
  - name: boundary
    policies:
      identity: [a.json, dir]
      permissionsBoundary: b.json
      scp: [{ target: r-root, policies: full.json }]
    options: { managementAccountId: '999999999999' }
    tests:
      - name: boundary decides
        request: { principal: 'arn:aws:iam::123456789012:user/alice', action: ec2:RunInstances, resource: '*' }
        expect: { decision: ImplicitDeny, notAllowedBy: permissionsBoundary }
`;

const toJs = (yaml: string): unknown => {
  const r = parseIntentSuite(yaml, 'x.yaml');
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  return r.suite;
};

describe('parseIntentSuite', () => {
  it('reads a YAML suite, with tests inheriting policies and options from their suite and group', () => {
    const r = parseIntentSuite(YAML_SUITE, 'examples/intent/x.intent.yaml');
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.suite.title).toBe('identity deny');
    expect(r.suite.tests.map((t) => t.name)).toEqual([
      'nobody deletes a role',
      'other IAM actions pass',
      'boundary › boundary decides',
    ]);
    const [first, second, third] = r.suite.tests;
    expect(first?.policies).toEqual({ folder: '../scenarios/01-identity-deny/policies' });
    expect(first?.expect).toEqual({
      decision: 'ExplicitDeny',
      deniedBy: { policyType: 'identity', policyId: 'DenyDeleteRole' },
    });
    expect(first?.location).toEqual({ file: 'examples/intent/x.intent.yaml', line: 5, column: 5 });
    expect(first?.semantics).toEqual(['E-4']);
    expect(second?.expect).toEqual({ decision: 'Allow' });
    expect(second?.request.context).toEqual({ 'aws:TagKeys': [], 'aws:MultiFactorAuthAge': 30 });
    expect(third?.policies).toEqual({
      identity: ['a.json', 'dir'],
      permissionsBoundary: 'b.json',
      scp: [{ target: 'r-root', policies: ['full.json'] }],
    });
    expect(third?.options).toEqual({ now: '2024-05-01T00:00:00Z', managementAccountId: '999999999999' });
    expect(third?.location.line).toBe(25);
  });

  it('reads the same suite written as JSON', () => {
    const suite = toJs(YAML_SUITE) as { tests: unknown[] };
    const json = JSON.stringify(
      {
        suite: 'identity deny',
        policies: '../scenarios/01-identity-deny/policies',
        tests: [{ name: 'n', request: { principal: 'p', action: 'a:B', resource: '*' }, expect: 'Allow' }],
      },
      null,
      2,
    );
    const r = parseIntentSuite(json, 'x.json');
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.suite.tests[0]?.location).toEqual({ file: 'x.json', line: 5, column: 5 });
    expect(suite.tests).toHaveLength(3);
  });

  it('agrees with schemas/intent-suite.schema.json on a valid suite', () => {
    const r = parseIntentSuite(YAML_SUITE, 'x.yaml');
    expect(r.ok).toBe(true);
    // The schema sees the document as written (before inheritance).
    expect(validate(parseDocument(YAML_SUITE).toJS())).toBe(true);
  });

  const INVALID: [string, string, RegExp, number][] = [
    [
      'unknown member',
      'tests:\n  - name: x\n    request: { principal: p, action: a:B, resource: "*" }\n    expect: Allow\n    policy: x\n',
      /`\/tests\/0\/policy`: unknown member `policy`/,
      5,
    ],
    [
      'bad decision',
      'policies: p\ntests:\n  - name: x\n    request: { principal: p, action: a:B, resource: "*" }\n    expect: Alow\n',
      /expected one of `Allow`, `ExplicitDeny`, `ImplicitDeny`, got `Alow`/,
      5,
    ],
    [
      'missing request',
      'policies: p\ntests:\n  - name: x\n    expect: Allow\n',
      /`\/tests\/0`: missing member `request`/,
      3,
    ],
    [
      'no policies anywhere',
      'tests:\n  - name: x\n    request: { principal: p, action: a:B, resource: "*" }\n    expect: Allow\n',
      /names no policies/,
      2,
    ],
    [
      'deniedBy on an Allow',
      'policies: p\ntests:\n  - name: x\n    request: { principal: p, action: a:B, resource: "*" }\n    expect: { decision: Allow, deniedBy: { policyType: identity } }\n',
      /`deniedBy` applies only when the decision is `ExplicitDeny`, not `Allow`/,
      5,
    ],
    [
      'bad policy type',
      'policies: p\ntests:\n  - name: x\n    request: { principal: p, action: a:B, resource: "*" }\n    expect: { decision: ImplicitDeny, notAllowedBy: boundary }\n',
      /expected one of `identity`.*got `boundary`/,
      5,
    ],
    [
      'bad context value',
      'policies: p\ntests:\n  - name: x\n    request: { principal: p, action: a:B, resource: "*", context: { k: { a: 1 } } }\n    expect: Allow\n',
      /`\/tests\/0\/request\/context\/k`: expected a string, number, boolean or a list of them, got an object/,
      4,
    ],
    ['no tests', 'policies: p\n', /the suite has no `tests` and no `groups`/, 1],
    [
      'bad scp levels',
      'policies: { scp: [{ target: r-root }] }\ntests: []\n',
      /`\/policies\/scp\/0`: missing member `policies`/,
      1,
    ],
  ];

  for (const [title, text, message, line] of INVALID) {
    it(`refuses ${title} with its line, as the schema does`, () => {
      const r = parseIntentSuite(text, 's.yaml');
      expect(r.ok).toBe(false);
      if (r.ok) return;
      const found = r.issues.find((i) => message.test(i.message));
      expect(found, r.issues.map((i) => i.message).join('\n')).toBeDefined();
      expect(found?.location.line).toBe(line);
      for (const issue of r.issues) expect(issue.message).not.toMatch(/\.$|\n|^[A-Z]/);
      // 'no policies anywhere' is a cross-field rule the schema cannot state
      if (title !== 'no policies anywhere') expect(validate(parseDocument(text).toJS())).toBe(false);
    });
  }

  it('reports broken YAML and duplicate keys with their position', () => {
    const r = parseIntentSuite('tests:\n  - name: a\n    name: b\n', 'dup.yaml');
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.issues[0]?.message).toMatch(/^invalid YAML: map keys must be unique/);
      expect(r.issues[0]?.location.line).toBe(3);
    }
    const j = parseIntentSuite('{ "tests": [ }', 'bad.json');
    expect(j.ok).toBe(false);
    if (!j.ok) expect(j.issues[0]?.message).toMatch(/^invalid JSON: /);
  });

  it('keeps a `__proto__` context key as data', () => {
    const r = parseIntentSuite(
      'policies: p\ntests:\n  - name: x\n    request: { principal: p, action: a:B, resource: "*", context: { __proto__: v } }\n    expect: Allow\n',
      'p.yaml',
    );
    expect(r.ok).toBe(true);
    if (r.ok) expect(Object.prototype.hasOwnProperty.call(r.suite.tests[0]?.request.context, '__proto__')).toBe(true);
    expect(({} as Record<string, unknown>)['v']).toBeUndefined();
  });
});

describe('intent suites can expect a service rule as the decider (docs/service-rules.md)', () => {
  it('reads `serviceRule`, and checkExpectation holds it to the result', () => {
    const yaml = [
      'policies:',
      '  identity: [no-sts.json]',
      'tests:',
      '  - name: GetCallerIdentity cannot be denied',
      '    request: { principal: "arn:aws:iam::111122223333:user/alice", action: "sts:GetCallerIdentity", resource: "*" }',
      '    expect: { decision: Allow, serviceRule: SR-1 }',
      '',
    ].join('\n');
    const parsed = parseIntentSuite(yaml, 'x.yaml');
    expect(parsed.ok).toBe(true);
    const test = parsed.ok ? parsed.suite.tests[0] : undefined;
    expect(test?.expect).toEqual({ decision: 'Allow', serviceRule: 'SR-1' });
    const result = evaluate({
      request: { principal: 'arn:aws:iam::111122223333:user/alice', action: 'sts:GetCallerIdentity', resource: '*' },
      policies: {},
    });
    expect(checkExpectation({ decision: 'Allow', serviceRule: 'SR-1' }, result)).toEqual([]);
    expect(checkExpectation({ decision: 'Allow', serviceRule: 'SR-7' }, result)).toEqual([
      'expected the service rule SR-7 to decide, got the service rule SR-1',
    ]);
    expect(parseIntentSuite(yaml.replace('SR-1', 'SR-99'), 'x.yaml').ok).toBe(false);
  });
});
