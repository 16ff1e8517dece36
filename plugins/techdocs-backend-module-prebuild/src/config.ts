import {
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
  RootConfigService,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';

/** The module's settings, read once from `techdocs.prebuild`. */
export interface PrebuildConfig {
  enabled: boolean;
  schedule: SchedulerServiceTaskScheduleDefinition;
}

const DEFAULT_SCHEDULE: SchedulerServiceTaskScheduleDefinition = {
  frequency: { minutes: 10 },
  timeout: { minutes: 15 },
  initialDelay: { seconds: 5 },
};

export function readPrebuildConfig(config: RootConfigService): PrebuildConfig {
  const prebuild = config.getOptionalConfig('techdocs.prebuild');
  const schedule = prebuild?.getOptionalConfig('schedule');
  return {
    enabled: prebuild?.getOptionalBoolean('enabled') ?? false,
    schedule: schedule
      ? readSchedulerServiceTaskScheduleDefinitionFromConfig(schedule)
      : DEFAULT_SCHEDULE,
  };
}
