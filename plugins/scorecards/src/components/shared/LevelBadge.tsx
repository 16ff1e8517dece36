import { Chip, Tooltip } from '@material-ui/core';
import { levelColour } from './levels';

/**
 * The level an entity reached, in its medal colour, named short ("Silver")
 * so it fits a table cell; the scorecard's title for it is the tooltip.
 * "No level yet" when none.
 */
export function LevelBadge(props: {
  level: string | null;
  /** The level's title; its name when left out. */
  title?: string;
  /** The level's position in its scorecard, for the colour of levels that are not medals. */
  index?: number;
}) {
  const { level, title, index } = props;
  if (level === null) {
    return (
      <Chip
        size="small"
        variant="outlined"
        label="No level yet"
        data-testid="level-none"
      />
    );
  }
  const chip = (
    <Chip
      size="small"
      label={level.charAt(0).toUpperCase() + level.slice(1)}
      style={{ background: levelColour(level, index), color: '#fff' }}
      data-testid={`level-${level}`}
    />
  );
  return title ? <Tooltip title={title}>{chip}</Tooltip> : chip;
}
