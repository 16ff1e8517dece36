import { useApi } from '@backstage/frontend-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { orchestratorApiRef } from '../../api';
import { workloadOf } from '../../workload';

/** Where the current entity's workload runs: one request, however long its history. */
export function useWorkloadEnvironments() {
  const { entity } = useEntity();
  const api = useApi(orchestratorApiRef);
  const workload = workloadOf(entity)!;
  const state = useAsyncRetry(
    () => api.listWorkloadEnvironments(workload),
    [api, workload],
  );
  return { workload, entity, ...state };
}
