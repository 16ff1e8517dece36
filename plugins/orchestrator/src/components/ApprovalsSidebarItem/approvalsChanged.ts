import { useEffect } from 'react';

// The sidebar's count lives in the app's chrome and the Approvals page is
// loaded on demand, so they share no React tree below the app root: a module
// level signal lets a decision on the page correct the count at once instead
// of up to a minute later.
const signal = new EventTarget();
const CHANGED = 'changed';

/** Tells whoever shows pending approvals that the caller just decided one. */
export function announceApprovalsChanged() {
  signal.dispatchEvent(new Event(CHANGED));
}

/** Calls `callback` after every announceApprovalsChanged(). */
export function useApprovalsChanged(callback: () => void) {
  useEffect(() => {
    const listener = () => callback();
    signal.addEventListener(CHANGED, listener);
    return () => signal.removeEventListener(CHANGED, listener);
  }, [callback]);
}
