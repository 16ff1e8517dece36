import { LoggerService } from '@backstage/backend-plugin-api';
import {
  ConflictError,
  InputError,
  NotAllowedError,
  NotFoundError,
} from '@backstage/errors';
import {
  dnsLabel,
  durationSchema,
  EnvironmentExtension,
  EnvironmentRecord,
} from '@paved/plugin-orchestrator-common';
import { DeploymentStore } from '../database/DeploymentStore';
import { EnvironmentStore } from '../database/EnvironmentStore';
import { ExtensionStore } from '../database/ExtensionStore';
import { PlanStore } from '../database/PlanStore';
import { DeliveryRunner } from './DeliveryRunner';
import { PlatformProvider } from './PlatformProvider';

const UNIT_MS = { m: 60_000, h: 3_600_000, d: 86_400_000 } as const;

/** "24h" to milliseconds; the platform's own durations are already checked. */
export function durationMs(duration: string, field = 'ttl'): number {
  const parsed = durationSchema.safeParse(duration);
  if (!parsed.success) {
    throw new InputError(
      `${field}: ${parsed.error.issues[0].message}, got "${duration}"`,
    );
  }
  return (
    Number(duration.slice(0, -1)) *
    UNIT_MS[duration.slice(-1) as keyof typeof UNIT_MS]
  );
}

/** Who approves keeping an environment beyond its maximum lifetime, unless configured. */
export const DEFAULT_EXTENSION_APPROVERS = ['group:default/platform'];
// A sentence or two for the approvers, not a document.
const MAX_REASON_LENGTH = 500;

export interface EnvironmentEvents {
  /** Called once an environment is destroyed, e.g. to notify its owner. */
  destroyed?(environment: EnvironmentRecord, reason: string): Promise<void>;
}

/** Ephemeral environments: created from a template with a TTL, extended within its maximum, destroyed. */
export class EnvironmentService {
  constructor(
    private readonly platform: PlatformProvider,
    private readonly environments: EnvironmentStore,
    private readonly deployments: DeploymentStore,
    private readonly plans: PlanStore,
    private readonly runner: DeliveryRunner,
    private readonly logger: LoggerService,
    private readonly extensions: ExtensionStore,
    private readonly events: EnvironmentEvents = {},
    private readonly extensionApprovers: string[] = DEFAULT_EXTENSION_APPROVERS,
  ) {}

  list(filter: { owner?: string; type?: string; state?: string }) {
    return this.environments.list(filter);
  }

  async get(name: string): Promise<EnvironmentRecord> {
    const environment = await this.environments.get(name);
    if (!environment) throw new NotFoundError(`No environment "${name}"`);
    return environment;
  }

  async create(
    request: { name: string; template: string; ttl?: string; owner?: string },
    createdBy: string,
  ): Promise<EnvironmentRecord> {
    const name = dnsLabel.safeParse(request.name);
    if (!name.success) {
      throw new InputError(
        `name: ${name.error.issues[0].message}, got "${request.name}"`,
      );
    }
    const template = this.platform.template(request.template);
    if (template.spec.type !== 'ephemeral' || !template.spec.ttl) {
      throw new InputError(
        `Environment "${request.template}" is not a template for ephemeral environments (type ephemeral with a ttl)`,
      );
    }
    const ttl = durationMs(request.ttl ?? template.spec.ttl.default);
    const maximum = durationMs(template.spec.ttl.maximum);
    if (ttl > maximum) {
      throw new InputError(
        `ttl: at most ${template.spec.ttl.maximum} for environments made from ${request.template}, got ${request.ttl}`,
      );
    }
    return this.environments.create({
      name: request.name,
      type: 'ephemeral',
      template: request.template,
      owner: request.owner ?? createdBy,
      createdBy,
      expiresAt: new Date(Date.now() + ttl),
      costCap: template.spec.costCap,
    });
  }

  /**
   * Moves the expiry to `by` from now. Within the template's maximum lifetime
   * (counted from creation) it takes effect at once; beyond it, it becomes a
   * request that a member of the approving groups must approve.
   */
  async extend(
    name: string,
    by: string,
    requestedBy: string,
    reason?: string,
  ): Promise<{
    environment: EnvironmentRecord;
    extension?: EnvironmentExtension;
  }> {
    const environment = await this.get(name);
    if (environment.state !== 'active' || !environment.expiresAt) {
      throw new InputError(
        `Environment "${name}" is not an active ephemeral environment`,
      );
    }
    const template = this.platform.template(environment.template);
    // Added to what is left: extending never shortens an environment's life.
    const from = Math.max(
      Date.now(),
      new Date(environment.expiresAt).getTime(),
    );
    const until = new Date(from + durationMs(by, 'by'));
    const limit =
      new Date(environment.createdAt).getTime() +
      durationMs(template.spec.ttl!.maximum);
    if (until.getTime() > limit) {
      const why = reason?.trim();
      if (!why) {
        throw new InputError(
          `Keeping "${name}" until ${until.toISOString()} goes beyond its template's maximum lifetime of ${
            template.spec.ttl!.maximum
          } and needs approval: give a reason for the approvers`,
        );
      }
      if (why.length > MAX_REASON_LENGTH) {
        throw new InputError(
          `The reason must be at most ${MAX_REASON_LENGTH} characters, not ${why.length}`,
        );
      }
      const extension = await this.extensions.create({
        environment: name,
        until,
        requestedBy,
        reason: why,
        approvers: this.extensionApprovers,
      });
      return { environment, extension };
    }
    await this.environments.setExpiry(name, until);
    return { environment: await this.get(name) };
  }

  /** Extension requests waiting for this user: in an approving group, and not their own. */
  async pendingExtensions(approver: {
    userEntityRef: string;
    ownershipEntityRefs: string[];
  }): Promise<EnvironmentExtension[]> {
    return (await this.extensions.listPending()).filter(
      e =>
        e.requestedBy !== approver.userEntityRef &&
        e.approvers.some(group => approver.ownershipEntityRefs.includes(group)),
    );
  }

  async decideExtension(
    id: string,
    approver: { userEntityRef: string; ownershipEntityRefs: string[] },
    decision: 'approved' | 'rejected',
    comment?: string,
  ): Promise<EnvironmentExtension> {
    const extension = await this.extensions.get(id);
    if (!extension) throw new NotFoundError(`No extension request ${id}`);
    if (extension.requestedBy === approver.userEntityRef) {
      throw new NotAllowedError('Nobody approves their own extension');
    }
    if (
      !extension.approvers.some(group =>
        approver.ownershipEntityRefs.includes(group),
      )
    ) {
      throw new NotAllowedError(
        `Only members of ${extension.approvers.join(
          ', ',
        )} may decide on this extension`,
      );
    }
    const decided = await this.extensions.decide(id, {
      state: decision,
      decidedBy: approver.userEntityRef,
      comment,
    });
    if (!decided) {
      throw new ConflictError(
        `Extension ${id} is ${extension.state}, not waiting for approval`,
      );
    }
    if (decision === 'approved') {
      await this.environments.setExpiry(
        extension.environment,
        new Date(extension.until),
      );
    }
    return decided;
  }

  /**
   * Removes every workload's artifacts from the target, marks their
   * deployments destroyed and the environment with them. Only one destroyer
   * wins; a failure leaves the environment "destroying", to be retried.
   */
  async destroy(
    name: string,
    initiator: string,
    reason: string,
  ): Promise<EnvironmentRecord> {
    const record = await this.get(name);
    if (record.template === record.name) {
      throw new InputError(
        `"${name}" is a platform environment; only ephemeral ones are destroyed`,
      );
    }
    if (
      !(await this.environments.transition(
        name,
        ['active', 'destroying'],
        'destroying',
      ))
    ) {
      return record;
    }
    const environment = this.platform.environmentFor(record);
    const target = this.runner.targetFor(environment);
    const { items } = await this.deployments.list({
      environment: name,
      limit: 10_000,
    });
    const current = new Map<string, (typeof items)[number]>();
    for (const deployment of items) {
      if (deployment.state === 'delivered' && !current.has(deployment.workload))
        current.set(deployment.workload, deployment);
    }
    for (const deployment of current.values()) {
      await target.remove({
        workload: deployment.workload,
        environment,
        previous: await this.plans.get(deployment.planHash),
        initiator,
        reason,
      });
    }
    for (const deployment of items) {
      await this.deployments.transition(
        deployment.id,
        ['delivered', 'pending-approval', 'failed'],
        { state: 'destroyed' },
      );
    }
    await this.environments.transition(name, ['destroying'], 'destroyed');
    await this.extensions.rejectPending(
      name,
      initiator,
      `the environment was destroyed: ${reason}`,
    );
    const destroyed = await this.get(name);
    this.logger.info(`Destroyed environment ${name}: ${reason}`);
    await this.events.destroyed?.(destroyed, reason);
    return destroyed;
  }

  /** Destroys every ephemeral environment whose time is up; the scheduler runs it on one instance. */
  async destroyExpired(now = new Date()): Promise<string[]> {
    const destroyed: string[] = [];
    for (const environment of await this.environments.listExpired(now)) {
      try {
        await this.destroy(
          environment.name,
          'paved',
          `expired at ${environment.expiresAt}`,
        );
        destroyed.push(environment.name);
      } catch (error) {
        this.logger.warn(
          `Could not destroy expired environment ${environment.name}: ${error}`,
        );
      }
    }
    return destroyed;
  }
}
