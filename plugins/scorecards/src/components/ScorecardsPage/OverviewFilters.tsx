import { Grid, TextField } from '@material-ui/core';
import { Autocomplete } from '@material-ui/lab';
import { shortRef } from '../shared';
import type { OverviewSelection } from './useOverview';

/** Owners and systems, several of each; the backend does the filtering. Nothing chosen means any. */
export function OverviewFilters(props: {
  selection: OverviewSelection;
  owners: string[];
  systems: string[];
  onChange: (selection: OverviewSelection) => void;
}) {
  const { selection, owners, systems, onChange } = props;
  return (
    <Grid container spacing={2}>
      <Grid item xs={12} sm={6} md={4}>
        <MultiSelect
          id="scorecards-owner"
          label="Owner"
          options={owners}
          value={selection.owner}
          onChange={owner => onChange({ ...selection, owner })}
        />
      </Grid>
      <Grid item xs={12} sm={6} md={4}>
        <MultiSelect
          id="scorecards-system"
          label="System"
          options={systems}
          value={selection.system}
          onChange={system => onChange({ ...selection, system })}
        />
      </Grid>
    </Grid>
  );
}

function MultiSelect(props: {
  id: string;
  label: string;
  options: string[];
  value: string[];
  onChange: (value: string[]) => void;
}) {
  const { id, label, options, value, onChange } = props;
  return (
    <Autocomplete
      id={id}
      multiple
      size="small"
      // A chosen value stays a choice even when no listed row has it.
      options={[...new Set([...options, ...value])].sort()}
      value={value}
      getOptionLabel={(option: string) => shortRef(option)}
      onChange={(_, chosen) => onChange(chosen)}
      renderInput={params => (
        <TextField
          {...params}
          variant="outlined"
          label={label}
          placeholder={value.length ? undefined : 'any'}
        />
      )}
    />
  );
}
