import { LineCounter, isMap, isPair, isScalar, isSeq, parseDocument, type Node as YamlNode } from 'yaml';
import type { PolicyType } from '../../model/policy-type.js';
import { SERVICE_RULES } from '../../request/service-rules.js';
import type { ContextValue, RequestInput } from '../../model/request.js';
import type {
  FileLocation,
  IntentExpectation,
  IntentTest,
  OrgPathRefs,
  ParseSuiteResult,
  PathList,
  PolicyRefs,
  StatementMatch,
  SuiteIssue,
} from './types.js';

const POLICY_TYPES: readonly PolicyType[] = [
  'identity',
  'resource',
  'permissionsBoundary',
  'session',
  'scp',
  'rcp',
  'vpcEndpoint',
];
const DECISIONS = ['Allow', 'ExplicitDeny', 'ImplicitDeny'] as const;
const SERVICE_RULE_IDS: readonly string[] = SERVICE_RULES.map((rule) => rule.id);

type Json = unknown;
type Obj = Readonly<Record<string, Json>>;

const isObject = (v: Json): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const has = (o: Obj, k: string): boolean => Object.prototype.hasOwnProperty.call(o, k);
const escapeToken = (t: string | number): string => String(t).replaceAll('~', '~0').replaceAll('/', '~1');
const child = (pointer: string, token: string | number): string => `${pointer}/${escapeToken(token)}`;

/** Collects issues with the location of the JSON Pointer they concern. */
class Checker {
  readonly issues: SuiteIssue[] = [];
  constructor(
    private readonly file: string,
    private readonly locate: (pointer: string, key: boolean) => { line: number; column: number },
  ) {}

  at(pointer: string, key = false): FileLocation {
    return { file: this.file, ...this.locate(pointer, key) };
  }

  report(pointer: string, message: string, key = false): void {
    this.issues.push({
      message: pointer === '' ? message : `\`${pointer}\`: ${message}`,
      location: this.at(pointer, key),
      pointer,
    });
  }

  /** Reports members outside `allowed`; returns the object, or undefined when `value` is not one. */
  object(value: Json, pointer: string, allowed: readonly string[], required: readonly string[] = []): Obj | undefined {
    if (!isObject(value)) {
      this.report(pointer, `expected an object, got ${describe(value)}`);
      return undefined;
    }
    for (const key of Object.keys(value)) {
      if (!allowed.includes(key))
        this.report(child(pointer, key), `unknown member \`${key}\`: expected one of ${list(allowed)}`, true);
    }
    for (const key of required) if (!has(value, key)) this.report(pointer, `missing member \`${key}\``);
    return value;
  }

  string(value: Json, pointer: string): string | undefined {
    if (typeof value === 'string' && value.length > 0) return value;
    this.report(pointer, `expected a non-empty string, got ${describe(value)}`);
    return undefined;
  }

  paths(value: Json, pointer: string): PathList | undefined {
    if (typeof value === 'string') return this.string(value, pointer) === undefined ? undefined : [value];
    if (Array.isArray(value) && value.length > 0) {
      const out = value.map((v, i) => this.string(v, child(pointer, i)));
      return out.every((v) => v !== undefined) ? (out as string[]) : undefined;
    }
    this.report(pointer, `expected a path or a non-empty list of paths, got ${describe(value)}`);
    return undefined;
  }
}

function describe(value: Json): string {
  if (value === null) return '`null`';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'string') return value === '' ? 'an empty string' : `\`${value}\``;
  return `\`${String(value)}\``;
}

const list = (values: readonly string[]): string => values.map((v) => `\`${v}\``).join(', ');

function orgPath(c: Checker, value: Json, pointer: string): OrgPathRefs | undefined {
  if (typeof value === 'string') return c.string(value, pointer);
  if (!Array.isArray(value) || value.length === 0) {
    c.report(
      pointer,
      `expected a folder or a non-empty list of \`{ target, policies }\` levels, got ${describe(value)}`,
    );
    return undefined;
  }
  const levels: { target: string; policies: PathList }[] = [];
  value.forEach((level, i) => {
    const p = child(pointer, i);
    const o = c.object(level, p, ['target', 'policies'], ['target', 'policies']);
    if (!o) return;
    const target = has(o, 'target') ? c.string(o['target'], child(p, 'target')) : undefined;
    const policies = has(o, 'policies') ? c.paths(o['policies'], child(p, 'policies')) : undefined;
    if (target !== undefined && policies !== undefined) levels.push({ target, policies });
  });
  return levels.length === value.length ? levels : undefined;
}

function policyRefs(c: Checker, value: Json, pointer: string): PolicyRefs | undefined {
  if (typeof value === 'string') {
    const folder = c.string(value, pointer);
    return folder === undefined ? undefined : { folder };
  }
  const o = c.object(value, pointer, ['folder', ...POLICY_TYPES]);
  if (!o) return undefined;
  if (Object.keys(o).length === 0) c.report(pointer, 'names no policies: give a folder or files by type');
  const refs: { -readonly [K in keyof PolicyRefs]: PolicyRefs[K] } = {};
  const before = c.issues.length;
  if (has(o, 'folder')) refs.folder = c.string(o['folder'], child(pointer, 'folder')) ?? '';
  for (const key of ['identity', 'session', 'vpcEndpoint'] as const) {
    if (has(o, key)) refs[key] = c.paths(o[key], child(pointer, key)) ?? [];
  }
  for (const key of ['resource', 'permissionsBoundary'] as const) {
    if (has(o, key)) refs[key] = c.string(o[key], child(pointer, key)) ?? '';
  }
  for (const key of ['scp', 'rcp'] as const) {
    if (has(o, key)) refs[key] = orgPath(c, o[key], child(pointer, key)) ?? '';
  }
  return c.issues.length === before ? refs : undefined;
}

function contextValue(c: Checker, value: Json, pointer: string): ContextValue | undefined {
  const scalar = (v: Json): v is string | number | boolean => ['string', 'number', 'boolean'].includes(typeof v);
  if (scalar(value)) return value;
  if (Array.isArray(value) && value.every(scalar)) return value;
  c.report(pointer, `expected a string, number, boolean or a list of them, got ${describe(value)}`);
  return undefined;
}

function request(c: Checker, value: Json, pointer: string): RequestInput | undefined {
  const o = c.object(
    value,
    pointer,
    ['principal', 'action', 'resource', 'resourceAccount', 'context'],
    ['principal', 'action', 'resource'],
  );
  if (!o) return undefined;
  const before = c.issues.length;
  const principal = has(o, 'principal') ? c.string(o['principal'], child(pointer, 'principal')) : undefined;
  const action = has(o, 'action') ? c.string(o['action'], child(pointer, 'action')) : undefined;
  const resource = has(o, 'resource') ? c.string(o['resource'], child(pointer, 'resource')) : undefined;
  const resourceAccount = has(o, 'resourceAccount')
    ? c.string(o['resourceAccount'], child(pointer, 'resourceAccount'))
    : undefined;
  let context: Record<string, ContextValue> | undefined;
  if (has(o, 'context')) {
    const ctx = c.object(
      o['context'],
      child(pointer, 'context'),
      Object.keys(isObject(o['context']) ? o['context'] : {}),
    );
    if (ctx) {
      // A null-prototype record: context keys such as `__proto__` stay plain data.
      context = Object.create(null) as Record<string, ContextValue>;
      for (const [k, v] of Object.entries(ctx)) {
        const cv = contextValue(c, v, child(child(pointer, 'context'), k));
        if (cv !== undefined) context[k] = cv;
      }
    }
  }
  if (c.issues.length > before || principal === undefined || action === undefined || resource === undefined)
    return undefined;
  return {
    principal,
    action,
    resource,
    ...(resourceAccount === undefined ? {} : { resourceAccount }),
    ...(context === undefined ? {} : { context: { ...context } }),
  };
}

function statementMatch(c: Checker, value: Json, pointer: string): StatementMatch | undefined {
  const o = c.object(value, pointer, ['policyType', 'policyId', 'sid', 'statementIndex', 'orgLevel'], ['policyType']);
  if (!o) return undefined;
  const before = c.issues.length;
  const policyType = has(o, 'policyType')
    ? oneOf(c, o['policyType'], child(pointer, 'policyType'), POLICY_TYPES)
    : undefined;
  const match: { -readonly [K in keyof StatementMatch]: StatementMatch[K] } = { policyType: policyType ?? 'identity' };
  for (const key of ['policyId', 'sid', 'orgLevel'] as const) {
    if (has(o, key)) match[key] = c.string(o[key], child(pointer, key)) ?? '';
  }
  if (has(o, 'statementIndex')) {
    const n = o['statementIndex'];
    if (typeof n === 'number' && Number.isInteger(n) && n >= 0) match.statementIndex = n;
    else c.report(child(pointer, 'statementIndex'), `expected a 0-based index, got ${describe(n)}`);
  }
  return c.issues.length === before && policyType !== undefined ? match : undefined;
}

function oneOf<T extends string>(c: Checker, value: Json, pointer: string, allowed: readonly T[]): T | undefined {
  if (typeof value === 'string' && (allowed as readonly string[]).includes(value)) return value as T;
  c.report(pointer, `expected one of ${list(allowed)}, got ${describe(value)}`);
  return undefined;
}

function expectation(c: Checker, value: Json, pointer: string): IntentExpectation | undefined {
  if (typeof value === 'string') {
    const decision = oneOf(c, value, pointer, DECISIONS);
    return decision === undefined ? undefined : { decision };
  }
  const o = c.object(
    value,
    pointer,
    ['decision', 'deniedBy', 'allowedBy', 'notAllowedBy', 'serviceRule'],
    ['decision'],
  );
  if (!o) return undefined;
  const before = c.issues.length;
  const decision = has(o, 'decision') ? oneOf(c, o['decision'], child(pointer, 'decision'), DECISIONS) : undefined;
  const out: { -readonly [K in keyof IntentExpectation]: IntentExpectation[K] } = { decision: decision ?? 'Allow' };
  // Each detail only means something for one decision: say so rather than ignore it.
  const only = (key: string, needed: (typeof DECISIONS)[number]): boolean => {
    if (!has(o, key)) return false;
    if (decision !== undefined && decision !== needed) {
      c.report(
        child(pointer, key),
        `\`${key}\` applies only when the decision is \`${needed}\`, not \`${decision}\``,
        true,
      );
      return false;
    }
    return true;
  };
  if (only('deniedBy', 'ExplicitDeny')) {
    const m = statementMatch(c, o['deniedBy'], child(pointer, 'deniedBy'));
    if (m) out.deniedBy = m;
  }
  if (only('allowedBy', 'Allow')) {
    const m = statementMatch(c, o['allowedBy'], child(pointer, 'allowedBy'));
    if (m) out.allowedBy = m;
  }
  if (only('notAllowedBy', 'ImplicitDeny')) {
    const t = oneOf(c, o['notAllowedBy'], child(pointer, 'notAllowedBy'), POLICY_TYPES);
    if (t) out.notAllowedBy = t;
  }
  if (has(o, 'serviceRule')) {
    const id = oneOf(c, o['serviceRule'], child(pointer, 'serviceRule'), SERVICE_RULE_IDS);
    if (id) out.serviceRule = id;
  }
  return c.issues.length === before && decision !== undefined ? out : undefined;
}

interface Scope {
  readonly prefix: string;
  readonly policies?: PolicyRefs;
  readonly options?: Readonly<Record<string, unknown>>;
}

function options(c: Checker, value: Json, pointer: string): Obj | undefined {
  return c.object(value, pointer, isObject(value) ? Object.keys(value) : []);
}

function tests(c: Checker, value: Json, pointer: string, scope: Scope, out: IntentTest[]): void {
  if (!Array.isArray(value)) {
    c.report(pointer, `expected a list of tests, got ${describe(value)}`);
    return;
  }
  value.forEach((t, i) => {
    const p = child(pointer, i);
    const o = c.object(
      t,
      p,
      ['name', 'semantics', 'policies', 'options', 'request', 'expect'],
      ['name', 'request', 'expect'],
    );
    if (!o) return;
    const before = c.issues.length;
    const name = has(o, 'name') ? c.string(o['name'], child(p, 'name')) : undefined;
    const semantics = has(o, 'semantics') ? c.paths(o['semantics'], child(p, 'semantics')) : undefined;
    const own = has(o, 'policies') ? policyRefs(c, o['policies'], child(p, 'policies')) : undefined;
    const opts = has(o, 'options') ? options(c, o['options'], child(p, 'options')) : undefined;
    const req = has(o, 'request') ? request(c, o['request'], child(p, 'request')) : undefined;
    const exp = has(o, 'expect') ? expectation(c, o['expect'], child(p, 'expect')) : undefined;
    const policies = own ?? scope.policies;
    if (policies === undefined && !has(o, 'policies')) {
      c.report(p, 'names no policies: give `policies` in the test, its group or the suite');
    }
    if (
      c.issues.length > before ||
      name === undefined ||
      req === undefined ||
      exp === undefined ||
      policies === undefined
    )
      return;
    const merged = scope.options || opts ? { ...scope.options, ...opts } : undefined;
    out.push({
      name: `${scope.prefix}${name}`,
      ...(semantics ? { semantics } : {}),
      policies,
      ...(merged ? { options: merged } : {}),
      request: req,
      expect: exp,
      location: c.at(p),
    });
  });
}

/** Finds the YAML node a JSON Pointer names (or its key, for member errors). */
function nodeAt(root: YamlNode | null, pointer: string, key: boolean): YamlNode | null {
  if (pointer === '') return root;
  const tokens = pointer
    .slice(1)
    .split('/')
    .map((t) => t.replaceAll('~1', '/').replaceAll('~0', '~'));
  let node: unknown = root;
  for (const [i, token] of tokens.entries()) {
    const last = i === tokens.length - 1;
    if (isMap(node)) {
      const pair = node.items.find((it) => isPair(it) && isScalar(it.key) && String(it.key.value) === token);
      if (!pair) return node as YamlNode;
      node = last && key ? pair.key : pair.value;
    } else if (isSeq(node)) {
      const item: unknown = node.items[Number(token)];
      if (item === undefined) return node as YamlNode;
      node = item;
    } else {
      return (node as YamlNode | null) ?? root;
    }
  }
  return node as YamlNode | null;
}

/**
 * Reads an intent suite from JSON or YAML text (JSON is read as YAML 1.2, of which it is a subset)
 * and checks it against the shape of `schemas/intent-suite.schema.json`, reporting every problem
 * with its line and column. Tests inherit `policies` and `options` from their group and suite.
 * Paths stay as written; loading the files is the caller's part (the CLI's `test` command).
 *
 * @param text - the suite file's text
 * @param file - the suite's path, used in locations
 * @returns the suite, or every issue found
 *
 * @example
 * ```ts
 * import { parseIntentSuite } from 'iam-policy-evaluator';
 * const r = parseIntentSuite(
 *   'policies: ../scenarios/01-identity-deny/policies\ntests:\n  - name: no role deletion\n    request: { principal: "arn:aws:iam::123456789012:user/alice", action: iam:DeleteRole, resource: "*" }\n    expect: ExplicitDeny\n',
 *   'intent.yaml',
 * );
 * r.ok; //=> true
 * r.ok ? r.suite.tests[0]?.expect : undefined; //=> { decision: 'ExplicitDeny' }
 * r.ok ? r.suite.tests[0]?.policies : undefined; //=> { folder: '../scenarios/01-identity-deny/policies' }
 * ```
 */
export function parseIntentSuite(text: string, file: string): ParseSuiteResult {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, uniqueKeys: true, prettyErrors: false, strict: true });
  const position = (offset: number): { line: number; column: number } => {
    const { line, col } = lineCounter.linePos(offset);
    return { line, column: col };
  };
  if (doc.errors.length > 0) {
    return {
      ok: false,
      issues: doc.errors.map((e) => ({
        message: `invalid ${file.endsWith('.json') ? 'JSON' : 'YAML'}: ${
          e.message
            .split('\n')[0]
            ?.replace(/ at line \d+, column \d+:?$/, '')
            .toLowerCase() ?? e.code
        }`,
        location: { file, ...position(e.pos[0]) },
        pointer: '',
      })),
    };
  }
  const c = new Checker(file, (pointer, key) => {
    const node = nodeAt(doc.contents, pointer, key);
    return position(node?.range?.[0] ?? 0);
  });
  const value: Json = doc.toJS({ maxAliasCount: 100 });
  const out: IntentTest[] = [];
  const root = c.object(value, '', ['$schema', 'suite', 'policies', 'options', 'tests', 'groups']);
  if (root) {
    if (!has(root, 'tests') && !has(root, 'groups')) c.report('', 'the suite has no `tests` and no `groups`');
    const title = has(root, 'suite') ? c.string(root['suite'], '/suite') : undefined;
    const policies = has(root, 'policies') ? policyRefs(c, root['policies'], '/policies') : undefined;
    const opts = has(root, 'options') ? options(c, root['options'], '/options') : undefined;
    const scope: Scope = { prefix: '', ...(policies ? { policies } : {}), ...(opts ? { options: opts } : {}) };
    if (has(root, 'tests')) tests(c, root['tests'], '/tests', scope, out);
    if (has(root, 'groups')) {
      const groups = root['groups'];
      if (!Array.isArray(groups)) c.report('/groups', `expected a list of groups, got ${describe(groups)}`);
      else
        groups.forEach((g, i) => {
          const p = `/groups/${i}`;
          const o = c.object(g, p, ['name', 'policies', 'options', 'tests'], ['name', 'tests']);
          if (!o) return;
          const name = has(o, 'name') ? c.string(o['name'], `${p}/name`) : undefined;
          const gp = has(o, 'policies') ? policyRefs(c, o['policies'], `${p}/policies`) : undefined;
          const go = has(o, 'options') ? options(c, o['options'], `${p}/options`) : undefined;
          const merged = scope.options || go ? { ...scope.options, ...go } : undefined;
          const groupPolicies = gp ?? scope.policies;
          if (has(o, 'tests'))
            tests(
              c,
              o['tests'],
              `${p}/tests`,
              {
                prefix: `${name ?? `group ${i}`} › `,
                ...(groupPolicies ? { policies: groupPolicies } : {}),
                ...(merged ? { options: merged } : {}),
              },
              out,
            );
        });
    }
    if (c.issues.length === 0) return { ok: true, suite: { file, ...(title ? { title } : {}), tests: out } };
  }
  return { ok: false, issues: c.issues };
}
