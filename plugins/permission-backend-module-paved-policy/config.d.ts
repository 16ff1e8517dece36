export interface Config {
  permission?: {
    /** Paved's permission policy. */
    paved?: {
      /**
       * Who may do what. A permission no rule names is allowed to every
       * signed-in user; a permission one or more rules name is allowed only
       * to the users and members of the groups those rules list. E.g.
       * `{ permission: orchestrator.approve, allow: [group:default/platform] }`.
       */
      rules?: Array<{
        /** A permission's name (`orchestrator.deploy.production`) or a prefix ending in `*` (`catalog.location.*`). */
        permission: string;
        /** Entity refs of users and groups, with their kind: `user:default/jane`, `group:default/platform`. */
        allow: string[];
      }>;
    };
  };
}
