// An accessible tab list (WAI-ARIA Authoring Practices): one tab in the focus order, arrow keys move between tabs.
import { h } from './dom.js';

export interface TabSpec {
  id: string;
  label: string;
  /** Extra text for assistive technology, e.g. `2 policies, 1 error`. */
  description?: string;
  panel: HTMLElement;
}

export interface Tabs {
  element: HTMLElement;
  select(id: string, focus?: boolean): void;
  /** Updates a tab's visible label and description. */
  relabel(id: string, label: string, description?: string): void;
}

export function createTabs(
  name: string,
  specs: readonly TabSpec[],
  selected: string,
  onSelect: (id: string) => void,
): Tabs {
  const buttons = new Map<string, HTMLButtonElement>();
  const list = h('div', { role: 'tablist', 'aria-label': name, className: 'tablist' });
  const select = (id: string, focus = false): void => {
    for (const spec of specs) {
      const on = spec.id === id;
      const button = buttons.get(spec.id);
      button?.setAttribute('aria-selected', String(on));
      if (button) button.tabIndex = on ? 0 : -1;
      spec.panel.hidden = !on;
      if (on && focus) button?.focus();
    }
  };
  specs.forEach((spec, index) => {
    const tabId = `${spec.panel.id}-tab`;
    const button = h(
      'button',
      {
        type: 'button',
        role: 'tab',
        id: tabId,
        className: 'tab',
        'aria-controls': spec.panel.id,
        'data-tab': spec.id,
        title: spec.description,
        onclick: () => {
          select(spec.id);
          onSelect(spec.id);
        },
        onkeydown: (event: Event) => {
          const key = (event as KeyboardEvent).key;
          const last = specs.length - 1;
          const target =
            key === 'ArrowRight'
              ? index === last
                ? 0
                : index + 1
              : key === 'ArrowLeft'
                ? index === 0
                  ? last
                  : index - 1
                : key === 'Home'
                  ? 0
                  : key === 'End'
                    ? last
                    : undefined;
          const next = target === undefined ? undefined : specs[target];
          if (!next) return;
          event.preventDefault();
          select(next.id, true);
          onSelect(next.id);
        },
      },
      spec.label,
    );
    spec.panel.setAttribute('role', 'tabpanel');
    spec.panel.setAttribute('aria-labelledby', tabId);
    spec.panel.tabIndex = -1;
    buttons.set(spec.id, button);
    list.appendChild(button);
  });
  select(specs.some((s) => s.id === selected) ? selected : (specs[0]?.id ?? ''));
  return {
    element: list,
    select,
    relabel: (id, label, description) => {
      const button = buttons.get(id);
      if (!button) return;
      button.textContent = label;
      if (description) button.title = description;
      else button.removeAttribute('title');
    },
  };
}
