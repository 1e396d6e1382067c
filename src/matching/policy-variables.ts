import type { Template } from '../model/normalized-policy.js';
import type { RequestContextView } from '../model/request.js';
import type { WildcardPiece } from './wildcard.js';

/**
 * Policy variables (IAM-SEMANTICS §8), resolved per request from a Template the normalizer built once.
 *
 * [X] choices (docs/condition-operators.md):
 * - PV-8: a substituted value (and a `'default'`) is literal text: a `*` or `?` in a tag value never acts as a
 *   wildcard. The option `substitutedValuesAreWildcards` restores the other reading.
 * - PV-4: a key that is multivalued in the request context is refused as a variable: the template is unresolved
 *   (its default is not used), exactly as for a missing key without default.
 * - PV-6: a present key with the empty string is substituted as empty; only an absent key (or one with no value)
 *   takes the default.
 */

/**
 * How substituted values behave.
 *
 * @example
 * ```ts
 * import type { TemplateOptions } from 'iam-policy-evaluator';
 * import { createRequestContext, resolveTemplate } from 'iam-policy-evaluator';
 * const options: TemplateOptions = { substitutedValuesAreWildcards: true };
 * const template = { raw: '${aws:username}', hasVariables: true, parts: [{ kind: 'variable', key: 'aws:username', name: 'aws:username' }] } as const;
 * const r = resolveTemplate(template, createRequestContext({ 'aws:username': 'a*' }), options);
 * r.ok && r.pieces; //=> [{ text: 'a*', literal: false }]
 * ```
 */
export interface TemplateOptions {
  /** PV-8 [X]: when true, `*` and `?` inside substituted values act as wildcards. Default false. */
  readonly substitutedValuesAreWildcards?: boolean;
}

/**
 * A template after substitution.
 *
 * @example
 * ```ts
 * import type { TemplateResolution } from 'iam-policy-evaluator';
 * import { createRequestContext, resolveTemplate } from 'iam-policy-evaluator';
 * const template = { raw: '${aws:username}', hasVariables: true, parts: [{ kind: 'variable', key: 'aws:username', name: 'aws:username' }] } as const;
 * const r: TemplateResolution = resolveTemplate(template, createRequestContext({}));
 * r.ok; //=> false
 * ```
 */
export type TemplateResolution =
  | {
      readonly ok: true;
      /** Text pieces: `text` parts keep their wildcards, escapes and substituted values are literal. */
      readonly pieces: readonly WildcardPiece[];
      /** The resolved value as one string, for traces. */
      readonly text: string;
      /** IAM-SEMANTICS [X] items the substitution relied on (`PV-6`, `PV-8`). */
      readonly choices: readonly string[];
    }
  | {
      readonly ok: false;
      /** The raw template text, for traces. */
      readonly text: string;
      /** Why, e.g. ``variable `aws:username` is missing`` (PV-5). */
      readonly reason: string;
      readonly choices: readonly string[];
    };

/**
 * Substitutes `${key}` and `${key, 'default'}` from the request context (keys case-insensitive, PV-1) and turns
 * `${*}`, `${?}`, `${$}` into literal characters (PV-7). An unresolved template (PV-5) matches no value: the caller
 * makes the Resource entry match nothing, a positive condition value not match, and a negated one hold.
 *
 * @example
 * ```ts
 * import { createRequestContext, resolveTemplate } from 'iam-policy-evaluator';
 * const template = {
 *   raw: 'home/${aws:username}/${*}',
 *   hasVariables: true,
 *   parts: [
 *     { kind: 'text', text: 'home/' },
 *     { kind: 'variable', key: 'aws:username', name: 'aws:username' },
 *     { kind: 'text', text: '/' },
 *     { kind: 'escape', char: '*' },
 *   ],
 * } as const;
 * const r = resolveTemplate(template, createRequestContext({ 'aws:username': 'ana' }));
 * r.text; //=> 'home/ana/*'
 * r.ok && r.pieces.at(-1); //=> { text: '*', literal: true }
 * ```
 */
export function resolveTemplate(
  template: Template,
  context: RequestContextView,
  options: TemplateOptions = {},
): TemplateResolution {
  const literalValues = options.substitutedValuesAreWildcards !== true;
  const pieces: WildcardPiece[] = [];
  const choices = new Set<string>();
  for (const part of template.parts) {
    switch (part.kind) {
      case 'text':
        pieces.push({ text: part.text, literal: false });
        break;
      case 'escape':
        pieces.push({ text: part.char, literal: true });
        break;
      case 'variable': {
        const entry = context.get(part.key);
        if (entry !== undefined && entry.multivalued) {
          return {
            ok: false,
            text: template.raw,
            reason: `variable \`${part.name}\` is multivalued and cannot be substituted`,
            choices: ['PV-4'],
          };
        }
        const first = entry?.values[0];
        let value: string;
        if (first !== undefined) {
          value = String(first);
          if (value === '' && part.defaultValue !== undefined) choices.add('PV-6');
        } else if (part.defaultValue !== undefined) {
          value = part.defaultValue;
        } else {
          return { ok: false, text: template.raw, reason: `variable \`${part.name}\` is missing`, choices: [] };
        }
        if (value.includes('*') || value.includes('?')) choices.add('PV-8');
        pieces.push({ text: value, literal: literalValues });
        break;
      }
    }
  }
  return { ok: true, pieces, text: pieces.map((piece) => piece.text).join(''), choices: [...choices].sort() };
}

/**
 * Every context key a template reads, lower-cased, in order of appearance.
 *
 * @example
 * ```ts
 * import { templateKeys } from 'iam-policy-evaluator';
 * templateKeys({ raw: '${aws:username}', hasVariables: true, parts: [{ kind: 'variable', key: 'aws:username', name: 'aws:username' }] }); //=> ['aws:username']
 * ```
 */
export function templateKeys(template: Template): readonly string[] {
  return template.parts.flatMap((part) => (part.kind === 'variable' ? [part.key] : []));
}

/**
 * A template's pieces as written, nothing substituted: `text` parts keep their wildcards, escapes are literal (PV-7).
 * For templates without variables, whose pieces can be compiled once.
 */
export function templatePieces(template: Template): WildcardPiece[] {
  return template.parts.map((part) =>
    part.kind === 'text'
      ? { text: part.text, literal: false }
      : part.kind === 'escape'
        ? { text: part.char, literal: true }
        : { text: part.name, literal: false },
  );
}
