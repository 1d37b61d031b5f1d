import { useSyncExternalStore, type MouseEvent } from 'react';

/**
 * A deliberately tiny router: the UI has a handful of flat pages, so the History API and one
 * external store are enough (no extra dependency).
 */
const listeners = new Set<() => void>();
let focusPending = false;

function notify(): void {
  for (const listener of listeners) listener();
}

window.addEventListener('popstate', () => {
  focusPending = true;
  notify();
});

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function navigate(to: string, { replace = false, focus = !replace }: { replace?: boolean; focus?: boolean } = {}): void {
  if (to === window.location.pathname + window.location.search) return;
  if (replace) window.history.replaceState(null, '', to);
  else window.history.pushState(null, '', to);
  // After a user-initiated move the new page's heading takes focus, so a screen reader announces it.
  focusPending = focus;
  notify();
}

export function usePath(): string {
  return useSyncExternalStore(subscribe, () => window.location.pathname);
}

/** A query-string parameter of the current location (e.g. the id of the site a page shows), kept current. */
export function useSearchParam(name: string): string {
  const search = useSyncExternalStore(subscribe, () => window.location.search);
  return new URLSearchParams(search).get(name) ?? '';
}

/** True once after a navigation: the page heading should take focus. */
export function takeFocusRequest(): boolean {
  const pending = focusPending;
  focusPending = false;
  return pending;
}

/** onClick for an <a href>: plain left clicks stay in the app, modified clicks open as usual. */
export function linkClick(to: string) {
  return (event: MouseEvent<HTMLElement>) => {
    if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    navigate(to);
  };
}
