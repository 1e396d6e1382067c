// What the page's parts share: the state, the engine chunk (loaded once, on demand) and change notification.
import type * as Engine from './engine.js';
import type { PlaygroundState } from './state.js';

export type EngineModule = typeof Engine;

/** What changed, so that only the parts that depend on it re-render. */
export type Change = 'policies' | 'request' | 'tab' | 'accessDenied' | 'all';

export interface App {
  state: PlaygroundState;
  /** The engine chunk; the dynamic import keeps it out of the editor's bundle. */
  readonly engine: Promise<EngineModule>;
  changed(change: Change): void;
}
