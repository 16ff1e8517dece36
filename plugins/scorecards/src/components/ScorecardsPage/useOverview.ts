import { useEffect, useState } from 'react';
import { useApi } from '@backstage/frontend-plugin-api';
import useAsync from 'react-use/esm/useAsync';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { scorecardsApiRef } from '../../api';

export interface OverviewSelection {
  owner: string[];
  system: string[];
}

/** Adds what `values` holds to `previous`, keeping the same array when nothing is new (no re-render). */
function remember(previous: string[], values: Array<string | undefined>) {
  const seen = new Set(previous);
  for (const value of values) if (value) seen.add(value);
  return seen.size === previous.length ? previous : [...seen].sort();
}

/**
 * The scorecards (once) and the rows the filters select (on every change),
 * filtered by the backend. Owners and systems are offered from every row
 * seen, so narrowing to one owner keeps the others selectable.
 */
export function useOverview(selection: OverviewSelection) {
  const api = useApi(scorecardsApiRef);
  const scorecards = useAsync(() => api.getScorecards(), [api]);
  const { owner, system } = selection;
  const ownerKey = owner.join('\n');
  const systemKey = system.join('\n');
  const rows = useAsyncRetry(
    () => api.getOverview({ owner, system }),
    // Keys, not arrays: a new array with the same choices is not a new query.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [api, ownerKey, systemKey],
  );

  const [owners, setOwners] = useState<string[]>([]);
  const [systems, setSystems] = useState<string[]>([]);
  const items = rows.value;
  useEffect(() => {
    if (!items) return;
    setOwners(previous =>
      remember(
        previous,
        items.map(r => r.owner),
      ),
    );
    setSystems(previous =>
      remember(
        previous,
        items.map(r => r.system),
      ),
    );
  }, [items]);

  return {
    scorecards: scorecards.value?.items,
    rows: items,
    loading: scorecards.loading || rows.loading,
    error: scorecards.error ?? rows.error,
    owners,
    systems,
  };
}
