import type { Issue } from '../errors/issue.js';
import type { PolicyGrammar, PolicyType } from './policy-type.js';
import type { SourceSpan } from './source-span.js';

/** The two `Version` values IAM accepts (IAM-SEMANTICS G-8). Absent means the legacy, variable-free reading (G-9). */
export type PolicyVersion = '2012-10-17' | '2008-10-17';

/**
 * One piece of a pre-parsed string that may hold policy variables (IAM-SEMANTICS §8).
 * - `text`: literal text in which `*` and `?` keep their wildcard meaning where the operator has one;
 * - `escape`: `${*}`, `${?}` or `${$}`, always the literal character, never a wildcard (PV-7);
 * - `variable`: `${key}` or `${key, 'default'}`; `key` is lower-cased (PV-1).
 */
export type TemplatePart =
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'escape'; readonly char: '*' | '?' | '$' }
  | { readonly kind: 'variable'; readonly key: string; readonly name: string; readonly defaultValue?: string };

/**
 * A string value split into literal text, escapes and variables, once, at normalization time.
 * Under `2008-10-17` or without `Version` it is a single `text` part: `${…}` is literal (G-9).
 */
export interface Template {
  readonly raw: string;
  readonly parts: readonly TemplatePart[];
  readonly hasVariables: boolean;
}

/** One entry of `Action` or `NotAction`. */
export interface ActionPattern {
  readonly raw: string;
  /** Lower-cased: actions match case-insensitively (G-22). */
  readonly pattern: string;
  readonly span: SourceSpan;
}

/** `Action` or `NotAction`, always a list (G-4). An empty list makes the statement inert (G-7). */
export interface ActionElement {
  readonly negated: boolean;
  readonly patterns: readonly ActionPattern[];
  readonly span: SourceSpan;
}

/** One entry of `Resource` or `NotResource`. */
export interface ResourcePattern {
  readonly raw: string;
  readonly template: Template;
  readonly span: SourceSpan;
}

/** `Resource` or `NotResource`, always a list. */
export interface ResourceElement {
  readonly negated: boolean;
  readonly patterns: readonly ResourcePattern[];
  readonly span: SourceSpan;
}

/** What a principal value names (IAM-SEMANTICS G-15). */
export type PrincipalKind =
  | 'everyone'
  | 'account'
  | 'user'
  | 'role'
  | 'assumedRoleSession'
  | 'federatedUser'
  | 'uniqueId'
  | 'service'
  | 'federated'
  | 'canonicalUser';

/** One principal named by `Principal` or `NotPrincipal`. */
export interface PrincipalValue {
  /** The map key it was listed under; `*` for the bare `"Principal": "*"`. */
  readonly type: 'AWS' | 'Service' | 'Federated' | 'CanonicalUser' | '*';
  readonly raw: string;
  /** Canonical form: a 12-digit account becomes `arn:aws:iam::ID:root`; `*` stays `*`. */
  readonly value: string;
  readonly kind: PrincipalKind;
  /** The account the value belongs to, when it names one. */
  readonly accountId?: string;
  readonly span: SourceSpan;
}

/** `Principal` or `NotPrincipal`, always a list. */
export interface PrincipalElement {
  readonly negated: boolean;
  readonly values: readonly PrincipalValue[];
  readonly span: SourceSpan;
}

/** `ForAllValues` or `ForAnyValue` (IAM-SEMANTICS §7.11). */
export type SetQualifier = 'ForAllValues' | 'ForAnyValue';

/** One value listed for a condition key. */
export interface ConditionValue {
  /** As written in the JSON: numbers and booleans may be unquoted (G-5). */
  readonly raw: string | number | boolean;
  /** `String(raw)`: bare numbers and booleans are read as their text (G-5 [X], docs/evaluation-logic.md). */
  readonly text: string;
  /** Present when the operator accepts variables and the version enables them (PV-2, G-9). */
  readonly template?: Template;
  readonly span: SourceSpan;
}

/** One (operator, key) pair of a `Condition` block, with its modifiers split off. */
export interface ConditionEntry {
  /** As written, e.g. `ForAllValues:StringNotLikeIfExists`. */
  readonly operator: string;
  /** The registry name, e.g. `StringNotLike`. */
  readonly baseOperator: string;
  readonly qualifier?: SetQualifier;
  readonly ifExists: boolean;
  /** Lower-cased: keys are case-insensitive (G-30). */
  readonly key: string;
  readonly keyAsWritten: string;
  /** Always a list; may be empty (C-27). */
  readonly values: readonly ConditionValue[];
  /** The span of the operator's member (`"StringEquals": {…}`). */
  readonly operatorSpan: SourceSpan;
  /** The span of the key's member (`"aws:SourceVpce": …`). */
  readonly span: SourceSpan;
}

/** One statement in canonical form. */
export interface NormalizedStatement {
  /** 0-based position within its policy. */
  readonly index: number;
  readonly sid?: string;
  readonly effect: 'Allow' | 'Deny';
  readonly action: ActionElement;
  /** Absent only in role trust policies, where it means the role itself. */
  readonly resource?: ResourceElement;
  readonly principal?: PrincipalElement;
  /** Every (operator, key) pair, in document order. Empty when the statement has no `Condition`. */
  readonly conditions: readonly ConditionEntry[];
  readonly span: SourceSpan;
  readonly effectSpan: SourceSpan;
  readonly conditionSpan?: SourceSpan;
}

/** A policy after parsing and normalization: frozen, built once, consumed by the evaluator without re-parsing. */
export interface NormalizedPolicy {
  readonly policyId: string;
  readonly policyType: PolicyType;
  readonly grammar: PolicyGrammar;
  readonly version?: PolicyVersion;
  readonly id?: string;
  readonly statements: readonly NormalizedStatement[];
  /** The text every span refers to: the user's text, or the 2-space rendering of an object. */
  readonly source: string;
  /** Warnings found while parsing; a policy with errors is never normalized. */
  readonly warnings: readonly Issue[];
}
