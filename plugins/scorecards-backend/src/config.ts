import { RootConfigService } from '@backstage/backend-plugin-api';
import { readDurationFromConfig } from '@backstage/config';
import { InputError } from '@backstage/errors';
import { durationToMilliseconds, HumanDuration } from '@backstage/types';
import { findUpwards } from '@paved/plugin-orchestrator-node';
import { existsSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

export interface ScorecardsConfig {
  /** The platform team's scorecard definitions (`*.yaml`). */
  directory: string;
  schedule: {
    /** How often every entity is collected and evaluated. */
    fullRun: HumanDuration;
    /** How often the catalog is compared with what was evaluated, to evaluate what changed. */
    incremental: HumanDuration;
  };
}

const DEFAULT_FULL_RUN: HumanDuration = { hours: 1 };
const DEFAULT_INCREMENTAL: HumanDuration = { seconds: 30 };

const HINT = `write it like '1h', '30 seconds', 'PT30S' or { minutes: 30 }`;

/** Backstage's own duration forms (`'1h'`, `'30 seconds'`, `'PT30S'`, `{ minutes: 30 }`), longer than zero. */
function readDuration(
  config: RootConfigService,
  key: string,
  fallback: HumanDuration,
): HumanDuration {
  if (!config.has(key)) return fallback;
  let duration: HumanDuration;
  try {
    duration = readDurationFromConfig(config, { key });
  } catch (error) {
    throw new InputError(
      `${key}: ${JSON.stringify(config.get(key))} is not a duration; ${HINT}`,
      error,
    );
  }
  if (durationToMilliseconds(duration) <= 0) {
    throw new InputError(`${key}: the duration must be longer than zero`);
  }
  return duration;
}

/** Reads `scorecards.*` once, with the defaults. */
export function readScorecardsConfig(
  config: RootConfigService,
  cwd = process.cwd(),
): ScorecardsConfig {
  const configured = config.getOptionalString('scorecards.directory');
  const directory = configured
    ? resolve(cwd, configured)
    : // The repository's own in development.
      findUpwards(cwd, join('platform', 'scorecards'));
  if (!directory) {
    throw new InputError(
      `scorecards.directory is not set and no platform/scorecards folder was found above ${cwd}`,
    );
  }
  if (!existsSync(directory) || !statSync(directory).isDirectory()) {
    throw new InputError(
      `scorecards.directory: ${directory} does not exist or is not a folder`,
    );
  }
  return {
    directory,
    schedule: {
      fullRun: readDuration(
        config,
        'scorecards.schedule.fullRun',
        DEFAULT_FULL_RUN,
      ),
      incremental: readDuration(
        config,
        'scorecards.schedule.incremental',
        DEFAULT_INCREMENTAL,
      ),
    },
  };
}
