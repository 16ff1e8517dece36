import { SchedulerServiceTaskScheduleDefinitionConfig } from '@backstage/backend-plugin-api';

export interface Config {
  techdocs?: {
    /**
     * Paved: build every entity's TechDocs ahead of its first reader, so the
     * docs open at once and the TechDocs search collator has pages to index.
     * Only useful with `techdocs.builder: local`.
     */
    prebuild?: {
      /** Off unless set. */
      enabled?: boolean;
      /** When to look for docs to build; already current docs are skipped cheaply. */
      schedule?: SchedulerServiceTaskScheduleDefinitionConfig;
    };
  };
}
