import fc from 'fast-check';
import type { ContextScalar, ContextValue } from '../../model/request.js';
import { ACCOUNTS, REGIONS, SERVICE_PRINCIPALS } from './catalog.js';

/**
 * The operator family a condition key is tested with (IAM-SEMANTICS §9.1): it decides which operators generated
 * policies use on the key.
 *
 * @example
 * ```ts
 * import { CONTEXT_KEYS } from 'iam-policy-evaluator/arbitraries';
 * import type { KeyFamily } from 'iam-policy-evaluator/arbitraries';
 * const keysOf = (family: KeyFamily): string[] => CONTEXT_KEYS.filter((k) => k.family === family).map((k) => k.key);
 * keysOf('bool'); //=> ['aws:MultiFactorAuthPresent', 'aws:SecureTransport']
 * ```
 */
export type KeyFamily = 'string' | 'numeric' | 'date' | 'bool' | 'ip' | 'arn';

/**
 * A condition key the arbitraries know: how policies test it and which request values it takes, so generated policies
 * and requests meet on the same values.
 *
 * @example
 * ```ts
 * import fc from 'fast-check';
 * import { CONTEXT_KEYS } from 'iam-policy-evaluator/arbitraries';
 * import type { ContextKeySpec } from 'iam-policy-evaluator/arbitraries';
 * const tagKeys: ContextKeySpec | undefined = CONTEXT_KEYS.find((k) => k.key === 'aws:TagKeys');
 * tagKeys?.multivalued; //=> true
 * tagKeys ? fc.sample(tagKeys.requestValue(), { numRuns: 10, seed: 1 }).every(Array.isArray) : false; //=> true
 * ```
 */
export interface ContextKeySpec {
  readonly key: string;
  readonly family: KeyFamily;
  /** Multivalued keys need `ForAllValues:`/`ForAnyValue:` in policies (C-28) and are arrays in requests. */
  readonly multivalued: boolean;
  /** Values a policy lists for the key; for string and ARN keys the `…Like` operators may add wildcards. */
  readonly policyValues: readonly (string | number | boolean)[];
  /** Request values of the key. */
  readonly requestValue: () => fc.Arbitrary<ContextValue>;
}

const pick = <T>(values: readonly T[]): fc.Arbitrary<T> => fc.constantFrom(...values);
const pad = (n: number): string => String(n).padStart(2, '0');

/**
 * ISO 8601 instants (`YYYY-MM-DDThh:mm:ssZ`) between 2019 and 2030, built without a clock.
 *
 * @returns an arbitrary of ISO 8601 strings
 *
 * @example
 * ```ts
 * import fc from 'fast-check';
 * import { arbIsoInstant } from 'iam-policy-evaluator/arbitraries';
 * const instants = fc.sample(arbIsoInstant(), { numRuns: 20, seed: 1 });
 * instants.every((t) => /^20(19|2\d|30)-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/.test(t)); //=> true
 * ```
 */
export function arbIsoInstant(): fc.Arbitrary<string> {
  return fc
    .record({
      year: fc.integer({ min: 2019, max: 2030 }),
      month: fc.integer({ min: 1, max: 12 }),
      day: fc.integer({ min: 1, max: 28 }),
      hour: fc.integer({ min: 0, max: 23 }),
      minute: fc.integer({ min: 0, max: 59 }),
    })
    .map(({ year, month, day, hour, minute }) => `${year}-${pad(month)}-${pad(day)}T${pad(hour)}:${pad(minute)}:00Z`);
}

const TAG_KEYS = ['team', 'Production', 'production', 'cost-center'] as const;

/**
 * The condition keys the arbitraries know, covering every operator family and both cardinalities
 * (IAM-SEMANTICS §9.1); their names are what `keys`, `contextKeys` and `conditionKeys` options accept. Principal-derived
 * keys (`aws:PrincipalArn`, `aws:PrincipalAccount`, `aws:PrincipalType`, `aws:username`) are absent on purpose: the
 * evaluator derives them from the principal.
 *
 * @example
 * ```ts
 * import { CONTEXT_KEYS } from 'iam-policy-evaluator/arbitraries';
 * CONTEXT_KEYS.filter((k) => k.multivalued).map((k) => k.key); //=> ['aws:TagKeys', 'aws:CalledVia']
 * CONTEXT_KEYS.some((k) => k.key === 'aws:PrincipalArn'); //=> false
 * ```
 */
export const CONTEXT_KEYS: readonly ContextKeySpec[] = Object.freeze([
  {
    key: 'aws:MultiFactorAuthPresent',
    family: 'bool',
    multivalued: false,
    policyValues: ['true', 'false'],
    requestValue: () => fc.boolean(),
  },
  {
    key: 'aws:SecureTransport',
    family: 'bool',
    multivalued: false,
    policyValues: ['true', 'false'],
    requestValue: () => fc.boolean(),
  },
  {
    key: 'aws:MultiFactorAuthAge',
    family: 'numeric',
    multivalued: false,
    policyValues: [3600, '900', 86400],
    requestValue: () => fc.integer({ min: 0, max: 100_000 }),
  },
  {
    key: 'aws:EpochTime',
    family: 'numeric',
    multivalued: false,
    policyValues: [1_700_000_000, '1735689600'],
    requestValue: () => fc.integer({ min: 1_600_000_000, max: 1_900_000_000 }),
  },
  {
    key: 'aws:CurrentTime',
    family: 'date',
    multivalued: false,
    policyValues: ['2025-01-01T00:00:00Z', '2024-06-30', '2026-01-01T12:00:00+01:00'],
    requestValue: () => arbIsoInstant(),
  },
  {
    key: 'aws:SourceIp',
    family: 'ip',
    multivalued: false,
    policyValues: ['203.0.113.0/24', '198.51.100.7', '2001:db8::/32'],
    requestValue: () => pick(['203.0.113.10', '198.51.100.7', '192.0.2.44', '2001:db8::1', '2001:dc8::9']),
  },
  {
    key: 'aws:SourceVpce',
    family: 'string',
    multivalued: false,
    policyValues: ['vpce-11111', 'vpce-22222'],
    requestValue: () => pick(['vpce-11111', 'vpce-22222', 'vpce-99999']),
  },
  {
    key: 'aws:RequestedRegion',
    family: 'string',
    multivalued: false,
    policyValues: ['us-east-1', 'eu-west-1'],
    requestValue: () => pick(REGIONS),
  },
  {
    key: 'aws:PrincipalOrgID',
    family: 'string',
    multivalued: false,
    policyValues: ['o-a1b2c3d4e5'],
    requestValue: () => pick(['o-a1b2c3d4e5', 'o-zzzzzzzzzz']),
  },
  {
    key: 'aws:PrincipalTag/team',
    family: 'string',
    multivalued: false,
    policyValues: ['platform', 'security'],
    requestValue: () => pick(['platform', 'security', 'Platform', 'data']),
  },
  {
    key: 'aws:ResourceTag/env',
    family: 'string',
    multivalued: false,
    policyValues: ['prod', 'dev'],
    requestValue: () => pick(['prod', 'dev', 'Prod', '']),
  },
  {
    key: 'ec2:InstanceType',
    family: 'string',
    multivalued: false,
    policyValues: ['t2.micro', 't3.nano'],
    requestValue: () => pick(['t2.micro', 't3.nano', 'm5.large']),
  },
  {
    key: 'aws:userid',
    family: 'string',
    multivalued: false,
    policyValues: ['AIDAEXAMPLEID', 'AROAEXAMPLEID:*', ACCOUNTS[0]],
    requestValue: () => pick(['AIDAEXAMPLEID', 'AROAEXAMPLEID:alice', 'AROAOTHERID:bob', ACCOUNTS[0]]),
  },
  {
    key: 'aws:SourceArn',
    family: 'arn',
    multivalued: false,
    policyValues: [`arn:aws:s3:::app-bucket`, `arn:aws:sns:us-east-1:${ACCOUNTS[0]}:app-topic`],
    requestValue: () =>
      pick([`arn:aws:s3:::app-bucket`, `arn:aws:sns:us-east-1:${ACCOUNTS[0]}:app-topic`, 'arn:aws:s3:::other-bucket']),
  },
  {
    key: 'aws:TagKeys',
    family: 'string',
    multivalued: true,
    policyValues: TAG_KEYS,
    requestValue: () => fc.uniqueArray(pick(TAG_KEYS), { maxLength: 3 }),
  },
  {
    key: 'aws:CalledVia',
    family: 'string',
    multivalued: true,
    policyValues: ['cloudformation.amazonaws.com', 'athena.amazonaws.com'],
    requestValue: () =>
      fc.uniqueArray(pick(['cloudformation.amazonaws.com', 'athena.amazonaws.com', ...SERVICE_PRINCIPALS]), {
        maxLength: 2,
      }),
  },
] satisfies ContextKeySpec[]);

/**
 * One context value of any type: a string, number or boolean, or an array of them, including the empty array.
 *
 * @returns an arbitrary of context values
 *
 * @example
 * ```ts
 * import fc from 'fast-check';
 * import { arbContextValue } from 'iam-policy-evaluator/arbitraries';
 * const values = fc.sample(arbContextValue(), { numRuns: 50, seed: 2 });
 * values.some((v) => Array.isArray(v) && v.length === 0); //=> true
 * ```
 */
export function arbContextValue(): fc.Arbitrary<ContextValue> {
  const scalar: fc.Arbitrary<ContextScalar> = fc.oneof(fc.string({ maxLength: 12 }), fc.integer(), fc.boolean());
  return fc.oneof(scalar, fc.array(scalar, { maxLength: 3 }));
}

/**
 * Options for {@link arbContext}: which known keys to draw, extra keys with their own values, and keys that must
 * always be present.
 *
 * @example
 * ```ts
 * import fc from 'fast-check';
 * import { arbContext } from 'iam-policy-evaluator/arbitraries';
 * import type { ContextOptions } from 'iam-policy-evaluator/arbitraries';
 * const options: ContextOptions = {
 *   keys: ['aws:SourceIp'],
 *   extra: { 'aws:ResourceTag/owner': fc.constantFrom('alice', 'bob') },
 *   required: ['aws:ResourceTag/owner'],
 * };
 * fc.sample(arbContext(options), { numRuns: 10, seed: 1 }).every((context) => 'aws:ResourceTag/owner' in context); //=> true
 * ```
 */
export interface ContextOptions {
  /** Keys to draw from, by name; defaults to every key of {@link CONTEXT_KEYS}. */
  readonly keys?: readonly string[];
  /** Extra keys with their own value arbitraries. */
  readonly extra?: Readonly<Record<string, fc.Arbitrary<ContextValue>>>;
  /** Keys that are always present (every other key may be absent). */
  readonly required?: readonly string[];
}

/**
 * Request contexts: each known key is present with a value of its type or absent, multivalued keys
 * may be empty arrays (an empty set, not an absent key: C-4 table), and values shrink towards
 * absence, so a counterexample keeps only the keys it needs.
 *
 * @param options - keys to draw from and keys that must be present
 * @returns an arbitrary of context records
 *
 * @example
 * ```ts
 * import fc from 'fast-check';
 * import { arbContext } from 'iam-policy-evaluator/arbitraries';
 * const contexts = fc.sample(arbContext({ keys: ['aws:MultiFactorAuthPresent', 'aws:TagKeys'] }), { numRuns: 20, seed: 4 });
 * contexts.every((ctx) => Object.keys(ctx).every((key) => key === 'aws:MultiFactorAuthPresent' || key === 'aws:TagKeys')); //=> true
 * ```
 */
export function arbContext(options: ContextOptions = {}): fc.Arbitrary<Record<string, ContextValue>> {
  const specs = options.keys ? CONTEXT_KEYS.filter((s) => options.keys?.includes(s.key)) : CONTEXT_KEYS;
  const unknown = (options.keys ?? []).filter((k) => !CONTEXT_KEYS.some((s) => s.key === k));
  if (unknown.length > 0) throw new RangeError(`unknown context key \`${unknown.join('`, `')}\`: pass it in \`extra\``);
  const model: Record<string, fc.Arbitrary<ContextValue>> = Object.create(null) as Record<
    string,
    fc.Arbitrary<ContextValue>
  >;
  for (const spec of specs) model[spec.key] = spec.requestValue();
  for (const [key, arb] of Object.entries(options.extra ?? {})) model[key] = arb;
  const required = (options.required ?? []).filter((k) => k in model);
  // fc.record drops optional keys while shrinking, so counterexamples keep only the keys that matter.
  return fc.record(model, { requiredKeys: required }).map((ctx) => ({ ...ctx }));
}
