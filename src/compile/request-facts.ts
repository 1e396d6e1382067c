import { createRequestContext } from '../conditions/request-context.js';
import { deriveContext } from '../evaluator/derive-context.js';
import { instantToEpochMillis } from '../evaluator/instant.js';
import type { PrincipalFacts } from '../evaluator/match-principal.js';
import { parseCaller } from '../evaluator/principal.js';
import type { Caller } from '../evaluator/principal.js';
import { DEFAULT_RCP_SUPPORTED_SERVICES } from '../evaluator/request-environment.js';
import type { EvaluateOptions } from '../model/evaluation-result.js';
import type { RequestContextView, RequestInput } from '../model/request.js';

/**
 * One request as the fast path reads it: the same facts as the reference's `buildRequestEnvironment`
 * (src/evaluator/request-environment.ts), worked out only when a statement or rule asks for them. The context view,
 * the derived keys and the principal facts are built on first use, and the resource ARN is split once.
 */

const NO_OPTIONS: EvaluateOptions = Object.freeze({});
const DEFAULT_RCP_SERVICES: ReadonlySet<string> = new Set(DEFAULT_RCP_SUPPORTED_SERVICES);

/** Positions of the first five colons of an ARN, or `undefined` when it has fewer (not an ARN, W-3). */
function colonPositions(value: string): readonly number[] | undefined {
  const positions: number[] = [];
  let from = 0;
  for (let i = 0; i < 5; i += 1) {
    const colon = value.indexOf(':', from);
    if (colon < 0) return undefined;
    positions.push(colon);
    from = colon + 1;
  }
  return positions;
}

function isAccountId(text: string): boolean {
  if (text.length !== 12) return false;
  for (let i = 0; i < 12; i += 1) {
    const c = text.charCodeAt(i);
    if (c < 0x30 || c > 0x39) return false;
  }
  return true;
}

/** The per-request facts; one instance per `check` or `evaluate` call, never shared. */
export class RequestFacts {
  readonly request: RequestInput;
  readonly options: EvaluateOptions;
  readonly caller: Caller;
  /** The action, lower-cased (G-22). */
  readonly action: string;
  /** Its service prefix, lower-cased. */
  readonly service: string;
  readonly resource: string;
  /** The six ARN components of the resource, or `undefined` when it is not an ARN. */
  readonly arn: readonly string[] | undefined;
  /** The account the request names for its resource (`resourceAccount`, or the ARN's), before EV-1. */
  readonly givenAccount: string | undefined;
  /** The resource's account: given, or (EV-1) the caller's. */
  readonly resourceAccount: string | undefined;
  readonly sameAccount: boolean;
  readonly permissionsBoundaryGiven: boolean;
  #context: RequestContextView | undefined = undefined;
  #principalFacts: PrincipalFacts | undefined = undefined;

  /**
   * @throws TypeError for a principal the engine cannot read, or an unreadable `now` option, as the reference does.
   */
  constructor(request: RequestInput, options: EvaluateOptions | undefined, permissionsBoundaryGiven: boolean) {
    this.request = request;
    this.options = options ?? NO_OPTIONS;
    this.caller = parseCaller(request.principal);
    // The reference reads `now` for every request (derive-context.ts): an unreadable one throws even when no
    // condition would read the time keys.
    if (this.options.now !== undefined) instantToEpochMillis(this.options.now);
    const action = request.action.toLowerCase();
    const colon = action.indexOf(':');
    this.action = action;
    this.service = colon < 0 ? action : action.slice(0, colon);
    const resource = request.resource;
    this.resource = resource;
    const colons = colonPositions(resource);
    if (colons === undefined) {
      this.arn = undefined;
    } else {
      const [c1, c2, c3, c4, c5] = colons as [number, number, number, number, number];
      this.arn = [
        resource.slice(0, c1),
        resource.slice(c1 + 1, c2),
        resource.slice(c2 + 1, c3),
        resource.slice(c3 + 1, c4),
        resource.slice(c4 + 1, c5),
        resource.slice(c5 + 1),
      ];
    }
    const arnAccount = this.arn?.[4];
    this.givenAccount =
      request.resourceAccount !== undefined && request.resourceAccount !== ''
        ? request.resourceAccount
        : arnAccount !== undefined && isAccountId(arnAccount)
          ? arnAccount
          : undefined;
    const caller = this.caller;
    this.resourceAccount = this.givenAccount ?? (caller.hasIdentitySide ? caller.accountId : undefined);
    this.sameAccount =
      caller.hasIdentitySide && this.resourceAccount !== undefined && this.resourceAccount === caller.accountId;
    this.permissionsBoundaryGiven = permissionsBoundaryGiven;
  }

  /** Whether the resource is an IAM role ARN (`arn:p:iam::A:role/...`). */
  get resourceIsRole(): boolean {
    const arn = this.arn;
    return arn !== undefined && arn[0] === 'arn' && arn[2] === 'iam' && (arn[5] as string).startsWith('role/');
  }

  /** Whether the resource is a KMS key ARN (`arn:p:kms:R:A:key/...`). */
  get resourceIsKmsKey(): boolean {
    const arn = this.arn;
    return arn !== undefined && arn[0] === 'arn' && arn[2] === 'kms' && (arn[5] as string).startsWith('key/');
  }

  /** The request context with the derived keys, exactly as the reference builds it, on first use. */
  get context(): RequestContextView {
    if (this.#context === undefined) {
      const derived = deriveContext(this.caller, this.givenAccount, this.request.context, this.options);
      const record = Object.create(null) as Record<string, string | number | boolean>;
      for (const entry of derived) record[entry.key] = entry.value;
      this.#context = createRequestContext(this.request.context, record);
    }
    return this.#context;
  }

  /** What `Principal`/`NotPrincipal` matching reads, on first use. */
  get principalFacts(): PrincipalFacts {
    if (this.#principalFacts === undefined) {
      const caller = this.caller;
      const entry = this.context.get('aws:userid');
      const suppliedUserId =
        entry !== undefined && entry.origin === 'supplied' && entry.values[0] !== undefined
          ? String(entry.values[0])
          : undefined;
      const issuer = this.options.federatedUserIssuerArn;
      this.#principalFacts = {
        caller,
        ...(suppliedUserId === undefined ? {} : { suppliedUserId }),
        ...(issuer === undefined ? {} : { federatedUserIssuerArn: issuer }),
        hasPermissionsBoundary: this.permissionsBoundaryGiven && caller.hasIdentitySide && caller.kind !== 'root',
      };
    }
    return this.#principalFacts;
  }

  /** Whether RCPs constrain the action's service (O-7), by the option or the default list. */
  get rcpSupportsService(): boolean {
    const listed = this.options.rcpSupportedServices;
    if (listed === undefined) return DEFAULT_RCP_SERVICES.has(this.service);
    for (const name of listed) if (name.toLowerCase() === this.service) return true;
    return false;
  }
}
