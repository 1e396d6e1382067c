import { isMultivaluedKey } from '../conditions/context-keys.js';
import { parseDateValue } from '../conditions/operators/date.js';
import { parseNumericValue } from '../conditions/operators/numeric.js';
import { epochMillisToIso } from '../request/instant.js';
import type { ConditionTrace } from '../model/evaluation-result.js';
import type { ContextScalar, ContextValue } from '../model/request.js';

/** A context change to try: a candidate until re-evaluation verifies it. */
export interface CandidateChange {
  readonly key: string;
  readonly kind: 'set' | 'remove';
  readonly value?: ContextValue;
  readonly description: string;
}

type Family = 'string' | 'numeric' | 'date' | 'bool' | 'binary' | 'ip' | 'arn' | 'null';

function familyOf(baseOperator: string): Family {
  if (baseOperator.startsWith('String')) return 'string';
  if (baseOperator.startsWith('Numeric')) return 'numeric';
  if (baseOperator.startsWith('Date')) return 'date';
  if (baseOperator === 'Bool') return 'bool';
  if (baseOperator.startsWith('Binary')) return 'binary';
  if (baseOperator.endsWith('IpAddress')) return 'ip';
  if (baseOperator.startsWith('Arn')) return 'arn';
  if (baseOperator === 'Null') return 'null';
  return 'string';
}

function hasWildcard(text: string): boolean {
  return text.includes('*') || text.includes('?');
}

const code = (value: ContextScalar): string => `\`${String(value)}\``;
const list = (values: readonly ContextScalar[]): string => values.map(code).join(', ');

/**
 * A concrete value matching a wildcard pattern. In an ARN, a component that is a bare `*` takes the request's own
 * component (its account, its region) so the example reads naturally; elsewhere `*` becomes `example` and `?` `x`.
 */
export function instantiatePattern(pattern: string, current?: ContextScalar): string {
  if (!hasWildcard(pattern)) return pattern;
  const fill = (text: string): string => text.replaceAll('*', 'example').replaceAll('?', 'x');
  if (pattern.startsWith('arn:')) {
    const parts = pattern.split(':');
    const head = parts.slice(0, 5);
    const resource = parts.slice(5).join(':');
    const own = typeof current === 'string' && current.startsWith('arn:') ? current.split(':') : [];
    const filled = head.map((component, i) => {
      if (!hasWildcard(component)) return component;
      const mine = own[i];
      return component === '*' && mine !== undefined ? mine : fill(component);
    });
    return [...filled, fill(resource)].join(':');
  }
  return fill(pattern);
}

/** Values of the family that differ from every policy value, for statements that need the key not to match. */
function otherValues(family: Family, policyValues: readonly string[]): ContextScalar[] {
  switch (family) {
    case 'string':
      return ['other-value'];
    case 'arn':
      return ['arn:aws:iam::000000000000:role/other'];
    case 'bool':
      return [true, false];
    case 'binary':
      return ['b3RoZXI='];
    case 'ip':
      return ['192.0.2.1', '2001:db8::1'];
    case 'numeric':
      return policyValues.flatMap((p) => {
        const n = parseNumericValue(p);
        return n.ok ? [n.value - 1, n.value, n.value + 1] : [];
      });
    case 'date':
      return policyValues.flatMap((p) => {
        const d = parseDateValue(p);
        return d.ok ? [d.value - 1000, d.value, d.value + 1000].map(epochMillisToIso) : [];
      });
    case 'null':
      return [];
  }
}

/** A policy value as a concrete request value of its family. */
function asRequestValue(family: Family, policyValue: string, current?: ContextScalar): ContextScalar {
  if (family === 'bool') return policyValue.toLowerCase() === 'true';
  if (family === 'ip') {
    const slash = policyValue.indexOf('/');
    return slash < 0 ? policyValue : policyValue.slice(0, slash);
  }
  if (family === 'string' || family === 'arn') return instantiatePattern(policyValue, current);
  return policyValue;
}

function describeSet(key: string, family: Family, policyValue: string, value: ContextScalar): string {
  if ((family === 'string' || family === 'arn') && hasWildcard(policyValue)) {
    return `\`${key}\` matching \`${policyValue}\` (e.g. ${code(value)})`;
  }
  if (family === 'ip' && policyValue.includes('/')) return `\`${key}\` inside \`${policyValue}\` (e.g. ${code(value)})`;
  return `\`${key}\` = ${code(value)}`;
}

/** How a value unlike every policy value is described, without the key: `other than …`, `not matching …`. */
function otherPhrase(
  family: Family,
  negated: boolean,
  baseOperator: string,
  policyValues: readonly string[],
  value: ContextScalar,
): string {
  const like = baseOperator.includes('Like') || (family === 'arn' && policyValues.some(hasWildcard));
  if (family === 'string' || family === 'arn')
    return like ? `not matching ${list(policyValues)}` : `other than ${list(policyValues)}`;
  if (family === 'ip' && !negated) return `outside ${list(policyValues)} (e.g. ${code(value)})`;
  return `= ${code(value)}`;
}

function dedupe(candidates: CandidateChange[]): CandidateChange[] {
  const seen = new Set<string>();
  return candidates.filter((c) => {
    const id = `${c.kind}\u0000${JSON.stringify(c.value ?? null)}`;
    if (seen.has(id)) return false;
    seen.add(id);
    return true;
  });
}

/**
 * Context changes that could flip one condition, derived from its operator and its policy values: each policy value
 * itself (wildcards filled in), a value unlike all of them, the key removed, and for multivalued keys the request's
 * list with a policy value added, the matching values dropped, or no values at all. These are only candidates:
 * the caller keeps those that re-evaluation proves.
 */
export function candidateChanges(condition: ConditionTrace, currentValue: ContextValue | undefined): CandidateChange[] {
  const family = familyOf(condition.baseOperator);
  const key = condition.key;
  const negated = condition.baseOperator.includes('Not');
  const present = currentValue !== undefined;
  const currentList: readonly ContextScalar[] =
    currentValue === undefined
      ? []
      : Array.isArray(currentValue)
        ? (currentValue as readonly ContextScalar[])
        : [currentValue as ContextScalar];
  const first = currentList[0] ?? condition.requestValues[0];
  const multivalued = condition.qualifier !== undefined || Array.isArray(currentValue) || isMultivaluedKey(key);
  const out: CandidateChange[] = [];
  const policyValues = condition.policyValues;

  if (family === 'null') {
    if (present) out.push({ key, kind: 'remove', description: `no \`${key}\` in the request` });
    else out.push({ key, kind: 'set', value: 'example', description: `\`${key}\` present (any value)` });
    return out;
  }

  if (multivalued) {
    for (const p of policyValues) {
      const v = asRequestValue(family, p, first);
      const shown = hasWildcard(p) && (family === 'string' || family === 'arn') ? `a value matching \`${p}\`` : code(v);
      if (currentList.length > 0 && !currentList.includes(v)) {
        out.push({ key, kind: 'set', value: [...currentList, v], description: `\`${key}\` including ${shown}` });
      } else {
        out.push({ key, kind: 'set', value: [v], description: `\`${key}\` with only ${shown}` });
      }
    }
    const kept = currentList.filter((v) => !condition.matchedRequestValues.includes(v));
    if (kept.length < currentList.length && kept.length > 0) {
      const dropped = currentList.filter((v) => condition.matchedRequestValues.includes(v));
      out.push({ key, kind: 'set', value: kept, description: `\`${key}\` without ${list(dropped)}` });
    }
    for (const other of otherValues(family, policyValues).slice(0, 1)) {
      const phrase = otherPhrase(family, negated, condition.baseOperator, policyValues, other);
      const description = phrase.startsWith('=')
        ? `\`${key}\` with only ${code(other)}`
        : `\`${key}\` with only values ${phrase}`;
      out.push({ key, kind: 'set', value: [other], description });
    }
    out.push({ key, kind: 'set', value: [], description: `\`${key}\` with an empty list of values` });
    if (present) out.push({ key, kind: 'remove', description: `no \`${key}\` in the request` });
    return dedupe(out);
  }

  for (const p of policyValues) {
    const v = asRequestValue(family, p, first);
    out.push({ key, kind: 'set', value: v, description: describeSet(key, family, p, v) });
  }
  for (const other of otherValues(family, policyValues)) {
    const description = `\`${key}\` ${otherPhrase(family, negated, condition.baseOperator, policyValues, other)}`;
    out.push({ key, kind: 'set', value: other, description });
  }
  if (present) out.push({ key, kind: 'remove', description: `no \`${key}\` in the request` });
  return dedupe(out);
}
