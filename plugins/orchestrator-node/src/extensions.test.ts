import {
  coreServices,
  createBackendModule,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { startTestBackend } from '@backstage/backend-test-utils';
import { resourceDefinitionSchema } from '@paved/plugin-orchestrator-common';
import {
  OrchestratorEngineExtensionPoint,
  orchestratorEngineExtensionPoint,
} from './extensions';
import { ResourceRenderer } from './resources';

describe('orchestratorEngineExtensionPoint', () => {
  it('carries renderers and definitions from a module to the plugin that plans', async () => {
    const renderers: ResourceRenderer[] = [];
    const definitions: unknown[] = [];
    const dba: ResourceRenderer = {
      name: 'company-dba',
      render: () => ({ objects: [], outputs: {} }),
    };
    const definition = resourceDefinitionSchema.parse({
      apiVersion: 'paved.dev/v1alpha1',
      kind: 'ResourceDefinition',
      metadata: { name: 'oracle' },
      spec: { type: 'oracle', renderer: { name: 'company-dba' } },
    });

    await startTestBackend({
      features: [
        createBackendPlugin({
          pluginId: 'orchestrator',
          register(reg) {
            const collected: OrchestratorEngineExtensionPoint = {
              addRenderers: (...r) => renderers.push(...r),
              addResourceDefinitions: (...d) => definitions.push(...d),
            };
            reg.registerExtensionPoint(
              orchestratorEngineExtensionPoint,
              collected,
            );
            reg.registerInit({
              deps: { logger: coreServices.logger },
              async init() {},
            });
          },
        }),
        createBackendModule({
          pluginId: 'orchestrator',
          moduleId: 'company-dba',
          register(reg) {
            reg.registerInit({
              deps: { engine: orchestratorEngineExtensionPoint },
              async init({ engine }) {
                engine.addRenderers(dba);
                engine.addResourceDefinitions(definition);
              },
            });
          },
        }),
      ],
    });

    expect(renderers).toEqual([dba]);
    expect(definitions).toEqual([definition]);
  });
});
