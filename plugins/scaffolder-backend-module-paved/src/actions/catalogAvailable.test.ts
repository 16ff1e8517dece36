import { ConflictError, InputError } from '@backstage/errors';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { run, runExample, workspaceWith } from '../__testUtils__/context';
import { componentOnDisk } from '../__testUtils__/orchestrator';
import { createCatalogAvailableAction, examples } from './catalogAvailable';

describe('paved:catalog:available', () => {
  const catalog = catalogServiceMock({
    entities: [componentOnDisk('checkout-service')],
  });
  const action = createCatalogAvailableAction({ catalog });
  let workspacePath: string;
  beforeEach(async () => {
    workspacePath = await workspaceWith();
  });

  it('passes for a name the catalog does not have, in a dry run too', async () => {
    for (const isDryRun of [false, true]) {
      await expect(
        run(
          action,
          { entityRef: 'component:default/quote-service' },
          { workspacePath, isDryRun },
        ),
      ).resolves.toEqual({});
    }
    await runExample(
      examples[0].example,
      { 'paved:catalog:available': action },
      {
        workspacePath,
      },
    );
  });

  it('refuses a name the catalog already has, naming its owner', async () => {
    const taken = run(
      action,
      { entityRef: 'component:checkout-service' },
      { workspacePath },
    );
    await expect(taken).rejects.toThrow(ConflictError);
    await expect(taken).rejects.toThrow(
      'component:default/checkout-service already exists in the catalog (owned by group:default/payments); choose another name. Nothing was created.',
    );
  });

  it('refuses what is not an entity reference, or was never rendered', async () => {
    await expect(
      run(action, { entityRef: 'component:default/' }, { workspacePath }),
    ).rejects.toThrow(InputError);
    await expect(
      run(
        action,
        { entityRef: 'component:default/${{ parameters.name }}' },
        { workspacePath },
      ),
    ).rejects.toThrow('contains a template expression that was not rendered');
  });
});
