// The page's whole state: plain JSON, so it round-trips through the URL fragment unchanged.
import type {
  EvaluateOptions,
  EvaluationInput,
  OrgLevel,
  PolicySource,
  PolicyType,
  RequestInput,
  ContextValue,
} from 'iam-policy-evaluator';

/** One policy editor: its id and the text as typed (kept verbatim, so lines and columns stay the user's). */
export interface PolicyDoc {
  id: string;
  text: string;
}

/** One level of an organization path (`r-root`, `ou-…`, account id) with its attached policies. */
export interface LevelDoc {
  target: string;
  policies: PolicyDoc[];
}

/** How a context row's values are sent: a scalar, a list (an empty list is the empty set), or not at all. */
export type ContextRowType = 'string' | 'number' | 'bool' | 'string[]' | 'number[]' | 'bool[]' | 'absent';

export const CONTEXT_ROW_TYPES: readonly { value: ContextRowType; label: string }[] = [
  { value: 'string', label: 'string' },
  { value: 'number', label: 'number' },
  { value: 'bool', label: 'bool' },
  { value: 'string[]', label: 'list of strings' },
  { value: 'number[]', label: 'list of numbers' },
  { value: 'bool[]', label: 'list of bools' },
  { value: 'absent', label: 'absent (not sent)' },
];

export interface ContextRow {
  key: string;
  type: ContextRowType;
  /** One entry for a scalar; one entry per line for a list; an empty list is the empty set. */
  values: string[];
}

export interface RequestState {
  principal: string;
  action: string;
  resource: string;
  /** Empty means absent. */
  resourceAccount: string;
  context: ContextRow[];
}

/** The editors by policy type; `resource` and `permissionsBoundary` hold at most one policy. */
export interface PoliciesState {
  identity: PolicyDoc[];
  resource: PolicyDoc[];
  permissionsBoundary: PolicyDoc[];
  session: PolicyDoc[];
  scp: LevelDoc[];
  rcp: LevelDoc[];
  vpcEndpoint: PolicyDoc[];
}

/** `evaluate` options the form exposes; empty means not given. */
export interface OptionsState {
  /** The request time (`aws:CurrentTime`, `aws:EpochTime`), ISO 8601. */
  now: string;
  /** The organization's management account: SCPs and RCPs do not apply to it. */
  managementAccountId: string;
}

export interface PlaygroundState {
  /** Format version of the fragment. */
  v: 1;
  request: RequestState;
  options: OptionsState;
  policies: PoliciesState;
  /** The pasted AccessDenied message, if any. */
  accessDenied: string;
  /** The policy type whose editors are shown. */
  tab: PolicyType;
  /** The preset this state started from, shown in the preset picker. */
  preset: string;
}

export const SINGLE_POLICY_TYPES: ReadonlySet<PolicyType> = new Set<PolicyType>(['resource', 'permissionsBoundary']);
export const LEVEL_POLICY_TYPES: ReadonlySet<PolicyType> = new Set<PolicyType>(['scp', 'rcp']);

/** Display names, in the order of the editor tabs (the order a user reasons in: own policies first). */
export const POLICY_TYPE_LABELS: readonly { type: PolicyType; label: string; short: string }[] = [
  { type: 'identity', label: 'Identity-based policies', short: 'Identity' },
  { type: 'resource', label: 'Resource-based policy (or role trust policy)', short: 'Resource' },
  { type: 'permissionsBoundary', label: 'Permissions boundary', short: 'Boundary' },
  { type: 'session', label: 'Session policies', short: 'Session' },
  { type: 'scp', label: 'Service control policies (principal’s account path)', short: 'SCP' },
  { type: 'rcp', label: 'Resource control policies (resource’s account path)', short: 'RCP' },
  { type: 'vpcEndpoint', label: 'VPC endpoint policy', short: 'VPC endpoint' },
];

export function labelOf(type: PolicyType): string {
  return POLICY_TYPE_LABELS.find((t) => t.type === type)?.short ?? type;
}

export function emptyPolicies(): PoliciesState {
  return { identity: [], resource: [], permissionsBoundary: [], session: [], scp: [], rcp: [], vpcEndpoint: [] };
}

const STARTER_POLICY = `{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Effect": "Allow",
      "Action": "s3:GetObject",
      "Resource": "arn:aws:s3:::example-bucket/*"
    }
  ]
}
`;

export function defaultState(): PlaygroundState {
  return {
    v: 1,
    request: {
      principal: 'arn:aws:iam::123456789012:user/alice',
      action: 's3:GetObject',
      resource: 'arn:aws:s3:::example-bucket/report.csv',
      resourceAccount: '123456789012',
      context: [],
    },
    options: { now: '', managementAccountId: '' },
    policies: { ...emptyPolicies(), identity: [{ id: 'ReadReports', text: STARTER_POLICY }] },
    accessDenied: '',
    tab: 'identity',
    preset: '',
  };
}

/** A starter document for a new editor of the given type. */
export function starterPolicy(type: PolicyType): string {
  const needsPrincipal = type === 'resource' || type === 'rcp' || type === 'vpcEndpoint';
  const effect = type === 'rcp' ? 'Deny' : 'Allow';
  const principal = needsPrincipal ? '\n      "Principal": "*",' : '';
  return `{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Effect": "${effect}",${principal}
      "Action": "*",
      "Resource": "*"
    }
  ]
}
`;
}

/** Context values as the library takes them; absent rows are left out, invalid numbers are reported. */
export function contextFromRows(rows: readonly ContextRow[]): {
  context: Record<string, ContextValue>;
  problems: { row: number; message: string }[];
} {
  const context: Record<string, ContextValue> = Object.create(null) as Record<string, ContextValue>;
  const problems: { row: number; message: string }[] = [];
  rows.forEach((row, index) => {
    const key = row.key.trim();
    if (row.type === 'absent') return;
    if (key === '') {
      if (row.values.some((v) => v.trim() !== '')) problems.push({ row: index, message: 'the key is empty' });
      return;
    }
    const scalar = (text: string): string | number | boolean | undefined => {
      switch (row.type) {
        case 'number':
        case 'number[]': {
          const n = Number(text.trim());
          if (text.trim() === '' || !Number.isFinite(n)) {
            problems.push({ row: index, message: `\`${text}\` is not a number` });
            return undefined;
          }
          return n;
        }
        case 'bool':
        case 'bool[]': {
          const t = text.trim().toLowerCase();
          if (t !== 'true' && t !== 'false') {
            problems.push({ row: index, message: `\`${text}\` is not \`true\` or \`false\`` });
            return undefined;
          }
          return t === 'true';
        }
        default:
          return text;
      }
    };
    if (row.type.endsWith('[]')) {
      const values = row.values.filter((v) => v !== '').map(scalar);
      context[key] = values.filter((v): v is string | number | boolean => v !== undefined);
    } else {
      const value = scalar(row.values[0] ?? '');
      if (value !== undefined) context[key] = value;
    }
  });
  return { context, problems };
}

/** Context rows for a request's context object (presets, pasted links). */
export function rowsFromContext(context: Readonly<Record<string, unknown>> | undefined): ContextRow[] {
  if (!context) return [];
  return Object.entries(context).map(([key, value]): ContextRow => {
    if (Array.isArray(value)) {
      const first: unknown = value[0];
      const type: ContextRowType =
        typeof first === 'number' ? 'number[]' : typeof first === 'boolean' ? 'bool[]' : 'string[]';
      return { key, type, values: value.map((v) => String(v)) };
    }
    if (typeof value === 'number') return { key, type: 'number', values: [String(value)] };
    if (typeof value === 'boolean') return { key, type: 'bool', values: [String(value)] };
    return { key, type: 'string', values: [String(value)] };
  });
}

const isGiven = (doc: PolicyDoc): boolean => doc.text.trim() !== '';
const source = (doc: PolicyDoc): PolicySource => ({ id: doc.id, document: doc.text });

function levels(list: readonly LevelDoc[]): OrgLevel[] | undefined {
  const given = list.filter((level) => level.policies.some(isGiven));
  if (given.length === 0) return undefined;
  return given.map((level) => ({ target: level.target, policies: level.policies.filter(isGiven).map(source) }));
}

/**
 * The library's input for the current state. Empty editors count as absent; a level without any policy
 * is left out (an empty level would block everything below it, which is never what an empty tab means).
 */
export function evaluationInput(state: PlaygroundState, context: Record<string, ContextValue>): EvaluationInput {
  const r = state.request;
  const request: RequestInput = {
    principal: r.principal.trim(),
    action: r.action.trim(),
    resource: r.resource.trim(),
    ...(r.resourceAccount.trim() === '' ? {} : { resourceAccount: r.resourceAccount.trim() }),
    ...(Object.keys(context).length === 0 ? {} : { context }),
  };
  const p = state.policies;
  const identity = p.identity.filter(isGiven).map(source);
  const session = p.session.filter(isGiven).map(source);
  const vpcEndpoint = p.vpcEndpoint.filter(isGiven).map(source);
  const resource = p.resource.find(isGiven);
  const boundary = p.permissionsBoundary.find(isGiven);
  const scps = levels(p.scp);
  const rcps = levels(p.rcp);
  return {
    request,
    policies: {
      ...(identity.length > 0 ? { identity } : {}),
      ...(resource ? { resource: source(resource) } : {}),
      ...(boundary ? { permissionsBoundary: source(boundary) } : {}),
      ...(session.length > 0 ? { session } : {}),
      ...(scps ? { serviceControlPolicies: scps } : {}),
      ...(rcps ? { resourceControlPolicies: rcps } : {}),
      ...(vpcEndpoint.length > 0 ? { vpcEndpoint } : {}),
    },
  };
}

/** The `evaluate` options for the current state. */
export function evaluateOptions(state: PlaygroundState): EvaluateOptions {
  const now = state.options.now.trim();
  const management = state.options.managementAccountId.trim();
  return {
    ...(now === '' ? {} : { now }),
    ...(management === '' ? {} : { managementAccountId: management }),
  };
}

/** Finds the text of a policy by type, id and (for SCP/RCP) level, to show a statement's source. */
export function policyText(
  state: PlaygroundState,
  type: PolicyType,
  policyId: string,
  orgLevel?: string,
): string | undefined {
  if (type === 'scp' || type === 'rcp') {
    const list = state.policies[type];
    const level =
      list.find((l) => l.target === orgLevel) ?? list.find((l) => l.policies.some((d) => d.id === policyId));
    return level?.policies.find((d) => d.id === policyId)?.text;
  }
  return state.policies[type].find((d) => d.id === policyId)?.text;
}
