import { describeResourceTypes, fitWithoutTrailingWildcard } from '../catalogue/resource-fit.js';
import type { Catalogue, CatalogueAction, CatalogueConditionKey } from '../model/catalogue.js';
import { isMultivaluedKey } from '../conditions/context-keys.js';
import type { OperatorFamily } from '../conditions/define-operator.js';
import type { OperatorRegistry } from '../conditions/registry.js';
import { splitOperatorName } from '../conditions/registry.js';
import { matchWildcard } from '../matching/wildcard.js';
import type { IssueSink } from './issue-sink.js';
import { MESSAGES } from './messages.js';
import type { ParsedConditionKey, ParsedStatement, ParsedString } from './parsed-policy.js';

/**
 * The operator families each key type is read by without surprise (CAT-9). String operators compare any value's
 * text, so they fit every type; `Null` tests presence only.
 */
const FAMILIES_BY_TYPE: Readonly<Record<string, readonly OperatorFamily[]>> = {
  String: ['string', 'arn'],
  ARN: ['string', 'arn'],
  Numeric: ['string', 'numeric'],
  Date: ['string', 'date', 'numeric'],
  Bool: ['string', 'bool'],
  IPAddress: ['string', 'ip'],
  Binary: ['string', 'binary'],
};

function familiesOf(type: string): readonly OperatorFamily[] | undefined {
  const scalar = type.startsWith('ArrayOf') ? type.slice('ArrayOf'.length) : type;
  return Object.hasOwn(FAMILIES_BY_TYPE, scalar) ? FAMILIES_BY_TYPE[scalar] : undefined;
}

const hasWildcard = (text: string): boolean => text.includes('*') || text.includes('?');

/** What the statement's `Action` names, once: exact actions found, and whether anything could be any action. */
interface StatementActions {
  /** Every catalogue action the element covers (patterns expanded); undefined when it covers all or is `NotAction`. */
  readonly covered: readonly CatalogueAction[] | undefined;
}

function checkActionName(entry: ParsedString, catalogue: Catalogue, sink: IssueSink): readonly CatalogueAction[] {
  const value = entry.value;
  if (value === '*') return [];
  const colon = value.indexOf(':');
  // Malformed names are the grammar's `invalid_action`.
  if (colon <= 0) return [];
  const prefix = value.slice(0, colon);
  if (!hasWildcard(prefix) && !catalogue.hasService(prefix)) {
    const service = catalogue.suggestService(prefix, value.slice(colon + 1));
    const suggestion = service === undefined ? undefined : `${service}:${value.slice(colon + 1)}`;
    const fixed = suggestion === undefined ? undefined : (catalogue.action(suggestion)?.id ?? suggestion);
    sink.warning('invalid_service_in_action', entry.span, MESSAGES.unknownService(value, prefix, service), fixed);
    return [];
  }
  if (hasWildcard(value)) {
    const covered = catalogue.expandActions(value);
    if (covered.length === 0)
      sink.warning('action_pattern_matches_nothing', entry.span, MESSAGES.patternMatchesNothing(value));
    return covered;
  }
  const action = catalogue.action(value);
  if (action === undefined) {
    const suggestion = catalogue.suggestAction(value);
    sink.warning('unknown_action', entry.span, MESSAGES.unknownCatalogueAction(value, suggestion), suggestion);
    return [];
  }
  return [action];
}

/** CAT-4, CAT-5: an exact action whose resource types no `Resource` of the statement can name. */
function checkResourceFit(
  statement: ParsedStatement,
  entry: ParsedString,
  action: CatalogueAction,
  catalogue: Catalogue,
  sink: IssueSink,
): void {
  const resource = statement.resource;
  if (resource === undefined || resource.negated || resource.values.length === 0) return;
  const patterns = resource.values.map((value) => value.value);
  if (action.resourceTypes.length === 0) {
    // The request names `*` for such an action: only a pattern matching `*` itself can apply.
    if (!patterns.some((pattern) => matchWildcard(pattern, '*'))) {
      sink.warning('wildcard_only_action_with_resource', entry.span, MESSAGES.wildcardOnlyAction(action.id));
    }
    return;
  }
  if (patterns.some((pattern) => catalogue.resourcePatternFits(action.id, pattern))) return;
  const suggestion = fitWithoutTrailingWildcard(catalogue, action.id, patterns);
  sink.warning(
    'unsupported_resource_for_action',
    entry.span,
    MESSAGES.resourceNeverFits(action.id, patterns, describeResourceTypes(action.resourceTypes)),
    suggestion,
  );
}

function readActions(statement: ParsedStatement, catalogue: Catalogue, sink: IssueSink): StatementActions {
  const covered: CatalogueAction[] = [];
  let all = statement.action.negated;
  for (const entry of statement.action.values) {
    if (entry.value === '*') all = true;
    const found = checkActionName(entry, catalogue, sink);
    covered.push(...found);
    const exact = found.length === 1 && !hasWildcard(entry.value) ? found[0] : undefined;
    if (exact !== undefined && !statement.action.negated) checkResourceFit(statement, entry, exact, catalogue, sink);
  }
  return { covered: all ? undefined : covered };
}

function checkKey(
  entry: ParsedConditionKey,
  operator: string,
  actions: StatementActions,
  context: { readonly catalogue: Catalogue; readonly sink: IssueSink; readonly registry: OperatorRegistry },
): void {
  const { catalogue, sink, registry } = context;
  const colon = entry.key.indexOf(':');
  if (colon <= 0) return;
  const prefix = entry.key.slice(0, colon).toLowerCase();
  const global = prefix === 'aws';
  // Keys of prefixes the catalogue does not describe (OIDC providers by host name) are not judged.
  if (!catalogue.knowsKeyPrefix(prefix)) return;
  const key: CatalogueConditionKey | undefined = catalogue.conditionKey(entry.key);
  if (key === undefined) {
    // A misspelt `aws:` key is the grammar's `unknown_global_condition_key`. Identity-provider prefixes (`saml:`,
    // `token.actions.githubusercontent.com:`) carry generic OIDC and SAML claims the catalogue does not all list.
    if (global || !catalogue.hasService(prefix)) return;
    const suggestion = catalogue.suggestConditionKey(entry.key);
    sink.warning(
      'invalid_service_condition_key',
      entry.span,
      MESSAGES.unknownServiceKey(entry.key, suggestion),
      suggestion,
    );
    return;
  }
  if (key.service !== undefined && actions.covered !== undefined && actions.covered.length > 0) {
    if (!actions.covered.some((action) => catalogue.actionSupportsKey(action.id, entry.key))) {
      const names = actions.covered.map((action) => action.id);
      sink.warning('unsupported_action_for_condition_key', entry.span, MESSAGES.keyNotSupported(entry.key, names));
    }
  }
  const parts = splitOperatorName(operator);
  const lookup = registry.lookup(parts.base);
  if (!lookup.found) return;
  const definition = lookup.definition;
  const families = familiesOf(key.type);
  if (definition.family !== 'null' && families !== undefined && !families.includes(definition.family)) {
    sink.warning('condition_type_mismatch', entry.span, MESSAGES.typeMismatch(entry.key, key.type, operator));
  }
  // The engine's own table already judges the keys it knows (missing_qualifier, for_all_values_single_valued_key).
  const judged = global || isMultivaluedKey(entry.key);
  if (definition.family === 'null' || !definition.acceptsQualifier) return;
  if (key.multivalued && parts.qualifier === undefined && !judged) {
    sink.warning(
      'missing_qualifier',
      entry.span,
      MESSAGES.missingQualifier(entry.key, operator.replace(/IfExists$/, '')),
    );
  } else if (!key.multivalued && parts.qualifier === 'ForAllValues' && !global) {
    sink.warning('for_all_values_single_valued_key', entry.span, MESSAGES.forAllValuesSingleValued(entry.key));
  } else if (!key.multivalued && parts.qualifier === 'ForAnyValue') {
    sink.warning('for_any_value_single_valued_key', entry.span, MESSAGES.forAnyValueSingleValued(entry.key, operator));
  }
}

/**
 * Checks the statements of a readable policy against AWS's service catalogue (docs/catalogue.md, CAT-1…CAT-9):
 * unknown services, actions and condition keys with the nearest name, patterns that match no action, actions whose
 * resource types no `Resource` can name, keys no action of the statement supports, set qualifiers judged by the key's
 * real type, and operators that do not fit the key's type. Every finding is a warning: such a policy is valid IAM, it
 * just never matches where its author meant it to.
 */
export function checkAgainstCatalogue(
  statements: readonly ParsedStatement[],
  context: { readonly catalogue: Catalogue; readonly sink: IssueSink; readonly registry: OperatorRegistry },
): void {
  for (const statement of statements) {
    const actions = readActions(statement, context.catalogue, context.sink);
    for (const block of statement.conditions) {
      for (const entry of block.keys) checkKey(entry, block.operator, actions, context);
    }
  }
}
