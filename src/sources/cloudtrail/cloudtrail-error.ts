/**
 * Every stable code of a problem found reading a CloudTrail event, a CloudTrail log or a decoded authorization
 * message (docs/aws-inputs.md). Codes are never renamed; new ones are added at the end.
 */
export const CLOUDTRAIL_ISSUE_CODES = Object.freeze([
  'invalid_json',
  'not_an_object',
  'not_a_cloudtrail_log',
  'missing_user_identity',
  'unsupported_identity_type',
  'missing_identity_field',
  'missing_event_source',
  'unknown_event_source',
  'missing_event_name',
  'unknown_event_name_mapping',
  'invalid_event_field',
  'not_an_authorization_message',
  'missing_authorization_field',
  'invalid_authorization_field',
] as const);

/**
 * One stable code of a CloudTrail or authorization-message issue.
 *
 * @example
 * ```ts
 * import type { CloudTrailIssueCode } from 'iam-policy-evaluator';
 * const code: CloudTrailIssueCode = 'unsupported_identity_type';
 * ```
 */
export type CloudTrailIssueCode = (typeof CLOUDTRAIL_ISSUE_CODES)[number];

/**
 * One problem of an event or message: its stable code, where it is (an RFC 6901 JSON Pointer into the event as
 * given, such as `/userIdentity/type`), and what is wrong. An `error` stops the event from becoming a request.
 *
 * @example
 * ```ts
 * import type { CloudTrailIssue } from 'iam-policy-evaluator';
 * const issue: CloudTrailIssue = {
 *   code: 'missing_event_source',
 *   severity: 'error',
 *   pointer: '/eventSource',
 *   message: 'the event has no `eventSource`: the service it called is unknown',
 * };
 * ```
 */
export interface CloudTrailIssue {
  readonly code: CloudTrailIssueCode;
  readonly severity: 'error' | 'warning';
  /** Lowercase, no trailing period, the event's text in backticks. */
  readonly message: string;
  /** RFC 6901 JSON Pointer into the event or message as given. */
  readonly pointer: string;
}

function summarise(issues: readonly CloudTrailIssue[]): string {
  const first = issues[0];
  if (first === undefined) return 'the event cannot be read';
  const count = issues.length === 1 ? '1 problem' : `${issues.length} problems`;
  return `the event has ${count}, the first at ${first.pointer === '' ? '/' : first.pointer}: ${first.message}`;
}

/**
 * Thrown by `requestFromCloudTrailEvent` and `requestFromAuthorizationMessage` when the input cannot become a
 * request: it is not an object, a field the request needs is missing, or the caller is of a kind the engine cannot
 * evaluate (`IdentityCenterUser`, `Unknown`). `.issues` lists every problem, each with its stable code and JSON
 * Pointer; `code` is `cloudtrail_event_error` for callers that match on codes, as `RequestValidationError` has its
 * own. `readCloudTrailRecords` never throws it for one event: it reports the issues of that event instead.
 *
 * @example
 * ```ts
 * import { requestFromCloudTrailEvent } from 'iam-policy-evaluator';
 * import type { CloudTrailEventError } from 'iam-policy-evaluator';
 * let caught: CloudTrailEventError | undefined;
 * try {
 *   requestFromCloudTrailEvent({ eventName: 'GetObject', userIdentity: { type: 'IdentityCenterUser' } });
 * } catch (error) {
 *   caught = error as CloudTrailEventError;
 * }
 * caught?.code; //=> 'cloudtrail_event_error'
 * caught?.issues.map((issue) => issue.code); //=> ['unsupported_identity_type', 'missing_event_source']
 * ```
 */
export class CloudTrailEventError extends Error {
  /** Stable code of this error class. */
  readonly code = 'cloudtrail_event_error' as const;
  /** Every problem found, in the order found; at least one. */
  readonly issues: readonly [CloudTrailIssue, ...CloudTrailIssue[]];

  constructor(issues: readonly [CloudTrailIssue, ...CloudTrailIssue[]]) {
    super(summarise(issues));
    this.name = 'CloudTrailEventError';
    this.issues = Object.freeze([...issues]) as readonly CloudTrailIssue[] as readonly [
      CloudTrailIssue,
      ...CloudTrailIssue[],
    ];
  }
}

/** Collects the issues of one input, and throws them together. */
export class IssueList {
  readonly issues: CloudTrailIssue[] = [];

  error(code: CloudTrailIssueCode, pointer: string, message: string): void {
    this.issues.push({ code, severity: 'error', pointer, message });
  }

  /** Throws every issue collected so far, when there is one. */
  throwIfAny(): void {
    const [first, ...rest] = this.issues;
    if (first !== undefined) throw new CloudTrailEventError([first, ...rest]);
  }
}

/** A JSON value read as a plain object (never an array), or undefined. */
export function asRecord(value: unknown): Readonly<Record<string, unknown>> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Readonly<Record<string, unknown>>)
    : undefined;
}

/** An own field of a record, safe for any name (`__proto__`, `constructor`). */
export function field(record: Readonly<Record<string, unknown>> | undefined, name: string): unknown {
  return record !== undefined && Object.hasOwn(record, name) ? record[name] : undefined;
}

/** An own field that is a non-empty string, or undefined. */
export function text(record: Readonly<Record<string, unknown>> | undefined, name: string): string | undefined {
  const value = field(record, name);
  return typeof value === 'string' && value !== '' ? value : undefined;
}
