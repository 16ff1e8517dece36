import {
  coreServices,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import { urlReaderFactoriesServiceRef } from '@backstage/backend-defaults/urlReader';
import { LocalFileUrlReader } from './LocalFileUrlReader';

/**
 * Adds the `file:` reader to the scorecards plugin's URL reader only: other
 * plugins (the catalog registering locations, TechDocs) keep Backstage's
 * rule that URLs are read from integrations and allowed hosts, never from the
 * backend's disk.
 */
export const localFileUrlReaderFactories = createServiceFactory({
  service: urlReaderFactoriesServiceRef,
  deps: { pluginMetadata: coreServices.pluginMetadata },
  async factory({ pluginMetadata }) {
    return pluginMetadata.getId() === 'scorecards'
      ? LocalFileUrlReader.factory
      : () => [];
  },
});
