import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CliError } from '../../../src/cli/errors.js';
import { inferGrammarFromText } from '../../../src/cli/infer-grammar.js';
import { grammarOfName, typedArguments } from '../../../src/cli/policy-args.js';
import { loadPolicyFolder } from '../../../src/cli/policy-folder.js';
import { parseContextFlags } from '../../../src/cli/request-input.js';
import { selectFiles } from '../../../src/cli/select-files.js';
import { REPO } from './cli-harness.js';

mkdirSync(join(REPO, '.tmp'), { recursive: true });
const scratch = mkdtempSync(join(REPO, '.tmp', 'policy-folder-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function tree(name: string, files: Record<string, string>): string {
  const root = join(scratch, name);
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(root, path, '..'), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

const failure = (fn: () => unknown): CliError => {
  try {
    fn();
  } catch (error) {
    if (error instanceof CliError) return error;
    throw error;
  }
  throw new Error('expected a CliError');
};

describe('loadPolicyFolder', () => {
  it('O-10, O-15: SCP levels in N order with their targets; ids are file names; text kept for positions', () => {
    const { policies, files } = loadPolicyFolder(join(REPO, 'examples/scenarios/08-scp-deny/policies'));
    expect(policies.serviceControlPolicies?.map((l) => [l.target, l.policies.map((p) => p.id)])).toEqual([
      ['r-root', ['FullAWSAccess']],
      ['ou-abcd-11111111', ['DenyRunInstancesExceptCloudOps', 'FullAWSAccess']],
      ['123456789012', ['FullAWSAccess']],
    ]);
    expect(policies.identity?.map((p) => p.id)).toEqual(['Ec2Admin']);
    expect(typeof policies.identity?.[0]?.document).toBe('string');
    expect(files.map((f) => f.policyType)).toEqual(['identity', 'scp', 'scp', 'scp', 'scp']);
  });

  it('reads `policies/` of a scenario folder, and `trust/` as a role trust policy', () => {
    expect(loadPolicyFolder(join(REPO, 'examples/scenarios/07-boundary-deny')).policies.permissionsBoundary?.id).toBe(
      'DeveloperBoundary',
    );
    const root = tree('trust', { 'trust/AssumeMe.json': '{}', 'README.md': 'ignored' });
    expect(loadPolicyFolder(root).files).toMatchObject([
      { policyType: 'resource', grammar: 'roleTrust', policyId: 'AssumeMe' },
    ]);
  });

  it('refuses what it does not understand, naming the path', () => {
    expect(failure(() => loadPolicyFolder(join(scratch, 'missing'))).code).toBe('file_not_found');
    const unknown = tree('unknown', { 'identities/a.json': '{}' });
    expect(failure(() => loadPolicyFolder(unknown)).message).toContain('identities');
    const flat = tree('flat-scp', { 'scp/a.json': '{}' });
    expect(failure(() => loadPolicyFolder(flat)).message).toContain('level folder');
    const badLevel = tree('bad-level', { 'scp/root/a.json': '{}' });
    expect(failure(() => loadPolicyFolder(badLevel)).message).toContain('<N>-<target>');
    const two = tree('two-resources', { 'resource/a.json': '{}', 'resource/b.json': '{}' });
    expect(failure(() => loadPolicyFolder(two)).message).toMatch(/only one resource-based policy/);
  });
});

describe('parseContextFlags', () => {
  it('C-29: key=value is text, key:=json is typed; arrays make a key multivalued', () => {
    expect(parseContextFlags(['a=1', 'b:=1', 'c:=true', 'd:=["x","y"]', 'e=x=y'])).toEqual({
      a: '1',
      b: 1,
      c: true,
      d: ['x', 'y'],
      e: 'x=y',
    });
  });
  it('refuses a key given twice (case-insensitively), objects, and JSON that is not', () => {
    expect(() => parseContextFlags(['aws:TagKeys=a', 'AWS:TagKeys=b'])).toThrow(/given twice/);
    expect(() => parseContextFlags(['k:={"a":1}'])).toThrow(/expected a string, number, boolean/);
    expect(() => parseContextFlags(['k:=nope'])).toThrow(/is not JSON/);
    expect(() => parseContextFlags(['novalue'])).toThrow(/key=value/);
  });
  it('is safe for any key', () => {
    const context = parseContextFlags(['__proto__=x', 'constructor=y']);
    expect(Object.keys(context)).toEqual(['__proto__', 'constructor']);
    expect(({} as Record<string, unknown>)['x']).toBeUndefined();
  });
});

describe('selectFiles', () => {
  it('expands folders and micromatch globs against our own walk, in a stable order, without duplicates', () => {
    const files = selectFiles(
      ['examples/scenarios/08-scp-deny/policies/scp', 'examples/scenarios/08-*/policies/**/*.json'],
      REPO,
    );
    expect(files).toEqual([
      'examples/scenarios/08-scp-deny/policies/scp/0-r-root/FullAWSAccess.json',
      'examples/scenarios/08-scp-deny/policies/scp/1-ou-abcd-11111111/DenyRunInstancesExceptCloudOps.json',
      'examples/scenarios/08-scp-deny/policies/scp/1-ou-abcd-11111111/FullAWSAccess.json',
      'examples/scenarios/08-scp-deny/policies/scp/2-123456789012/FullAWSAccess.json',
      'examples/scenarios/08-scp-deny/policies/identity/Ec2Admin.json',
    ]);
  });
  it('a glob matching nothing, or a missing file, is an error', () => {
    expect(failure(() => selectFiles(['examples/**/*.nothing'], REPO)).code).toBe('no_files');
    expect(failure(() => selectFiles(['examples/none.json'], REPO)).code).toBe('file_not_found');
  });
});

describe('grammarOfName', () => {
  it('reads `--type` as a folder name or a camelCase grammar name, in any case, and nothing else', () => {
    const names = {
      identity: 'identity',
      resource: 'resource',
      trust: 'roleTrust',
      'role-trust': 'roleTrust',
      roleTrust: 'roleTrust',
      'permissions-boundary': 'permissionsBoundary',
      boundary: 'permissionsBoundary',
      permissionsBoundary: 'permissionsBoundary',
      session: 'session',
      scp: 'scp',
      rcp: 'rcp',
      'vpc-endpoint': 'vpcEndpoint',
      vpcEndpoint: 'vpcEndpoint',
    };
    for (const [name, grammar] of Object.entries(names)) {
      expect(grammarOfName(name)?.grammar).toBe(grammar);
      expect(grammarOfName(name.toUpperCase())?.grammar).toBe(grammar);
    }
    expect(grammarOfName('roleTrust')?.type).toBe('resource');
    for (const name of ['cookie', 'vpc_endpoint', '__proto__', 'constructor', ''])
      expect(grammarOfName(name)).toBeUndefined();
  });
});

describe('inferGrammarFromText', () => {
  const statement = (fields: object): string => JSON.stringify({ Version: '2012-10-17', Statement: [fields] });
  const grammar = (text: string): string => inferGrammarFromText(text).grammar;

  it('a Principal anywhere is resource-based; only sts:AssumeRole* (and what goes with it) is role trust', () => {
    const principal = { Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' } };
    expect(grammar(statement({ ...principal, Action: 'sts:AssumeRole' }))).toBe('roleTrust');
    expect(grammar(statement({ ...principal, Action: ['STS:AssumeRoleWithSAML', 'sts:SetSourceIdentity'] }))).toBe(
      'roleTrust',
    );
    expect(grammar(statement({ ...principal, Action: ['sts:AssumeRole', 'sts:SetContext'] }))).toBe('roleTrust');
    // TagSession alone, another action, or NotAction: a resource-based policy.
    expect(grammar(statement({ ...principal, Action: 'sts:TagSession' }))).toBe('resource');
    expect(grammar(statement({ ...principal, Action: ['sts:AssumeRole', 'sts:GetCallerIdentity'] }))).toBe('resource');
    expect(grammar(statement({ ...principal, Action: 'sts:AssumeRole', NotAction: 'x:y' }))).toBe('resource');
    expect(grammar(statement({ Effect: 'Deny', NotPrincipal: { AWS: '123456789012' }, Action: 's3:*' }))).toBe(
      'resource',
    );
    expect(grammar(statement({ Effect: 'Allow', Action: 'sts:AssumeRole', Resource: '*' }))).toBe('identity');
  });

  it('reads a misspelt `principal`, a pasted statement and an object Statement; says why', () => {
    expect(grammar(statement({ Effect: 'Allow', principal: '*', Action: 's3:GetObject' }))).toBe('resource');
    expect(inferGrammarFromText('{ "Effect": "Allow", "Principal": "*", "Action": "s3:*" }')).toMatchObject({
      grammar: 'resource',
      reason: 'the statement has a `Principal`',
      looksLikePolicy: true,
      syntaxOnly: false,
    });
    const two = JSON.stringify({ Statement: [{ Effect: 'Allow' }, { Effect: 'Allow', Principal: '*' }] });
    expect(inferGrammarFromText(two).reason).toBe('statement 1 has a `Principal`');
    expect(grammar(JSON.stringify({ Statement: { Effect: 'Allow', Principal: '*', Action: 's3:*' } }))).toBe(
      'resource',
    );
  });

  it('JSON that is no policy, and JSON that cannot be read', () => {
    expect(inferGrammarFromText('{ "name": "x" }')).toMatchObject({ looksLikePolicy: false });
    expect(inferGrammarFromText('[1, 2]')).toMatchObject({ looksLikePolicy: false, reason: 'it is no JSON object' });
    expect(inferGrammarFromText('{ "Statement": [ }')).toMatchObject({ grammar: 'identity', syntaxOnly: true });
    expect(inferGrammarFromText('')).toMatchObject({ looksLikePolicy: true, syntaxOnly: true });
  });
});

describe('typedArguments', () => {
  const positional = (value: string) => ({ kind: 'positional', value }) as const;
  const type = (value: string) => ({ kind: 'option', name: 'type', value }) as const;

  it('gives each argument the --type before it, up to the next one', () => {
    const typed = typedArguments([
      positional('a'),
      type('resource'),
      positional('b'),
      positional('c'),
      type('role-trust'),
      positional('d'),
    ]);
    expect(typed.map((t) => [t.value, t.type?.grammar])).toEqual([
      ['a', undefined],
      ['b', 'resource'],
      ['c', 'resource'],
      ['d', 'roleTrust'],
    ]);
  });

  it('refuses a --type with no argument after it, and an unknown one', () => {
    expect(() => typedArguments([positional('a'), type('resource')])).toThrow(/is followed by no file/);
    expect(() => typedArguments([type('resource'), type('identity'), positional('a')])).toThrow(
      /`--type resource` is followed by no file/,
    );
    expect(() => typedArguments([type('cookie'), positional('a')])).toThrow(/unknown policy type `cookie`/);
  });
});
