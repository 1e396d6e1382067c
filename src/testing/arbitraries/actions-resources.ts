import fc from 'fast-check';
import { ACCOUNTS, NAMES, OBJECT_KEYS, REGIONS, RESOURCE_KINDS, type ResourceKind } from './catalog.js';

/**
 * Options for the action and resource arbitraries: the services and accounts to draw from, to keep a property on the
 * part of AWS it is about.
 *
 * @example
 * ```ts
 * import fc from 'fast-check';
 * import { arbResource } from 'iam-policy-evaluator/arbitraries';
 * import type { ServiceOptions } from 'iam-policy-evaluator/arbitraries';
 * const options: ServiceOptions = { services: ['kms'], accounts: ['999988887777'] };
 * fc.sample(arbResource(options), { numRuns: 10, seed: 1 }).every((arn) => arn === '*' || arn.includes(':999988887777:')); //=> true
 * ```
 */
export interface ServiceOptions {
  /** Service prefixes to draw from (`s3`, `ec2`, `iam`, `kms`, `sqs`, `dynamodb`, `lambda`, `sns`, `secretsmanager`, `sts`); defaults to all. */
  readonly services?: readonly string[];
  /** Accounts that own the resources; defaults to the arbitraries' accounts. */
  readonly accounts?: readonly string[];
}

/**
 * An action together with a resource it acts on, and the owning account when the ARN does not carry one: the parts of a
 * request that must agree with each other.
 *
 * @example
 * ```ts
 * import fc from 'fast-check';
 * import { arbActionResource } from 'iam-policy-evaluator/arbitraries';
 * import type { ActionResource } from 'iam-policy-evaluator/arbitraries';
 * const pairs: ActionResource[] = fc.sample(arbActionResource({ services: ['s3'] }), { numRuns: 10, seed: 1 });
 * pairs.every((p) => p.resource === '*' || p.resourceAccount !== undefined); //=> true
 * ```
 */
export interface ActionResource {
  readonly action: string;
  readonly resource: string;
  readonly resourceAccount?: string;
}

const pick = <T>(values: readonly T[]): fc.Arbitrary<T> => fc.constantFrom(...values);

function kindsFor(options: ServiceOptions): readonly ResourceKind[] {
  const kinds = options.services ? RESOURCE_KINDS.filter((k) => options.services?.includes(k.service)) : RESOURCE_KINDS;
  if (kinds.length === 0) throw new RangeError(`no known service among \`${(options.services ?? []).join(', ')}\``);
  return kinds;
}

/** Builds a concrete ARN of one resource kind. */
function resourceArn(kind: ResourceKind, accounts: readonly string[]): fc.Arbitrary<ActionResource['resource']> {
  const account = pick(accounts);
  const region = pick(REGIONS);
  const name = pick(NAMES);
  switch (kind.kind) {
    case 'object':
      return fc.tuple(name, pick(OBJECT_KEYS)).map(([b, key]) => `arn:aws:s3:::${b.toLowerCase()}-bucket/${key}`);
    case 'bucket':
      return name.map((b) => `arn:aws:s3:::${b.toLowerCase()}-bucket`);
    case 'instance':
      return fc
        .tuple(region, account, pick(['i-0abc1234', 'i-0123456789abcdef0']))
        .map(([r, a, id]) => `arn:aws:ec2:${r}:${a}:instance/${id}`);
    case 'volume':
      return fc
        .tuple(region, account, pick(['vol-0abc1234', 'vol-049df61146c4d7901']))
        .map(([r, a, id]) => `arn:aws:ec2:${r}:${a}:volume/${id}`);
    case 'role':
      return fc.tuple(account, name).map(([a, n]) => `arn:aws:iam::${a}:role/${n}`);
    case 'user':
      return fc.tuple(account, name).map(([a, n]) => `arn:aws:iam::${a}:user/${n}`);
    case 'key':
      return fc
        .tuple(region, account, pick(['1234abcd-12ab-34cd-56ef-1234567890ab', '0987dcba-09fe-87dc-65ba-ab0987654321']))
        .map(([r, a, id]) => `arn:aws:kms:${r}:${a}:key/${id}`);
    case 'queue':
      return fc.tuple(region, account, name).map(([r, a, n]) => `arn:aws:sqs:${r}:${a}:${n}-queue`);
    case 'table':
      return fc.tuple(region, account, name).map(([r, a, n]) => `arn:aws:dynamodb:${r}:${a}:table/${n}`);
    case 'function':
      return fc.tuple(region, account, name).map(([r, a, n]) => `arn:aws:lambda:${r}:${a}:function:${n}`);
    case 'topic':
      return fc.tuple(region, account, name).map(([r, a, n]) => `arn:aws:sns:${r}:${a}:${n}-topic`);
    case 'secret':
      return fc.tuple(region, account, name).map(([r, a, n]) => `arn:aws:secretsmanager:${r}:${a}:secret:${n}-AbCdEf`);
    default:
      return fc.constant('*');
  }
}

/**
 * One resource of every kind at once, and a pick among them: unlike `chain`, this shrinks both the
 * pick (towards the first kind) and each resource (towards its simplest form).
 */
function byKind<T>(
  kinds: readonly ResourceKind[],
  accounts: readonly string[],
  select: fc.Arbitrary<T>,
  build: (picked: T, resources: readonly string[]) => ActionResource | string,
): fc.Arbitrary<ActionResource | string> {
  return fc
    .tuple(select, fc.tuple(...kinds.map((k) => resourceArn(k, accounts))))
    .map(([picked, resources]) => build(picked, resources));
}

/** Every (kind index, action) pair, in catalogue order. */
function pairs(kinds: readonly ResourceKind[]): [number, string][] {
  return kinds.flatMap((k, i) => k.actions.map((a): [number, string] => [i, a]));
}

/**
 * Actions of real services, as `service:Action` (IAM-SEMANTICS G-22).
 *
 * @param options - services to draw from
 * @returns an arbitrary of action names
 *
 * @example
 * ```ts
 * import fc from 'fast-check';
 * import { arbAction } from 'iam-policy-evaluator/arbitraries';
 * const actions = fc.sample(arbAction({ services: ['iam'] }), { numRuns: 20, seed: 1 });
 * actions.every((action) => action.startsWith('iam:')); //=> true
 * ```
 */
export function arbAction(options: ServiceOptions = {}): fc.Arbitrary<string> {
  return pick(kindsFor(options).flatMap((kind) => kind.actions.map((a) => `${kind.service}:${a}`)));
}

/**
 * Resource ARNs in the shape each service uses: S3 buckets and objects, EC2 instances and volumes,
 * IAM roles and users, KMS keys, SQS queues, DynamoDB tables, Lambda functions, SNS topics, secrets,
 * and `*` for actions without resource-level permissions.
 *
 * @param options - services and accounts to draw from
 * @returns an arbitrary of resource strings
 *
 * @example
 * ```ts
 * import fc from 'fast-check';
 * import { arbResource } from 'iam-policy-evaluator/arbitraries';
 * const resources = fc.sample(arbResource({ services: ['s3'] }), { numRuns: 20, seed: 1 });
 * resources.every((arn) => arn === '*' || arn.startsWith('arn:aws:s3:::')); //=> true
 * ```
 */
export function arbResource(options: ServiceOptions = {}): fc.Arbitrary<string> {
  const kinds = kindsFor(options);
  const indexes = kinds.map((_, i) => i);
  return byKind(
    kinds,
    options.accounts ?? ACCOUNTS,
    pick(indexes),
    (i, resources) => resources[i] ?? '*',
  ) as fc.Arbitrary<string>;
}

/**
 * An action together with a resource of a kind that action takes (`s3:GetObject` on an object ARN,
 * `ec2:RunInstances` on an instance ARN, `iam:ListRoles` on `*`). For S3 ARNs, which carry no account,
 * `resourceAccount` names the owner. Shrinks towards the first service's first action.
 *
 * @param options - services and accounts to draw from
 * @returns an arbitrary of {@link ActionResource}
 *
 * @example
 * ```ts
 * import fc from 'fast-check';
 * import { arbActionResource } from 'iam-policy-evaluator/arbitraries';
 * const [pair] = fc.sample(arbActionResource({ services: ['kms'] }), { numRuns: 1, seed: 7 });
 * pair?.action.startsWith('kms:'); //=> true
 * pair?.resource.startsWith('arn:aws:kms:'); //=> true
 * ```
 */
export function arbActionResource(options: ServiceOptions = {}): fc.Arbitrary<ActionResource> {
  const accounts = options.accounts ?? ACCOUNTS;
  const kinds = kindsFor(options);
  return fc
    .tuple(
      byKind(kinds, accounts, pick(pairs(kinds)), ([i, action], resources) => {
        const kind = kinds[i] as ResourceKind;
        return { action: `${kind.service}:${action}`, resource: resources[i] ?? '*' };
      }) as fc.Arbitrary<ActionResource>,
      pick(accounts),
    )
    .map(([pair, owner]): ActionResource =>
      pair.action.startsWith('s3:') && pair.resource !== '*' ? { ...pair, resourceAccount: owner } : pair,
    );
}

/**
 * Action patterns as policies write them: exact names, `service:*`, prefix wildcards such as
 * `s3:Get*`, `?` wildcards, odd capitalisation (actions are case-insensitive, G-22) and `*`.
 *
 * @param options - services to draw from
 * @returns an arbitrary of action patterns
 *
 * @example
 * ```ts
 * import fc from 'fast-check';
 * import { arbActionPattern } from 'iam-policy-evaluator/arbitraries';
 * const patterns = fc.sample(arbActionPattern({ services: ['ec2'] }), { numRuns: 20, seed: 3 });
 * patterns.every((pattern) => pattern === '*' || pattern.toLowerCase().startsWith('ec2:')); //=> true
 * ```
 */
export function arbActionPattern(options: ServiceOptions = {}): fc.Arbitrary<string> {
  const kinds = kindsFor(options);
  return fc.tuple(pick(pairs(kinds)), fc.nat({ max: 5 })).map(([[i, action], form]) => {
    const service = (kinds[i] as ResourceKind).service;
    const forms = [
      `${service}:${action}`,
      `${service}:*`,
      `${service}:${action.slice(0, 3)}*`,
      `${service}:${action.slice(0, -1)}?`,
      `${service.toUpperCase()}:${action.toLowerCase()}`,
      '*',
    ];
    return forms[form] ?? forms[0] ?? '*';
  });
}

/**
 * Resource patterns as policies write them: exact ARNs, ARNs with `*` or `?` in the resource part
 * or in the region and account components, and `*`.
 *
 * @param options - services and accounts to draw from
 * @returns an arbitrary of resource patterns
 *
 * @example
 * ```ts
 * import fc from 'fast-check';
 * import { arbResourcePattern } from 'iam-policy-evaluator/arbitraries';
 * const patterns = fc.sample(arbResourcePattern({ services: ['s3'] }), { numRuns: 20, seed: 1 });
 * patterns.every((pattern) => pattern === '*' || pattern.startsWith('arn:aws:s3:::')); //=> true
 * ```
 */
export function arbResourcePattern(options: ServiceOptions = {}): fc.Arbitrary<string> {
  return fc.tuple(arbResource(options), fc.nat({ max: 4 })).map(([arn, form]) => {
    if (arn === '*') return '*';
    const parts = arn.split(':');
    const head = parts.slice(0, 3).join(':');
    const resourcePart = parts.slice(5).join(':');
    const slash = resourcePart.indexOf('/');
    const prefix = slash >= 0 ? resourcePart.slice(0, slash + 1) : resourcePart.slice(0, 1);
    const forms = [
      arn,
      `${head}:${parts[3] ?? ''}:${parts[4] ?? ''}:${prefix}*`,
      `${head}:${parts[3] === '' ? '' : '*'}:${parts[4] === '' ? '' : '*'}:${resourcePart}`,
      `${arn.slice(0, -1)}?`,
      '*',
    ];
    return forms[form] ?? arn;
  });
}
