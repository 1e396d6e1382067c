// Presets: every scenario under examples/scenarios, read at build time (nothing is fetched at run time).
// Folder layout (TEAM.md): scenario.json, policies/<type>/<id>.json, policies/scp|rcp/<N>-<target>/<id>.json,
// as-pasted/*.txt.
import type { PolicyType } from 'iam-policy-evaluator';
import { emptyPolicies, rowsFromContext, type LevelDoc, type PlaygroundState, type PoliciesState } from './state.js';

interface ScenarioRequest {
  principal: string;
  action: string;
  resource: string;
  resourceAccount?: string;
  context?: Record<string, unknown>;
}

interface ScenarioFile {
  title: string;
  summary?: string;
  request: ScenarioRequest;
  accessDenied?: string;
  variants?: { title: string; request: ScenarioRequest }[];
}

export interface Preset {
  /** `01-identity-deny`, `01-identity-deny/variant-1`, `01-identity-deny/as-pasted/deny-delete-role`. */
  id: string;
  /** The scenario's folder. */
  scenario: string;
  label: string;
  group: string;
  summary: string;
  state: () => PlaygroundState;
}

const scenarioFiles = import.meta.glob<ScenarioFile>('../../../examples/scenarios/*/scenario.json', {
  eager: true,
  import: 'default',
});
const policyFiles = import.meta.glob<string>('../../../examples/scenarios/*/policies/**/*.json', {
  eager: true,
  query: '?raw',
  import: 'default',
});
const pastedFiles = import.meta.glob<string>('../../../examples/scenarios/*/as-pasted/*.txt', {
  eager: true,
  query: '?raw',
  import: 'default',
});

const FOLDER_TYPES: Readonly<Record<string, PolicyType>> = {
  identity: 'identity',
  resource: 'resource',
  'permissions-boundary': 'permissionsBoundary',
  session: 'session',
  'vpc-endpoint': 'vpcEndpoint',
  scp: 'scp',
  rcp: 'rcp',
};

const byName = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** The policies of one scenario folder, by type, levels ordered by their `N-` prefix. */
function scenarioPolicies(folder: string): PoliciesState {
  const policies = emptyPolicies();
  const prefix = `../../../examples/scenarios/${folder}/policies/`;
  const levelMaps: Record<'scp' | 'rcp', Map<string, LevelDoc & { order: string }>> = {
    scp: new Map(),
    rcp: new Map(),
  };
  for (const path of Object.keys(policyFiles).sort(byName)) {
    if (!path.startsWith(prefix)) continue;
    const parts = path.slice(prefix.length).split('/');
    const type = FOLDER_TYPES[parts[0] ?? ''];
    const file = parts[parts.length - 1] ?? '';
    const text = policyFiles[path] ?? '';
    const id = file.replace(/\.json$/, '');
    if (!type) continue;
    if (type === 'scp' || type === 'rcp') {
      const levelFolder = parts[1] ?? '';
      if (parts.length !== 3) continue;
      const target = levelFolder.replace(/^\d+-/, '');
      const level = levelMaps[type].get(levelFolder) ?? { order: levelFolder, target, policies: [] };
      level.policies.push({ id, text });
      levelMaps[type].set(levelFolder, level);
    } else if (parts.length === 2) {
      policies[type].push({ id, text });
    }
  }
  for (const type of ['scp', 'rcp'] as const) {
    policies[type] = [...levelMaps[type].values()]
      .sort((a, b) => Number.parseInt(a.order, 10) - Number.parseInt(b.order, 10) || byName(a.order, b.order))
      .map(({ target, policies: docs }) => ({ target, policies: docs }));
  }
  return policies;
}

function stateFor(
  id: string,
  request: ScenarioRequest,
  policies: PoliciesState,
  accessDenied: string,
  tab: PolicyType,
): PlaygroundState {
  return {
    v: 1,
    request: {
      principal: request.principal,
      action: request.action,
      resource: request.resource,
      resourceAccount: request.resourceAccount ?? '',
      context: rowsFromContext(request.context),
    },
    options: { now: '', managementAccountId: '' },
    policies,
    accessDenied,
    tab,
    preset: id,
  };
}

/** The first tab that has a policy, preferring the layers that usually decide. */
function firstTab(policies: PoliciesState): PolicyType {
  const order: PolicyType[] = ['scp', 'rcp', 'permissionsBoundary', 'session', 'vpcEndpoint', 'resource', 'identity'];
  return order.find((t) => policies[t].length > 0) ?? 'identity';
}

/**
 * Where a user's broken paste goes: into the resource editor when the scenario has a resource policy and the
 * paste names a Principal (only resource-type policies do), otherwise into a further identity editor.
 */
function withPaste(policies: PoliciesState, name: string, text: string): { policies: PoliciesState; tab: PolicyType } {
  if (policies.resource.length > 0 && /"Principal"/.test(text)) {
    const id = policies.resource[0]?.id ?? name;
    return { policies: { ...policies, resource: [{ id, text }] }, tab: 'resource' };
  }
  return { policies: { ...policies, identity: [...policies.identity, { id: name, text }] }, tab: 'identity' };
}

function buildPresets(): Preset[] {
  const presets: Preset[] = [];
  const folders = Object.keys(scenarioFiles)
    .map((path) => path.split('/').slice(-2, -1)[0] ?? '')
    .sort(byName);
  for (const folder of folders) {
    const scenario = scenarioFiles[`../../../examples/scenarios/${folder}/scenario.json`];
    if (!scenario) continue;
    const number = folder.split('-')[0] ?? folder;
    const group = `${Number.parseInt(number, 10) || number}. ${scenario.title}`;
    const summary = scenario.summary ?? '';
    presets.push({
      id: folder,
      scenario: folder,
      label: `${group}`,
      group,
      summary,
      state: () => {
        const policies = scenarioPolicies(folder);
        return stateFor(folder, scenario.request, policies, scenario.accessDenied ?? '', firstTab(policies));
      },
    });
    (scenario.variants ?? []).forEach((variant, index) => {
      const id = `${folder}/variant-${index + 1}`;
      presets.push({
        id,
        scenario: folder,
        label: `${number}.${index + 1} ${variant.title}`,
        group,
        summary,
        state: () => {
          const policies = scenarioPolicies(folder);
          return stateFor(id, variant.request, policies, '', firstTab(policies));
        },
      });
    });
    const pastePrefix = `../../../examples/scenarios/${folder}/as-pasted/`;
    for (const path of Object.keys(pastedFiles).sort(byName)) {
      if (!path.startsWith(pastePrefix)) continue;
      const name = path.slice(pastePrefix.length).replace(/\.txt$/, '');
      const id = `${folder}/as-pasted/${name}`;
      presets.push({
        id,
        scenario: folder,
        label: `${number} as pasted: ${name}.txt (broken)`,
        group,
        summary: 'The policy exactly as the user pasted it, mistakes included: the editor points at each issue.',
        state: () => {
          const pasted = withPaste(scenarioPolicies(folder), name, pastedFiles[path] ?? '');
          return stateFor(id, scenario.request, pasted.policies, '', pasted.tab);
        },
      });
    }
  }
  return presets;
}

export const PRESETS: readonly Preset[] = buildPresets();
