import type { Template, TemplatePart } from '../model/normalized-policy.js';

/** A grammar error in a `${…}` variable (IAM-SEMANTICS PV-6), at a 0-based index of the string. */
export interface TemplateError {
  readonly reason: 'missing_brace' | 'missing_quote' | 'space' | 'empty' | 'bad_name';
  readonly index: number;
  /** The variable text as written, from `${` on. */
  readonly text: string;
}

/** A parsed template, or every grammar error found in it. */
export type TemplateParseResult =
  | { readonly ok: true; readonly template: Template }
  | { readonly ok: false; readonly errors: readonly [TemplateError, ...TemplateError[]] };

/** Characters a variable name may hold: key names and tag keys (`aws:PrincipalTag/cost-center`). */
function isNameChar(c: number): boolean {
  return (
    (c >= 0x30 && c <= 0x39) ||
    (c >= 0x41 && c <= 0x5a) ||
    (c >= 0x61 && c <= 0x7a) ||
    c === 0x3a || // :
    c === 0x2f || // /
    c === 0x5f || // _
    c === 0x2d || // -
    c === 0x2e || // .
    c === 0x40 || // @
    c === 0x2b || // +
    c === 0x3d // =
  );
}

function isSpace(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d || c === 0xa0;
}

/** A template without variables: the whole string is literal text (G-9). */
export function literalTemplate(raw: string): Template {
  return { raw, parts: raw === '' ? [] : [{ kind: 'text', text: raw }], hasVariables: false };
}

/**
 * Splits a string into literal text, escapes (`${*}`, `${?}`, `${$}`) and variables (`${key}`,
 * `${key, 'default'}`), once (IAM-SEMANTICS §8). Variable keys are lower-cased (PV-1); `name` keeps the spelling.
 * With `enabled` false (Version other than `2012-10-17`, G-9) the whole string is literal. Linear in the string.
 * For example `arn:aws:s3:::b/${aws:username}/*` gives the parts: text `arn:aws:s3:::b/`, variable `aws:username`,
 * text `/*`.
 */
export function parseTemplate(raw: string, enabled: boolean): TemplateParseResult {
  if (!enabled || !raw.includes('${')) return { ok: true, template: literalTemplate(raw) };
  const parts: TemplatePart[] = [];
  const errors: TemplateError[] = [];
  let hasVariables = false;
  let textStart = 0;
  let i = 0;
  const flush = (end: number): void => {
    if (end > textStart) {
      const previous = parts[parts.length - 1];
      const text = raw.slice(textStart, end);
      if (previous?.kind === 'text') parts[parts.length - 1] = { kind: 'text', text: previous.text + text };
      else parts.push({ kind: 'text', text });
    }
  };
  while (i < raw.length) {
    if (raw.charCodeAt(i) !== 0x24 || raw.charCodeAt(i + 1) !== 0x7b) {
      i++;
      continue;
    }
    flush(i);
    // Find the closing brace; a quoted default may itself hold `}`.
    let j = i + 2;
    let inQuote = false;
    while (j < raw.length && (inQuote || raw.charCodeAt(j) !== 0x7d)) {
      if (raw.charCodeAt(j) === 0x27) inQuote = !inQuote;
      j++;
    }
    if (j >= raw.length) {
      errors.push({ reason: inQuote ? 'missing_quote' : 'missing_brace', index: i, text: raw.slice(i) });
      textStart = raw.length;
      i = raw.length;
      break;
    }
    const body = raw.slice(i + 2, j);
    const text = raw.slice(i, j + 1);
    if (body === '*' || body === '?' || body === '$') {
      parts.push({ kind: 'escape', char: body });
    } else {
      const comma = body.indexOf(',');
      const name = comma < 0 ? body : body.slice(0, comma);
      let failed = false;
      if (body.trim() === '' || name.trim() === '') {
        errors.push({ reason: 'empty', index: i, text });
        failed = true;
      } else {
        for (let k = 0; k < name.length; k++) {
          const c = name.charCodeAt(k);
          if (isSpace(c)) {
            errors.push({ reason: 'space', index: i, text });
            failed = true;
            break;
          }
          if (!isNameChar(c)) {
            errors.push({ reason: 'bad_name', index: i, text });
            failed = true;
            break;
          }
        }
      }
      let defaultValue: string | undefined;
      if (!failed && comma >= 0) {
        // `${key, 'default'}`: a comma, at most one space, then one single-quoted literal.
        let rest = body.slice(comma + 1);
        if (rest.startsWith(' ')) rest = rest.slice(1);
        const closing = rest.indexOf("'", 1);
        if (rest.length < 2 || !rest.startsWith("'") || closing !== rest.length - 1) {
          errors.push({ reason: isSpace(rest.charCodeAt(0)) ? 'space' : 'missing_quote', index: i, text });
          failed = true;
        } else {
          defaultValue = rest.slice(1, -1);
        }
      }
      if (!failed) {
        hasVariables = true;
        parts.push(
          defaultValue === undefined
            ? { kind: 'variable', key: name.toLowerCase(), name }
            : { kind: 'variable', key: name.toLowerCase(), name, defaultValue },
        );
      }
    }
    i = j + 1;
    textStart = i;
  }
  flush(raw.length);
  const [first, ...others] = errors;
  if (first !== undefined) return { ok: false, errors: [first, ...others] };
  return { ok: true, template: { raw, parts, hasVariables } };
}
