import fc from 'fast-check';
import type { PolicyType } from '../../model/policy-type.js';
import type { OrgLevel, PolicySet, PolicySource } from '../../model/request.js';
import { arbActionPattern, arbResourcePattern, type ServiceOptions } from './actions-resources.js';
import { ACCOUNTS, IAM_PATHS, NAMES, SERVICE_PRINCIPALS } from './catalog.js';
import { CONTEXT_KEYS, type ContextKeySpec, type KeyFamily } from './context.js';

/**
 * A JSON policy statement as the arbitraries build it: plain data, ready to place in a document or to print in a
 * counterexample.
 *
 * @example
 * ```ts
 * import fc from 'fast-check';
 * import { arbStatement } from 'iam-policy-evaluator/arbitraries';
 * import type { StatementDocument } from 'iam-policy-evaluator/arbitraries';
 * const statements: StatementDocument[] = fc.sample(arbStatement({ policyType: 'resource' }), { numRuns: 10, seed: 1 });
 * statements.every((s) => 'Principal' in s || 'NotPrincipal' in s); //=> true
 * ```
 */
export type StatementDocument = Readonly<Record<string, unknown>>;

/**
 * A JSON policy document as the arbitraries build it, accepted wherever the library takes a document.
 *
 * @example
 * ```ts
 * import fc from 'fast-check';
 * import { loadPolicy } from 'iam-policy-evaluator';
 * import { arbPolicyDocument } from 'iam-policy-evaluator/arbitraries';
 * import type { PolicyDocument } from 'iam-policy-evaluator/arbitraries';
 * const documents: PolicyDocument[] = fc.sample(arbPolicyDocument({ policyType: 'scp' }), { numRuns: 10, seed: 1 });
 * documents.every((document) => loadPolicy(document, { policyType: 'scp', policyId: 'scp' }).statements.length > 0); //=> true
 * ```
 */
export interface PolicyDocument {
  readonly Version: '2012-10-17';
  readonly Id?: string;
  readonly Statement: StatementDocument | readonly StatementDocument[];
}

/**
 * Options for the statement and policy arbitraries: the grammar to follow, a fixed effect, the condition keys, and the
 * size of a policy.
 *
 * @example
 * ```ts
 * import fc from 'fast-check';
 * import { arbPolicyDocument } from 'iam-policy-evaluator/arbitraries';
 * import type { PolicyOptions } from 'iam-policy-evaluator/arbitraries';
 * const options: PolicyOptions = { policyType: 'identity', effect: 'Deny', services: ['iam'], conditionKeys: [], maxStatements: 1 };
 * const [document] = fc.sample(arbPolicyDocument(options), { numRuns: 1, seed: 1 });
 * [document?.Statement].flat().map((s) => s?.['Effect']); //=> ['Deny']
 * ```
 */
export interface PolicyOptions extends ServiceOptions {
  /** The policy type whose grammar the document follows; defaults to `identity`. */
  readonly policyType?: PolicyType;
  /** Force every statement's effect. */
  readonly effect?: 'Allow' | 'Deny';
  /** Condition keys statements may test (names from `CONTEXT_KEYS`); `[]` for no conditions. Defaults to all. */
  readonly conditionKeys?: readonly string[];
  /** Most statements per policy; defaults to 3. */
  readonly maxStatements?: number;
}

const pick = <T>(values: readonly T[]): fc.Arbitrary<T> => fc.constantFrom(...values);

const OPERATORS: Readonly<Record<KeyFamily, readonly string[]>> = {
  string: [
    'StringEquals',
    'StringNotEquals',
    'StringLike',
    'StringNotLike',
    'StringEqualsIgnoreCase',
    'StringNotEqualsIgnoreCase',
  ],
  numeric: [
    'NumericLessThan',
    'NumericGreaterThanEquals',
    'NumericEquals',
    'NumericNotEquals',
    'NumericLessThanEquals',
    'NumericGreaterThan',
  ],
  date: [
    'DateGreaterThan',
    'DateLessThan',
    'DateEquals',
    'DateNotEquals',
    'DateLessThanEquals',
    'DateGreaterThanEquals',
  ],
  bool: ['Bool'],
  ip: ['IpAddress', 'NotIpAddress'],
  arn: ['ArnLike', 'ArnNotLike', 'ArnEquals', 'ArnNotEquals'],
};

/** Policy types whose statements name a principal (G-14, O-18, V-4). */
const NEEDS_PRINCIPAL: ReadonlySet<PolicyType> = new Set(['resource', 'rcp', 'vpcEndpoint']);

/** Mostly false, shrinking to false: the `Not…` forms are the exception in real policies. */
const rarely = (): fc.Arbitrary<boolean> =>
  fc.oneof({ weight: 3, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true) });

/** One string or a list: both spellings are valid (G-4). */
function oneOrMany<T>(values: readonly T[]): fc.Arbitrary<T | readonly T[]> {
  return values.length === 1 ? fc.constantFrom<T | readonly T[]>(values, values[0] as T) : fc.constant(values);
}

function listOf(arb: fc.Arbitrary<string>, max: number): fc.Arbitrary<string | readonly string[]> {
  return fc.uniqueArray(arb, { minLength: 1, maxLength: max }).chain((values) => oneOrMany(values));
}

/** A value a `…Like`/`Arn…` operator may hold: the plain value or one with a trailing `*`. */
function policyValue(spec: ContextKeySpec, operator: string): fc.Arbitrary<string | number | boolean> {
  const like = operator.includes('Like') || operator.startsWith('Arn');
  // A `*` under a non-`Like` operator is literal and draws a warning (C-8): keep those values to `…Like`.
  const plain = pick(
    like ? spec.policyValues : spec.policyValues.filter((v) => typeof v !== 'string' || !v.includes('*')),
  );
  if (!like) return plain;
  return plain.chain((v) =>
    typeof v === 'string' && v.length > 3 ? fc.constantFrom(v, `${v.slice(0, -2)}*`) : fc.constant(v),
  );
}

/** One (operator, key, values) entry of a condition block, valid for the key's family and cardinality. */
function conditionEntry(spec: ContextKeySpec, policyType: PolicyType): fc.Arbitrary<[string, string, unknown]> {
  const nullTest = fc
    .record({ v: pick(['true', 'false']) })
    .map(({ v }): [string, string, unknown] => ['Null', spec.key, v]);
  let operators = OPERATORS[spec.family];
  // Endpoint policies forbid wildcards in condition values (V-5): keep to the exact operators there.
  if (policyType === 'vpcEndpoint') operators = operators.filter((op) => !op.includes('Like') && !op.startsWith('Arn'));
  if (operators.length === 0) return nullTest;
  const typed = fc
    .record({
      operator: pick(operators),
      // A multivalued key needs a set qualifier (C-28); a single-valued one gets none.
      qualifier: spec.multivalued ? pick(['ForAnyValue:', 'ForAllValues:']) : fc.constant(''),
      ifExists: spec.family === 'bool' ? fc.boolean() : fc.boolean().map((b) => b && !spec.multivalued),
    })
    .chain(({ operator, qualifier, ifExists }) => {
      const name = `${qualifier}${operator}${ifExists ? 'IfExists' : ''}`;
      // Bool takes exactly one value (C-16).
      const values: fc.Arbitrary<unknown> =
        spec.family === 'bool'
          ? pick(spec.policyValues)
          : fc.uniqueArray(policyValue(spec, operator), { minLength: 1, maxLength: 2 }).chain((vs) => oneOrMany(vs));
      return values.map((v): [string, string, unknown] => [name, spec.key, v]);
    });
  return fc.oneof({ weight: 5, arbitrary: typed }, { weight: 1, arbitrary: nullTest });
}

function conditionBlock(
  keys: readonly ContextKeySpec[],
  policyType: PolicyType,
): fc.Arbitrary<Record<string, Record<string, unknown>> | undefined> {
  if (keys.length === 0) return fc.constant(undefined);
  return fc
    .uniqueArray(pick(keys), { maxLength: 2, selector: (s) => s.key })
    .chain((specs) => fc.tuple(...specs.map((s) => conditionEntry(s, policyType))))
    .map((entries) => {
      if (entries.length === 0) return undefined;
      const block: Record<string, Record<string, unknown>> = {};
      for (const [operator, key, value] of entries) (block[operator] ??= {})[key] = value;
      return block;
    });
}

/** Principal element values for resource-side policies, drawn from the same names the request principals use. */
function principalElement(policyType: PolicyType, accounts: readonly string[]): fc.Arbitrary<unknown> {
  if (policyType === 'rcp') return fc.constant('*');
  const aws = fc.oneof(
    pick(accounts),
    pick(accounts).map((a) => `arn:aws:iam::${a}:root`),
    fc.tuple(pick(accounts), pick(IAM_PATHS), pick(NAMES)).map(([a, p, n]) => `arn:aws:iam::${a}:user${p}${n}`),
    fc.tuple(pick(accounts), pick(IAM_PATHS), pick(NAMES)).map(([a, p, n]) => `arn:aws:iam::${a}:role${p}${n}`),
    fc.tuple(pick(accounts), pick(NAMES)).map(([a, n]) => `arn:aws:sts::${a}:assumed-role/${n}/session`),
  );
  return fc.oneof(
    fc.constant('*'),
    listOf(aws, 2).map((v) => ({ AWS: v })),
    policyType === 'resource'
      ? listOf(pick(SERVICE_PRINCIPALS), 1).map((v) => ({ Service: v }))
      : fc.constant({ AWS: '*' }),
  );
}

/**
 * One policy statement, valid by construction for the grammar of `policyType`: `Principal` only where
 * the type needs it, `NotPrincipal` only with `Deny` in resource policies (G-19), no `NotAction` in
 * RCPs (O-18), qualifiers on multivalued keys only (C-28), one value under `Bool` (C-16), no
 * `IfExists` on `Null` (C-7). `Sid` is left to {@link arbPolicyDocument}, which keeps it unique.
 *
 * @param options - policy type, effect, services, accounts and condition keys
 * @returns an arbitrary of statement objects
 *
 * @example
 * ```ts
 * import fc from 'fast-check';
 * import { arbStatement } from 'iam-policy-evaluator/arbitraries';
 * const [s] = fc.sample(arbStatement({ policyType: 'identity', effect: 'Deny', conditionKeys: [] }), { numRuns: 1, seed: 5 });
 * s?.['Effect']; //=> 'Deny'
 * s !== undefined && 'Condition' in s; //=> false
 * ```
 */
export function arbStatement(options: PolicyOptions = {}): fc.Arbitrary<StatementDocument> {
  const policyType = options.policyType ?? 'identity';
  const accounts = options.accounts ?? ACCOUNTS;
  const keys = options.conditionKeys
    ? CONTEXT_KEYS.filter((s) => options.conditionKeys?.includes(s.key))
    : CONTEXT_KEYS;
  const services: ServiceOptions = options.services ? { services: options.services, accounts } : { accounts };
  // Customer RCPs are Deny-only (O-18); the Allow comes from RCPFullAWSAccess.
  const effect = options.effect
    ? fc.constant(options.effect)
    : policyType === 'rcp'
      ? fc.constant('Deny' as const)
      : pick(['Allow', 'Deny'] as const);
  return effect.chain((eff) =>
    fc
      .record({
        notAction: policyType === 'rcp' ? fc.constant(false) : rarely(),
        actions: listOf(arbActionPattern(services), 2),
        notResource: rarely(),
        resources: listOf(arbResourcePattern(services), 2),
        principal: NEEDS_PRINCIPAL.has(policyType) ? principalElement(policyType, accounts) : fc.constant(undefined),
        notPrincipal: rarely().map((b) => b && eff === 'Deny' && policyType === 'resource'),
        condition: conditionBlock(keys, policyType),
      })
      .map(({ notAction, actions, notResource, resources, principal, notPrincipal, condition }) => {
        const statement: Record<string, unknown> = { Effect: eff };
        if (principal !== undefined) {
          // NotPrincipal names principals explicitly; `*` there would exempt everyone.
          if (notPrincipal && principal !== '*') statement['NotPrincipal'] = principal;
          else statement['Principal'] = principal;
        }
        statement[notAction ? 'NotAction' : 'Action'] = actions;
        statement[notResource ? 'NotResource' : 'Resource'] = resources;
        if (condition) statement['Condition'] = condition;
        return statement;
      }),
  );
}

const SID_WORDS = ['Stmt', 'AllowRead', 'DenyDelete', 'RequireMfa', 'OnlyVpce'] as const;

/**
 * A whole policy document of one type, valid by construction: `Version` `2012-10-17` (required for
 * SCPs and RCPs, G-10), 1 to `maxStatements` statements, unique alphanumeric Sids or none (G-12),
 * `Statement` as an object or a list (G-2), an `Id` only on resource-side types (G-11), and small
 * enough for every size limit (§12.1).
 *
 * @param options - policy type, effect, services, accounts, condition keys and statement count
 * @returns an arbitrary of policy documents
 *
 * @example
 * ```ts
 * import fc from 'fast-check';
 * import { arbPolicyDocument } from 'iam-policy-evaluator/arbitraries';
 * const [doc] = fc.sample(arbPolicyDocument({ policyType: 'scp' }), { numRuns: 1, seed: 9 });
 * doc?.Version; //=> '2012-10-17'
 * ```
 */
export function arbPolicyDocument(options: PolicyOptions = {}): fc.Arbitrary<PolicyDocument> {
  const policyType = options.policyType ?? 'identity';
  const max = options.maxStatements ?? 3;
  if (max < 1) throw new RangeError(`\`maxStatements\` must be at least 1: got \`${max}\``);
  const resourceSide = policyType === 'resource' || policyType === 'vpcEndpoint';
  return fc
    .record({
      statements: fc.array(
        fc.record({ statement: arbStatement(options), sid: fc.option(pick(SID_WORDS), { nil: undefined }) }),
        {
          minLength: 1,
          maxLength: max,
        },
      ),
      single: fc.boolean(),
      id: resourceSide ? fc.option(pick(['Policy1', 'BucketPolicy']), { nil: undefined }) : fc.constant(undefined),
    })
    .map(({ statements, single, id }): PolicyDocument => {
      const list = statements.map(({ statement, sid }, i) =>
        sid === undefined ? statement : { Sid: `${sid}${i}`, ...statement },
      );
      const Statement = single && list.length === 1 ? (list[0] as StatementDocument) : list;
      return id === undefined ? { Version: '2012-10-17', Statement } : { Version: '2012-10-17', Id: id, Statement };
    });
}

/**
 * Options for {@link arbPolicySource}: as for documents, plus the id and whether the document comes as JSON text or
 * as an object (both must evaluate alike).
 *
 * @example
 * ```ts
 * import fc from 'fast-check';
 * import { arbPolicySource } from 'iam-policy-evaluator/arbitraries';
 * import type { PolicySourceOptions } from 'iam-policy-evaluator/arbitraries';
 * const options: PolicySourceOptions = { id: 'bucket', policyType: 'resource', as: 'object' };
 * const [source] = fc.sample(arbPolicySource(options), { numRuns: 1, seed: 1 });
 * source?.id; //=> 'bucket'
 * typeof source?.document; //=> 'object'
 * ```
 */
export interface PolicySourceOptions extends PolicyOptions {
  /** The policy id; defaults to the policy type. */
  readonly id?: string;
  /** `text` gives JSON text (2-space indented), `object` the parsed form; defaults to drawing both. */
  readonly as?: 'text' | 'object';
}

/**
 * A `PolicySource` (`{ id, document }`) holding a generated document, as JSON text or as an object.
 *
 * @param options - as for {@link arbPolicyDocument}, plus the id and the document form
 * @returns an arbitrary of policy sources
 *
 * @example
 * ```ts
 * import fc from 'fast-check';
 * import { arbPolicySource } from 'iam-policy-evaluator/arbitraries';
 * const [src] = fc.sample(arbPolicySource({ id: 'bucket', policyType: 'resource', as: 'text' }), { numRuns: 1, seed: 1 });
 * src?.id; //=> 'bucket'
 * typeof src?.document; //=> 'string'
 * ```
 */
export function arbPolicySource(options: PolicySourceOptions = {}): fc.Arbitrary<PolicySource> {
  const id = options.id ?? options.policyType ?? 'identity';
  const form = options.as ? fc.constant(options.as) : pick(['object', 'text'] as const);
  return fc
    .tuple(arbPolicyDocument(options), form)
    .map(([doc, as]): PolicySource => ({ id, document: as === 'text' ? JSON.stringify(doc, null, 2) : doc }));
}

/**
 * Options for {@link arbPolicySet}: which policy types the set may hold, plus services, accounts and condition keys.
 *
 * @example
 * ```ts
 * import fc from 'fast-check';
 * import { arbPolicySet } from 'iam-policy-evaluator/arbitraries';
 * import type { PolicySetOptions } from 'iam-policy-evaluator/arbitraries';
 * const options: PolicySetOptions = { types: ['identity', 'scp'], maxIdentityPolicies: 1 };
 * const sets = fc.sample(arbPolicySet(options), { numRuns: 10, seed: 1 });
 * sets.every((set) => set.identity?.length === 1 && set.resource === undefined); //=> true
 * ```
 */
export interface PolicySetOptions extends ServiceOptions {
  /** Policy types the set may contain; defaults to all seven. Identity policies are always drawn. */
  readonly types?: readonly PolicyType[];
  readonly conditionKeys?: readonly string[];
  /** Most identity policies; defaults to 2. */
  readonly maxIdentityPolicies?: number;
}

const FULL_ACCESS = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] } as const;
const RCP_FULL_ACCESS = {
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: '*', Action: '*', Resource: '*' }],
} as const;

function orgLevels(kind: 'scp' | 'rcp', options: PolicySetOptions, account: string): fc.Arbitrary<OrgLevel[]> {
  const targets = ['r-root', 'ou-ab12-cdef3456', account];
  const full = kind === 'scp' ? FULL_ACCESS : RCP_FULL_ACCESS;
  const fullId = kind === 'scp' ? 'FullAWSAccess' : 'RCPFullAWSAccess';
  return fc.tuple(
    ...targets.map((target) =>
      fc
        .record({
          // SCP levels without FullAWSAccess are rare but real (O-13); RCPFullAWSAccess cannot be detached (O-14).
          full:
            kind === 'rcp'
              ? fc.constant(true)
              : fc.oneof({ weight: 4, arbitrary: fc.constant(true) }, { weight: 1, arbitrary: fc.constant(false) }),
          extra: fc.option(arbPolicyDocument({ ...options, policyType: kind, maxStatements: 2 }), { nil: undefined }),
        })
        .map(({ full: hasFull, extra }): OrgLevel => {
          const policies: PolicySource[] = [];
          if (hasFull) policies.push({ id: fullId, document: full });
          if (extra) policies.push({ id: `${kind}-${target}`, document: extra });
          if (policies.length === 0) policies.push({ id: `${kind}-${target}`, document: full });
          return { target, policies };
        }),
    ),
  );
}

/**
 * A whole `PolicySet` in the shape of `EvaluationInput.policies`: identity policies, and optionally
 * a resource policy, a permissions boundary, a session policy, SCP and RCP levels (root, one OU, the
 * account, with `FullAWSAccess`/`RCPFullAWSAccess` where AWS attaches them) and a VPC endpoint policy.
 * Absent types shrink away first.
 *
 * @param options - types, services, accounts and condition keys
 * @returns an arbitrary of policy sets
 *
 * @example
 * ```ts
 * import fc from 'fast-check';
 * import { arbPolicySet } from 'iam-policy-evaluator/arbitraries';
 * const sets = fc.sample(arbPolicySet({ types: ['identity', 'permissionsBoundary'] }), { numRuns: 20, seed: 3 });
 * sets.every((set) => Array.isArray(set.identity) && set.serviceControlPolicies === undefined); //=> true
 * ```
 */
export function arbPolicySet(options: PolicySetOptions = {}): fc.Arbitrary<PolicySet> {
  const types = new Set(
    options.types ?? ['identity', 'resource', 'permissionsBoundary', 'session', 'scp', 'rcp', 'vpcEndpoint'],
  );
  const account = (options.accounts ?? ACCOUNTS)[0] ?? ACCOUNTS[0];
  const base: PolicyOptions = {
    ...(options.services ? { services: options.services } : {}),
    ...(options.accounts ? { accounts: options.accounts } : {}),
    ...(options.conditionKeys ? { conditionKeys: options.conditionKeys } : {}),
  };
  const maybe = <T>(type: PolicyType, arb: fc.Arbitrary<T>): fc.Arbitrary<T | undefined> =>
    types.has(type) ? fc.option(arb, { nil: undefined }) : fc.constant(undefined);
  const doc = (policyType: PolicyType, id: string, maxStatements = 3): fc.Arbitrary<PolicySource> =>
    arbPolicyDocument({ ...base, policyType, maxStatements }).map((document) => ({ id, document }));
  return fc
    .record({
      identity: fc
        .array(fc.constant(null), { minLength: 1, maxLength: options.maxIdentityPolicies ?? 2 })
        .chain((slots) => fc.tuple(...slots.map((_, i) => doc('identity', `identity-${i}`)))),
      resource: maybe('resource', doc('resource', 'resource-policy')),
      permissionsBoundary: maybe('permissionsBoundary', doc('permissionsBoundary', 'boundary')),
      session: maybe('session', doc('session', 'session-policy', 2)),
      serviceControlPolicies: maybe('scp', orgLevels('scp', base, account)),
      resourceControlPolicies: maybe('rcp', orgLevels('rcp', base, account)),
      vpcEndpoint: maybe('vpcEndpoint', doc('vpcEndpoint', 'endpoint-policy', 2)),
    })
    .map(
      ({
        identity,
        resource,
        permissionsBoundary,
        session,
        serviceControlPolicies,
        resourceControlPolicies,
        vpcEndpoint,
      }) => {
        const set: { -readonly [K in keyof PolicySet]: PolicySet[K] } = {};
        if (types.has('identity')) set.identity = identity;
        if (resource) set.resource = resource;
        if (permissionsBoundary) set.permissionsBoundary = permissionsBoundary;
        if (session) set.session = [session];
        if (serviceControlPolicies) set.serviceControlPolicies = serviceControlPolicies;
        if (resourceControlPolicies) set.resourceControlPolicies = resourceControlPolicies;
        if (vpcEndpoint) set.vpcEndpoint = [vpcEndpoint];
        return set;
      },
    );
}
