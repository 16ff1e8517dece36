import type { HumanDuration } from '@backstage/types';

export interface Config {
  /** Paved's scorecards backend. */
  scorecards?: {
    /**
     * The platform team's scorecard definitions (`*.yaml`, kind Scorecard),
     * relative to the backend's working directory. The nearest
     * `platform/scorecards` folder above it when left out. A definition that
     * does not load stops the backend from starting.
     */
    directory?: string;
    schedule?: {
      /**
       * How often every entity is collected and evaluated: '1h' (the
       * default), '30 minutes', 'PT2H' or { hours: 2 }. One backend instance
       * runs it.
       */
      fullRun?: string | HumanDuration;
      /**
       * How often the catalog's etags are compared with those last
       * evaluated, to evaluate only what changed: '30s' (the default),
       * 'PT1M' or { minutes: 1 }.
       */
      incremental?: string | HumanDuration;
    };
  };
}
