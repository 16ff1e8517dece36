import '@testing-library/jest-dom';

/**
 * jsdom lays nothing out: elements measure 0 and ResizeObserver does not
 * exist, so recharts' ResponsiveContainer would draw no chart. This observer
 * reports every element as 800 by 300 as soon as it is observed.
 */
class FixedSizeResizeObserver {
  constructor(private readonly callback: ResizeObserverCallback) {}
  observe(target: Element) {
    this.callback(
      [
        {
          target,
          contentRect: { width: 800, height: 300 } as DOMRectReadOnly,
        } as ResizeObserverEntry,
      ],
      this as unknown as ResizeObserver,
    );
  }
  unobserve() {}
  disconnect() {}
}
global.ResizeObserver = FixedSizeResizeObserver;
