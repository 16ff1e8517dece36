import { useEffect, useState } from 'react';
import { useApi } from '@backstage/frontend-plugin-api';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { orchestratorApiRef, type EnvironmentFilter } from '../../api';
import { usageByEnvironment } from './environments';

/**
 * The environments the filter selects and what runs in them: two requests
 * per load, however many rows.
 */
export function useEnvironments(filter: EnvironmentFilter) {
  const api = useApi(orchestratorApiRef);
  const { owner, type, state } = filter;
  const result = useAsyncRetry(async () => {
    const [environments, inventory] = await Promise.all([
      api.listEnvironments({ owner, type, state }),
      api.getInventory(),
    ]);
    return { environments, usage: usageByEnvironment(inventory) };
  }, [api, owner, type, state]);

  // Owners are offered from every list seen, so narrowing to one owner keeps the others selectable.
  const [owners, setOwners] = useState<string[]>([]);
  const environments = result.value?.environments;
  useEffect(() => {
    if (!environments) return;
    setOwners(previous => {
      const seen = new Set(previous);
      for (const e of environments) if (e.owner) seen.add(e.owner);
      return seen.size === previous.length ? previous : [...seen].sort();
    });
  }, [environments]);

  return { ...result, owners };
}
