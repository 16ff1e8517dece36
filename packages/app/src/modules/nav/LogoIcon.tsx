import { makeStyles } from '@material-ui/core';

const useStyles = makeStyles({
  svg: { width: 'auto', height: 28 },
  path: { fill: '#7df3e1' },
});

/** Paved's mark: three paving slabs laid in a path. */
export const LogoIcon = () => {
  const classes = useStyles();
  return (
    <svg className={classes.svg} viewBox="0 0 32 32" aria-hidden="true">
      <path
        className={classes.path}
        d="M4 22h10v6H4zM11 13h10v6H11zM18 4h10v6H18z"
      />
    </svg>
  );
};
