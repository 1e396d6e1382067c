// Shared helpers of the explain tests: the scenarios under examples/, read with the CLI's folder loader.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadPolicyFolder } from '../../../src/cli/policy-folder.js';
import type { LoadedPolicies } from '../../../src/cli/policy-folder.js';
import type { RequestInput } from '../../../src/model/request.js';

export const REPO = new URL('../../../', import.meta.url).pathname;
export const SCENARIOS_DIR = join(REPO, 'examples', 'scenarios');

export interface Scenario {
  readonly name: string;
  readonly dir: string;
  readonly title: string;
  readonly semantics: readonly string[];
  readonly request: RequestInput;
  readonly accessDenied?: string;
  readonly expected: {
    readonly decision: string;
    readonly deniedBy?: {
      policyType: string;
      policyId: string;
      statementIndex?: number;
      sid?: string;
      orgLevel?: string;
    };
    readonly notAllowedBy?: string;
  };
  readonly loaded: LoadedPolicies;
}

/** Every scenario folder of examples/scenarios, in order. */
export function scenarios(): Scenario[] {
  return readdirSync(SCENARIOS_DIR)
    .filter((name) => /^\d\d-/.test(name))
    .sort()
    .map((name) => {
      const dir = join(SCENARIOS_DIR, name);
      const json = JSON.parse(readFileSync(join(dir, 'scenario.json'), 'utf8')) as Omit<
        Scenario,
        'name' | 'dir' | 'loaded'
      >;
      return { ...json, name, dir, loaded: loadPolicyFolder(join(dir, 'policies')) };
    });
}
