import { ReactNode, useCallback, useState } from 'react';
import {
  Content,
  ContentHeader,
  EmptyState,
  Link,
  LinkButton,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useRouteRef } from '@backstage/frontend-plugin-api';
import { Box } from '@material-ui/core';
import { Alert } from '@material-ui/lab';
import type { EnvironmentFilter, EnvironmentRecord } from '../../api';
import { approvalsRouteRef } from '../../routes';
import { formatDate, relativeTime, shortRef } from '../shared';
import { DestroyDialog } from './DestroyDialog';
import { EnvironmentFilters } from './EnvironmentFilters';
import { EnvironmentsTable } from './EnvironmentsTable';
import { ExtendDialog, ExtendOutcome } from './ExtendDialog';
import { useEnvironments } from './useEnvironments';

/** The golden-path template that creates an ephemeral environment. */
export const CREATE_ENVIRONMENT_PATH =
  '/create/templates/default/ephemeral-environment';

type Notice = { severity: 'success' | 'info'; message: ReactNode };

function CreateButton() {
  return (
    <LinkButton
      to={CREATE_ENVIRONMENT_PATH}
      color="primary"
      variant="contained"
    >
      Create environment
    </LinkButton>
  );
}

/** Every environment with its cost, filtered by the backend; ephemeral ones can be extended or destroyed. */
export function EnvironmentsPage() {
  const [filter, setFilter] = useState<EnvironmentFilter>({ state: 'active' });
  const { value, loading, error, retry, owners } = useEnvironments(filter);
  const [extending, setExtending] = useState<EnvironmentRecord>();
  const [destroying, setDestroying] = useState<EnvironmentRecord>();
  const [notice, setNotice] = useState<Notice>();
  const approvalsRoute = useRouteRef(approvalsRouteRef);

  const startExtend = useCallback((environment: EnvironmentRecord) => {
    setNotice(undefined);
    setExtending(environment);
  }, []);
  const startDestroy = useCallback((environment: EnvironmentRecord) => {
    setNotice(undefined);
    setDestroying(environment);
  }, []);

  const extended = (name: string, outcome: ExtendOutcome) => {
    setExtending(undefined);
    if ('environment' in outcome) {
      const expiresAt = outcome.environment.expiresAt;
      setNotice({
        severity: 'success',
        message: expiresAt
          ? `Extended ${name}: it now expires on ${formatDate(
              expiresAt,
            )} (${relativeTime(expiresAt)}).`
          : `Extended ${name}.`,
      });
      retry();
      return;
    }
    const { until, approvers } = outcome.extension;
    const approvals = approvalsRoute?.();
    setNotice({
      severity: 'info',
      message: (
        <>
          Keeping {name} until {formatDate(until)} is beyond its template&apos;s
          maximum lifetime: the request waits for approval by{' '}
          {approvers.map(shortRef).join(', ')}. It appears on the{' '}
          {approvals ? (
            <Link to={approvals}>Approvals page</Link>
          ) : (
            'Approvals page'
          )}{' '}
          of its approvers; until then {name} keeps its current expiry.
        </>
      ),
    });
  };

  const destroyed = (environment: EnvironmentRecord) => {
    setDestroying(undefined);
    setNotice({
      severity: 'success',
      message:
        environment.state === 'destroyed'
          ? `Destroyed ${environment.name}: its workloads' artifacts are removed.`
          : `${environment.name} is ${environment.state}.`,
    });
    retry();
  };

  const filtered = Boolean(filter.owner || filter.type || filter.state);
  let content: ReactNode;
  // A retry keeps the last error until it settles: show progress, not the stale error.
  if (error && !loading) {
    content = <ResponseErrorPanel error={error} />;
  } else if (!value || error) {
    content = <Progress />;
  } else if (value.environments.length === 0) {
    content = (
      <EmptyState
        missing="data"
        title={
          filtered
            ? 'No environment matches these filters'
            : 'No environments yet'
        }
        description={`${
          filtered
            ? 'Choose another owner, type or state above, or create'
            : 'Create'
        } an ephemeral environment with the template: a namespace to deploy a branch into, which removes itself when its time is up.`}
        action={<CreateButton />}
      />
    );
  } else {
    content = (
      <EnvironmentsTable
        environments={value.environments}
        usage={value.usage}
        loading={loading}
        onExtend={startExtend}
        onDestroy={startDestroy}
      />
    );
  }

  return (
    <Content>
      <ContentHeader
        title="All environments"
        description="The platform's environments and the ephemeral ones made from its templates. Ephemeral environments expire: extend or destroy them here."
      >
        <CreateButton />
      </ContentHeader>
      <Box mb={2}>
        <EnvironmentFilters
          filter={filter}
          owners={owners}
          onChange={setFilter}
        />
      </Box>
      {notice && (
        <Box mb={2}>
          <Alert
            severity={notice.severity}
            onClose={() => setNotice(undefined)}
          >
            {notice.message}
          </Alert>
        </Box>
      )}
      {content}
      {extending && (
        <ExtendDialog
          environment={extending}
          onClose={() => setExtending(undefined)}
          onExtended={outcome => extended(extending.name, outcome)}
        />
      )}
      {destroying && (
        <DestroyDialog
          environment={destroying}
          workloads={value?.usage.get(destroying.name)?.workloads ?? []}
          onClose={() => setDestroying(undefined)}
          onDestroyed={destroyed}
        />
      )}
    </Content>
  );
}
