import type { LoggerService } from '@backstage/backend-plugin-api';
import type { EventsService } from '@backstage/plugin-events-node';
import {
  DEPLOYMENT_EVENT_TOPIC,
  DeploymentEventPayload,
} from '@paved/plugin-orchestrator-common';
import type { DeploymentStateListener } from '../database/DeploymentStore';

/**
 * Announces every deployment state change on the events service. A failure
 * to publish is only logged: subscribers learning late never undoes a
 * delivery that happened.
 */
export function publishDeploymentEvents(
  events: EventsService,
  logger: LoggerService,
): DeploymentStateListener {
  return async deployment => {
    const eventPayload: DeploymentEventPayload = {
      workload: deployment.workload,
      environment: deployment.environment,
      revision: deployment.revision,
      state: deployment.state,
    };
    try {
      await events.publish({ topic: DEPLOYMENT_EVENT_TOPIC, eventPayload });
    } catch (error) {
      logger.warn(
        `Could not publish ${DEPLOYMENT_EVENT_TOPIC} for ${
          deployment.workload
        } revision ${deployment.revision} in ${deployment.environment} (${
          deployment.state
        }): ${(error as Error).message}`,
      );
    }
  };
}
