/** One value a request context key can carry. */
export type ContextScalar = string | number | boolean;

/** A context value: a scalar, or an array, which always makes the key multivalued (IAM-SEMANTICS C-29). */
export type ContextValue = ContextScalar | readonly ContextScalar[];

/** The request being authorized: one (action, resource) pair (IAM-SEMANTICS E-2). */
export interface RequestInput {
  /** Caller ARN: IAM user, role session (`arn:aws:sts::A:assumed-role/R/S`), federated user, account root, `*` for anonymous, or a service principal name. */
  readonly principal: string;
  /** `service:Action`. */
  readonly action: string;
  /** The resource ARN, or `*`. */
  readonly resource: string;
  /** The owning account when the ARN has none (S3 buckets). */
  readonly resourceAccount?: string;
  /** Context keys, case-insensitive; a supplied value always wins over a derived one. */
  readonly context?: Readonly<Record<string, ContextValue>>;
}

/** A policy document as the caller gives it. */
export interface PolicySource {
  readonly id: string;
  /** JSON text (positions come from it) or a parsed object (positions refer to its 2-space rendering). */
  readonly document: string | object;
}

/** The policies attached at one level of an organization path. */
export interface OrgLevel {
  /** `r-root`, `ou-…` or the account id; the list runs root first, account last. */
  readonly target: string;
  readonly policies: readonly PolicySource[];
}

/** Every policy that applies to one request, by type. */
export interface PolicySet {
  readonly identity?: readonly PolicySource[];
  /** The target's resource-based policy; for `sts:AssumeRole*` on a role: its trust policy. */
  readonly resource?: PolicySource;
  readonly permissionsBoundary?: PolicySource;
  readonly session?: readonly PolicySource[];
  /** The principal's account path. */
  readonly serviceControlPolicies?: readonly OrgLevel[];
  /** The resource's account path. */
  readonly resourceControlPolicies?: readonly OrgLevel[];
  /** The endpoint the request came through. */
  readonly vpcEndpoint?: readonly PolicySource[];
}

/** The input of `evaluate`. */
export interface EvaluationInput {
  readonly request: RequestInput;
  readonly policies: PolicySet;
}

/** Where a context value came from, as the trace reports it. */
export type ContextKeyOrigin = 'supplied' | 'derived';

/** A key as looked up in the request context. */
export interface ContextEntry {
  /** The key as supplied or derived (original case). */
  readonly key: string;
  readonly values: readonly ContextScalar[];
  readonly multivalued: boolean;
  readonly origin: ContextKeyOrigin;
}

/** Read-only, case-insensitive view of a request context, safe for any key (`__proto__`, `constructor`). */
export interface RequestContextView {
  /** Looks a key up case-insensitively, including the tag-key part of `…Tag/<key>` (G-30, G-32). */
  get(key: string): ContextEntry | undefined;
  /** Every key, in a stable order. */
  entries(): readonly ContextEntry[];
}
