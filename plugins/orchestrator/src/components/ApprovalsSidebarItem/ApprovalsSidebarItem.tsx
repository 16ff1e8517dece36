import { useEffect, useMemo } from 'react';
import { SidebarItem } from '@backstage/core-components';
import { useApi, useRouteRef } from '@backstage/frontend-plugin-api';
import { Badge } from '@material-ui/core';
import CheckCircleOutlineIcon from '@material-ui/icons/CheckCircleOutline';
import useAsyncFn from 'react-use/esm/useAsyncFn';
import useInterval from 'react-use/esm/useInterval';
import { orchestratorApiRef } from '../../api';
import { approvalsRouteRef } from '../../routes';
import { useApprovalsChanged } from './approvalsChanged';

const REFRESH_MS = 60_000;

type IconProps = { fontSize?: 'inherit' | 'small' | 'medium' | 'large' };

const label = (count: number) =>
  `${count} pending approval${count === 1 ? '' : 's'}`;

/**
 * The Approvals page in the app's sidebar, with how many deployments and
 * extension requests wait for the signed-in user's decision.
 */
export function ApprovalsSidebarItem() {
  const api = useApi(orchestratorApiRef);
  const to = useRouteRef(approvalsRouteRef)?.() ?? '/approvals';
  // On failure useAsyncFn drops the previous value too: a stale count would
  // be a made-up one, and the sidebar is no place for an error. A newer call
  // supersedes one still in flight, so a decision is never counted late.
  const [{ value: count, loading }, refresh] = useAsyncFn(
    async () => {
      const { items, extensions } = await api.listApprovals();
      return items.length + (extensions?.length ?? 0);
    },
    [api],
    { loading: true },
  );
  useEffect(() => {
    refresh();
  }, [refresh]);
  useInterval(refresh, REFRESH_MS);
  useApprovalsChanged(refresh);

  // The count rides on the icon because a closed sidebar shows nothing else.
  const Icon = useMemo(
    () =>
      function ApprovalsIcon(props: IconProps) {
        return (
          <Badge
            badgeContent={count || null}
            color="secondary"
            max={99}
            overlap="circular"
          >
            <CheckCircleOutlineIcon {...props} />
          </Badge>
        );
      },
    [count],
  );

  return (
    <SidebarItem
      icon={Icon}
      to={to}
      text="Approvals"
      aria-label={count ? `Approvals, ${label(count)}` : 'Approvals'}
      aria-busy={loading}
    />
  );
}
