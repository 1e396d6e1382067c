import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { evaluate } from '../../../src/index.js';
import type { EvaluationInput, OrgLevel, PolicySet, PolicySource, RequestInput } from '../../../src/index.js';

/**
 * Every scenario of SCENARIOS.md end to end, from the policy files the lead laid out under examples/scenarios/NN-name
 * (TEAM.md layout): the main request and every variant, decision, deciding statement and the AccessDenied text.
 */

interface ExpectedDecision {
  readonly decision: string;
  readonly deniedBy?: {
    readonly policyType: string;
    readonly policyId: string;
    readonly statementIndex?: number;
    readonly sid?: string;
    readonly orgLevel?: string;
  };
  readonly notAllowedBy?: string;
  readonly message?: string;
}

interface Scenario {
  readonly title: string;
  readonly semantics: readonly string[];
  readonly request: RequestInput;
  readonly expected: ExpectedDecision;
  readonly accessDenied?: string;
  readonly variants?: readonly {
    readonly title: string;
    readonly request: RequestInput;
    readonly expected: ExpectedDecision;
  }[];
}

const root = fileURLToPath(new URL('../../../examples/scenarios/', import.meta.url));

function jsonFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((name) => name.endsWith('.json'))
    .sort();
}

function sources(dir: string): PolicySource[] {
  return jsonFiles(dir).map((name) => ({
    id: name.slice(0, -'.json'.length),
    document: readFileSync(join(dir, name), 'utf8'),
  }));
}

/** `scp/<N>-<target>/*.json`: levels ordered by N, the target is the folder name without `N-`. */
function levels(dir: string): OrgLevel[] | undefined {
  if (!existsSync(dir)) return undefined;
  return readdirSync(dir)
    .filter((name) => statSync(join(dir, name)).isDirectory())
    .map((name) => ({
      order: Number(name.slice(0, name.indexOf('-'))),
      target: name.slice(name.indexOf('-') + 1),
      name,
    }))
    .sort((a, b) => a.order - b.order)
    .map(({ target, name }) => ({ target, policies: sources(join(dir, name)) }));
}

function loadPolicies(folder: string): PolicySet {
  const dir = join(folder, 'policies');
  const [resource] = sources(join(dir, 'resource'));
  const [permissionsBoundary] = sources(join(dir, 'permissions-boundary'));
  const serviceControlPolicies = levels(join(dir, 'scp'));
  const resourceControlPolicies = levels(join(dir, 'rcp'));
  return {
    identity: sources(join(dir, 'identity')),
    ...(resource === undefined ? {} : { resource }),
    ...(permissionsBoundary === undefined ? {} : { permissionsBoundary }),
    session: sources(join(dir, 'session')),
    ...(serviceControlPolicies === undefined ? {} : { serviceControlPolicies }),
    ...(resourceControlPolicies === undefined ? {} : { resourceControlPolicies }),
    vpcEndpoint: sources(join(dir, 'vpc-endpoint')),
  };
}

function checkDecision(input: EvaluationInput, expected: ExpectedDecision): void {
  const result = evaluate(input);
  expect(result.decision).toBe(expected.decision);
  if (expected.deniedBy !== undefined) {
    const { deniedBy } = result;
    expect(deniedBy).toBeDefined();
    expect(deniedBy?.policyType).toBe(expected.deniedBy.policyType);
    expect(deniedBy?.policyId).toBe(expected.deniedBy.policyId);
    if (expected.deniedBy.statementIndex !== undefined)
      expect(deniedBy?.statementIndex).toBe(expected.deniedBy.statementIndex);
    if (expected.deniedBy.sid !== undefined) expect(deniedBy?.sid).toBe(expected.deniedBy.sid);
    if (expected.deniedBy.orgLevel !== undefined) expect(deniedBy?.orgLevel).toBe(expected.deniedBy.orgLevel);
  }
  if (expected.notAllowedBy !== undefined) expect(result.notAllowedBy).toBe(expected.notAllowedBy);
  if (expected.message !== undefined) expect(result.message).toBe(expected.message);
}

const folders = existsSync(root)
  ? readdirSync(root)
      .filter((name) => existsSync(join(root, name, 'scenario.json')))
      .sort()
  : [];

describe('SCENARIOS.md end to end (examples/scenarios)', () => {
  it('has the ten scenarios', () => {
    expect(folders).toHaveLength(10);
  });

  for (const name of folders) {
    const folder = join(root, name);
    const scenario = JSON.parse(readFileSync(join(folder, 'scenario.json'), 'utf8')) as Scenario;
    describe(`${name}: ${scenario.title} (${scenario.semantics.join(', ')})`, () => {
      const policies = loadPolicies(folder);

      it('main request', () => {
        checkDecision({ request: scenario.request, policies }, scenario.expected);
      });

      if (scenario.accessDenied !== undefined) {
        const accessDenied = scenario.accessDenied;
        it('renders the AccessDenied text of the scenario (M-1, M-2)', () => {
          expect(evaluate({ request: scenario.request, policies }).message).toBe(accessDenied);
        });
      }

      for (const variant of scenario.variants ?? []) {
        it(`variant: ${variant.title}`, () => {
          checkDecision({ request: variant.request, policies }, variant.expected);
        });
      }
    });
  }
});
