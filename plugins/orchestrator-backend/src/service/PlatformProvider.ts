import { NotFoundError } from '@backstage/errors';
import type {
  Environment,
  EnvironmentRecord,
  ResourceDefinition,
} from '@paved/plugin-orchestrator-common';
import {
  loadPlatform,
  Platform,
  readYamlFiles,
  ResourceRenderer,
} from '@paved/plugin-orchestrator-node';

/**
 * The platform team's folder, loaded and its policies compiled once at
 * start, with what backend modules added through the engine extension point.
 */
export class PlatformProvider {
  private constructor(
    readonly platform: Platform,
    readonly renderers: ResourceRenderer[],
  ) {}

  static async fromDirectory(
    directory: string,
    extra: { renderers: ResourceRenderer[]; definitions: ResourceDefinition[] },
  ): Promise<PlatformProvider> {
    const platform = loadPlatform(await readYamlFiles(directory));
    return new PlatformProvider(
      {
        ...platform,
        definitions: [...platform.definitions, ...extra.definitions],
      },
      extra.renderers,
    );
  }

  static fromPlatform(platform: Platform, renderers: ResourceRenderer[] = []) {
    return new PlatformProvider(platform, renderers);
  }

  /** The platform Environment an environment record is made from. */
  template(name: string): Environment {
    const environment = this.platform.environments.find(
      e => e.metadata.name === name,
    );
    if (!environment)
      throw new NotFoundError(`The platform defines no environment "${name}"`);
    return environment;
  }

  /**
   * An environment as the engine and the delivery targets see it: the
   * platform's own as written, an ephemeral one as its template under its own
   * name, folder and cost cap.
   */
  environmentFor(record: EnvironmentRecord): Environment {
    const template = this.template(record.template);
    if (record.template === record.name) return template;
    return {
      ...template,
      metadata: {
        name: record.name,
        description: `Ephemeral environment made from ${record.template}`,
      },
      spec: {
        ...template.spec,
        gitopsPath: `${template.spec.gitopsPath ?? template.metadata.name}/${
          record.name
        }`,
        ...(record.costCap && { costCap: record.costCap }),
      },
    };
  }
}
