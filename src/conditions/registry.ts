import type { SetQualifier } from '../model/normalized-policy.js';
import { editDistance } from '../errors/closest-name.js';
import type { OperatorDefinition, OperatorFamilyDeclaration } from './define-operator.js';
import { arnOperatorFamily } from './operators/arn.js';
import { binaryOperatorFamily } from './operators/binary.js';
import { boolOperatorFamily } from './operators/bool.js';
import { dateOperatorFamily } from './operators/date.js';
import { ipAddressOperatorFamily } from './operators/ip-address.js';
import { nullOperatorFamily } from './operators/null.js';
import { numericOperatorFamily } from './operators/numeric.js';
import { stringOperatorFamily } from './operators/string.js';

/**
 * The answer of {@link OperatorRegistry.lookup}.
 *
 * @example
 * ```ts
 * import type { OperatorLookup } from 'iam-policy-evaluator';
 * import { defaultOperatorRegistry } from 'iam-policy-evaluator';
 * const r: OperatorLookup = defaultOperatorRegistry.lookup('NumericLessThen');
 * r; //=> { found: false, suggestion: 'NumericLessThan' }
 * ```
 */
export type OperatorLookup =
  | { readonly found: true; readonly definition: OperatorDefinition }
  | { readonly found: false; readonly suggestion?: string };

/**
 * Every operator the engine knows, by exact name.
 *
 * @example
 * ```ts
 * import type { OperatorRegistry } from 'iam-policy-evaluator';
 * import { createOperatorRegistry, nullOperatorFamily } from 'iam-policy-evaluator';
 * const registry: OperatorRegistry = createOperatorRegistry([nullOperatorFamily]);
 * registry.names(); //=> ['Null']
 * ```
 */
export interface OperatorRegistry {
  /** Exact, case-sensitive lookup of a base name (no qualifier, no `IfExists`); on a miss, the nearest name. */
  lookup(name: string): OperatorLookup;
  /** Every name, in declaration order. */
  names(): readonly string[];
  /** The families the registry was built from, in the order given. */
  readonly families: readonly OperatorFamilyDeclaration[];
}

/**
 * Builds a registry from operator families, explicitly (no registration by import).
 *
 * @throws Error when two operators share a name, or a negated operator's positive twin is missing, negated or of
 *   another family: programming errors in the families given.
 * @example
 * ```ts
 * import { createOperatorRegistry, stringOperatorFamily } from 'iam-policy-evaluator';
 * const registry = createOperatorRegistry([stringOperatorFamily]);
 * registry.lookup('StringLike').found; //=> true
 * registry.lookup('stringequals'); //=> { found: false, suggestion: 'StringEquals' }
 * ```
 */
export function createOperatorRegistry(families: readonly OperatorFamilyDeclaration[]): OperatorRegistry {
  const byName = new Map<string, OperatorDefinition>();
  for (const family of families) {
    for (const definition of family.operators) {
      if (byName.has(definition.name)) throw new Error(`duplicate condition operator \`${definition.name}\``);
      byName.set(definition.name, definition);
    }
  }
  for (const definition of byName.values()) {
    if (definition.positiveTwin === undefined) continue;
    const twin = byName.get(definition.positiveTwin);
    if (twin === undefined || twin.negated || twin.family !== definition.family) {
      throw new Error(
        `operator \`${definition.name}\`: positive twin \`${definition.positiveTwin}\` is not registered`,
      );
    }
  }
  const names = Object.freeze([...byName.keys()]);
  const lowerNames = new Map(names.map((name) => [name.toLowerCase(), name]));
  const suggest = (name: string): string | undefined => {
    const lower = name.toLowerCase();
    const sameLetters = lowerNames.get(lower);
    if (sameLetters !== undefined) return sameLetters;
    const threshold = Math.max(2, Math.ceil(lower.length / 3));
    let best: string | undefined;
    let bestDistance = threshold + 1;
    for (const candidate of names) {
      const distance = editDistance(lower, candidate.toLowerCase());
      if (distance < bestDistance) {
        best = candidate;
        bestDistance = distance;
      }
    }
    return best;
  };
  return Object.freeze({
    families: Object.freeze([...families]),
    names: () => names,
    lookup: (name: string): OperatorLookup => {
      const definition = byName.get(name);
      if (definition !== undefined) return { found: true, definition };
      const suggestion = suggest(name);
      return suggestion === undefined ? { found: false } : { found: false, suggestion };
    },
  });
}

/**
 * Every operator family the engine ships, in the order of IAM-SEMANTICS §7.
 *
 * @example
 * ```ts
 * import { DEFAULT_OPERATOR_FAMILIES } from 'iam-policy-evaluator';
 * DEFAULT_OPERATOR_FAMILIES.map((f) => f.family); //=> ['string', 'numeric', 'date', 'bool', 'binary', 'ip', 'arn', 'null']
 * ```
 */
export const DEFAULT_OPERATOR_FAMILIES: readonly OperatorFamilyDeclaration[] = Object.freeze([
  stringOperatorFamily,
  numericOperatorFamily,
  dateOperatorFamily,
  boolOperatorFamily,
  binaryOperatorFamily,
  ipAddressOperatorFamily,
  arnOperatorFamily,
  nullOperatorFamily,
]);

/**
 * The registry of every documented operator (IAM-SEMANTICS §7), built by one explicit call.
 *
 * @example
 * ```ts
 * import { defaultOperatorRegistry } from 'iam-policy-evaluator';
 * defaultOperatorRegistry.names().length; //=> 27
 * defaultOperatorRegistry.lookup('ArnLik'); //=> { found: false, suggestion: 'ArnLike' }
 * ```
 */
export const defaultOperatorRegistry: OperatorRegistry =
  /* @__PURE__ */ createOperatorRegistry(DEFAULT_OPERATOR_FAMILIES);

/**
 * An operator name as written, split into its modifiers.
 *
 * @example
 * ```ts
 * import type { OperatorNameParts } from 'iam-policy-evaluator';
 * import { splitOperatorName } from 'iam-policy-evaluator';
 * const parts: OperatorNameParts = splitOperatorName('ForAnyValue:StringLike');
 * parts.qualifier; //=> 'ForAnyValue'
 * ```
 */
export interface OperatorNameParts {
  readonly qualifier?: SetQualifier;
  readonly base: string;
  readonly ifExists: boolean;
}

/**
 * Splits `ForAllValues:StringNotLikeIfExists` into qualifier, base name and `IfExists`. Purely textual: the prefixes
 * `ForAllValues:` and `ForAnyValue:` and the suffix `IfExists` are recognised only in their documented spelling;
 * anything else stays in `base`, where the registry lookup rejects it with a suggestion.
 *
 * @example
 * ```ts
 * import { splitOperatorName } from 'iam-policy-evaluator';
 * splitOperatorName('ForAllValues:StringNotLikeIfExists'); //=> { qualifier: 'ForAllValues', base: 'StringNotLike', ifExists: true }
 * splitOperatorName('NullIfExists'); //=> { base: 'Null', ifExists: true }
 * ```
 */
export function splitOperatorName(written: string): OperatorNameParts {
  let rest = written;
  let qualifier: SetQualifier | undefined;
  for (const candidate of ['ForAllValues', 'ForAnyValue'] as const) {
    if (rest.startsWith(`${candidate}:`)) {
      qualifier = candidate;
      rest = rest.slice(candidate.length + 1);
      break;
    }
  }
  const ifExists = rest.length > 'IfExists'.length && rest.endsWith('IfExists');
  const base = ifExists ? rest.slice(0, -'IfExists'.length) : rest;
  return qualifier === undefined ? { base, ifExists } : { qualifier, base, ifExists };
}
