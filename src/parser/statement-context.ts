import type { OperatorRegistry } from '../conditions/registry.js';
import type { PolicyVersion } from '../model/normalized-policy.js';
import type { GrammarRules } from './grammar-rules.js';
import type { IssueSink } from './issue-sink.js';

/** What the statement checks share for one policy. */
export interface StatementContext {
  readonly rules: GrammarRules;
  readonly sink: IssueSink;
  readonly registry: OperatorRegistry;
  /** A valid `Version`, if any: only `2012-10-17` enables policy variables (G-9). */
  readonly version: PolicyVersion | undefined;
}
