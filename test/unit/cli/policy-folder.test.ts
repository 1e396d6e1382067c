import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CliError } from '../../../src/cli/errors.js';
import { grammarOfName } from '../../../src/cli/policy-args.js';
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
