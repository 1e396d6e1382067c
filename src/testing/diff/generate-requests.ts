import type { ConditionEntry, NormalizedStatement } from '../../model/normalized-policy.js';
import type { PolicyType } from '../../model/policy-type.js';
import type { ContextScalar, ContextValue, PolicySet, PolicySource, RequestInput } from '../../model/request.js';
import { loadPolicy } from '../../normalizer/load-policy.js';
import { tryLoad, type LoadPolicyFunction } from '../suite-coverage/coverage.js';

/**
 * Options for {@link generateRequests}: the callers to try and a cap on the cross product, which grows fast with the
 * number of actions, resources and condition values.
 *
 * @example
 * ```ts
 * import { generateRequests } from 'iam-policy-evaluator';
 * import type { GenerateRequestsOptions } from 'iam-policy-evaluator';
 * const noDeleteWithoutMfa = { identity: [{ id: 'p', document: { Version: '2012-10-17', Statement: [
 *   { Effect: 'Deny', Action: 'iam:Delete*', Resource: '*', Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'false' } } },
 * ] } }] };
 * const options: GenerateRequestsOptions = { principals: ['arn:aws:iam::123456789012:user/alice'], maxRequests: 2 };
 * const { requests } = generateRequests([noDeleteWithoutMfa], options);
 * requests.length; //=> 2
 * requests.every((r) => r.principal === 'arn:aws:iam::123456789012:user/alice'); //=> true
 * ```
 */
export interface GenerateRequestsOptions {
  /** Callers to try; by default the principals the policies name, plus one IAM user per account they mention. */
  readonly principals?: readonly string[];
  /** The most requests to generate; the list is cut, deterministically, beyond it. Default 5,000. */
  readonly maxRequests?: number;
  /** Reads a policy into statements; the library's `loadPolicy` by default. Invalid policies are skipped. */
  readonly load?: LoadPolicyFunction;
}

/**
 * What {@link generateRequests} produced: the requests, and whether the cap cut them short, so a diff can say it did
 * not try everything.
 *
 * @example
 * ```ts
 * import { generateRequests } from 'iam-policy-evaluator';
 * import type { GeneratedRequests } from 'iam-policy-evaluator';
 * const noDeleteWithoutMfa = { identity: [{ id: 'p', document: { Version: '2012-10-17', Statement: [
 *   { Effect: 'Deny', Action: 'iam:Delete*', Resource: '*', Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'false' } } },
 * ] } }] };
 * const generated: GeneratedRequests = generateRequests([noDeleteWithoutMfa], { maxRequests: 2 });
 * generated.truncated; //=> true
 * generated.possible > generated.requests.length; //=> true
 * ```
 */
export interface GeneratedRequests {
  readonly requests: readonly RequestInput[];
  /** True when `maxRequests` cut the cross product short. */
  readonly truncated: boolean;
  /** How many requests the full cross product holds. */
  readonly possible: number;
}

/** Keys the engine derives from the principal: varied through the principal, never through the context. */
const PRINCIPAL_KEYS = new Set(['aws:principalarn', 'aws:principalaccount', 'aws:principaltype', 'aws:username']);
const DEFAULT_ACCOUNT = '123456789012';
const ACCOUNT = /^\d{12}$/;

/** A concrete string a wildcard pattern matches: `*` becomes `example`, `?` becomes `x`. */
function instantiate(pattern: string, star = 'example'): string {
  return pattern.replaceAll('*', star).replaceAll('?', 'x');
}

/** Policy variables (`${aws:username}`) read as one literal placeholder. */
function withoutVariables(raw: string): string {
  return raw.replace(/\$\{[^}]*\}/g, 'example');
}

function uniq<T>(values: Iterable<T>, key: (v: T) => string = (v) => JSON.stringify(v)): T[] {
  const seen = new Set<string>();
  const out: T[] = [];
  for (const v of values) {
    const k = key(v);
    if (!seen.has(k)) {
      seen.add(k);
      out.push(v);
    }
  }
  return out;
}

function policies(set: PolicySet): { policyType: PolicyType; source: PolicySource }[] {
  const out: { policyType: PolicyType; source: PolicySource }[] = [];
  for (const p of set.identity ?? []) out.push({ policyType: 'identity', source: p });
  if (set.resource) out.push({ policyType: 'resource', source: set.resource });
  if (set.permissionsBoundary) out.push({ policyType: 'permissionsBoundary', source: set.permissionsBoundary });
  for (const p of set.session ?? []) out.push({ policyType: 'session', source: p });
  for (const l of set.serviceControlPolicies ?? [])
    for (const p of l.policies) out.push({ policyType: 'scp', source: p });
  for (const l of set.resourceControlPolicies ?? [])
    for (const p of l.policies) out.push({ policyType: 'rcp', source: p });
  for (const p of set.vpcEndpoint ?? []) out.push({ policyType: 'vpcEndpoint', source: p });
  return out;
}

/** The request values that test a condition entry: each listed value, and values just outside. */
function candidateValues(entry: ConditionEntry): ContextScalar[] {
  const texts = entry.values.map((v) => withoutVariables(v.text));
  const op = entry.baseOperator;
  if (op === 'Null') return ['example'];
  if (op === 'Bool') return [true, false];
  if (op.startsWith('Numeric')) {
    const numbers = texts.map(Number).filter((n) => Number.isFinite(n));
    return uniq(numbers.flatMap((n) => [n, n - 1, n + 1]));
  }
  if (op.startsWith('Date')) return uniq([...texts, '1970-01-01T00:00:00Z', '2099-12-31T23:59:59Z']);
  if (op.endsWith('IpAddress')) {
    const inside = texts.map((t) => t.split('/')[0] ?? t);
    const outside = inside.map((ip) => {
      if (ip.includes(':')) return ip.toLowerCase().startsWith('fe80') ? '2001:db8::1' : 'fe80::1';
      const [first, ...rest] = ip.split('.');
      return [String((Number(first) ^ 128) & 255), ...rest].join('.');
    });
    return uniq([...inside, ...outside]);
  }
  // String and ARN operators: the values, wildcards filled in, then a value no listed one matches.
  const filled = texts.map((t) => instantiate(t));
  const other = op.startsWith('Arn') ? 'arn:aws:iam::000000000000:role/other' : 'other-value';
  return uniq([...filled, other]);
}

interface KeyValues {
  readonly key: string;
  readonly multivalued: boolean;
  readonly values: ContextScalar[];
}

function contexts(keys: readonly KeyValues[]): Record<string, ContextValue>[] {
  const variants: Record<string, ContextValue>[] = [{}];
  const asValue = (k: KeyValues, v: ContextScalar): ContextValue => (k.multivalued ? [v] : v);
  // One key at a time, the others absent.
  for (const k of keys) {
    for (const v of k.values) variants.push({ [k.key]: asValue(k, v) });
    if (k.multivalued) {
      variants.push({ [k.key]: [] });
      if (k.values.length > 1) variants.push({ [k.key]: k.values });
    }
  }
  // Every key at its first listed value (ANDed conditions all hold), then each key moved just outside or absent.
  if (keys.length > 1) {
    const all: Record<string, ContextValue> = {};
    for (const k of keys) if (k.values[0] !== undefined) all[k.key] = asValue(k, k.values[0]);
    variants.push(all);
    for (const k of keys) {
      const { [k.key]: _dropped, ...rest } = all;
      variants.push(rest);
      const last = k.values[k.values.length - 1];
      if (last !== undefined && k.values.length > 1) variants.push({ ...all, [k.key]: asValue(k, last) });
    }
  }
  return uniq(variants);
}

function serviceOf(action: string): string {
  return action.split(':')[0]?.toLowerCase() ?? '';
}

function arnService(resource: string): string | undefined {
  return resource.startsWith('arn:') ? resource.split(':')[2] : undefined;
}

function accountOfArn(arn: string): string | undefined {
  const account = arn.split(':')[4];
  return account !== undefined && ACCOUNT.test(account) ? account : undefined;
}

/** A caller ARN for a principal value: a role becomes one of its sessions, an account its root. */
function callerFor(value: string): string | undefined {
  if (value === '*' || !value.startsWith('arn:')) return ACCOUNT.test(value) ? `arn:aws:iam::${value}:root` : undefined;
  const parts = value.split(':');
  const account = parts[4] === '*' || parts[4] === '' ? DEFAULT_ACCOUNT : (parts[4] ?? DEFAULT_ACCOUNT);
  const resource = instantiate(parts.slice(5).join(':'), 'Example');
  if (parts[2] === 'iam' && resource.startsWith('role/')) {
    const name = resource.split('/').pop() ?? 'role';
    return `arn:aws:sts::${account}:assumed-role/${name}/diff-session`;
  }
  if ((parts[2] === 'iam' && (resource.startsWith('user/') || resource === 'root')) || parts[2] === 'sts') {
    return `arn:aws:${parts[2]}::${account}:${resource}`;
  }
  return undefined;
}

/**
 * Builds the requests that probe what a set of policies decides, from what the policies themselves
 * mention: every action (wildcards filled in, plus one action of each service outside `NotAction`
 * lists), every resource of the same service (or `*`), every principal named in `Principal` elements
 * and `aws:PrincipalArn` conditions plus an IAM user per account, and for condition keys: absent,
 * each listed value, values just outside (the other boolean, a number one past the bound, an address
 * outside the range, a string no pattern matches), the empty set for multivalued keys, and all
 * conditions holding at once with each key moved out in turn. Deterministic: the same policies give
 * the same list in the same order.
 *
 * @param sets - the policy sets to draw from (for a diff: before and after)
 * @param options - principals to use, the most requests, and how to read policies
 * @returns the requests, and whether the cross product was cut
 *
 * @example
 * ```ts
 * import { generateRequests } from 'iam-policy-evaluator';
 * const { requests } = generateRequests([{ identity: [{ id: 'p', document: { Version: '2012-10-17', Statement: [
 *   { Effect: 'Deny', Action: 'iam:Delete*', Resource: '*', Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'false' } } },
 * ] } }] }]);
 * requests.map((r) => r.context ?? {}).slice(0, 3); //=> [{}, { 'aws:MultiFactorAuthPresent': true }, { 'aws:MultiFactorAuthPresent': false }]
 * ```
 */
export function generateRequests(sets: readonly PolicySet[], options: GenerateRequestsOptions = {}): GeneratedRequests {
  const load = options.load ?? loadPolicy;
  const statements: NormalizedStatement[] = [];
  const accounts: string[] = [];
  for (const set of sets) {
    for (const l of [...(set.serviceControlPolicies ?? []), ...(set.resourceControlPolicies ?? [])]) {
      if (ACCOUNT.test(l.target)) accounts.push(l.target);
    }
    for (const { policyType, source } of policies(set)) {
      const policy = tryLoad(load, source, policyType);
      if (policy) statements.push(...policy.statements);
    }
  }
  const actions: string[] = [];
  const services: string[] = [];
  const resources: string[] = [];
  const principals: string[] = [];
  const keys = new Map<string, { key: string; multivalued: boolean; values: ContextScalar[] }>();
  for (const s of statements) {
    for (const p of s.action.patterns) {
      if (p.raw === '*') continue;
      services.push(serviceOf(p.raw));
      actions.push(instantiate(p.raw, 'Example'));
    }
    for (const p of s.resource?.patterns ?? []) {
      const raw = withoutVariables(p.raw);
      resources.push(raw === '*' ? '*' : instantiate(raw));
      const account = accountOfArn(raw);
      if (account) accounts.push(account);
    }
    for (const v of s.principal?.values ?? []) {
      const caller = callerFor(v.value);
      if (caller) principals.push(caller);
      if (v.accountId) accounts.push(v.accountId);
    }
    for (const c of s.conditions) {
      if (PRINCIPAL_KEYS.has(c.key)) {
        for (const v of c.values) {
          if (c.key === 'aws:principalarn') {
            const caller = callerFor(v.text);
            if (caller) principals.push(caller);
          } else if (c.key === 'aws:principalaccount' && ACCOUNT.test(v.text)) accounts.push(v.text);
        }
        continue;
      }
      const entry = keys.get(c.key) ?? { key: c.keyAsWritten, multivalued: c.qualifier !== undefined, values: [] };
      entry.values.push(...candidateValues(c));
      keys.set(c.key, entry);
    }
  }
  // One action of each service outside every list: what a NotAction or a wildcard leaves out.
  for (const service of uniq(services)) actions.push(`${service}:ExampleOtherAction`);
  const accountList = uniq(accounts.length > 0 ? accounts : [DEFAULT_ACCOUNT]);
  const callers = options.principals
    ? [...options.principals]
    : uniq([...accountList.map((a) => `arn:aws:iam::${a}:user/diff-user`), ...principals]);
  const resourceList = uniq([...resources, '*']);
  const pairs: { action: string; resource: string }[] = [];
  for (const action of uniq(actions, (a) => a.toLowerCase()).sort()) {
    const service = serviceOf(action);
    const fitting = resourceList.filter((r) => {
      const s = arnService(r);
      return r === '*' || s === service || (service === 'sts' && s === 'iam');
    });
    for (const resource of fitting) pairs.push({ action, resource });
  }
  const keyList = [...keys.values()].map((k) => ({ ...k, values: uniq(k.values) }));
  const ctxs = contexts(keyList);
  const possible = callers.length * pairs.length * ctxs.length;
  const max = options.maxRequests ?? 5000;
  const requests: RequestInput[] = [];
  outer: for (const principal of callers) {
    const account = accountOfArn(principal) ?? DEFAULT_ACCOUNT;
    for (const { action, resource } of pairs) {
      for (const context of ctxs) {
        if (requests.length >= max) break outer;
        const needsOwner =
          resource.startsWith('arn:') && accountOfArn(resource) === undefined && arnService(resource) === 's3';
        requests.push({
          principal,
          action,
          resource,
          ...(needsOwner ? { resourceAccount: account } : {}),
          ...(Object.keys(context).length > 0 ? { context } : {}),
        });
      }
    }
  }
  return { requests, truncated: possible > requests.length, possible };
}
