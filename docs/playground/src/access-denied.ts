// The AccessDenied box: a pasted message fills the request (parseAccessDenied), and the engine's verdict is set
// against what the message claims.
import type { ParsedAccessDenied } from 'iam-policy-evaluator';
import type { App } from './app.js';
import { h, prose, replaceChildren } from './dom.js';

/** `a service control policy`, `an identity-based policy`. */
export function withArticle(phrase: string): string {
  return `${/^[aeiou]/i.test(phrase) ? 'an' : 'a'} ${phrase}`;
}

/** The library's verdict on a message (`explainAccessDenied`), as the page shows it. */
export interface MessageVerdict {
  agrees: boolean;
  /** Where the engine's verdict differs from the message, and what may be missing. */
  differences: readonly string[];
  /** Assumptions and remarks. */
  notes: readonly string[];
  /** The engine's own wording for its decision, if it denies. */
  engineMessage?: string;
  /** The AWS message as read from the paste, without client prefixes. */
  message: string;
  /** The engine's decision in one line (`explain`'s summary). */
  summary: string;
}

/** Which request fields of the form no longer match the message (the verdict is about the message's request). */
export function fieldsDiffering(
  parsed: ParsedAccessDenied,
  request: { principal: string; action: string; resource: string },
): string[] {
  const differs: string[] = [];
  if (parsed.principal !== request.principal.trim()) differs.push('principal');
  if (parsed.action.toLowerCase() !== request.action.trim().toLowerCase()) differs.push('action');
  if (parsed.resource !== undefined && parsed.resource !== request.resource.trim()) differs.push('resource');
  return differs;
}

export class AccessDeniedBox {
  private readonly area: HTMLTextAreaElement;
  private readonly status: HTMLElement;
  private readonly verdict: HTMLElement;
  private parsed: ParsedAccessDenied | undefined;

  constructor(
    root: HTMLElement,
    private readonly app: App,
    private readonly onFilled: (parsed: ParsedAccessDenied) => void,
  ) {
    this.area = h('textarea', {
      id: 'access-denied',
      rows: 3,
      spellcheck: 'false',
      'aria-describedby': 'access-denied-hint',
      placeholder:
        'User: arn:aws:iam::123456789012:user/tester is not authorized to perform: ec2:RunInstances on resource: … with an explicit deny in a service control policy',
      oninput: () => {
        this.app.state.accessDenied = this.area.value;
        void this.read(false).then(() => this.app.changed('accessDenied'));
      },
      onpaste: () => {
        // After the paste has landed in the text area.
        setTimeout(() => void this.read(true), 0);
      },
    });
    this.status = h('div', { id: 'access-denied-status', role: 'status', className: 'status' });
    this.verdict = h('div', { id: 'access-denied-verdict', className: 'verdict', 'aria-live': 'polite' });
    replaceChildren(
      root,
      h(
        'div',
        { className: 'message-grid' },
        h(
          'div',
          null,
          h('label', { for: 'access-denied' }, 'AccessDenied message'),
          h(
            'p',
            { className: 'hint', id: 'access-denied-hint' },
            'Paste the error as you got it (CLI prefix, quotes and encoded messages are fine): it fills the request, and the page says whether the policies agree with it.',
          ),
          this.area,
          h(
            'div',
            { className: 'row' },
            h(
              'button',
              { type: 'button', id: 'read-access-denied', onclick: () => void this.read(true) },
              'Fill the request from the message',
            ),
          ),
        ),
        h('div', null, this.status, this.verdict),
      ),
    );
  }

  /** Shows the state's message (preset, link) and reads it without touching the request. */
  async render(): Promise<void> {
    this.area.value = this.app.state.accessDenied;
    await this.read(false);
  }

  /** Reads the message; with `fill`, copies principal, action and resource into the request. */
  async read(fill: boolean): Promise<void> {
    const text = this.area.value;
    this.app.state.accessDenied = text;
    if (text.trim() === '') {
      this.parsed = undefined;
      replaceChildren(this.status);
      replaceChildren(this.verdict);
      if (fill) this.app.changed('accessDenied');
      return;
    }
    const engine = await this.app.engine;
    const outcome = engine.parseAccessDenied(text);
    if (!outcome.ok) {
      this.parsed = undefined;
      this.status.className = 'status error';
      replaceChildren(
        this.status,
        'The message could not be read: ',
        prose(outcome.error.message),
        ` (line ${outcome.error.line}, column ${outcome.error.column}).`,
      );
      replaceChildren(this.verdict);
      return;
    }
    const parsed = outcome.value;
    this.parsed = parsed;
    this.status.className = 'status';
    const reason =
      parsed.policyType === undefined
        ? 'no reason given'
        : `${parsed.explicit ? 'explicit deny' : 'no allow'} in ${parsed.trustPolicy ? 'the role trust policy' : withArticle(engine.POLICY_TYPE_NAMES[parsed.policyType])}`;
    replaceChildren(
      this.status,
      fill ? 'Filled the request from the message: ' : 'The message reads: ',
      h(
        'span',
        { className: 'mono' },
        `${parsed.principal} → ${parsed.action}${parsed.resource ? ` on ${parsed.resource}` : ''}`,
      ),
      `, ${reason}.`,
      parsed.policyArn ? [' Denying policy: ', h('span', { className: 'mono' }, parsed.policyArn), '.'] : '',
      parsed.encodedAuthorizationMessage
        ? ' The encoded authorization message can be decoded with aws sts decode-authorization-message.'
        : '',
    );
    if (fill) this.onFilled(parsed);
  }

  /** The message as last read, for the engine's verdict. */
  get current(): ParsedAccessDenied | undefined {
    return this.parsed;
  }

  /** Shows the library's verdict on the message (`explainAccessDenied`), or clears it. */
  showVerdict(verdict: MessageVerdict | undefined): void {
    if (!this.parsed || !verdict) {
      replaceChildren(this.verdict);
      return;
    }
    const differing = fieldsDiffering(this.parsed, this.app.state.request);
    const sameWording = verdict.engineMessage !== undefined && verdict.engineMessage === verdict.message;
    this.verdict.className = `verdict ${verdict.agrees ? 'agrees' : 'differs'}`;
    replaceChildren(
      this.verdict,
      h(
        'strong',
        null,
        verdict.agrees ? 'The engine agrees with the message.' : 'The engine does not agree with the message.',
      ),
      h(
        'ul',
        null,
        h('li', null, 'the engine finds: ', prose(verdict.summary)),
        verdict.differences.map((n) => h('li', { className: 'difference' }, prose(n))),
        verdict.notes.map((n) => h('li', null, prose(n))),
        sameWording ? h('li', null, 'the engine renders the very same message') : null,
        differing.length > 0
          ? h(
              'li',
              null,
              `the request in the form differs from the message in its ${differing.join(', ')}: this verdict is about the request the message describes`,
            )
          : null,
      ),
    );
  }
}
