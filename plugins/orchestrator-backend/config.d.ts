export interface Config {
  /** Paved's orchestrator backend. */
  orchestrator?: {
    platform?: {
      /**
       * The platform team's folder (environments, resource definitions,
       * policies). The nearest `platform/` above the backend's working
       * directory when left out.
       */
      directory?: string;
    };
    /** Where the orchestrator keeps files, e.g. the built-in GitOps repository. Default `.paved`. */
    workingDirectory?: string;
    environments?: {
      /** How often expired ephemeral environments are looked for, e.g. "1m" (the default) or "5m". */
      expiryCheck?: string;
    };
  };
}
