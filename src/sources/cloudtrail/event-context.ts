/**
 * The context keys a CloudTrail event shows (CT-8) and those it cannot show (CT-9), each key the event shows marked
 * with the field it was read from. Keys the engine derives from the principal or the resource itself
 * (src/request/derive-context.ts: aws:PrincipalArn without path, aws:PrincipalAccount, aws:PrincipalType,
 * aws:username, aws:PrincipalIsAWSService, aws:PrincipalServiceName, aws:ResourceAccount) are not repeated here.
 */
import { parseIpAddress } from '../../conditions/operators/ip-address.js';
import { epochMillisToIso, instantToEpochMillis } from '../../request/instant.js';
import type { ContextScalar, ContextValue } from '../../model/request.js';
import { asRecord, text } from './cloudtrail-error.js';
import type { IssueList } from './cloudtrail-error.js';

/**
 * One context key read from an event: its value and the event field it came from (`sourceIPAddress`,
 * `userIdentity.sessionContext.attributes.mfaAuthenticated`, …).
 *
 * @example
 * ```ts
 * import type { EventContextKey } from 'iam-policy-evaluator';
 * const key: EventContextKey = { key: 'aws:SourceIp', value: '203.0.113.7', from: 'sourceIPAddress' };
 * ```
 */
export interface EventContextKey {
  readonly key: string;
  readonly value: ContextValue;
  readonly from: string;
}

/**
 * The services that add themselves to `aws:CalledVia` when they call on the principal's behalf, as the global
 * condition keys page lists them (CT-8): any other service sets `aws:ViaAWSService` only.
 */
export const CALLED_VIA_SERVICES: ReadonlySet<string> = new Set([
  'athena.amazonaws.com',
  'cloudformation.amazonaws.com',
  'dynamodb.amazonaws.com',
  'kms.amazonaws.com',
]);

/** Keys no CloudTrail event carries, whatever the caller (CT-9). `…/*` stands for every tag key. */
export const NEVER_IN_EVENTS: readonly string[] = Object.freeze([
  'aws:ResourceTag/*',
  'aws:RequestTag/*',
  'aws:TagKeys',
  'aws:ResourceOrgID',
  'aws:ResourceOrgPaths',
  'aws:referer',
]);

function isIp(value: string): boolean {
  return parseIpAddress(value).ok;
}

/** What the network, time and call-chain fields of an event add to the context. */
export interface EventNetworkContext {
  readonly keys: readonly EventContextKey[];
  readonly unknownKeys: readonly string[];
  readonly warnings: readonly string[];
}

/** The keys of the event's own fields; `servicePrincipal` when a service called with its own principal. */
export function contextOfEvent(
  event: Readonly<Record<string, unknown>>,
  servicePrincipal: boolean,
  issues: IssueList,
): EventNetworkContext {
  const keys: EventContextKey[] = [];
  const unknownKeys: string[] = [];
  const warnings: string[] = [];
  const add = (key: string, value: ContextScalar | readonly ContextScalar[], from: string): void => {
    keys.push({ key, value, from });
  };

  const sourceIp = text(event, 'sourceIPAddress');
  const vpce = text(event, 'vpcEndpointId');
  if (vpce !== undefined) {
    // Through an endpoint aws:SourceIp is absent and the VPC keys are present (V-8).
    add('aws:SourceVpce', vpce, 'vpcEndpointId');
    const owner = text(event, 'vpcEndpointAccountId');
    if (owner !== undefined) add('aws:VpceAccount', owner, 'vpcEndpointAccountId');
    else unknownKeys.push('aws:VpceAccount');
    if (sourceIp !== undefined && isIp(sourceIp)) add('aws:VpcSourceIp', sourceIp, 'sourceIPAddress');
    else unknownKeys.push('aws:VpcSourceIp');
    unknownKeys.push('aws:SourceVpc', 'aws:SourceVpcArn', 'aws:VpceOrgID', 'aws:VpceOrgPaths');
  } else if (sourceIp !== undefined && isIp(sourceIp)) {
    add('aws:SourceIp', sourceIp, 'sourceIPAddress');
  } else {
    // A service name or `AWS Internal`: the call came from AWS, whose address the event does not give.
    unknownKeys.push('aws:SourceIp');
  }

  const region = text(event, 'awsRegion');
  if (region !== undefined) add('aws:RequestedRegion', region, 'awsRegion');
  else unknownKeys.push('aws:RequestedRegion');

  const eventTime = text(event, 'eventTime');
  if (eventTime === undefined) {
    unknownKeys.push('aws:CurrentTime', 'aws:EpochTime');
  } else {
    let millis: number | undefined;
    try {
      millis = instantToEpochMillis(eventTime);
    } catch {
      issues.error('invalid_event_field', '/eventTime', `\`${eventTime}\` is not an ISO 8601 time`);
    }
    if (millis !== undefined) {
      add('aws:CurrentTime', epochMillisToIso(millis), 'eventTime');
      add('aws:EpochTime', Math.floor(millis / 1000), 'eventTime');
    }
  }

  if (asRecord(event['tlsDetails']) !== undefined) add('aws:SecureTransport', true, 'tlsDetails');
  else unknownKeys.push('aws:SecureTransport');

  const userAgent = text(event, 'userAgent');
  if (userAgent !== undefined) add('aws:UserAgent', userAgent, 'userAgent');

  const identity = asRecord(event['userIdentity']);
  const invokedBy = text(identity, 'invokedBy');
  if (servicePrincipal) {
    add('aws:ViaAWSService', false, 'userIdentity.type');
  } else if (invokedBy !== undefined && invokedBy.endsWith('.amazonaws.com')) {
    add('aws:ViaAWSService', true, 'userIdentity.invokedBy');
    if (CALLED_VIA_SERVICES.has(invokedBy)) {
      // CloudTrail names the last service of the chain only: the first may be another one.
      add('aws:CalledVia', [invokedBy], 'userIdentity.invokedBy');
      add('aws:CalledViaLast', invokedBy, 'userIdentity.invokedBy');
      unknownKeys.push('aws:CalledViaFirst');
      warnings.push(`\`aws:CalledVia\` holds only \`${invokedBy}\`: the event names the last service of the chain`);
    }
  } else if (invokedBy !== undefined) {
    unknownKeys.push('aws:ViaAWSService', 'aws:CalledVia', 'aws:CalledViaFirst', 'aws:CalledViaLast');
  } else {
    add('aws:ViaAWSService', false, 'userIdentity');
  }
  return { keys, unknownKeys, warnings };
}
