import type { ContextScalar } from '../model/request.js';
import type { WildcardPiece } from '../matching/wildcard.js';

/**
 * The operator families of IAM-SEMANTICS §7, one module each under `src/conditions/operators/`.
 *
 * @example
 * ```ts
 * import type { OperatorFamily } from 'iam-policy-evaluator';
 * import { defaultOperatorRegistry } from 'iam-policy-evaluator';
 * const found = defaultOperatorRegistry.lookup('IpAddress');
 * const family: OperatorFamily | undefined = found.found ? found.definition.family : undefined;
 * family; //=> 'ip'
 * ```
 */
export type OperatorFamily = 'string' | 'numeric' | 'date' | 'bool' | 'binary' | 'ip' | 'arn' | 'null';

/**
 * A value read from policy or request text, or why it could not be read. `choice` names the IAM-SEMANTICS [X] item
 * the reading relied on (e.g. `C-15` for a date-only value read as midnight UTC).
 *
 * @example
 * ```ts
 * import type { ValueParseResult } from 'iam-policy-evaluator';
 * import { parseNumericValue } from 'iam-policy-evaluator';
 * const r: ValueParseResult<number> = parseNumericValue('12.5');
 * r; //=> { ok: true, value: 12.5 }
 * ```
 */
export type ValueParseResult<T> =
  { readonly ok: true; readonly value: T; readonly choice?: string } | { readonly ok: false; readonly message: string };

/**
 * One condition operator, declared as data plus its positive comparison. Negation, `…IfExists`, `ForAllValues:` and
 * `ForAnyValue:` are never implemented here: `src/conditions/modifiers.ts` applies them in one place.
 *
 * @example
 * ```ts
 * import type { OperatorDefinition } from 'iam-policy-evaluator';
 * import { defaultOperatorRegistry } from 'iam-policy-evaluator';
 * const r = defaultOperatorRegistry.lookup('StringNotLike');
 * const op: OperatorDefinition | undefined = r.found ? r.definition : undefined;
 * op?.positiveTwin; //=> 'StringLike'
 * ```
 */
export interface OperatorDefinition<TPolicy = unknown, TRequest = unknown> {
  /** The registry name, e.g. `StringNotLike`. */
  readonly name: string;
  readonly family: OperatorFamily;
  /** True for the NOR forms (C-2): the result is the negation of `test` over every policy value. */
  readonly negated: boolean;
  /** For a negated operator, the operator whose `test` it negates. */
  readonly positiveTwin?: string;
  /** Whether `${…}` policy variables are read in its values (PV-2, C-9, C-17). */
  readonly acceptsVariables: boolean;
  /** Whether `*` and `?` in its values are wildcards (C-8). */
  readonly acceptsWildcards: boolean;
  /** False only for `Null` (C-7). */
  readonly acceptsIfExists: boolean;
  /** Whether `ForAllValues:`/`ForAnyValue:` are meaningful (false for `Null`, C-22). */
  readonly acceptsQualifier: boolean;
  /** How values compare, in words, for docs: `case-sensitive`, `case-insensitive`, `as instants`, … */
  readonly comparison: string;
  /** What a policy value must be, in words, for docs and messages. */
  readonly operand: string;
  /** One line, lowercase. */
  readonly summary: string;
  /** IAM-SEMANTICS items this operator implements. */
  readonly semantics: readonly string[];
  /** IAM-SEMANTICS [X] items whose chosen behaviour this operator relies on. */
  readonly choices: readonly string[];
  /** Reads one policy value (validation and compilation use the same function). */
  parsePolicyValue(raw: string | number | boolean): ValueParseResult<TPolicy>;
  /**
   * Reads a policy value rebuilt from a template after variable substitution; present iff `acceptsVariables`.
   * Literal pieces (escapes, substituted values) never act as wildcards.
   */
  parsePolicyPieces?(pieces: readonly WildcardPiece[]): ValueParseResult<TPolicy>;
  /** Reads one request context value; a value that cannot be read matches no policy value. */
  parseRequestValue(value: ContextScalar): ValueParseResult<TRequest>;
  /** The POSITIVE comparison of one request value with one prepared policy value. */
  test(requestValue: TRequest, policyValue: TPolicy): boolean;
  /** For traces: the IAM-SEMANTICS [X] item one comparison relied on (e.g. `W-7` for ARNs), if any. */
  testChoice?(requestValue: TRequest, policyValue: TPolicy): string | undefined;
}

/**
 * The declaration `defineOperator` takes: every field of the definition; `choices` may be left out.
 *
 * @example
 * ```ts
 * import type { OperatorSpec } from 'iam-policy-evaluator';
 * import { defineOperator } from 'iam-policy-evaluator';
 * const spec: OperatorSpec<string, string> = {
 *   name: 'StringStartsWith', family: 'string', negated: false, acceptsVariables: false, acceptsWildcards: false,
 *   acceptsIfExists: true, acceptsQualifier: true, comparison: 'prefix', operand: 'a string', summary: 'prefix', semantics: [],
 *   parsePolicyValue: (raw) => ({ ok: true, value: String(raw) }),
 *   parseRequestValue: (raw) => ({ ok: true, value: String(raw) }),
 *   test: (request, policy) => request.startsWith(policy),
 * };
 * defineOperator(spec).test('abc', 'ab'); //=> true
 * ```
 */
export type OperatorSpec<TPolicy, TRequest> = Omit<OperatorDefinition<TPolicy, TRequest>, 'choices'> & {
  readonly choices?: readonly string[];
};

/**
 * An operator family module's export: its operators as one table (ajv vocabulary style).
 *
 * @example
 * ```ts
 * import type { OperatorFamilyDeclaration } from 'iam-policy-evaluator';
 * import { boolOperatorFamily } from 'iam-policy-evaluator';
 * const family: OperatorFamilyDeclaration = boolOperatorFamily;
 * family.operators.map((op) => op.name); //=> ['Bool']
 * ```
 */
export interface OperatorFamilyDeclaration {
  readonly family: OperatorFamily;
  /** One line, lowercase. */
  readonly summary: string;
  readonly operators: readonly OperatorDefinition[];
}

/**
 * Declares one condition operator and returns it frozen.
 *
 * @throws Error when the declaration contradicts itself (a negated operator without `positiveTwin`, variables without
 *   `parsePolicyPieces`): a programming error in an operator module, never caused by policy text.
 * @example
 * ```ts
 * import { defineOperator } from 'iam-policy-evaluator';
 * const evenEquals = defineOperator<number, number>({
 *   name: 'NumericEqualsEven', family: 'numeric', negated: false, acceptsVariables: false, acceptsWildcards: false,
 *   acceptsIfExists: true, acceptsQualifier: true, comparison: 'numerically', operand: 'an integer',
 *   summary: 'equal numbers', semantics: [],
 *   parsePolicyValue: (raw) => ({ ok: true, value: Number(raw) }),
 *   parseRequestValue: (raw) => ({ ok: true, value: Number(raw) }),
 *   test: (request, policy) => request === policy,
 * });
 * evenEquals.test(2, 2); //=> true
 * ```
 */
export function defineOperator<TPolicy, TRequest>(
  spec: OperatorSpec<TPolicy, TRequest>,
): OperatorDefinition<TPolicy, TRequest> {
  if (spec.negated !== (spec.positiveTwin !== undefined)) {
    throw new Error(`operator \`${spec.name}\`: a negated operator names its positive twin, and only it does`);
  }
  if (spec.acceptsVariables !== (spec.parsePolicyPieces !== undefined)) {
    throw new Error(`operator \`${spec.name}\`: variables need parsePolicyPieces, and only they do`);
  }
  return Object.freeze({
    ...spec,
    semantics: Object.freeze([...spec.semantics]),
    choices: Object.freeze([...(spec.choices ?? [])]),
  });
}

/**
 * Declares an operator family table, frozen.
 *
 * @example
 * ```ts
 * import { defineOperatorFamily, numericOperatorFamily } from 'iam-policy-evaluator';
 * const mine = defineOperatorFamily('numeric', 'only equality', numericOperatorFamily.operators.slice(0, 1));
 * mine.operators.length; //=> 1
 * ```
 */
export function defineOperatorFamily(
  family: OperatorFamily,
  summary: string,
  operators: readonly OperatorDefinition[],
): OperatorFamilyDeclaration {
  return Object.freeze({ family, summary, operators: Object.freeze([...operators]) });
}
