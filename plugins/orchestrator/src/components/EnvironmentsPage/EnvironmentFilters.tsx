import { ChangeEvent } from 'react';
import { Grid, TextField } from '@material-ui/core';
import type {
  EnvironmentState,
  EnvironmentType,
} from '@paved/plugin-orchestrator-common';
import type { EnvironmentFilter } from '../../api';
import { shortRef } from '../shared';

// Records, so the compiler notices a type or state added to the common package; importing
// its runtime list would pull the schema library into this page.
const types: Record<EnvironmentType, true> = {
  development: true,
  staging: true,
  production: true,
  ephemeral: true,
};
const states: Record<EnvironmentState, true> = {
  active: true,
  destroying: true,
  destroyed: true,
};

/** Owner, type and state; the backend does the filtering. An empty choice means any. */
export function EnvironmentFilters(props: {
  filter: EnvironmentFilter;
  owners: string[];
  onChange: (filter: EnvironmentFilter) => void;
}) {
  const { filter, owners, onChange } = props;
  const set =
    (key: keyof EnvironmentFilter) =>
    (event: ChangeEvent<{ value: unknown }>) =>
      onChange({
        ...filter,
        [key]: (event.target.value as string) || undefined,
      });
  // The selected owner stays a choice even when no listed environment has it.
  const ownerChoices =
    filter.owner && !owners.includes(filter.owner)
      ? [...owners, filter.owner].sort()
      : owners;

  return (
    <Grid container spacing={2}>
      <Grid item xs={12} sm={4} md={3}>
        <Select
          id="environments-owner"
          label="Owner"
          value={filter.owner}
          onChange={set('owner')}
          choices={ownerChoices.map(owner => [owner, shortRef(owner)])}
        />
      </Grid>
      <Grid item xs={12} sm={4} md={3}>
        <Select
          id="environments-type"
          label="Type"
          value={filter.type}
          onChange={set('type')}
          choices={Object.keys(types).map(type => [type, type])}
        />
      </Grid>
      <Grid item xs={12} sm={4} md={3}>
        <Select
          id="environments-state"
          label="State"
          value={filter.state}
          onChange={set('state')}
          choices={Object.keys(states).map(state => [state, state])}
        />
      </Grid>
    </Grid>
  );
}

// Native selects: accessible by their label, and usable with the keyboard alone.
function Select(props: {
  id: string;
  label: string;
  value: string | undefined;
  onChange: (event: ChangeEvent<{ value: unknown }>) => void;
  choices: Array<[value: string, label: string]>;
}) {
  const { id, label, value, onChange, choices } = props;
  return (
    <TextField
      id={id}
      select
      fullWidth
      variant="outlined"
      size="small"
      label={label}
      value={value ?? ''}
      onChange={onChange}
      SelectProps={{ native: true }}
      InputLabelProps={{ shrink: true }}
    >
      <option value="">any</option>
      {choices.map(([choice, text]) => (
        <option key={choice} value={choice}>
          {text}
        </option>
      ))}
    </TextField>
  );
}
