import type { Catalogue } from '../model/catalogue.js';
import type { Issue } from '../errors/issue.js';
import type { PolicyVersion } from '../model/normalized-policy.js';
import type { PolicyGrammar, PolicyType } from '../model/policy-type.js';
import type { SourceSpan } from '../model/source-span.js';

/**
 * What {@link parsePolicy} needs to know about a document.
 *
 * @example
 * ```ts
 * import type { ParsePolicyOptions } from 'iam-policy-evaluator';
 * const options: ParsePolicyOptions = { policyType: 'roleTrust', policyId: 'ci-deploy-trust', maxSize: 4096 };
 * options.maxSize; //=> 4096
 * const managed: ParsePolicyOptions = { policyType: 'identity', policyId: 'ReadOnlyAccess', awsManaged: true };
 * managed.awsManaged; //=> true
 * ```
 */
export interface ParsePolicyOptions {
  /** The grammar to check against: a policy type, or `roleTrust` for a role's trust policy. */
  readonly policyType: PolicyGrammar;
  /** Names the policy in issues and traces, e.g. its file name without `.json`. */
  readonly policyId: string;
  /**
   * Overrides the size limit of the policy type (docs/policy-grammar.md), for an account whose quota was raised,
   * e.g. `4096` for role trust policies. Counted the way the policy type counts (with or without white space).
   */
  readonly maxSize?: number;
  /**
   * The document is an AWS managed policy (`arn:aws:iam::aws:policy/…`), which AWS writes and may grow past the
   * size quota of customer policies (81 of them pass 6,144 characters): the size limit is not applied. Default:
   * whether `policyId` is such an ARN, in any partition (`arn:aws-cn:iam::aws:policy/…` too).
   */
  readonly awsManaged?: boolean;
  /**
   * The service catalogue the statements are checked against (docs/catalogue.md): unknown actions and keys, resource
   * types no `Resource` names, key types. Default: the bundled AWS catalogue (`awsCatalogue()`); `false` for none.
   */
  readonly catalogue?: Catalogue | false;
}

/**
 * One string of `Action`, `NotAction`, `Resource` or `NotResource`, as written.
 *
 * @example
 * ```ts
 * import { parsePolicy } from 'iam-policy-evaluator';
 * import type { ParsedString } from 'iam-policy-evaluator';
 * const text = '{"Version":"2012-10-17","Statement":{"Effect":"Allow","Principal":{"AWS":"111122223333"},"Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*","Condition":{"Bool":{"aws:SecureTransport":true}}}}';
 * const result = parsePolicy(text, { policyType: 'resource', policyId: 'bucket' });
 * const action: ParsedString | undefined = result.ok ? result.policy.statements[0]?.action.values[0] : undefined;
 * action?.value; //=> 's3:GetObject'
 * ```
 */
export interface ParsedString {
  readonly value: string;
  readonly span: SourceSpan;
}

/**
 * `Action`/`NotAction` or `Resource`/`NotResource`, with a single string already read as a one-item list.
 *
 * @example
 * ```ts
 * import { parsePolicy } from 'iam-policy-evaluator';
 * import type { ParsedStringList } from 'iam-policy-evaluator';
 * const text = '{"Version":"2012-10-17","Statement":{"Effect":"Allow","Principal":{"AWS":"111122223333"},"Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*","Condition":{"Bool":{"aws:SecureTransport":true}}}}';
 * const result = parsePolicy(text, { policyType: 'resource', policyId: 'bucket' });
 * const resource: ParsedStringList | undefined = result.ok ? result.policy.statements[0]?.resource : undefined;
 * resource?.values.map((v) => v.value); //=> ['arn:aws:s3:::b/*']
 * ```
 */
export interface ParsedStringList {
  readonly negated: boolean;
  readonly values: readonly ParsedString[];
  /** The span of the element's value. */
  readonly span: SourceSpan;
}

/**
 * One principal as written: the map key it sits under (`*` for the bare `"Principal": "*"`) and its text.
 *
 * @example
 * ```ts
 * import { parsePolicy } from 'iam-policy-evaluator';
 * import type { ParsedPrincipal } from 'iam-policy-evaluator';
 * const text = '{"Version":"2012-10-17","Statement":{"Effect":"Allow","Principal":{"AWS":"111122223333"},"Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*","Condition":{"Bool":{"aws:SecureTransport":true}}}}';
 * const result = parsePolicy(text, { policyType: 'resource', policyId: 'bucket' });
 * const principal: ParsedPrincipal | undefined = result.ok ? result.policy.statements[0]?.principal?.values[0] : undefined;
 * [principal?.type, principal?.value]; //=> ['AWS', '111122223333']
 * ```
 */
export interface ParsedPrincipal {
  readonly type: 'AWS' | 'Service' | 'Federated' | 'CanonicalUser' | '*';
  readonly value: string;
  readonly span: SourceSpan;
}

/**
 * `Principal` or `NotPrincipal`.
 *
 * @example
 * ```ts
 * import { parsePolicy } from 'iam-policy-evaluator';
 * import type { ParsedPrincipalElement } from 'iam-policy-evaluator';
 * const text = '{"Version":"2012-10-17","Statement":{"Effect":"Allow","Principal":{"AWS":"111122223333"},"Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*","Condition":{"Bool":{"aws:SecureTransport":true}}}}';
 * const result = parsePolicy(text, { policyType: 'resource', policyId: 'bucket' });
 * const element: ParsedPrincipalElement | undefined = result.ok ? result.policy.statements[0]?.principal : undefined;
 * element?.negated; //=> false
 * ```
 */
export interface ParsedPrincipalElement {
  readonly negated: boolean;
  readonly values: readonly ParsedPrincipal[];
  readonly span: SourceSpan;
}

/**
 * One value listed for a condition key; numbers and booleans may be bare (G-5).
 *
 * @example
 * ```ts
 * import { parsePolicy } from 'iam-policy-evaluator';
 * import type { ParsedConditionValue } from 'iam-policy-evaluator';
 * const text = '{"Version":"2012-10-17","Statement":{"Effect":"Allow","Principal":{"AWS":"111122223333"},"Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*","Condition":{"Bool":{"aws:SecureTransport":true}}}}';
 * const result = parsePolicy(text, { policyType: 'resource', policyId: 'bucket' });
 * const value: ParsedConditionValue | undefined = result.ok ? result.policy.statements[0]?.conditions[0]?.keys[0]?.values[0] : undefined;
 * value?.raw; //=> true
 * ```
 */
export interface ParsedConditionValue {
  readonly raw: string | number | boolean;
  readonly span: SourceSpan;
}

/**
 * One key of one operator block.
 *
 * @example
 * ```ts
 * import { parsePolicy } from 'iam-policy-evaluator';
 * import type { ParsedConditionKey } from 'iam-policy-evaluator';
 * const text = '{"Version":"2012-10-17","Statement":{"Effect":"Allow","Principal":{"AWS":"111122223333"},"Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*","Condition":{"Bool":{"aws:SecureTransport":true}}}}';
 * const result = parsePolicy(text, { policyType: 'resource', policyId: 'bucket' });
 * const key: ParsedConditionKey | undefined = result.ok ? result.policy.statements[0]?.conditions[0]?.keys[0] : undefined;
 * [key?.key, key?.listed]; //=> ['aws:SecureTransport', false]
 * ```
 */
export interface ParsedConditionKey {
  readonly key: string;
  readonly values: readonly ParsedConditionValue[];
  /** Whether the values were written as an array (even of one). */
  readonly listed: boolean;
  /** The span of the member `"aws:SourceVpce": …`. */
  readonly span: SourceSpan;
}

/**
 * One operator block of `Condition`, e.g. `"StringEquals": {…}`.
 *
 * @example
 * ```ts
 * import { parsePolicy } from 'iam-policy-evaluator';
 * import type { ParsedConditionBlock } from 'iam-policy-evaluator';
 * const text = '{"Version":"2012-10-17","Statement":{"Effect":"Allow","Principal":{"AWS":"111122223333"},"Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*","Condition":{"Bool":{"aws:SecureTransport":true}}}}';
 * const result = parsePolicy(text, { policyType: 'resource', policyId: 'bucket' });
 * const block: ParsedConditionBlock | undefined = result.ok ? result.policy.statements[0]?.conditions[0] : undefined;
 * block?.operator; //=> 'Bool'
 * ```
 */
export interface ParsedConditionBlock {
  readonly operator: string;
  readonly keys: readonly ParsedConditionKey[];
  /** The span of the member `"StringEquals": {…}`. */
  readonly span: SourceSpan;
}

/**
 * One statement as written, elements in their JSON shapes.
 *
 * @example
 * ```ts
 * import { parsePolicy } from 'iam-policy-evaluator';
 * import type { ParsedStatement } from 'iam-policy-evaluator';
 * const text = '{"Version":"2012-10-17","Statement":{"Effect":"Allow","Principal":{"AWS":"111122223333"},"Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*","Condition":{"Bool":{"aws:SecureTransport":true}}}}';
 * const result = parsePolicy(text, { policyType: 'resource', policyId: 'bucket' });
 * const statement: ParsedStatement | undefined = result.ok ? result.policy.statements[0] : undefined;
 * [statement?.index, statement?.effect, statement?.span.pointer]; //=> [0, 'Allow', '/Statement']
 * ```
 */
export interface ParsedStatement {
  /** 0-based position within the policy. */
  readonly index: number;
  readonly sid?: string;
  readonly effect: 'Allow' | 'Deny';
  readonly action: ParsedStringList;
  readonly resource?: ParsedStringList;
  readonly principal?: ParsedPrincipalElement;
  readonly conditions: readonly ParsedConditionBlock[];
  readonly span: SourceSpan;
  readonly effectSpan: SourceSpan;
  readonly conditionSpan?: SourceSpan;
}

/**
 * A policy document that passed every check of its grammar: its elements as written, each with its position.
 * {@link normalizePolicy} turns it into the canonical form the evaluator consumes.
 *
 * @example
 * ```ts
 * import { parsePolicy } from 'iam-policy-evaluator';
 * import type { ParsedPolicy } from 'iam-policy-evaluator';
 * const text = '{"Version":"2012-10-17","Statement":{"Effect":"Allow","Principal":{"AWS":"111122223333"},"Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*","Condition":{"Bool":{"aws:SecureTransport":true}}}}';
 * const result = parsePolicy(text, { policyType: 'resource', policyId: 'bucket' });
 * const policy: ParsedPolicy | undefined = result.ok ? result.policy : undefined;
 * [policy?.grammar, policy?.policyType, policy?.version]; //=> ['resource', 'resource', '2012-10-17']
 * ```
 */
export interface ParsedPolicy {
  readonly policyId: string;
  readonly grammar: PolicyGrammar;
  /** The type it is evaluated as: `resource` for a role trust policy. */
  readonly policyType: PolicyType;
  readonly version?: PolicyVersion;
  readonly id?: string;
  readonly statements: readonly ParsedStatement[];
  /** The text every span refers to: the text given, or the 2-space rendering of an object. */
  readonly source: string;
  readonly warnings: readonly Issue[];
}

/**
 * The answer of {@link parsePolicy}: a policy, or every issue that stops it (warnings included).
 *
 * @example
 * ```ts
 * import { parsePolicy } from 'iam-policy-evaluator';
 * import type { ParseResult } from 'iam-policy-evaluator';
 * const result: ParseResult = parsePolicy('{"Statement": []}', { policyType: 'identity', policyId: 'p' });
 * result.ok; //=> true
 * result.ok ? result.warnings.map((issue) => issue.code) : []; //=> ['missing_version', 'empty_array']
 * ```
 */
export type ParseResult =
  | { readonly ok: true; readonly policy: ParsedPolicy; readonly warnings: readonly Issue[] }
  | { readonly ok: false; readonly issues: readonly [Issue, ...Issue[]] };
