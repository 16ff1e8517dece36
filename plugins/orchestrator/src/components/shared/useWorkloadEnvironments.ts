import { useEffect } from 'react';
import { useApi } from '@backstage/frontend-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { orchestratorApiRef } from '../../api';
import { workloadOf } from '../../workload';

/** How often to look again while a delivery is under way. */
const DELIVERY_POLL_MS = 2000;

/**
 * Where the current entity's workload runs: one request, however long its
 * history; repeated while a delivery is under way, so the page shows it land.
 */
export function useWorkloadEnvironments() {
  const { entity } = useEntity();
  const api = useApi(orchestratorApiRef);
  const workload = workloadOf(entity)!;
  const state = useAsyncRetry(
    () => api.listWorkloadEnvironments(workload),
    [api, workload],
  );
  const delivering = state.value?.some(e => e.latest.state === 'delivering');
  const { retry } = state;
  useEffect(() => {
    if (!delivering) return undefined;
    const timer = setTimeout(retry, DELIVERY_POLL_MS);
    return () => clearTimeout(timer);
  }, [delivering, retry, state.value]);
  return { workload, entity, ...state };
}
