import {
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Typography,
  makeStyles,
} from '@material-ui/core';
import type {
  Money,
  PlannedOutput,
  PlannedResource,
} from '@paved/plugin-orchestrator-common';
import { formatMoney } from '../shared';

const useStyles = makeStyles(theme => ({
  outputs: {
    margin: 0,
    padding: 0,
    listStyle: 'none',
    fontFamily: theme.typography.fontFamily,
  },
  total: {
    fontWeight: theme.typography.fontWeightBold as number,
  },
}));

/**
 * Only the reference, whatever else the object carries: the plan is shown to
 * everyone who may read the deployment, the secret's value to no one.
 */
export function describeOutput(output: PlannedOutput): string {
  if (output.kind === 'secret') {
    return `secret ${output.secretRef.name}/${output.secretRef.key}`;
  }
  return output.value;
}

/** What the workload's resources are, which definition provisions each, what they hand the workload, and their price. */
export function ResourcesTable(props: {
  resources: PlannedResource[];
  total: Money[];
}) {
  const { resources, total } = props;
  const classes = useStyles();
  if (resources.length === 0) {
    return <Typography>This plan provisions no resources.</Typography>;
  }
  return (
    <Table size="small" aria-label="Resources">
      <TableHead>
        <TableRow>
          <TableCell>Name</TableCell>
          <TableCell>Type</TableCell>
          <TableCell>Class</TableCell>
          <TableCell>Definition</TableCell>
          <TableCell>Outputs</TableCell>
          <TableCell align="right">Price / month</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {resources.map(resource => (
          <TableRow key={resource.id}>
            <TableCell>{resource.name}</TableCell>
            <TableCell>{resource.type}</TableCell>
            <TableCell>{resource.class}</TableCell>
            <TableCell>{resource.definition}</TableCell>
            <TableCell>
              <ul className={classes.outputs}>
                {Object.entries(resource.outputs).map(([name, output]) => (
                  <li key={name}>
                    <code>{name}</code>: {describeOutput(output)}
                  </li>
                ))}
              </ul>
            </TableCell>
            <TableCell align="right">
              {formatMoney(resource.pricePerMonth)}
            </TableCell>
          </TableRow>
        ))}
        <TableRow>
          <TableCell className={classes.total} colSpan={5}>
            Total
          </TableCell>
          <TableCell className={classes.total} align="right">
            {formatMoney(total)}
          </TableCell>
        </TableRow>
      </TableBody>
    </Table>
  );
}
