import { useCallback } from 'react';
import { useApi } from '@backstage/frontend-plugin-api';
import {
  Card,
  CardActions,
  CardContent,
  CardHeader,
  Typography,
} from '@material-ui/core';
import {
  orchestratorApiRef,
  type Decision,
  type EnvironmentExtension,
} from '../../api';
import { formatDate, relativeTime } from '../shared';
import { DecisionButtons } from './DecisionButtons';
import { Requested } from './Requested';

const consequences = {
  approve: 'The environment then expires at the time asked for.',
  reject: 'The environment keeps its current expiry.',
};

/** A request to keep an ephemeral environment beyond its template's maximum lifetime. */
export function ExtensionApprovalCard(props: {
  extension: EnvironmentExtension;
  onDecided: (extension: EnvironmentExtension, decision: Decision) => void;
}) {
  const { extension, onDecided } = props;
  const api = useApi(orchestratorApiRef);
  const until = formatDate(extension.until);
  const decide = useCallback(
    (decision: Decision, comment?: string) =>
      api.decideExtension(extension.id, decision, comment),
    [api, extension.id],
  );
  const decided = useCallback(
    (decision: Decision) => onDecided(extension, decision),
    [extension, onDecided],
  );

  return (
    <Card
      component="article"
      aria-label={`${extension.environment} extension`}
      variant="outlined"
    >
      <CardHeader
        title={extension.environment}
        titleTypographyProps={{ component: 'h3', variant: 'h6' }}
        subheader={`keep until ${until} (${relativeTime(extension.until)})`}
      />
      <CardContent>
        <Requested
          by={extension.requestedBy}
          when={relativeTime(extension.createdAt)}
          approvers={extension.approvers}
        />
        {extension.reason && (
          <Typography variant="body2" paragraph>
            Reason: {extension.reason}
          </Typography>
        )}
        <Typography variant="body2" color="textSecondary">
          This is beyond the maximum lifetime of the environment&apos;s
          template.
        </Typography>
      </CardContent>
      <CardActions>
        <DecisionButtons
          subject={`keeping ${extension.environment} until ${until}`}
          consequences={consequences}
          decide={decide}
          onDecided={decided}
        />
      </CardActions>
    </Card>
  );
}
