import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import scaffolderPlugin from '@backstage/plugin-scaffolder-backend';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { scaffolderModule } from './module';

jest.setTimeout(60_000);

describe('scaffolderModule', () => {
  it('registers the paved actions with the scaffolder, with their schemas and examples', async () => {
    const backend = await startTestBackend({
      features: [
        scaffolderPlugin,
        scaffolderModule,
        catalogServiceMock.factory(),
        mockServices.rootConfig.factory({
          data: {
            paved: {
              publish: {
                git: { root: mkdtempSync(join(tmpdir(), 'paved-root-')) },
              },
            },
          },
        }),
      ],
    });
    try {
      const response = await fetch(
        `http://localhost:${backend.server.port()}/api/scaffolder/v2/actions`,
        { headers: { Authorization: mockCredentials.user.header() } },
      );
      expect(response.status).toBe(200);
      const actions: Array<{
        id: string;
        schema: { input: { required?: string[] } };
        examples: unknown[];
      }> = await response.json();
      const paved = actions.filter(a => a.id.startsWith('paved:'));
      expect(paved.map(a => a.id).sort()).toEqual([
        'paved:catalog:available',
        'paved:deploy',
        'paved:environment:create',
        'paved:plan',
        'paved:publish',
        'paved:publish:git',
        'paved:resource:add',
      ]);
      const byId = Object.fromEntries(paved.map(a => [a.id, a]));
      expect(byId['paved:plan'].schema.input.required).toEqual(['environment']);
      expect(byId['paved:deploy'].schema.input.required).toEqual(['planHash']);
      expect(byId['paved:resource:add'].schema.input.required).toEqual([
        'name',
        'type',
      ]);
      expect(byId['paved:publish'].schema.input.required).toEqual(['name']);
      for (const action of paved) {
        expect(action.examples.length).toBeGreaterThan(0);
      }
    } finally {
      await backend.stop();
    }
  });
});
