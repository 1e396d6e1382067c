// A tiny element builder: the page is small enough that a framework would only add weight.
import { withoutRuleIds } from './rule-ids.js';

type Child = Node | string | number | false | null | undefined;
/** Children nest: arrays are flattened in order. */
export type Children = Child | readonly Children[];
type Attrs = Record<string, string | number | boolean | undefined | null | EventListener>;

/** Creates an element; `on…` attributes that hold functions become listeners, `false`/`null` attributes are left out. */
export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Attrs | null = null,
  ...children: Children[]
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  if (attrs) {
    for (const [name, value] of Object.entries(attrs)) {
      if (value === undefined || value === null || value === false) continue;
      if (typeof value === 'function') {
        el.addEventListener(name.slice(2).toLowerCase(), value);
      } else if (name === 'className') {
        el.className = String(value);
      } else if (value === true) {
        el.setAttribute(name, '');
      } else {
        el.setAttribute(name, String(value));
      }
    }
  }
  append(el, children);
  return el;
}

// Array.isArray does not narrow readonly arrays.
const isList = (c: Children): c is readonly Children[] => Array.isArray(c);

function append(parent: Node, children: readonly Children[]): void {
  for (const child of children) {
    if (isList(child)) append(parent, child);
    else if (child === false || child === null || child === undefined) continue;
    else parent.appendChild(typeof child === 'object' ? child : document.createTextNode(String(child)));
  }
}

/** Replaces every child of `parent`. */
export function replaceChildren(parent: Element, ...children: Children[]): void {
  parent.replaceChildren();
  append(parent, children);
}

let idCounter = 0;
/** A document-unique id for label/aria wiring. */
export function uid(prefix: string): string {
  idCounter += 1;
  return `${prefix}-${idCounter}`;
}

/**
 * The library's messages as the page shows them: the rule ids they cite are left out (rule-ids.ts), and user input,
 * quoted in backticks, becomes `<code>`.
 */
export function prose(text: string): Children[] {
  return withoutRuleIds(text)
    .split('`')
    .map((part, i) => (i % 2 === 1 ? h('code', null, breakable(part)) : part));
}

/**
 * Text split after its separators: each run of `:` and `/` ends a part and is followed by a `<wbr>`, so that
 * `aws:PrincipalTag/CostCenter` or an ARN can break between its parts. In the condition table the parts themselves
 * never break (styles.css), not even at a hyphen: the table scrolls sideways instead.
 */
export function breakable(text: string): Children[] {
  return text
    .split(/(?<=[:/])(?=[^:/])/)
    .map((part, i) => [i === 0 ? null : h('wbr'), h('span', { className: 'part' }, part)]);
}
