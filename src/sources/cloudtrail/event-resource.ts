/**
 * The resource of a CloudTrail event (CT-7): the `resources[]` entry that belongs to the action's service, else the
 * ARN the request parameters spell out, else `*` with a warning.
 */
import { splitArn } from '../../matching/arn.js';
import { asRecord, field, text } from './cloudtrail-error.js';

/** The resource read from an event, and the account that owns it when its ARN names none. */
export interface EventResource {
  readonly resource: string;
  readonly resourceAccount?: string;
  /** `resources` or the request parameter the ARN was built from, or `none`. */
  readonly from: string;
  readonly warnings: readonly string[];
}

interface Where {
  readonly partition: string;
  readonly region: string | undefined;
  readonly account: string | undefined;
}

/** S3 actions that act on an object, so that the object ARN, not the bucket's, is the resource. */
function isS3ObjectAction(action: string): boolean {
  const name = action.slice('s3:'.length);
  return name.includes('Object') || name === 'AbortMultipartUpload' || name === 'ListMultipartUploadParts';
}

function serviceOf(arn: string): string | undefined {
  const parts = splitArn(arn);
  return parts !== undefined && parts[0] === 'arn' ? parts[2] : undefined;
}

/** An SQS queue URL (`https://sqs.<region>.amazonaws.com/<account>/<name>`) as its queue ARN. */
export function queueArnOfUrl(url: string, where: Where): string | undefined {
  const scheme = url.indexOf('://');
  const path = (scheme < 0 ? url : url.slice(scheme + 3)).split('/');
  const [host = '', account, name] = path;
  if (account === undefined || name === undefined || path.length !== 3 || account.length !== 12 || name === '') {
    return undefined;
  }
  const labels = host.split('.');
  // sqs.<region>.amazonaws.com, or the legacy <region>.queue.amazonaws.com.
  const region = labels[0] === 'sqs' ? labels[1] : labels[1] === 'queue' ? labels[0] : where.region;
  return region === undefined || region === '' ? undefined : `arn:${where.partition}:sqs:${region}:${account}:${name}`;
}

/** The ARN a service's request parameters name, for the services whose parameters show one (CT-7). */
function fromParameters(
  prefix: string,
  action: string,
  parameters: Readonly<Record<string, unknown>> | undefined,
  where: Where,
): { arn: string; from: string; built?: boolean } | undefined {
  const p = (name: string): string | undefined => text(parameters, name);
  const { partition, region, account } = where;
  const named = (name: string, build: (value: string) => string | undefined) => {
    const value = p(name);
    if (value === undefined) return undefined;
    if (value.startsWith('arn:')) return { arn: value, from: `requestParameters.${name}` };
    const arn = build(value);
    return arn === undefined ? undefined : { arn, from: `requestParameters.${name}`, built: true };
  };
  const regional = (service: string, resource: string): string | undefined =>
    region === undefined || account === undefined
      ? undefined
      : `arn:${partition}:${service}:${region}:${account}:${resource}`;
  switch (prefix) {
    case 's3': {
      const bucket = p('bucketName');
      if (bucket === undefined) return undefined;
      const key = p('key');
      if (isS3ObjectAction(action) && key !== undefined) {
        return { arn: `arn:${partition}:s3:::${bucket}/${key}`, from: 'requestParameters.bucketName, key' };
      }
      return { arn: `arn:${partition}:s3:::${bucket}`, from: 'requestParameters.bucketName' };
    }
    case 'kms':
      return named('keyId', () => undefined);
    case 'lambda':
      return named('functionName', (name) => regional('lambda', `function:${name}`));
    case 'sqs': {
      const url = p('queueUrl');
      const arn = url === undefined ? undefined : queueArnOfUrl(url, where);
      return arn === undefined ? undefined : { arn, from: 'requestParameters.queueUrl' };
    }
    case 'sns':
      return named('topicArn', () => undefined);
    case 'dynamodb':
      return named('tableName', (name) => regional('dynamodb', `table/${name}`));
    case 'secretsmanager':
      return named('secretId', () => undefined);
    case 'sts':
      return named('roleArn', () => undefined);
    case 'iam': {
      const global = (type: string) => (name: string) =>
        account === undefined ? undefined : `arn:${partition}:iam::${account}:${type}/${name}`;
      return (
        named('roleName', global('role')) ??
        named('userName', global('user')) ??
        named('groupName', global('group')) ??
        named('policyArn', () => undefined)
      );
    }
    default:
      return undefined;
  }
}

/** The resource of an event for `action` (of service `prefix`). */
export function resourceOfEvent(
  event: Readonly<Record<string, unknown>>,
  prefix: string,
  action: string,
  partition: string,
): EventResource {
  const warnings: string[] = [];
  const recipient = text(event, 'recipientAccountId');
  const listed = field(event, 'resources');
  const entries = (Array.isArray(listed) ? listed : [])
    .map((entry) => asRecord(entry))
    .flatMap((entry) => {
      const arn = text(entry, 'ARN');
      return arn === undefined || serviceOf(arn) !== prefix
        ? []
        : [{ arn, account: text(entry, 'accountId'), type: text(entry, 'type') }];
    });
  const bucketAccount = entries.find((e) => e.type === 'AWS::S3::Bucket')?.account;
  const accountFor = (arn: string, own: string | undefined): string | undefined => {
    const parts = splitArn(arn);
    if (parts !== undefined && parts[4] !== '') return undefined;
    return own ?? bucketAccount ?? recipient;
  };
  if (entries.length > 0) {
    // S3 lists the object and its bucket: the action says which one it acts on.
    const wanted = prefix === 's3' ? (isS3ObjectAction(action) ? 'AWS::S3::Object' : 'AWS::S3::Bucket') : undefined;
    const chosen = entries.find((e) => e.type === wanted) ?? entries[0];
    if (chosen !== undefined) {
      const others = entries.filter((e) => e !== chosen && e.type === chosen.type);
      if (others.length > 0) {
        warnings.push(
          `the event lists ${others.length + 1} resources of this service: evaluated on \`${chosen.arn}\`, not on ${others.map((e) => `\`${e.arn}\``).join(', ')}`,
        );
      }
      const resourceAccount = accountFor(chosen.arn, chosen.account);
      return {
        resource: chosen.arn,
        ...(resourceAccount === undefined ? {} : { resourceAccount }),
        from: 'resources',
        warnings,
      };
    }
  }
  const where: Where = { partition, region: text(event, 'awsRegion'), account: recipient };
  const parameters = asRecord(field(event, 'requestParameters'));
  const built = fromParameters(prefix, action, parameters, where);
  if (built !== undefined) {
    if (prefix === 'iam' && built.built === true) {
      warnings.push(
        `the event gives the name, not the path: evaluated on \`${built.arn}\`, which lacks the path if there is one`,
      );
    }
    const resourceAccount = accountFor(built.arn, undefined);
    return {
      resource: built.arn,
      ...(resourceAccount === undefined ? {} : { resourceAccount }),
      from: built.from,
      warnings,
    };
  }
  warnings.push('the event does not name the resource: evaluated on `*`');
  return { resource: '*', from: 'none', warnings };
}
