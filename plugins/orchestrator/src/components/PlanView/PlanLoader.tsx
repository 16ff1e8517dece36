import { Progress, ResponseErrorPanel } from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import useAsync from 'react-use/esm/useAsync';
import { orchestratorApiRef } from '../../api';
import { PlanView } from './PlanView';

/** Loads a stored plan by hash and shows it with PlanView (loading and errors included). */
export function PlanLoader(props: { hash: string }) {
  const { hash } = props;
  const api = useApi(orchestratorApiRef);
  const { value, loading, error } = useAsync(
    () => api.getPlan(hash),
    [api, hash],
  );
  if (loading) return <Progress />;
  if (error) return <ResponseErrorPanel error={error} />;
  return value ? <PlanView plan={value} /> : null;
}
