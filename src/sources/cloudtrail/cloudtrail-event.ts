/**
 * One CloudTrail event as the request AWS authorized (CT-1..CT-10, docs/aws-inputs.md#cloudtrail-events): who called
 * (CT-2, CT-3), which action (CT-4..CT-6), on what (CT-7), with which context keys the event shows (CT-8) and which
 * it cannot (CT-9).
 */
import type { EvaluateOptions } from '../../model/evaluation-result.js';
import type { ContextValue, PolicySet, RequestInput } from '../../model/request.js';
import { asRecord, IssueList, text } from './cloudtrail-error.js';
import { actionOfEvent } from './event-action-names.js';
import { contextOfEvent, NEVER_IN_EVENTS } from './event-context.js';
import type { EventContextKey } from './event-context.js';
import { principalOfEvent } from './event-principal.js';
import { resourceOfEvent } from './event-resource.js';
import { unknownKeyEffects } from './unknown-key-effects.js';
import type { UnknownKeyEffect } from './unknown-key-effects.js';

/**
 * The fields of an event that say which call it was and how AWS answered, for reports.
 *
 * @example
 * ```ts
 * import { requestFromCloudTrailEvent } from 'iam-policy-evaluator';
 * import type { CloudTrailEventSummary } from 'iam-policy-evaluator';
 * const read = requestFromCloudTrailEvent({
 *   eventVersion: '1.11', eventID: 'b5a5c1f0-0000-4000-8000-000000000001', eventTime: '2024-05-01T12:00:00Z',
 *   eventSource: 'iam.amazonaws.com', eventName: 'DeleteRole', awsRegion: 'us-east-1', recipientAccountId: '123456789012',
 *   userIdentity: { type: 'IAMUser', principalId: 'AIDAEXAMPLE', arn: 'arn:aws:iam::123456789012:user/alice', accountId: '123456789012' },
 *   requestParameters: { roleName: 'ci' }, errorCode: 'AccessDenied',
 * });
 * const summary: CloudTrailEventSummary = read.event;
 * [summary.eventName, summary.errorCode, read.request.resource]; //=> ['DeleteRole', 'AccessDenied', 'arn:aws:iam::123456789012:role/ci']
 * ```
 */
export interface CloudTrailEventSummary {
  readonly eventVersion?: string;
  readonly eventID?: string;
  readonly eventTime?: string;
  readonly eventSource: string;
  readonly eventName: string;
  /** `userIdentity.type` as written. */
  readonly identityType: string;
  readonly errorCode?: string;
  readonly errorMessage?: string;
}

/**
 * A CloudTrail event read as a request: the request, the context keys it shows (each with the field it came from),
 * the keys it cannot show (unknown, not absent: CT-9), what was assumed, and the event's own summary.
 *
 * @example
 * ```ts
 * import { evaluate, requestFromCloudTrailEvent } from 'iam-policy-evaluator';
 * import type { CloudTrailRequest } from 'iam-policy-evaluator';
 * const read: CloudTrailRequest = requestFromCloudTrailEvent({
 *   eventVersion: '1.09', eventTime: '2024-05-01T12:00:00Z', eventSource: 'lambda.amazonaws.com',
 *   eventName: 'ListFunctions20150331', awsRegion: 'eu-west-1', sourceIPAddress: '203.0.113.7',
 *   userIdentity: { type: 'IAMUser', principalId: 'AIDAEXAMPLE', arn: 'arn:aws:iam::123456789012:user/alice', accountId: '123456789012' },
 *   errorCode: 'AccessDeniedException',
 * });
 * read.request.action; //=> 'lambda:ListFunctions'
 * read.keys.find((k) => k.key === 'aws:SourceIp'); //=> { key: 'aws:SourceIp', value: '203.0.113.7', from: 'sourceIPAddress' }
 * read.unknownKeys.includes('aws:PrincipalTag/*'); //=> true
 * evaluate({ request: read.request, policies: {} }).decision; //=> 'ImplicitDeny'
 * ```
 */
export interface CloudTrailRequest {
  readonly request: RequestInput;
  /** The context keys taken from the event, in the order read; `request.context` holds the same. */
  readonly keys: readonly EventContextKey[];
  /** Keys the event cannot show; `…/*` and `prefix:*` stand for every key under them. */
  readonly unknownKeys: readonly string[];
  /** What was assumed or left out, in words. */
  readonly warnings: readonly string[];
  /** Further actions the call needs besides `request.action` (CT-6). */
  readonly alsoRequires: readonly string[];
  readonly event: CloudTrailEventSummary;
  /**
   * For each unknown key a condition of `policies` tests, the decisions values of it lead to (CT-10), at most
   * `maxEvaluations` evaluations in all (200 by default).
   */
  unknownKeyEffects(
    policies: PolicySet,
    options?: EvaluateOptions & { readonly maxEvaluations?: number },
  ): readonly UnknownKeyEffect[];
}

function optional<K extends string>(name: K, value: string | undefined): Readonly<Partial<Record<K, string>>> {
  return (value === undefined ? {} : { [name]: value }) as Readonly<Partial<Record<K, string>>>;
}

/**
 * Reads one CloudTrail event (a parsed JSON object, as in a log file's `Records` or the console's event view) as the
 * request AWS authorized. The caller comes from `userIdentity` (CT-2), the action from `eventSource` and `eventName`
 * through the tables of docs/aws-inputs.md (CT-4..CT-6), the resource from `resources` or the request parameters
 * (CT-7), the context from the event's fields (CT-8). What the event cannot show is listed, not assumed absent
 * (CT-9). Pure: the event is not changed and no clock is read.
 *
 * @param event - one CloudTrail event record
 * @returns the request, the keys read, the unknown keys, warnings and the event's summary
 * @throws CloudTrailEventError listing every problem, when the event cannot become a request (CT-3)
 *
 * @example
 * ```ts
 * import { requestFromCloudTrailEvent } from 'iam-policy-evaluator';
 * const read = requestFromCloudTrailEvent({
 *   eventVersion: '1.10', eventTime: '2024-05-01T12:00:00Z', eventSource: 's3.amazonaws.com', eventName: 'ListObjectsV2',
 *   awsRegion: 'us-east-1', sourceIPAddress: '198.51.100.20', recipientAccountId: '111122223333',
 *   tlsDetails: { tlsVersion: 'TLSv1.3', cipherSuite: 'TLS_AES_128_GCM_SHA256', clientProvidedHostHeader: 'reports.s3.us-east-1.amazonaws.com' },
 *   userIdentity: {
 *     type: 'AssumedRole', principalId: 'AROAEXAMPLE:ana', arn: 'arn:aws:sts::111122223333:assumed-role/Analyst/ana', accountId: '111122223333',
 *     sessionContext: {
 *       sessionIssuer: { type: 'Role', principalId: 'AROAEXAMPLE', arn: 'arn:aws:iam::111122223333:role/Analyst', accountId: '111122223333', userName: 'Analyst' },
 *       attributes: { creationDate: '2024-05-01T11:00:00Z', mfaAuthenticated: 'true' },
 *     },
 *   },
 *   requestParameters: { bucketName: 'reports', 'list-type': '2' },
 *   errorCode: 'AccessDenied', errorMessage: 'Access Denied',
 * });
 * [read.request.action, read.request.resource, read.request.resourceAccount]; //=> ['s3:ListBucket', 'arn:aws:s3:::reports', '111122223333']
 * read.request.context?.['aws:MultiFactorAuthPresent']; //=> true
 * read.request.context?.['aws:SecureTransport']; //=> true
 * ```
 */
export function requestFromCloudTrailEvent(event: unknown): CloudTrailRequest {
  const record = asRecord(event);
  const issues = new IssueList();
  if (record === undefined) {
    issues.error('not_an_object', '', 'a CloudTrail event is a JSON object');
    issues.throwIfAny();
  }
  const e = record as Readonly<Record<string, unknown>>;
  const caller = principalOfEvent(e, issues);
  const eventSource = text(e, 'eventSource');
  const eventName = text(e, 'eventName');
  if (eventSource === undefined) {
    issues.error(
      'missing_event_source',
      '/eventSource',
      'the event has no `eventSource`: the service it called is unknown',
    );
  }
  if (eventName === undefined) {
    issues.error(
      'missing_event_name',
      '/eventName',
      'the event has no `eventName`: the operation it called is unknown',
    );
  }
  const mapped =
    eventSource === undefined || eventName === undefined
      ? undefined
      : actionOfEvent(eventSource, eventName, e['requestParameters']);
  if (mapped === undefined && eventSource !== undefined && eventName !== undefined) {
    issues.error(
      'unknown_event_source',
      '/eventSource',
      `\`${eventSource}\` is no AWS endpoint name whose IAM prefix is known (\`<service>.amazonaws.com\`)`,
    );
  }
  const network = contextOfEvent(e, caller?.servicePrincipal ?? false, issues);
  issues.throwIfAny();
  // Every error above was thrown: these are set.
  const who = caller as NonNullable<typeof caller>;
  const what = mapped as NonNullable<typeof mapped>;
  const prefix = what.action.slice(0, what.action.indexOf(':'));
  const resource = resourceOfEvent(e, prefix, what.action, who.partition);
  const keys = Object.freeze([...who.keys, ...network.keys].map((k) => Object.freeze(k)));
  const context: Record<string, ContextValue> = Object.fromEntries(keys.map((k) => [k.key, k.value]));
  const unknownKeys = Object.freeze([
    ...new Set([...NEVER_IN_EVENTS, ...who.unknownKeys, ...network.unknownKeys, `${prefix}:*`]),
  ]);
  const request: RequestInput = Object.freeze({
    principal: who.principal,
    action: what.action,
    resource: resource.resource,
    ...(resource.resourceAccount === undefined ? {} : { resourceAccount: resource.resourceAccount }),
    context: Object.freeze(context),
  });
  const summary: CloudTrailEventSummary = Object.freeze({
    ...optional('eventVersion', text(e, 'eventVersion')),
    ...optional('eventID', text(e, 'eventID')),
    ...optional('eventTime', text(e, 'eventTime')),
    eventSource: eventSource as string,
    eventName: eventName as string,
    identityType: who.identityType,
    ...optional('errorCode', text(e, 'errorCode')),
    ...optional('errorMessage', text(e, 'errorMessage')),
  });
  return Object.freeze({
    request,
    keys,
    unknownKeys,
    warnings: Object.freeze([...who.warnings, ...what.warnings, ...resource.warnings, ...network.warnings]),
    alsoRequires: Object.freeze([...what.also]),
    event: summary,
    unknownKeyEffects: (policies: PolicySet, options?: EvaluateOptions & { readonly maxEvaluations?: number }) =>
      unknownKeyEffects({ request, policies }, unknownKeys, options),
  });
}
