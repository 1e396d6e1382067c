/**
 * The output of `aws sts decode-authorization-message` as a request (CT-14, CT-15): the principal, action and
 * resource AWS authorized, the context values it records, and its verdict.
 * Source: https://docs.aws.amazon.com/STS/latest/APIReference/API_DecodeAuthorizationMessage.html and the CLI example
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/sts_example_sts_DecodeAuthorizationMessage_section.html
 */
import type { ContextValue, RequestInput } from '../../model/request.js';
import { asRecord, CloudTrailEventError, field, IssueList, text } from './cloudtrail-error.js';

/**
 * A decoded authorization message read as a request, with AWS's own verdict to compare the engine's with.
 *
 * @example
 * ```ts
 * import { requestFromAuthorizationMessage } from 'iam-policy-evaluator';
 * import type { AuthorizationMessageRequest } from 'iam-policy-evaluator';
 * const read: AuthorizationMessageRequest = requestFromAuthorizationMessage({
 *   allowed: false, explicitDeny: false, matchedStatements: { items: [] }, failures: { items: [] },
 *   context: { principal: { id: 'AIDAEXAMPLE', arn: 'arn:aws:iam::123456789012:user/alice' }, action: 'ec2:StopInstances', resource: 'arn:aws:ec2:us-east-1:123456789012:instance/i-0abc', conditions: { items: [] } },
 * });
 * [read.allowed, read.explicitDeny, read.request.action]; //=> [false, false, 'ec2:StopInstances']
 * ```
 */
export interface AuthorizationMessageRequest {
  readonly request: RequestInput;
  /** AWS's verdict: whether the request was allowed. */
  readonly allowed: boolean;
  /** Whether a Deny statement matched (else the request lacked an Allow). */
  readonly explicitDeny: boolean;
  /** The Sids (`statementId`) and effects of the statements AWS says matched. */
  readonly matchedStatements: readonly { readonly statementId?: string; readonly effect?: string }[];
  /** The principal's unique id (`AROA…:session`), when given. */
  readonly principalId?: string;
  readonly warnings: readonly string[];
}

/** `{"items": [...]}` as its list; anything else as an empty one. */
function items(value: unknown): readonly unknown[] {
  const list = field(asRecord(value), 'items');
  return Array.isArray(list) ? list : [];
}

/** AWS writes booleans as JSON booleans, and in the SDK's documented example as `"true"`/`"false"`. */
function flag(value: unknown): boolean | undefined {
  if (typeof value === 'boolean') return value;
  if (value === 'true' || value === 'false') return value === 'true';
  return undefined;
}

function parseJson(textValue: string, pointer: string): unknown {
  try {
    return JSON.parse(textValue) as unknown;
  } catch {
    throw new CloudTrailEventError([
      { code: 'invalid_json', severity: 'error', pointer, message: 'the decoded message is not JSON' },
    ]);
  }
}

/** The message object, from the CLI's wrapper, the inner JSON text, or the object itself. */
function messageOf(decoded: unknown): { message: Readonly<Record<string, unknown>> | undefined; base: string } {
  const value = typeof decoded === 'string' ? parseJson(decoded, '') : decoded;
  const record = asRecord(value);
  const inner = field(record, 'DecodedMessage');
  if (typeof inner === 'string') return { message: asRecord(parseJson(inner, '/DecodedMessage')), base: '' };
  return { message: record, base: '' };
}

/**
 * Reads the output of `aws sts decode-authorization-message` (the CLI's `{"DecodedMessage": "<json>"}`, that inner
 * JSON text, or the parsed object) as the request AWS authorized: `context.principal.arn`, `context.action`,
 * `context.resource`, and each of `context.conditions.items` as a context key, as written, its values a list when
 * there are several (CT-14). AWS's verdict (`allowed`, `explicitDeny`) comes back beside it so it can be compared
 * with the engine's (CT-15). Pure.
 *
 * @param decoded - the decoded message, in any of the three forms
 * @returns the request, AWS's verdict, the statements it matched, and warnings
 * @throws CloudTrailEventError listing every problem, when the message cannot become a request
 *
 * @example
 * ```ts
 * import { evaluate, requestFromAuthorizationMessage } from 'iam-policy-evaluator';
 * const inner = {
 *   allowed: false, explicitDeny: true,
 *   matchedStatements: { items: [{ statementId: 'DenyOutsideEu', effect: 'DENY' }] }, failures: { items: [] },
 *   context: {
 *     principal: { id: 'AROAEXAMPLE:ana', arn: 'arn:aws:sts::111122223333:assumed-role/Developer/ana' },
 *     action: 'ec2:RunInstances', resource: 'arn:aws:ec2:us-east-1:111122223333:instance/*',
 *     conditions: { items: [
 *       { key: 'ec2:Region', values: { items: [{ value: 'us-east-1' }] } },
 *       { key: 'aws:RequestedRegion', values: { items: [{ value: 'us-east-1' }] } },
 *     ] },
 *   },
 * };
 * const read = requestFromAuthorizationMessage({ DecodedMessage: JSON.stringify(inner) });
 * read.request.context; //=> { 'ec2:Region': 'us-east-1', 'aws:RequestedRegion': 'us-east-1' }
 * const deny = { id: 'eu-only', document: { Version: '2012-10-17', Statement: [{ Sid: 'DenyOutsideEu', Effect: 'Deny', Action: '*', Resource: '*', Condition: { StringNotLike: { 'aws:RequestedRegion': 'eu-*' } } }] } };
 * const result = evaluate({ request: read.request, policies: { identity: [deny] } });
 * [result.decision === 'ExplicitDeny', read.explicitDeny]; //=> [true, true]
 * ```
 */
export function requestFromAuthorizationMessage(decoded: unknown): AuthorizationMessageRequest {
  const { message, base } = messageOf(decoded);
  const issues = new IssueList();
  if (message === undefined) {
    issues.error(
      'not_an_authorization_message',
      base,
      'expected the output of `aws sts decode-authorization-message`: `{"DecodedMessage": "..."}`, its JSON text, or the parsed object',
    );
    issues.throwIfAny();
  }
  const m = message as Readonly<Record<string, unknown>>;
  const pointer = (path: string): string => `${base}${path}`;
  const warnings: string[] = [];
  const allowed = flag(field(m, 'allowed'));
  const explicitDeny = flag(field(m, 'explicitDeny'));
  if (allowed === undefined)
    issues.error('missing_authorization_field', pointer('/allowed'), 'the message has no `allowed` verdict');
  if (explicitDeny === undefined) {
    issues.error('missing_authorization_field', pointer('/explicitDeny'), 'the message has no `explicitDeny` verdict');
  }
  const context = asRecord(field(m, 'context'));
  if (context === undefined) {
    issues.error(
      'missing_authorization_field',
      pointer('/context'),
      'the message has no `context`: the request is unknown',
    );
    issues.throwIfAny();
  }
  const c = context as Readonly<Record<string, unknown>>;
  const principal = asRecord(field(c, 'principal'));
  const arn = text(principal, 'arn');
  if (arn === undefined) {
    issues.error(
      'missing_authorization_field',
      pointer('/context/principal/arn'),
      'the message names no principal ARN',
    );
  }
  let action = text(c, 'action');
  const resource = text(c, 'resource');
  if (action === undefined) {
    issues.error('missing_authorization_field', pointer('/context/action'), 'the message names no action');
  } else if (!action.includes(':')) {
    // Some examples write the operation alone; the resource ARN's service is then its prefix.
    const service = resource?.startsWith('arn:') === true ? resource.split(':')[2] : undefined;
    if (service === undefined || service === '') {
      issues.error('invalid_authorization_field', pointer('/context/action'), `\`${action}\` has no service prefix`);
    } else {
      warnings.push(`the action \`${action}\` has no prefix: read as \`${service}:${action}\` from the resource ARN`);
      action = `${service}:${action}`;
    }
  }
  if (resource === undefined) {
    warnings.push('the message names no resource: evaluated on `*`');
  }
  const values: [string, ContextValue][] = [];
  items(field(c, 'conditions')).forEach((entry, i) => {
    const item = asRecord(entry);
    const key = text(item, 'key');
    if (key === undefined) {
      issues.error(
        'invalid_authorization_field',
        pointer(`/context/conditions/items/${i}/key`),
        'a condition item has no `key`',
      );
      return;
    }
    const list = items(field(item, 'values')).flatMap((v) => {
      const value = field(asRecord(v), 'value');
      return typeof value === 'string' ? [value] : [];
    });
    if (list.length === 0) return;
    values.push([key, list.length === 1 ? (list[0] as string) : list]);
  });
  issues.throwIfAny();
  const matchedStatements = items(field(m, 'matchedStatements')).map((entry) => {
    const statement = asRecord(entry);
    const statementId = text(statement, 'statementId');
    const effect = text(statement, 'effect');
    return Object.freeze({
      ...(statementId === undefined ? {} : { statementId }),
      ...(effect === undefined ? {} : { effect }),
    });
  });
  const principalId = text(principal, 'id');
  const request: RequestInput = Object.freeze({
    principal: arn as string,
    action: action as string,
    resource: resource ?? '*',
    // fromEntries defines own keys, `__proto__` included.
    context: Object.freeze(Object.fromEntries(values)),
  });
  return Object.freeze({
    request,
    allowed: allowed as boolean,
    explicitDeny: explicitDeny as boolean,
    matchedStatements: Object.freeze(matchedStatements),
    ...(principalId === undefined ? {} : { principalId }),
    warnings: Object.freeze(warnings),
  });
}
