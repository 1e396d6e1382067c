// The request: principal, action, resource, resource account, options, and the context table.
import type { App } from './app.js';
import { h, replaceChildren, uid } from './dom.js';
import { CONTEXT_ROW_TYPES, type ContextRow, type ContextRowType } from './state.js';

type Field = 'principal' | 'action' | 'resource' | 'resourceAccount';

const FIELDS: readonly { field: Field; label: string; placeholder: string; hint?: string }[] = [
  { field: 'principal', label: 'Principal', placeholder: 'arn:aws:iam::123456789012:user/alice' },
  { field: 'action', label: 'Action', placeholder: 's3:GetObject' },
  { field: 'resource', label: 'Resource', placeholder: 'arn:aws:s3:::bucket/key or *' },
  {
    field: 'resourceAccount',
    label: 'Resource account',
    placeholder: 'optional, e.g. 123456789012',
    hint: 'The owning account when the ARN has none (S3 buckets). Empty: not given.',
  },
];

export class RequestForm {
  private readonly inputs = new Map<Field, HTMLInputElement>();
  private readonly nowInput: HTMLInputElement;
  private readonly managementInput: HTMLInputElement;
  private readonly options: HTMLDetailsElement;
  private readonly tableBody: HTMLTableSectionElement;
  private readonly problems: HTMLElement;

  constructor(
    root: HTMLElement,
    private readonly app: App,
  ) {
    const fields = FIELDS.map(({ field, label, placeholder, hint }) => {
      const id = `request-${field}`;
      const hintId = hint ? `${id}-hint` : undefined;
      const input = h('input', {
        id,
        name: field,
        placeholder,
        spellcheck: 'false',
        autocomplete: 'off',
        'aria-describedby': hintId,
        oninput: () => {
          this.app.state.request[field] = input.value;
          this.app.changed('request');
        },
      });
      this.inputs.set(field, input);
      return h(
        'div',
        { className: 'field' },
        h('label', { for: id }, label),
        input,
        hint ? h('small', { id: hintId }, hint) : null,
      );
    });
    this.nowInput = h('input', {
      id: 'option-now',
      placeholder: 'e.g. 2024-05-01T12:00:00Z',
      spellcheck: 'false',
      autocomplete: 'off',
      'aria-describedby': 'option-now-hint',
      oninput: () => {
        this.app.state.options.now = this.nowInput.value;
        this.app.changed('request');
      },
    });
    this.managementInput = h('input', {
      id: 'option-management',
      placeholder: 'optional account id',
      spellcheck: 'false',
      autocomplete: 'off',
      'aria-describedby': 'option-management-hint',
      oninput: () => {
        this.app.state.options.managementAccountId = this.managementInput.value;
        this.app.changed('request');
      },
    });
    this.tableBody = h('tbody');
    this.options = h(
      'details',
      { className: 'options' },
      h('summary', null, 'Options: request time, management account'),
      h(
        'div',
        { className: 'fields' },
        h(
          'div',
          { className: 'field' },
          h('label', { for: 'option-now' }, 'Request time'),
          this.nowInput,
          h(
            'small',
            { id: 'option-now-hint' },
            'Gives aws:CurrentTime and aws:EpochTime; the page never reads the clock.',
          ),
        ),
        h(
          'div',
          { className: 'field' },
          h('label', { for: 'option-management' }, 'Management account'),
          this.managementInput,
          h(
            'small',
            { id: 'option-management-hint' },
            'SCPs do not apply to its principals, RCPs not to its resources.',
          ),
        ),
      ),
    );
    this.problems = h('ul', { className: 'issue-list', id: 'context-problems', 'aria-live': 'polite' });
    replaceChildren(
      root,
      h('div', { className: 'fields' }, fields),
      this.options,
      h(
        'fieldset',
        { className: 'context' },
        h('legend', null, 'Request context'),
        h(
          'p',
          { className: 'hint', id: 'context-hint' },
          'A row typed “absent” is not sent. A list with no values is sent as the empty set []. List values: one per line.',
        ),
        h(
          'div',
          { className: 'table-scroll' },
          h(
            'table',
            { id: 'context-table', 'aria-describedby': 'context-hint' },
            h(
              'thead',
              null,
              h(
                'tr',
                null,
                h('th', { scope: 'col' }, 'Key'),
                h('th', { scope: 'col' }, 'Type'),
                h('th', { scope: 'col' }, 'Values'),
                h('th', { scope: 'col' }, h('span', { className: 'visually-hidden' }, 'Actions')),
              ),
            ),
            this.tableBody,
          ),
        ),
        h(
          'button',
          {
            type: 'button',
            className: 'add',
            id: 'add-context-row',
            onclick: () => {
              this.app.state.request.context.push({ key: '', type: 'string', values: [''] });
              this.renderRows();
              this.app.changed('request');
              this.tableBody.querySelector<HTMLInputElement>('tr:last-child input.context-key')?.focus();
            },
          },
          'Add a context key',
        ),
        this.problems,
      ),
    );
    this.render();
  }

  /**
   * Shows a new state (preset chosen, link opened): the options are open exactly when the state sets one, so that a
   * request time or management account in effect is never hidden, and one left open by the last case does not stay.
   */
  load(): void {
    const { now, managementAccountId } = this.app.state.options;
    this.options.open = now.trim() !== '' || managementAccountId.trim() !== '';
    this.render();
  }

  /** Shows the state's request (after `load`, a pasted message or an applied suggestion). */
  render(): void {
    const r = this.app.state.request;
    for (const [field, input] of this.inputs) input.value = r[field];
    this.nowInput.value = this.app.state.options.now;
    this.managementInput.value = this.app.state.options.managementAccountId;
    this.renderRows();
  }

  /** Lists context values the library could not take (a number that is not one). */
  showProblems(problems: readonly { row: number; message: string }[]): void {
    replaceChildren(
      this.problems,
      problems.map((p) => h('li', { className: 'issue error' }, `context row ${p.row + 1}: ${p.message}`)),
    );
  }

  private renderRows(): void {
    const rows = this.app.state.request.context;
    replaceChildren(
      this.tableBody,
      rows.map((row, index) => this.rowElement(rows, row, index)),
    );
  }

  private rowElement(rows: ContextRow[], row: ContextRow, index: number): HTMLTableRowElement {
    const n = index + 1;
    const key = h('input', {
      className: 'context-key',
      value: row.key,
      'aria-label': `Context key ${n}`,
      placeholder: 'aws:SourceVpce',
      spellcheck: 'false',
      autocomplete: 'off',
      oninput: () => {
        row.key = key.value;
        this.app.changed('request');
      },
    });
    const type = h(
      'select',
      {
        className: 'context-type',
        'aria-label': `Type of context key ${n}`,
        onchange: () => {
          const next = type.value as ContextRowType;
          const wasList = row.type.endsWith('[]');
          const isList = next.endsWith('[]');
          if (next === 'bool' && !['true', 'false'].includes(row.values[0] ?? '')) row.values = ['true'];
          else if (!isList && wasList) row.values = [row.values[0] ?? ''];
          row.type = next;
          const replacement = this.rowElement(rows, row, index);
          tr.replaceWith(replacement);
          replacement.querySelector<HTMLSelectElement>('select.context-type')?.focus();
          this.app.changed('request');
        },
      },
      CONTEXT_ROW_TYPES.map((t) => h('option', { value: t.value, selected: t.value === row.type }, t.label)),
    );
    const tr = h(
      'tr',
      { 'data-key': row.key },
      h('td', null, key),
      h('td', null, type),
      h('td', null, this.valuesCell(row, n)),
      h(
        'td',
        null,
        h(
          'button',
          {
            type: 'button',
            className: 'remove',
            'aria-label': `Remove context key ${n}`,
            onclick: () => {
              rows.splice(index, 1);
              this.renderRows();
              this.app.changed('request');
              document.getElementById('add-context-row')?.focus();
            },
          },
          'Remove',
        ),
      ),
    );
    return tr;
  }

  private valuesCell(row: ContextRow, n: number): HTMLElement {
    const label = `Values of context key ${n}`;
    if (row.type === 'absent') return h('span', { className: 'muted' }, 'not sent');
    if (row.type === 'bool') {
      const select = h(
        'select',
        {
          className: 'context-values',
          'aria-label': label,
          onchange: () => {
            row.values = [select.value];
            this.app.changed('request');
          },
        },
        ['true', 'false'].map((v) => h('option', { value: v, selected: row.values[0] === v }, v)),
      );
      return select;
    }
    if (row.type.endsWith('[]')) {
      const hintId = uid('list-hint');
      const area = h('textarea', {
        className: 'context-values',
        'aria-label': label,
        'aria-describedby': hintId,
        rows: Math.max(1, Math.min(6, row.values.length)),
        spellcheck: 'false',
        placeholder: 'no values: the empty set',
        oninput: () => {
          row.values = area.value === '' ? [] : area.value.split('\n');
          this.app.changed('request');
        },
      });
      area.value = row.values.join('\n');
      return h(
        'div',
        null,
        area,
        h('small', { id: hintId, className: 'visually-hidden' }, 'one value per line; empty is the empty set'),
      );
    }
    const input = h('input', {
      className: 'context-values',
      'aria-label': label,
      value: row.values[0] ?? '',
      spellcheck: 'false',
      autocomplete: 'off',
      inputmode: row.type === 'number' ? 'decimal' : undefined,
      oninput: () => {
        row.values = [input.value];
        this.app.changed('request');
      },
    });
    return input;
  }
}
