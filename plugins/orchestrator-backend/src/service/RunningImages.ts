import type {
  Deployment,
  ScoreWorkload,
} from '@paved/plugin-orchestrator-common';
import { SCORE_BUILT_IMAGE } from '@paved/plugin-orchestrator-common';
import {
  parseYamlDocument,
  Plan,
  sha256,
  toCanonicalJson,
} from '@paved/plugin-orchestrator-node';
import { DeploymentStore } from '../database/DeploymentStore';
import { PlanStore } from '../database/PlanStore';

/** A delivered revision of a workload and the image each of its containers runs. */
export interface RunningRevision {
  deployment: Deployment;
  /** By container name, as the revision's Kubernetes Deployment names them. */
  images: Map<string, string>;
}

/**
 * What a workload runs now, for plans that give no image: a day-2 change
 * (a database added from the portal) must not need a CI build to keep the
 * image CI built last time.
 */
export class RunningImages {
  constructor(
    private readonly deployments: DeploymentStore,
    private readonly plans: PlanStore,
  ) {}

  /**
   * The revision in effect in `environment`; for a workload never delivered
   * there, the one delivered most recently of those in effect in the
   * environments `fallbackFrom` accepts.
   */
  async find(
    workload: string,
    environment: string,
    fallbackFrom: (environment: string) => boolean = () => true,
  ): Promise<RunningRevision | undefined> {
    const deployment =
      (await this.deployments.latest(workload, environment, ['delivered'])) ??
      newestDelivered(
        (await this.deployments.environments(workload)).flatMap(e =>
          e.current && fallbackFrom(e.current.environment) ? [e.current] : [],
        ),
      );
    if (!deployment) return undefined;
    const plan = await this.plans.get(deployment.planHash);
    if (!plan) {
      throw new Error(
        `The plan ${deployment.planHash} of ${workload} revision ${deployment.revision} in ${deployment.environment} is not stored`,
      );
    }
    return { deployment, images: containerImages(plan) };
  }
}

// Delivered rows change state only to leave "delivered", so updatedAt is when each was delivered.
function newestDelivered(candidates: Deployment[]): Deployment | undefined {
  return [...candidates].sort(
    (a, b) =>
      b.updatedAt.localeCompare(a.updatedAt) ||
      a.environment.localeCompare(b.environment),
  )[0];
}

/** Each container's image in the workload's rendered Kubernetes Deployment. */
export function containerImages(plan: Plan): Map<string, string> {
  const images = new Map<string, string>();
  for (const artifact of plan.artifacts) {
    if (artifact.kind !== 'Deployment') continue;
    const object = parseYamlDocument(artifact.content, artifact.path) as {
      metadata?: { name?: string };
      spec?: {
        template?: {
          spec?: { containers?: Array<{ name?: string; image?: string }> };
        };
      };
    };
    if (object.metadata?.name !== plan.workload) continue;
    for (const { name, image } of object.spec?.template?.spec?.containers ??
      []) {
      if (name && image) images.set(name, image);
    }
  }
  return images;
}

/**
 * Gives each `image: .` container the image it runs in `running`. Per
 * container, so that containers built from different images keep theirs; a
 * container that runs nowhere yet keeps ".", and renders as unbuilt.
 */
export function reuseRunningImages(
  workload: ScoreWorkload,
  running: RunningRevision,
): { workload: ScoreWorkload; notes: string[] } {
  const notes: string[] = [];
  const { environment, revision } = running.deployment;
  const containers = Object.fromEntries(
    Object.entries(workload.containers).map(([name, container]) => {
      const image = running.images.get(name);
      if (container.image !== SCORE_BUILT_IMAGE || !image)
        return [name, container];
      notes.push(
        `containers.${name}.image is "." and no image was given; reused "${image}", which revision ${revision} runs in ${environment}`,
      );
      return [name, { ...container, image }];
    }),
  );
  return { workload: { ...workload, containers }, notes };
}

/** The plan with `notes` first among its warnings, hashed again as the engine hashes it. */
export function withWarnings(plan: Plan, notes: string[]): Plan {
  if (notes.length === 0) return plan;
  const { hash: _hash, ...rest } = plan;
  const unhashed = { ...rest, warnings: [...notes, ...rest.warnings] };
  return { ...unhashed, hash: sha256(toCanonicalJson(unhashed)) };
}
