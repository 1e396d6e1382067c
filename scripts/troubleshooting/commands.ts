// The commands of docs/troubleshooting-access-denied.md, built from the scenarios under examples/scenarios: one
// `explain` command per scenario with its AccessDenied message, and the context keys the request carried.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface ScenarioFile {
  readonly title: string;
  readonly summary?: string;
  readonly semantics: readonly string[];
  readonly request: {
    readonly principal: string;
    readonly action: string;
    readonly resource: string;
    readonly resourceAccount?: string;
    readonly context?: Readonly<Record<string, unknown>>;
  };
  readonly accessDenied?: string;
  readonly expected: { readonly decision: string; readonly deniedBy?: Readonly<Record<string, unknown>> };
}

export interface ScenarioCommand {
  /** `examples/scenarios/NN-name`, relative to the repository root. */
  readonly dir: string;
  readonly scenario: ScenarioFile;
  /** The CLI arguments, after `iam-policy-evaluator`. */
  readonly args: readonly string[];
  /** The same as one shell line, starting `npx iam-policy-evaluator`. */
  readonly shell: string;
}

/** Quotes for a POSIX shell, only when needed. */
export function shellQuote(arg: string): string {
  return /^[\w@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replaceAll("'", "'\\''")}'`;
}

function contextFlags(context: Readonly<Record<string, unknown>> | undefined): string[] {
  return Object.entries(context ?? {}).flatMap(([key, value]) => [
    '--context',
    typeof value === 'string' ? `${key}=${value}` : `${key}:=${JSON.stringify(value)}`,
  ]);
}

/** One `explain` command per scenario that has an AccessDenied message, in folder order. */
export function scenarioCommands(repo: string): ScenarioCommand[] {
  const root = join(repo, 'examples', 'scenarios');
  return readdirSync(root)
    .filter((name) => /^\d\d-/.test(name))
    .sort()
    .flatMap((name) => {
      const dir = `examples/scenarios/${name}`;
      const scenario = JSON.parse(readFileSync(join(root, name, 'scenario.json'), 'utf8')) as ScenarioFile;
      if (scenario.accessDenied === undefined) return [];
      const args = [
        'explain',
        scenario.accessDenied,
        `${dir}/policies`,
        ...contextFlags(scenario.request.context),
        ...(scenario.request.resourceAccount === undefined
          ? []
          : ['--resource-account', scenario.request.resourceAccount]),
      ];
      return [{ dir, scenario, args, shell: ['npx iam-policy-evaluator', ...args.map(shellQuote)].join(' ') }];
    });
}
