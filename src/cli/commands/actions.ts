import { resolveCatalogue } from '../../catalogue/bundled-catalogue.js';
import type { Catalogue, CatalogueAction } from '../../model/catalogue.js';
import { CliError, usage } from '../errors.js';
import { ACTIONS_HELP } from '../help.js';
import type { CliIo } from '../io.js';
import { palette, printJson } from '../output.js';
import { COMMON_OPTIONS, colorOf, parseCommandArgs } from './common.js';

/** One pattern and what it covers; `suggestion` only when it covers nothing and a near name exists. */
interface ExpandedPattern {
  readonly pattern: string;
  readonly actions: readonly CatalogueAction[];
  readonly suggestion?: string;
}

const hasWildcard = (text: string): boolean => /[*?]/.test(text);

/**
 * The nearest name to a pattern that covers nothing (CAT-2, CAT-3): a service for an unknown prefix (keeping the
 * action part), else the nearest action to the pattern without its wildcards.
 */
function suggestionFor(catalogue: Catalogue, pattern: string): string | undefined {
  const colon = pattern.indexOf(':');
  const prefix = pattern.slice(0, colon);
  const name = pattern.slice(colon + 1);
  if (!hasWildcard(prefix) && !catalogue.hasService(prefix)) {
    const service = catalogue.suggestService(prefix, hasWildcard(name) ? undefined : name);
    if (service === undefined) return undefined;
    const suggested = `${service}:${name}`;
    // Only a suggestion that covers something helps.
    return catalogue.expandActions(suggested).length > 0 ? (catalogue.action(suggested)?.id ?? suggested) : undefined;
  }
  const bare = pattern.replace(/[*?]/g, '');
  const near = bare.endsWith(':') ? undefined : catalogue.suggestAction(bare);
  if (near !== undefined || !hasWildcard(name)) return near;
  // `s3:Gett*`: the longest shorter prefix that covers something, `s3:Get*`; one that keeps half the name at least.
  const literal = name.slice(0, name.search(/[*?]/));
  for (let length = literal.length - 1; length >= Math.max(1, Math.ceil(literal.length / 2)); length--) {
    const shorter = `${prefix}:${literal.slice(0, length)}*`;
    if (catalogue.expandActions(shorter).length > 0) return shorter;
  }
  return undefined;
}

function expand(catalogue: Catalogue, pattern: string): ExpandedPattern {
  // `*` alone is a valid Action; anything else needs `service:Action`, which a typo in the prefix must not hide.
  if (pattern !== '*' && pattern.indexOf(':') <= 0) {
    throw usage(`\`${pattern}\` is no action pattern: write \`service:Action\`, such as \`s3:Get*\``);
  }
  const actions = catalogue.expandActions(pattern);
  if (actions.length > 0) return { pattern, actions };
  const suggestion = suggestionFor(catalogue, pattern);
  return suggestion === undefined ? { pattern, actions } : { pattern, actions, suggestion };
}

/** `object (required), accesspointobject`; `*` for an action without resource types (it needs `"Resource": "*"`). */
function resourceList(action: CatalogueAction): string {
  if (action.resourceTypes.length === 0) return '*';
  return action.resourceTypes.map((t) => (t.required ? `${t.name} (required)` : t.name)).join(', ');
}

function textOf(expanded: ExpandedPattern, color: boolean): string[] {
  const p = palette(color);
  const { pattern, actions } = expanded;
  if (actions.length === 0) {
    const hint =
      expanded.suggestion === undefined ? ': no action name is near it' : `: did you mean \`${expanded.suggestion}\`?`;
    return [`${p.red(pattern)} covers no action${hint}`];
  }
  const idWidth = Math.max(...actions.map((a) => a.id.length));
  const levelWidth = Math.max(...actions.map((a) => a.accessLevel.length));
  return [
    p.bold(`${pattern} covers ${actions.length} action${actions.length === 1 ? '' : 's'}`),
    ...actions.map((a) => `  ${a.id.padEnd(idWidth)}  ${a.accessLevel.padEnd(levelWidth)}  ${resourceList(a)}`),
  ];
}

/** `iam-policy-evaluator actions`: what each action pattern covers, from the service catalogue (CAT-3). */
export function runActionsCommand(args: readonly string[], io: CliIo): number {
  const { values, positionals } = parseCommandArgs(args, COMMON_OPTIONS);
  if (values.help === true) {
    io.stdout(ACTIONS_HELP);
    return 0;
  }
  if (positionals.length === 0) throw usage('give the action patterns to expand, such as `s3:Get*` or `*:Delete*`');
  const catalogue = resolveCatalogue(io.catalogue);
  if (catalogue === undefined) {
    throw new CliError(
      'unreadable_file',
      'cannot load the service catalogue `iam-policy-evaluator/catalogue/aws-catalogue.json`',
      2,
    );
  }
  const expanded = positionals.map((pattern) => expand(catalogue, pattern));
  const ok = expanded.every((e) => e.actions.length > 0);
  if (values.json === true) {
    printJson(io, {
      command: 'actions',
      ok,
      patterns: expanded.map(({ pattern, actions, suggestion }) => ({
        pattern,
        actions: actions.map(({ id, accessLevel, resourceTypes, conditionKeys }) => ({
          id,
          accessLevel,
          resourceTypes: resourceTypes.map(({ name, arnFormat, required }) => ({ name, arnFormat, required })),
          conditionKeys,
        })),
        ...(suggestion === undefined ? {} : { suggestion }),
      })),
    });
  } else {
    io.stdout(`${expanded.flatMap((e) => textOf(e, colorOf(io, values))).join('\n')}\n`);
  }
  return ok ? 0 : 1;
}
