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
    /** Demo data for the local portal; never for a real installation. */
    demo?: {
      /**
       * At start, give the demo organisation (examples/) deployments of
       * checkout-service and payments-gateway and an ephemeral environment,
       * made through the orchestrator's own plan, deploy and environment code
       * once the catalog has both components. Nothing is made when the
       * orchestrator already has deployments of them.
       * @default false
       */
      enabled?: boolean;
    };
    environments?: {
      /** How often expired ephemeral environments are looked for, e.g. "1m" (the default) or "5m". */
      expiryCheck?: string;
      /**
       * The groups whose members approve keeping an ephemeral environment
       * beyond its template's maximum lifetime. Default group:default/platform.
       */
      extensionApprovers?: string[];
    };
    /**
     * Where the GitOps delivery target commits plans: one folder per
     * environment (its `spec.gitopsPath`, by default its name) holding one
     * folder per workload, for Argo CD or Flux to apply.
     */
    gitops?: {
      /**
       * The repository: an http(s) URL (GitHub, GitLab, Gitea...), a
       * file:// URL or a path to a bare repository on this machine. SSH is
       * not supported. When left out, a bare repository is created at
       * `<working directory>/gitops.git`.
       */
      repository?: string;
      /**
       * The branch commits go to, created if the repository lacks it.
       * @default main
       */
      branch?: string;
      /** The commit author; who requested each deployment goes in the commit message. */
      author?: {
        /** @default Paved */
        name?: string;
        /** @default paved@localhost */
        email?: string;
      };
      /**
       * Where each cluster's admission policies go, once for every workload
       * and environment on that cluster; `{cluster}` is the environment's
       * `spec.cluster`. Must not overlap an environment's gitopsPath.
       * @default policies/{cluster}
       */
      policiesPath?: string;
      /** Credentials for an http(s) repository; ignored for local ones. */
      auth?: {
        /**
         * The user name sent with the token.
         * @default x-access-token
         */
        username?: string;
        /**
         * A token with write access to the repository (for GitHub, contents: write).
         * @visibility secret
         */
        token: string;
      };
    };
    /** Delivery straight to Kubernetes clusters, for environments with `spec.delivery: kubernetes`. */
    kubernetes?: {
      /** The clusters environments deliver to; an Environment picks one by `spec.cluster`. */
      clusters?: Array<{
        /** Matches an Environment's `spec.cluster`, e.g. `northwind-dev`. */
        name: string;
        /** The API server, e.g. `https://10.0.0.1:6443`; plain http only with skipTLSVerify. */
        url: string;
        /**
         * A ServiceAccount token allowed to get, list, patch and delete what plans render.
         * @visibility secret
         */
        serviceAccountToken: string;
        /** Accept any server certificate. Default false; never in production. */
        skipTLSVerify?: boolean;
        /** Base64 of the PEM CA certificate that signed the API server's certificate. */
        caData?: string;
      }>;
      /**
       * Take over fields another field manager (kubectl, a controller) owns when applying.
       * Default false: a conflict fails the delivery and names the other manager.
       */
      forceConflicts?: boolean;
      /** How long a delivery waits for Deployments and StatefulSets to roll out: `30s`, `5m` (default), `1h`. */
      rolloutTimeout?: string;
    };
  };
}
