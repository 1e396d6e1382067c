// Resource-based policies by ARN (AS-10..AS-12): each entry is the JSON an AWS CLI command prints for the policy, or
// the bare document; lookups fall back from an S3 object to its bucket and from a Lambda version or alias to the
// function.
import { splitArn } from '../../matching/arn.js';
import type { PolicySource } from '../../model/request.js';
import type { IssueList } from './snapshot-issues.js';
import { readPolicyDocument } from './policy-document.js';
import { appendPointer } from '../../model/json-pointer.js';
import { describe, isObject, own, ownEntries } from './read-json.js';

/** A stored entry: a policy, or `null` (the resource has none, said on purpose). */
export type StoredPolicy = { readonly source: PolicySource; readonly pointer: string } | null;

export type ResourcePolicyIndex = ReadonlyMap<string, StoredPolicy>;

/**
 * Services whose resources normally carry a resource-based policy (every KMS key has a key policy, every SNS topic a
 * topic policy; buckets, queues, functions, secrets and repositories often do): a request on one with no policy in
 * the snapshot gets a `resource_policy_not_found` warning (AS-12).
 */
const SERVICES_WITH_RESOURCE_POLICIES: ReadonlySet<string> = new Set([
  's3',
  'kms',
  'sqs',
  'sns',
  'lambda',
  'secretsmanager',
  'ecr',
  'glacier',
  'events',
  'backup',
  'es',
]);

/** Reads `resourcePolicies`; problems go to `issues`. */
export function readResourcePolicies(value: unknown, issues: IssueList): ResourcePolicyIndex {
  const at = '/resourcePolicies';
  const index = new Map<string, StoredPolicy>();
  if (!isObject(value)) {
    issues.error(
      'invalid_resource_policy',
      at,
      `\`resourcePolicies\` must be an object by ARN, not ${describe(value)}`,
    );
    return index;
  }
  for (const [arn, entry] of ownEntries(value)) {
    const entryAt = appendPointer(at, arn);
    if (splitArn(arn) === undefined || !arn.startsWith('arn:')) {
      issues.error(
        'invalid_resource_policy',
        entryAt,
        `\`${arn}\` is not an ARN: key resource policies by the resource's ARN`,
      );
      continue;
    }
    const found = unwrap(entry, entryAt, issues);
    if (found === undefined) continue;
    if (found === null) {
      index.set(arn, null);
      continue;
    }
    const document = readPolicyDocument(found.value, found.pointer, issues);
    if (document !== undefined) index.set(arn, { source: Object.freeze({ id: arn, document }), pointer: entryAt });
  }
  return index;
}

/**
 * AS-10: the document inside one of the CLI's wrappers: `{"Policy": …}` (s3api get-bucket-policy, kms
 * get-key-policy, lambda get-policy), `{"Attributes": {"Policy": …}}` (sqs get-queue-attributes, sns
 * get-topic-attributes), `{"ResourcePolicy": …}` (secretsmanager get-resource-policy), `{"policyText": …}` (ecr
 * get-repository-policy), or the document itself (an object with `Statement`, or JSON text). `null`, or an
 * `Attributes` without `Policy`, says the resource has no policy.
 */
function unwrap(
  entry: unknown,
  at: string,
  issues: IssueList,
): { readonly value: unknown; readonly pointer: string } | null | undefined {
  if (entry === null) return null;
  if (typeof entry === 'string') return { value: entry, pointer: at };
  if (!isObject(entry)) {
    issues.error(
      'invalid_resource_policy',
      at,
      `a resource policy must be an object or JSON text, not ${describe(entry)}`,
    );
    return undefined;
  }
  if (own(entry, 'Statement') !== undefined) return { value: entry, pointer: at };
  for (const key of ['Policy', 'ResourcePolicy', 'policyText']) {
    const value = own(entry, key);
    if (value !== undefined) return { value, pointer: appendPointer(at, key) };
  }
  const attributes = own(entry, 'Attributes');
  if (isObject(attributes)) {
    const policy = own(attributes, 'Policy');
    return policy === undefined
      ? null
      : { value: policy, pointer: appendPointer(appendPointer(at, 'Attributes'), 'Policy') };
  }
  issues.error(
    'invalid_resource_policy',
    at,
    'expected a policy document or the output of a CLI command that prints one (`Policy`, `Attributes.Policy`, `ResourcePolicy`, `policyText`)',
  );
  return undefined;
}

/** The ARNs a resource's policy may be stored under, most specific first (AS-11). */
export function policyArnsFor(resource: string): string[] {
  const parts = splitArn(resource);
  if (parts === undefined) return [resource];
  const [, partition, service, region, account, rest] = parts;
  const candidates = [resource];
  if (service === 's3' && region === '' && account === '') {
    // An object's access is governed by its bucket's policy.
    const slash = rest.indexOf('/');
    if (slash > 0) candidates.push(`arn:${partition}:s3:::${rest.slice(0, slash)}`);
  }
  if (service === 'lambda' && rest.startsWith('function:')) {
    // `function:name:qualifier`: a version or alias falls back to the function's policy.
    const qualifier = rest.indexOf(':', 'function:'.length);
    if (qualifier > 0) candidates.push(`arn:${partition}:lambda:${region}:${account}:${rest.slice(0, qualifier)}`);
  }
  return candidates;
}

/** Whether resources of this ARN's service normally have a resource-based policy (AS-12). */
export function normallyHasPolicy(resource: string): boolean {
  const service = splitArn(resource)?.[2];
  return service !== undefined && SERVICES_WITH_RESOURCE_POLICIES.has(service);
}
