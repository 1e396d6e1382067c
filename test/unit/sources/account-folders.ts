// Test helpers: read the documented folder layouts of docs/aws-inputs.md (AS-19) into the data form
// loadAccountSnapshot takes, as the CLI will. The library itself reads no files.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { AccountSnapshotInput, OrganizationSnapshotInput } from '../../../src/index.js';

type Mutable<T> = { -readonly [K in keyof T]: T[K] };
interface Level {
  scp?: object[];
  rcp?: object[];
}

const TARGET = /^(?:r-[0-9a-z]{4,32}|ou-[0-9a-z]{4,32}-[a-z0-9]{8,32}|\d{12})$/u;

const readJson = (path: string): unknown => JSON.parse(readFileSync(path, 'utf8'));

/** `org/`: `organization.json`, then one folder per root, OU and account, nested as the organization is. */
export function readOrgFolder(dir: string): OrganizationSnapshotInput {
  const accounts: Record<string, { path: string[] }> = {};
  const policiesByTarget: Record<string, Level> = {};
  const visit = (folder: string, path: readonly string[]): void => {
    const target = path[path.length - 1];
    for (const name of readdirSync(folder).sort()) {
      const full = join(folder, name);
      if (!statSync(full).isDirectory()) continue;
      if ((name === 'scp' || name === 'rcp') && target !== undefined) {
        const level = (policiesByTarget[target] ??= {});
        const list = (level[name] ??= []);
        for (const file of readdirSync(full).sort()) {
          if (!file.endsWith('.json')) continue;
          const content = readJson(join(full, file)) as object;
          // A describe-policy output names itself (its ARN); a bare document is named by its file.
          list.push('Policy' in content ? content : { id: file.slice(0, -'.json'.length), document: content });
        }
      } else if (TARGET.test(name)) {
        if (/^\d{12}$/u.test(name)) accounts[name] = { path: [...path] };
        visit(full, [...path, name]);
      } else {
        throw new Error(`${full}: not a root, OU or account id, nor scp/ or rcp/`);
      }
    }
  };
  visit(dir, []);
  const settings = join(dir, 'organization.json');
  const org: Mutable<OrganizationSnapshotInput> = { accounts, policiesByTarget };
  if (existsSync(settings)) {
    const { managementAccountId } = readJson(settings) as { managementAccountId?: string };
    if (managementAccountId !== undefined) org.managementAccountId = managementAccountId;
  }
  return org;
}

/** `resource-policies/index.json`: `{ "<ARN>": "<file in the folder>" }`, each file a CLI output or a document. */
export function readResourcePolicyFolder(dir: string): Record<string, unknown> {
  const index = readJson(join(dir, 'index.json')) as Record<string, string>;
  return Object.fromEntries(Object.entries(index).map(([arn, file]) => [arn, readJson(join(dir, file))]));
}

/** An example account folder (examples/account/) as snapshot input. */
export function readAccountFolder(dir: string): AccountSnapshotInput {
  return {
    gaad: readJson(join(dir, 'gaad.json')) as object,
    organization: readOrgFolder(join(dir, 'org')),
    resourcePolicies: readResourcePolicyFolder(join(dir, 'resource-policies')),
  };
}
