import {
  EmptyState,
  Link,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useRouteRef } from '@backstage/frontend-plugin-api';
import {
  EntityInfoCard,
  entityRouteParams,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import {
  List,
  ListItem,
  ListItemSecondaryAction,
  ListItemText,
} from '@material-ui/core';
import { relativeTime, StateChip, useWorkloadEnvironments } from '../shared';

/** The environments a component runs in, with their state; each links to its row on the Deployments tab. */
export function OverviewCard() {
  const { entity, value, loading, error } = useWorkloadEnvironments();
  const entityRoute = useRouteRef(entityRouteRef);
  const tab = `${entityRoute?.(entityRouteParams(entity)) ?? ''}/deployments`;

  let content;
  if (loading) content = <Progress />;
  else if (error) content = <ResponseErrorPanel error={error} />;
  else if (!value?.length) {
    content = (
      <EmptyState
        missing="data"
        title="Not deployed yet"
        description="This component has a Paved workload but no deployment. Deploy it from a template, with the paved:deploy action, or with `paved plan` and the orchestrator's API."
      />
    );
  } else {
    content = (
      <List dense>
        {value.map(({ environment, latest, current }) => {
          const shown = current ?? latest;
          return (
            <ListItem key={environment}>
              <ListItemText
                primary={
                  <Link
                    to={`${tab}?environment=${encodeURIComponent(environment)}`}
                  >
                    {environment}
                  </Link>
                }
                secondary={`revision ${shown.revision}, ${relativeTime(
                  shown.updatedAt,
                )}${
                  latest !== shown && latest.revision !== shown.revision
                    ? ` (revision ${latest.revision} ${latest.state})`
                    : ''
                }`}
              />
              <ListItemSecondaryAction>
                <StateChip state={latest.state} />
              </ListItemSecondaryAction>
            </ListItem>
          );
        })}
      </List>
    );
  }
  return (
    <EntityInfoCard
      title="Environments"
      footerActions={<Link to={tab}>Deployments</Link>}
    >
      {content}
    </EntityInfoCard>
  );
}
