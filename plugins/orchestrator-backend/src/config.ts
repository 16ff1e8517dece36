import { RootConfigService } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import { existsSync } from 'node:fs';
import { findUpwards } from '@paved/plugin-orchestrator-node';
import { dirname, join, resolve } from 'node:path';
import {
  DEFAULT_EXTENSION_APPROVERS,
  durationMs,
} from './service/EnvironmentService';

export interface OrchestratorConfig {
  /** The platform team's folder: environments, resource definitions, policies. */
  platformDirectory: string;
  /** Where the orchestrator keeps its files, e.g. the built-in GitOps repository. */
  workingDirectory: string;
  /** How often expired ephemeral environments are looked for. */
  expiryCheckMinutes: number;
  /** Groups whose members approve keeping an environment beyond its maximum lifetime. */
  extensionApprovers: string[];
  /** Whether to create the demo organisation's deployments at start (`orchestrator.demo.enabled`). */
  demo: boolean;
}

/** Reads `orchestrator.*` once, with the embedded defaults. */
export function readOrchestratorConfig(
  config: RootConfigService,
  cwd = process.cwd(),
): OrchestratorConfig {
  const configured = config.getOptionalString(
    'orchestrator.platform.directory',
  );
  // Unconfigured, the repository's own in development: the nearest `platform/` holding environments.
  const environments = configured
    ? undefined
    : findUpwards(cwd, join('platform', 'environments'));
  const platformDirectory = configured
    ? resolve(cwd, configured)
    : environments && dirname(environments);
  if (!platformDirectory || !existsSync(platformDirectory)) {
    throw new InputError(
      configured
        ? `orchestrator.platform.directory: ${platformDirectory} does not exist`
        : `orchestrator.platform.directory is not set and no platform/ folder was found above ${cwd}`,
    );
  }
  const every =
    config.getOptionalString('orchestrator.environments.expiryCheck') ?? '1m';
  return {
    platformDirectory,
    workingDirectory: resolve(
      cwd,
      config.getOptionalString('orchestrator.workingDirectory') ?? '.paved',
    ),
    extensionApprovers:
      config.getOptionalStringArray(
        'orchestrator.environments.extensionApprovers',
      ) ?? DEFAULT_EXTENSION_APPROVERS,
    demo: config.getOptionalBoolean('orchestrator.demo.enabled') ?? false,
    expiryCheckMinutes: Math.max(
      1,
      durationMs(every, 'orchestrator.environments.expiryCheck') / 60_000,
    ),
  };
}
