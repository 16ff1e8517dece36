import { LoggerService, SchedulerService } from '@backstage/backend-plugin-api';
import type { ScorecardsConfig } from './config';
import type { RunSummary } from './service/ScorecardService';

export interface ScheduledRuns {
  fullRun(): Promise<RunSummary>;
  incrementalRun(): Promise<RunSummary>;
}

/**
 * Both runs are global tasks: one backend instance runs each at a time. The
 * full run starts soon after start, so a fresh local portal shows levels
 * within a minute; the incremental run picks up what the catalog had not
 * ingested yet by then.
 */
export async function scheduleRuns(options: {
  scheduler: SchedulerService;
  logger: LoggerService;
  schedule: ScorecardsConfig['schedule'];
  runs: ScheduledRuns;
}): Promise<void> {
  const { scheduler, logger, schedule, runs } = options;
  await scheduler.scheduleTask({
    id: 'scorecards-full-run',
    frequency: schedule.fullRun,
    // A run that outlives this is presumed dead and its lock released.
    timeout: { hours: 1 },
    initialDelay: { seconds: 10 },
    scope: 'global',
    fn: async () => {
      const started = Date.now();
      const { evaluated, removed } = await runs.fullRun();
      logger.info(
        `Scorecards full run: evaluated ${evaluated} entities, forgot ${removed}, in ${
          (Date.now() - started) / 1000
        } s`,
      );
    },
  });
  await scheduler.scheduleTask({
    id: 'scorecards-incremental',
    frequency: schedule.incremental,
    // The first run on an empty database evaluates every entity.
    timeout: { minutes: 30 },
    initialDelay: { seconds: 20 },
    scope: 'global',
    fn: async () => {
      const { evaluated, removed } = await runs.incrementalRun();
      if (evaluated + removed > 0) {
        logger.info(
          `Scorecards incremental run: evaluated ${evaluated} changed entities, forgot ${removed}`,
        );
      }
    },
  });
}
