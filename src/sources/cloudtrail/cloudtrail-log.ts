/**
 * Many CloudTrail events at once (CT-11, CT-12): a log read event by event, each a request or the reasons it is not
 * one, and a replay that evaluates every denied call against the policies a callback supplies and compares the
 * engine's verdict with AWS's error message.
 */
import { compile } from '../../evaluator/compile.js';
import type { CompiledPolicySet } from '../../evaluator/compile.js';
import { RequestValidationError } from '../../errors/request-validation-error.js';
import { parseAccessDenied } from '../../explain/access-denied/parse-access-denied.js';
import { compareWithMessage } from '../../explain/explain-access-denied.js';
import type {
  Decision,
  EvaluateOptions,
  EvaluationResult,
  ServiceRuleRef,
  StatementRef,
} from '../../model/evaluation-result.js';
import type { PolicyType } from '../../model/policy-type.js';
import type { PolicySet } from '../../model/request.js';
import { asRecord, CloudTrailEventError, text } from './cloudtrail-error.js';
import type { CloudTrailIssue } from './cloudtrail-error.js';
import { requestFromCloudTrailEvent } from './cloudtrail-event.js';
import type { CloudTrailRequest } from './cloudtrail-event.js';
import type { UnknownKeyEffect } from './unknown-key-effects.js';

/**
 * The error codes by which AWS refuses a call for want of permission, as CloudTrail records them (CT-12): query and
 * REST services (`AccessDenied`), JSON services (`AccessDeniedException`), EC2 (`Client.UnauthorizedOperation`),
 * SNS (`AuthorizationError`), and a bare HTTP status.
 */
export const ACCESS_DENIED_ERROR_CODES: ReadonlySet<string> = new Set([
  'AccessDenied',
  'AccessDeniedException',
  'Client.UnauthorizedOperation',
  'UnauthorizedOperation',
  'Client.UnauthorizedAccess',
  'UnauthorizedAccess',
  'AuthorizationError',
  'AuthorizationErrorException',
  'Forbidden',
  '403',
]);

/**
 * One event of a log: read as a request, or the issues that kept it from being one. `pointer` locates the event in
 * the input (`/Records/3`).
 *
 * @example
 * ```ts
 * import { readCloudTrailRecords } from 'iam-policy-evaluator';
 * import type { CloudTrailRecord } from 'iam-policy-evaluator';
 * const { records } = readCloudTrailRecords({ Records: [{ eventName: 'GetObject' }] });
 * const first: CloudTrailRecord | undefined = records[0];
 * first?.ok ? first.value.request.action : first?.issues.map((i) => i.pointer); //=> ['/Records/0/userIdentity', '/Records/0/eventSource']
 * ```
 */
export type CloudTrailRecord =
  | { readonly ok: true; readonly index: number; readonly pointer: string; readonly value: CloudTrailRequest }
  | {
      readonly ok: false;
      readonly index: number;
      readonly pointer: string;
      readonly eventID?: string;
      readonly errorCode?: string;
      readonly issues: readonly CloudTrailIssue[];
    };

/**
 * Options of a replay.
 *
 * @example
 * ```ts
 * import type { ReplayCloudTrailOptions } from 'iam-policy-evaluator';
 * const options: ReplayCloudTrailOptions = { unknownKeys: true, maxEvaluations: 50, evaluate: { managementAccountId: '999999999999' } };
 * ```
 */
export interface ReplayCloudTrailOptions {
  /** Options of every evaluation. */
  readonly evaluate?: EvaluateOptions;
  /** Also work out, per denied event, which unknown keys could flip the outcome (CT-10; costs evaluations). */
  readonly unknownKeys?: boolean;
  /** Evaluations each event's unknown-key search may spend (default 200). */
  readonly maxEvaluations?: number;
}

/**
 * Whether the engine's verdict matches what AWS said: the same kind of deny (explicit or not) in the same policy
 * type; `unknown` when the error message names no reason (CT-13).
 *
 * @example
 * ```ts
 * import type { ReplayAgreement } from 'iam-policy-evaluator';
 * const agreement: ReplayAgreement = 'unknown';
 * ```
 */
export type ReplayAgreement = 'agree' | 'disagree' | 'unknown';

/**
 * One denied event, replayed: who asked for what, the engine's decision and the statement or policy type that made
 * it, and whether that agrees with AWS's error message (CT-13). `status` is `evaluated`, `unreadable` (the event
 * could not become a request: `issues`), `invalidRequest` (the engine refused the request: `issues`) or
 * `noPolicies` (the callback gave none).
 *
 * @example
 * ```ts
 * import { readCloudTrailRecords } from 'iam-policy-evaluator';
 * import type { ReplayedEvent } from 'iam-policy-evaluator';
 * const event = {
 *   eventVersion: '1.09', eventSource: 'iam.amazonaws.com', eventName: 'DeleteRole', awsRegion: 'us-east-1', recipientAccountId: '123456789012',
 *   userIdentity: { type: 'IAMUser', principalId: 'AIDAEXAMPLE', arn: 'arn:aws:iam::123456789012:user/alice', accountId: '123456789012' },
 *   requestParameters: { roleName: 'ci' }, errorCode: 'AccessDenied',
 *   errorMessage: 'User: arn:aws:iam::123456789012:user/alice is not authorized to perform: iam:DeleteRole on resource: arn:aws:iam::123456789012:role/ci because no identity-based policy allows the iam:DeleteRole action',
 * };
 * const replay = readCloudTrailRecords([event]).replay(() => ({ identity: [] }));
 * const first: ReplayedEvent | undefined = replay.events[0];
 * [first?.decision, first?.notAllowedBy, first?.agreement]; //=> ['ImplicitDeny', 'identity', 'agree']
 * ```
 */
export interface ReplayedEvent {
  readonly index: number;
  readonly pointer: string;
  readonly status: 'evaluated' | 'unreadable' | 'invalidRequest' | 'noPolicies';
  readonly eventID?: string;
  readonly eventTime?: string;
  readonly eventName?: string;
  readonly errorCode?: string;
  readonly principal?: string;
  readonly action?: string;
  readonly resource?: string;
  readonly decision?: Decision;
  /** The deciding Deny, for an `ExplicitDeny`. */
  readonly deniedBy?: StatementRef;
  /** The policy type whose missing Allow decided, for an `ImplicitDeny`. */
  readonly notAllowedBy?: PolicyType;
  readonly serviceRule?: ServiceRuleRef;
  readonly agreement?: ReplayAgreement;
  /** Where the engine differs from the message, in words. */
  readonly differences?: readonly string[];
  /** The issues of an unreadable event or a refused request. */
  readonly issues?: readonly { readonly code: string; readonly pointer: string; readonly message: string }[];
  readonly unknownKeyEffects?: readonly UnknownKeyEffect[];
}

/**
 * What a replay found: each denied event, and counts of every kind.
 *
 * @example
 * ```ts
 * import { readCloudTrailRecords } from 'iam-policy-evaluator';
 * import type { CloudTrailReplay } from 'iam-policy-evaluator';
 * const replay: CloudTrailReplay = readCloudTrailRecords({ Records: [] }).replay(() => undefined);
 * replay.counts.records; //=> 0
 * ```
 */
export interface CloudTrailReplay {
  readonly events: readonly ReplayedEvent[];
  readonly counts: {
    readonly records: number;
    /** Events without an access-denied error code: counted, not replayed. */
    readonly notDenied: number;
    readonly denied: number;
    readonly evaluated: number;
    readonly unreadable: number;
    readonly invalidRequest: number;
    readonly noPolicies: number;
    readonly agree: number;
    readonly disagree: number;
    readonly unknown: number;
  };
}

/**
 * The events of a log, read, and the replay of its denied calls.
 *
 * @example
 * ```ts
 * import { readCloudTrailRecords } from 'iam-policy-evaluator';
 * import type { CloudTrailRecords } from 'iam-policy-evaluator';
 * const log: CloudTrailRecords = readCloudTrailRecords('{"Records": []}');
 * log.records.length; //=> 0
 * ```
 */
export interface CloudTrailRecords {
  readonly records: readonly CloudTrailRecord[];
  /**
   * Evaluates every event whose error code is an access denial (CT-12) against the policies `resolvePolicies` gives
   * for it (`undefined`: none known), compiling each distinct policy set once, and compares each verdict with the
   * event's error message (CT-13).
   *
   * @throws PolicyValidationError when a policy set has errors
   */
  replay(
    resolvePolicies: (read: CloudTrailRequest) => PolicySet | undefined,
    options?: ReplayCloudTrailOptions,
  ): CloudTrailReplay;
}

function eventsOf(json: unknown): { events: readonly unknown[]; base: string | undefined } {
  let value = json;
  if (typeof json === 'string') {
    try {
      value = JSON.parse(json) as unknown;
    } catch {
      throw new CloudTrailEventError([
        { code: 'invalid_json', severity: 'error', pointer: '', message: 'the text is not JSON' },
      ]);
    }
  }
  if (Array.isArray(value)) return { events: value, base: '' };
  const record = asRecord(value);
  if (record === undefined) {
    throw new CloudTrailEventError([
      {
        code: 'not_a_cloudtrail_log',
        severity: 'error',
        pointer: '',
        message: 'expected one event, `{"Records": [...]}` or an array of events',
      },
    ]);
  }
  if (Object.hasOwn(record, 'Records')) {
    const records = record['Records'];
    if (!Array.isArray(records)) {
      throw new CloudTrailEventError([
        { code: 'not_a_cloudtrail_log', severity: 'error', pointer: '/Records', message: '`Records` is not an array' },
      ]);
    }
    return { events: records, base: '/Records' };
  }
  return { events: [record], base: undefined };
}

function readOne(event: unknown, index: number, pointer: string): CloudTrailRecord {
  try {
    return Object.freeze({ ok: true as const, index, pointer, value: requestFromCloudTrailEvent(event) });
  } catch (error) {
    if (!(error instanceof CloudTrailEventError)) throw error;
    const record = asRecord(event);
    const eventID = text(record, 'eventID');
    const errorCode = text(record, 'errorCode');
    return Object.freeze({
      ok: false as const,
      index,
      pointer,
      ...(eventID === undefined ? {} : { eventID }),
      ...(errorCode === undefined ? {} : { errorCode }),
      issues: Object.freeze(error.issues.map((issue) => Object.freeze({ ...issue, pointer: pointer + issue.pointer }))),
    });
  }
}

/** The engine's verdict beside AWS's message (CT-13): the comparison of explainAccessDenied, without its search. */
function agreementOf(
  read: CloudTrailRequest,
  policies: PolicySet,
  result: EvaluationResult,
): { agreement: ReplayAgreement; differences: readonly string[] } {
  const message = read.event.errorMessage;
  const parsed = message === undefined ? undefined : parseAccessDenied(message);
  const value = parsed?.ok === true ? parsed.value : undefined;
  if (value === undefined || value.policyType === undefined || value.explicit === undefined) {
    if (result.decision === 'Allow') {
      return {
        agreement: 'disagree',
        differences: [`AWS denied the call (\`${read.event.errorCode ?? ''}\`), but the engine allows it`],
      };
    }
    return { agreement: 'unknown', differences: [] };
  }
  const verdict = compareWithMessage(value, { request: read.request, policies }, result, { maxEvaluations: 0 });
  return { agreement: verdict.agrees ? 'agree' : 'disagree', differences: verdict.differences };
}

function replay(
  records: readonly CloudTrailRecord[],
  resolvePolicies: (read: CloudTrailRequest) => PolicySet | undefined,
  options: ReplayCloudTrailOptions = {},
): CloudTrailReplay {
  const compiled = new Map<PolicySet, CompiledPolicySet>();
  const events: ReplayedEvent[] = [];
  const counts = {
    records: records.length,
    notDenied: 0,
    denied: 0,
    evaluated: 0,
    unreadable: 0,
    invalidRequest: 0,
    noPolicies: 0,
    agree: 0,
    disagree: 0,
    unknown: 0,
  };
  for (const record of records) {
    const errorCode = record.ok ? record.value.event.errorCode : record.errorCode;
    if (errorCode === undefined || !ACCESS_DENIED_ERROR_CODES.has(errorCode)) {
      counts.notDenied += 1;
      continue;
    }
    counts.denied += 1;
    const where = { index: record.index, pointer: record.pointer, errorCode };
    if (!record.ok) {
      counts.unreadable += 1;
      events.push({
        ...where,
        status: 'unreadable',
        ...(record.eventID === undefined ? {} : { eventID: record.eventID }),
        issues: record.issues,
      });
      continue;
    }
    const read = record.value;
    const summary = {
      ...where,
      ...(read.event.eventID === undefined ? {} : { eventID: read.event.eventID }),
      ...(read.event.eventTime === undefined ? {} : { eventTime: read.event.eventTime }),
      eventName: read.event.eventName,
      principal: read.request.principal,
      action: read.request.action,
      resource: read.request.resource,
    };
    const policies = resolvePolicies(read);
    if (policies === undefined) {
      counts.noPolicies += 1;
      events.push({ ...summary, status: 'noPolicies' });
      continue;
    }
    let set = compiled.get(policies);
    if (set === undefined) {
      set = compile(policies);
      compiled.set(policies, set);
    }
    let result: EvaluationResult;
    try {
      result = set.evaluate(read.request, options.evaluate);
    } catch (error) {
      if (!(error instanceof RequestValidationError)) throw error;
      counts.invalidRequest += 1;
      const issues = error.issues.map(({ code, pointer, message }) => ({ code, pointer, message }));
      events.push({ ...summary, status: 'invalidRequest', issues });
      continue;
    }
    counts.evaluated += 1;
    const { agreement, differences } = agreementOf(read, policies, result);
    counts[agreement] += 1;
    const effects =
      options.unknownKeys === true
        ? read.unknownKeyEffects(policies, {
            ...options.evaluate,
            ...(options.maxEvaluations === undefined ? {} : { maxEvaluations: options.maxEvaluations }),
          })
        : undefined;
    events.push({
      ...summary,
      status: 'evaluated',
      decision: result.decision,
      ...(result.deniedBy === undefined ? {} : { deniedBy: result.deniedBy }),
      ...(result.notAllowedBy === undefined ? {} : { notAllowedBy: result.notAllowedBy }),
      ...(result.serviceRule === undefined ? {} : { serviceRule: result.serviceRule }),
      agreement,
      differences,
      ...(effects === undefined ? {} : { unknownKeyEffects: effects }),
    });
  }
  return { events, counts };
}

/**
 * Reads a CloudTrail log: one event, a log file's `{"Records": [...]}`, or an array of events, parsed or as JSON
 * text (CT-11). Each event becomes a request (as `requestFromCloudTrailEvent` reads it) or the issues that kept it
 * from being one; one unreadable event never stops the others. `replay` then evaluates the denied calls (CT-12,
 * CT-13). Pure: nothing is read from disk, the input is not changed.
 *
 * @param json - the log, parsed or as text
 * @returns every event, read, and `replay`
 * @throws CloudTrailEventError when the input is no JSON, or neither an event, a `Records` object nor an array
 *
 * @example
 * ```ts
 * import { readCloudTrailRecords } from 'iam-policy-evaluator';
 * const identity = { type: 'IAMUser', principalId: 'AIDAEXAMPLE', arn: 'arn:aws:iam::123456789012:user/alice', accountId: '123456789012' };
 * const base = { eventVersion: '1.11', eventSource: 'ec2.amazonaws.com', awsRegion: 'us-east-1', sourceIPAddress: '203.0.113.7', userIdentity: identity };
 * const log = {
 *   Records: [
 *     { ...base, eventName: 'DescribeInstances' },
 *     { ...base, eventName: 'RunInstances', errorCode: 'Client.UnauthorizedOperation', errorMessage: 'You are not authorized to perform this operation.' },
 *   ],
 * };
 * const deny = { id: 'NoRun', document: { Version: '2012-10-17', Statement: [{ Effect: 'Deny', Action: 'ec2:RunInstances', Resource: '*' }] } };
 * const replay = readCloudTrailRecords(log).replay(() => ({ identity: [deny] }));
 * [replay.counts.notDenied, replay.counts.evaluated]; //=> [1, 1]
 * [replay.events[0]?.decision, replay.events[0]?.deniedBy?.policyId, replay.events[0]?.agreement]; //=> ['ExplicitDeny', 'NoRun', 'unknown']
 * ```
 */
export function readCloudTrailRecords(json: unknown): CloudTrailRecords {
  const { events, base } = eventsOf(json);
  const records = Object.freeze(
    events.map((event, index) => readOne(event, index, base === undefined ? '' : `${base}/${index}`)),
  );
  return Object.freeze({
    records,
    replay: (
      resolvePolicies: (read: CloudTrailRequest) => PolicySet | undefined,
      options?: ReplayCloudTrailOptions,
    ): CloudTrailReplay => replay(records, resolvePolicies, options),
  });
}
