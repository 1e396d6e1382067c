/**
 * From a CloudTrail `eventSource` and `eventName` to the IAM action AWS authorized (CT-4, CT-5; docs/aws-inputs.md
 * has both tables). CloudTrail records the API operation; IAM authorizes an action that usually, not always, has the
 * operation's name and the endpoint's prefix.
 */

/** Where the Service Authorization Reference lists each service's prefix and actions. */
const SAR =
  'https://docs.aws.amazon.com/service-authorization/latest/reference/reference_policies_actions-resources-contextkeys.html';
const S3_PERMISSIONS = 'https://docs.aws.amazon.com/AmazonS3/latest/userguide/using-with-s3-policy-actions.html';
const LAMBDA_PERMISSIONS = 'https://docs.aws.amazon.com/lambda/latest/dg/lambda-api-permissions-ref.html';
const LAMBDA_CLOUDTRAIL = 'https://docs.aws.amazon.com/lambda/latest/dg/logging-using-cloudtrail.html';
const SQS_PERMISSIONS =
  'https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-api-permissions-reference.html';
const SNS_PERMISSIONS =
  'https://docs.aws.amazon.com/sns/latest/dg/sns-access-policy-language-api-permissions-reference.html';
const DYNAMODB_PERMISSIONS =
  'https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/api-permissions-reference.html';

/** One row of the event-source table: the endpoint's name in CloudTrail and the IAM prefix of its actions. */
export interface EventSourceRow {
  readonly eventSource: string;
  readonly prefix: string;
  readonly source: string;
}

/** One row of the event-name table: the operation CloudTrail names and the IAM action(s) it is authorized by. */
export interface EventNameRow {
  /** `prefix:EventName` as CloudTrail writes the name (after CT-5's Lambda suffix is removed). */
  readonly event: string;
  /** The action the engine evaluates. */
  readonly action: string;
  /** Further actions the call needs, named in warnings (the engine evaluates one action per request). */
  readonly also: readonly string[];
  readonly note?: string;
  readonly source: string;
}

/** Event sources whose IAM prefix is not the name before `.amazonaws.com` (CT-4). */
export const EVENT_SOURCE_ROWS: readonly EventSourceRow[] = Object.freeze([
  { eventSource: 'monitoring.amazonaws.com', prefix: 'cloudwatch', source: SAR },
  { eventSource: 'email.amazonaws.com', prefix: 'ses', source: SAR },
  { eventSource: 'tagging.amazonaws.com', prefix: 'tag', source: SAR },
  { eventSource: 'runtime.sagemaker.amazonaws.com', prefix: 'sagemaker', source: SAR },
  { eventSource: 'streams.dynamodb.amazonaws.com', prefix: 'dynamodb', source: DYNAMODB_PERMISSIONS },
  { eventSource: 'runtime.lex.amazonaws.com', prefix: 'lex', source: SAR },
  { eventSource: 'models.lex.amazonaws.com', prefix: 'lex', source: SAR },
  { eventSource: 'cloudcontrolapi.amazonaws.com', prefix: 'cloudformation', source: SAR },
]);

const row = (event: string, action: string, source: string, also: readonly string[] = [], note?: string) =>
  note === undefined ? { event, action, also, source } : { event, action, also, note, source };

/** Operations authorized by an action of another name, or by several actions (CT-6). */
export const EVENT_NAME_ROWS: readonly EventNameRow[] = Object.freeze([
  row('s3:ListObjects', 's3:ListBucket', S3_PERMISSIONS),
  row('s3:ListObjectsV2', 's3:ListBucket', S3_PERMISSIONS),
  row('s3:ListObjectVersions', 's3:ListBucketVersions', S3_PERMISSIONS),
  row('s3:HeadBucket', 's3:ListBucket', S3_PERMISSIONS),
  row('s3:HeadObject', 's3:GetObject', S3_PERMISSIONS),
  row('s3:SelectObjectContent', 's3:GetObject', S3_PERMISSIONS),
  row('s3:ListBuckets', 's3:ListAllMyBuckets', S3_PERMISSIONS),
  row('s3:CreateMultipartUpload', 's3:PutObject', S3_PERMISSIONS),
  row('s3:UploadPart', 's3:PutObject', S3_PERMISSIONS),
  row('s3:CompleteMultipartUpload', 's3:PutObject', S3_PERMISSIONS),
  row('s3:UploadPartCopy', 's3:PutObject', S3_PERMISSIONS, ['s3:GetObject'], 's3:GetObject on the source object'),
  row('s3:CopyObject', 's3:PutObject', S3_PERMISSIONS, ['s3:GetObject'], 's3:GetObject on the source object'),
  row('s3:DeleteObjects', 's3:DeleteObject', S3_PERMISSIONS),
  row('s3:ListMultipartUploads', 's3:ListBucketMultipartUploads', S3_PERMISSIONS),
  row('s3:ListParts', 's3:ListMultipartUploadParts', S3_PERMISSIONS),
  row('s3:PutBucketLifecycle', 's3:PutLifecycleConfiguration', S3_PERMISSIONS),
  row('s3:PutBucketLifecycleConfiguration', 's3:PutLifecycleConfiguration', S3_PERMISSIONS),
  row('s3:GetBucketLifecycleConfiguration', 's3:GetLifecycleConfiguration', S3_PERMISSIONS),
  row('s3:PutBucketEncryption', 's3:PutEncryptionConfiguration', S3_PERMISSIONS),
  row('s3:GetBucketEncryption', 's3:GetEncryptionConfiguration', S3_PERMISSIONS),
  row('s3:PutBucketReplication', 's3:PutReplicationConfiguration', S3_PERMISSIONS),
  row('s3:GetBucketReplication', 's3:GetReplicationConfiguration', S3_PERMISSIONS),
  row('s3:PutBucketCors', 's3:PutBucketCORS', S3_PERMISSIONS),
  row('s3:GetBucketCors', 's3:GetBucketCORS', S3_PERMISSIONS),
  row('s3:PutBucketNotificationConfiguration', 's3:PutBucketNotification', S3_PERMISSIONS),
  row('s3:GetBucketNotificationConfiguration', 's3:GetBucketNotification', S3_PERMISSIONS),
  row('lambda:Invoke', 'lambda:InvokeFunction', LAMBDA_CLOUDTRAIL),
  row(
    'lambda:CreateFunction',
    'lambda:CreateFunction',
    LAMBDA_PERMISSIONS,
    ['iam:PassRole'],
    'iam:PassRole on the execution role',
  ),
  row('sqs:SendMessageBatch', 'sqs:SendMessage', SQS_PERMISSIONS),
  row('sqs:DeleteMessageBatch', 'sqs:DeleteMessage', SQS_PERMISSIONS),
  row('sqs:ChangeMessageVisibilityBatch', 'sqs:ChangeMessageVisibility', SQS_PERMISSIONS),
  row('sns:PublishBatch', 'sns:Publish', SNS_PERMISSIONS),
  row('dynamodb:TransactGetItems', 'dynamodb:GetItem', DYNAMODB_PERMISSIONS),
  row(
    'dynamodb:TransactWriteItems',
    'dynamodb:PutItem',
    DYNAMODB_PERMISSIONS,
    ['dynamodb:UpdateItem', 'dynamodb:DeleteItem', 'dynamodb:ConditionCheckItem'],
    'each item of the transaction is authorized by its own action; the first item decides the primary one',
  ),
]);

const SOURCES: ReadonlyMap<string, EventSourceRow> = new Map(EVENT_SOURCE_ROWS.map((r) => [r.eventSource, r]));
const NAMES: ReadonlyMap<string, EventNameRow> = new Map(EVENT_NAME_ROWS.map((r) => [r.event.toLowerCase(), r]));

/** The item kinds of a DynamoDB transaction and the actions that authorize them. */
const TRANSACT_ITEM_ACTIONS: ReadonlyMap<string, string> = new Map([
  ['Put', 'dynamodb:PutItem'],
  ['Update', 'dynamodb:UpdateItem'],
  ['Delete', 'dynamodb:DeleteItem'],
  ['ConditionCheck', 'dynamodb:ConditionCheckItem'],
]);

const SUFFIX = '.amazonaws.com';

/** The IAM prefix of an event source (CT-4), or undefined when the source is not an AWS endpoint name. */
export function prefixOfEventSource(eventSource: string): string | undefined {
  const known = SOURCES.get(eventSource);
  if (known !== undefined) return known.prefix;
  if (!eventSource.endsWith(SUFFIX)) return undefined;
  const name = eventSource.slice(0, -SUFFIX.length);
  // A dotted name that no row maps is a sub-endpoint whose prefix is not known.
  if (name === '' || name.includes('.') || name.includes('/') || name.includes(':')) return undefined;
  return name;
}

function isDigit(code: number): boolean {
  return code >= 0x30 && code <= 0x39;
}

/**
 * Lambda's operation name without its API-version suffix (CT-5): `ListFunctions20150331` → `ListFunctions`,
 * `GetFunction20150331v2` → `GetFunction`. The suffix is `20` and six digits, optionally `v` and digits, read from
 * the end; a name without it is returned as it is.
 */
export function stripLambdaVersion(name: string): string {
  let end = name.length;
  let i = end;
  while (i > 0 && isDigit(name.charCodeAt(i - 1))) i -= 1;
  if (i < end && i > 0 && name.charAt(i - 1) === 'v') end = i - 1;
  const start = end - 8;
  if (start <= 0) return name;
  for (let j = start; j < end; j += 1) if (!isDigit(name.charCodeAt(j))) return name;
  if (name.charAt(start) !== '2' || name.charAt(start + 1) !== '0') return name;
  // `v…` must follow the date for the version part to count.
  if (end !== name.length && name.charAt(end) !== 'v') return name;
  return name.slice(0, start);
}

/** What an event's action was read as. */
export interface EventAction {
  readonly action: string;
  readonly also: readonly string[];
  readonly warnings: readonly string[];
  /** The table row that mapped it, absent when the name was taken as it is. */
  readonly row?: EventNameRow;
}

/** The first item kind of a DynamoDB transaction as CloudTrail records it, when the event shows it. */
function firstTransactItem(requestParameters: unknown): string | undefined {
  if (typeof requestParameters !== 'object' || requestParameters === null) return undefined;
  const items = Object.hasOwn(requestParameters, 'transactItems')
    ? (requestParameters as Record<string, unknown>)['transactItems']
    : undefined;
  const first: unknown = Array.isArray(items) ? items[0] : undefined;
  if (typeof first !== 'object' || first === null) return undefined;
  for (const key of Object.keys(first)) {
    const action = TRANSACT_ITEM_ACTIONS.get(key.charAt(0).toUpperCase() + key.slice(1));
    if (action !== undefined) return action;
  }
  return undefined;
}

/**
 * The action an event names (CT-4 to CT-6): the prefix of its source, its operation name with Lambda's suffix
 * removed, through the table of operations authorized otherwise. Undefined when the source has no known prefix.
 */
export function actionOfEvent(
  eventSource: string,
  eventName: string,
  requestParameters?: unknown,
): EventAction | undefined {
  const prefix = prefixOfEventSource(eventSource);
  if (prefix === undefined) return undefined;
  const name = prefix === 'lambda' ? stripLambdaVersion(eventName) : eventName;
  const found = NAMES.get(`${prefix}:${name}`.toLowerCase());
  if (found === undefined) return { action: `${prefix}:${name}`, also: [], warnings: [] };
  let action = found.action;
  const warnings: string[] = [];
  if (found.event === 'dynamodb:TransactWriteItems') {
    const first = firstTransactItem(requestParameters);
    if (first !== undefined) action = first;
    else warnings.push('the event does not show the transaction items: evaluated as `dynamodb:PutItem`');
  }
  const also = [found.action, ...found.also].filter((a) => a !== action);
  if (also.length > 0) {
    const because = found.note === undefined ? '' : ` (${found.note})`;
    warnings.push(
      `\`${prefix}:${name}\` is also authorized by ${also.map((a) => `\`${a}\``).join(', ')}${because}: only \`${action}\` is evaluated`,
    );
  }
  return { action, also, warnings, row: found };
}
