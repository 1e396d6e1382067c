import { fitWithoutTrailingWildcard } from '../catalogue/resource-fit.js';
import type { Catalogue } from '../model/catalogue.js';
import type { EvaluationResult, StatementTrace } from '../model/evaluation-result.js';
import type { EvaluationInput } from '../model/request.js';
import { describeRef } from './describe.js';

/** The values an element lists, read back from its source text (`"a"` or `["a", "b"]`); empty when unreadable. */
export function listedValues(raw: string | undefined): readonly string[] {
  if (raw === undefined) return [];
  try {
    const value: unknown = JSON.parse(raw);
    if (typeof value === 'string') return [value];
    if (Array.isArray(value)) return value.filter((item): item is string => typeof item === 'string');
  } catch {
    // A shortened excerpt (`…`): nothing to read.
  }
  return [];
}

/**
 * CAT-4 in an explanation: a statement whose Action covers the request but whose Resource can never name what the
 * action acts on. Returns the sentence to add to its near miss, or undefined.
 */
export function resourceNearMiss(
  statement: StatementTrace,
  input: EvaluationInput,
  listed: string | undefined,
  catalogue: Catalogue | undefined,
): string | undefined {
  if (catalogue === undefined || !statement.action.matched || statement.resource === undefined) return undefined;
  if (statement.resource.matched || statement.resource.element !== 'Resource') return undefined;
  const action = catalogue.action(input.request.action);
  if (action === undefined || action.resourceTypes.length === 0) return undefined;
  const patterns = listedValues(listed);
  if (patterns.length === 0 || patterns.some((pattern) => catalogue.resourcePatternFits(action.id, pattern))) {
    return undefined;
  }
  const needs = action.resourceTypes
    .slice(0, 3)
    .map((type) => `the ${type.name} ARN \`${type.arnFormat}\``)
    .join(' or ');
  const trimmed = fitWithoutTrailingWildcard(catalogue, action.id, patterns);
  return (
    `the statement grants \`${action.id}\` on ${patterns.map((p) => `\`${p}\``).join(', ')}, but ${action.name} needs ` +
    `${needs}` +
    (trimmed === undefined ? '' : `: \`${trimmed}\``)
  );
}

/** "`s3:Get*` matched `s3:GetObject` (one of 63 actions it covers)", for each statement that decided or allowed. */
function coverageNotes(input: EvaluationInput, catalogue: Catalogue, statements: readonly StatementTrace[]): string[] {
  const notes: string[] = [];
  const seen = new Set<string>();
  for (const statement of statements) {
    const where = describeRef(statement.ref);
    // The deciding statement is also among the allowing ones.
    if (seen.has(where)) continue;
    seen.add(where);
    const pattern = statement.action.matchedValue;
    if (pattern === undefined || statement.action.element !== 'Action') continue;
    if (!pattern.includes('*') && !pattern.includes('?')) continue;
    const covered = catalogue.expandActions(pattern);
    const action = catalogue.action(input.request.action)?.id ?? input.request.action;
    const count = covered.length === 1 ? 'the one action it covers' : `one of ${covered.length} actions it covers`;
    notes.push(`${where}: \`${pattern}\` matched \`${action}\` (${count})`);
  }
  return notes;
}

/** The missing keys no action of the request supports: conditions on them see them missing whatever is sent. */
function unsupportedMissingKeys(result: EvaluationResult, input: EvaluationInput, catalogue: Catalogue): string[] {
  const action = catalogue.action(input.request.action);
  if (action === undefined) return [];
  return result.missingContextKeys
    .filter((key) => catalogue.conditionKey(key)?.service !== undefined)
    .filter((key) => !catalogue.actionSupportsKey(action.id, key))
    .map((key) => `\`${key}\`: \`${action.id}\` requests never carry it, so a condition on it always sees it missing`);
}

/**
 * What the catalogue adds to an explanation (CAT-10): what each deciding wildcard covered, the request warnings it
 * gave, and missing keys the action never carries. Empty without a catalogue.
 */
export function catalogueNotes(
  result: EvaluationResult,
  input: EvaluationInput,
  catalogue: Catalogue | undefined,
  statements: readonly StatementTrace[],
): readonly string[] {
  if (catalogue === undefined) return [];
  const warnings = (result.warnings ?? [])
    .filter((warning) => warning.code.startsWith('request_resource') || warning.code === 'unknown_request_action')
    .map((warning) => warning.message);
  return [
    ...warnings,
    ...coverageNotes(input, catalogue, statements),
    ...unsupportedMissingKeys(result, input, catalogue),
  ];
}
