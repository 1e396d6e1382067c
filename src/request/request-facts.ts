import { arnRegion, deriveContext } from './derive-context.js';
import { instantToEpochMillis } from './instant.js';
import { isAccountIdAt } from './principal.js';
import type { Caller, PrincipalFacts } from './principal.js';
import {
  ASSUME_ROLE_ACTIONS,
  DEFAULT_RCP_SUPPORTED_SERVICES,
  isRoleArn,
  TRUST_POLICY_ACTIONS,
} from './request-kinds.js';
import type { DerivedContextKey, EvaluateOptions } from '../model/evaluation-result.js';
import type { ContextValue, RequestInput } from '../model/request.js';
import { LazyContextView } from './context-view.js';
import { serviceRuleOf } from './service-rules.js';
import type { ServiceRule } from './service-rules.js';
import type { ContextKeyTable } from '../compile/context-key-table.js';
import type { DerivationInput } from './derived-keys.js';
import type { ActionIndex, ActionPlan } from '../compile/action-index.js';

/**
 * One request as every driver reads it, the one request model: the same facts as the oracle's `buildRequestEnvironment`
 * (the oracle's `buildRequestEnvironment`, test/oracle/request-environment.ts), worked out only when a statement or rule asks for them. The context view,
 * the derived keys and the principal facts are built on first use, and the resource ARN is split once.
 */

const NO_OPTIONS: EvaluateOptions = Object.freeze({});
const DEFAULT_RCP_SERVICES: ReadonlySet<string> = new Set(DEFAULT_RCP_SUPPORTED_SERVICES);

/** The per-request facts; one instance per `check` or `evaluate` call, never shared. */
export class RequestFacts implements DerivationInput {
  readonly request: RequestInput;
  readonly options: EvaluateOptions;
  readonly caller: Caller;
  /** The action, lower-cased (G-22). */
  readonly action: string;
  /** Its service prefix, lower-cased. */
  readonly service: string;
  /** The statements the action index gives for the action. */
  readonly plan: ActionPlan;
  readonly resource: string;
  /** The account the request names for its resource (`resourceAccount`, or the ARN's), before EV-1. */
  readonly givenAccount: string | undefined;
  /** The resource's account: given, or (EV-1) the caller's. */
  readonly resourceAccount: string | undefined;
  readonly sameAccount: boolean;
  readonly permissionsBoundaryGiven: boolean;
  /** The `now` option as epoch milliseconds, when given. */
  readonly epochMillis: number | undefined;
  /** Index of the fifth colon of the resource, where its resource component starts; -1 when it is not an ARN. */
  readonly #fifthColon: number;
  #arn: readonly string[] | undefined = undefined;
  #context: LazyContextView | undefined = undefined;
  #principalFacts: PrincipalFacts | undefined = undefined;
  #derived: readonly DerivedContextKey[] | undefined = undefined;
  #serviceRule: ServiceRule | null | undefined = undefined;

  readonly #keys: ContextKeyTable;

  constructor(
    request: RequestInput,
    caller: Caller,
    options: EvaluateOptions | undefined,
    permissionsBoundaryGiven: boolean,
    keys: ContextKeyTable,
    index: ActionIndex,
  ) {
    this.#keys = keys;
    this.request = request;
    this.options = options ?? NO_OPTIONS;
    // Read once by validateRequest, with this path's reader.
    this.caller = caller;
    // `now` is read for every request (derive-context.ts): an unreadable one throws even when no
    // condition would read the time keys.
    this.epochMillis = this.options.now === undefined ? undefined : instantToEpochMillis(this.options.now);
    const resolved = index.resolve(request.action);
    this.action = resolved.action;
    this.service = resolved.service;
    this.plan = resolved.plan;
    const resource = request.resource;
    this.resource = resource;
    let fourth = -1;
    let fifth = -1;
    for (let i = 0, colons = 0; i < resource.length; i += 1) {
      if (resource.charCodeAt(i) !== 0x3a) continue;
      colons += 1;
      if (colons === 4) fourth = i;
      else if (colons === 5) {
        fifth = i;
        break;
      }
    }
    this.#fifthColon = fifth;
    const given = request.resourceAccount;
    this.givenAccount =
      given !== undefined && given !== ''
        ? given
        : fifth >= 0 && isAccountIdAt(resource, fourth + 1, fifth)
          ? resource.slice(fourth + 1, fifth)
          : undefined;
    this.resourceAccount = this.givenAccount ?? (caller.hasIdentitySide ? caller.accountId : undefined);
    this.sameAccount =
      caller.hasIdentitySide && this.resourceAccount !== undefined && this.resourceAccount === caller.accountId;
    this.permissionsBoundaryGiven = permissionsBoundaryGiven;
  }

  /** The six ARN components of the resource, or `undefined` when it is not an ARN (split once, on first use). */
  get arn(): readonly string[] | undefined {
    if (this.#fifthColon < 0) return undefined;
    if (this.#arn === undefined) {
      const resource = this.resource;
      const parts: string[] = [];
      let start = 0;
      for (let i = 0; i < 5; i += 1) {
        const colon = resource.indexOf(':', start);
        parts.push(resource.slice(start, colon));
        start = colon + 1;
      }
      parts.push(resource.slice(start));
      this.#arn = parts;
    }
    return this.#arn;
  }

  /** The region of a regional resource ARN (EV-16), as the derivation reads it. */
  get resourceRegion(): string | undefined {
    return arnRegion(this.arn);
  }

  /** Whether the resource is an IAM role ARN (`arn:p:iam::A:role/...`). */
  get resourceIsRole(): boolean {
    return isRoleArn(this.resource);
  }

  /** Whether the resource is a KMS key ARN (`arn:p:kms:R:A:key/...`). */
  get resourceIsKmsKey(): boolean {
    const arn = this.arn;
    return arn !== undefined && arn[0] === 'arn' && arn[2] === 'kms' && (arn[5] as string).startsWith('key/');
  }

  /** Whether the request names its resource's account (given, or in the ARN); EV-1 reads it. */
  get resourceAccountKnown(): boolean {
    return this.givenAccount !== undefined;
  }

  /** `sts:AssumeRole*` and friends on an IAM role: the trust policy decides (E-8, EV-2). */
  get trustPolicyRequest(): boolean {
    return TRUST_POLICY_ACTIONS.has(this.action) && this.resourceIsRole;
  }

  /** A trust-governed action that is not one of the AssumeRole calls (EV-2). */
  get trustPolicyOtherAction(): boolean {
    return this.trustPolicyRequest && !ASSUME_ROLE_ACTIONS.has(this.action);
  }

  /** A KMS action on a key: the key policy must allow (E-8, EV-11). */
  get kmsKeyRequest(): boolean {
    return this.service === 'kms' && this.resourceIsKmsKey;
  }

  /** The service rule that covers the request (docs/service-rules.md), unless the `serviceRules` option is false. */
  get serviceRule(): ServiceRule | undefined {
    if (this.#serviceRule === undefined) {
      this.#serviceRule =
        this.options.serviceRules === false
          ? null
          : (serviceRuleOf({
              action: this.action,
              resource: this.resource,
              caller: this.caller,
              sameAccount: this.sameAccount,
            }) ?? null);
    }
    return this.#serviceRule ?? undefined;
  }

  /** Every key the request implies and does not supply, as the trace lists them (built on first use). */
  get derived(): readonly DerivedContextKey[] {
    if (this.#derived === undefined) {
      const supplied = (this.request.context ?? undefined) as Readonly<Record<string, ContextValue>> | undefined;
      this.#derived = deriveContext(
        this.caller,
        this.givenAccount,
        this.resourceRegion,
        supplied,
        this.epochMillis === undefined ? {} : { now: this.epochMillis },
      );
    }
    return this.#derived;
  }

  /** The request context with the derived keys, entries built as conditions ask for them. */
  get context(): LazyContextView {
    if (this.#context === undefined) this.#context = new LazyContextView(this.request.context, this, this.#keys);
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
