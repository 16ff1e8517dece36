import { ReactNode, useCallback, useState } from 'react';
import {
  Content,
  EmptyState,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import { Box, Grid, Typography } from '@material-ui/core';
import useAsync from 'react-use/esm/useAsync';
import { orchestratorApiRef } from '../../api';
import { announceApprovalsChanged } from '../ApprovalsSidebarItem/approvalsChanged';
import { DeploymentApprovalCard } from './DeploymentApprovalCard';
import { ExtensionApprovalCard } from './ExtensionApprovalCard';

function Section(props: { id: string; title: string; children: ReactNode }) {
  const { id, title, children } = props;
  return (
    <Box component="section" aria-labelledby={id} mb={4}>
      <Typography id={id} variant="h5" component="h2" gutterBottom>
        {title}
      </Typography>
      <Grid container spacing={2}>
        {children}
      </Grid>
    </Box>
  );
}

/**
 * What waits for the signed-in user's decision: deployments a guardrail sent
 * for approval, and requests to keep an ephemeral environment longer.
 */
export function ApprovalsPage() {
  const api = useApi(orchestratorApiRef);
  const { value, loading, error } = useAsync(() => api.listApprovals(), [api]);
  // Decided items leave the list at once; reloading it would also re-fetch
  // every other item's plan.
  const [decided, setDecided] = useState<ReadonlySet<string>>(new Set());
  const markDecided = useCallback((key: string) => {
    setDecided(previous => new Set(previous).add(key));
    announceApprovalsChanged();
  }, []);
  const deploymentDecided = useCallback(
    ({ id }: { id: string }) => markDecided(`deployment:${id}`),
    [markDecided],
  );
  const extensionDecided = useCallback(
    ({ id }: { id: string }) => markDecided(`extension:${id}`),
    [markDecided],
  );

  let content;
  if (loading) content = <Progress />;
  else if (error) content = <ResponseErrorPanel error={error} />;
  else {
    const deployments = (value?.items ?? []).filter(
      d => !decided.has(`deployment:${d.id}`),
    );
    const extensions = (value?.extensions ?? []).filter(
      e => !decided.has(`extension:${e.id}`),
    );
    content =
      deployments.length === 0 && extensions.length === 0 ? (
        <EmptyState
          missing="content"
          title="Nothing waits for your decision"
          description="Deployments a guardrail sent for approval, and requests to keep an ephemeral environment beyond its maximum lifetime, show up here when you are one of their approvers. Nobody approves their own request."
        />
      ) : (
        <>
          {deployments.length > 0 && (
            <Section id="approvals-deployments" title="Deployments">
              {deployments.map(deployment => (
                <Grid item xs={12} key={deployment.id}>
                  <DeploymentApprovalCard
                    deployment={deployment}
                    onDecided={deploymentDecided}
                  />
                </Grid>
              ))}
            </Section>
          )}
          {extensions.length > 0 && (
            <Section id="approvals-extensions" title="Environment extensions">
              {extensions.map(extension => (
                <Grid item xs={12} md={6} key={extension.id}>
                  <ExtensionApprovalCard
                    extension={extension}
                    onDecided={extensionDecided}
                  />
                </Grid>
              ))}
            </Section>
          )}
        </>
      );
  }
  return <Content>{content}</Content>;
}
