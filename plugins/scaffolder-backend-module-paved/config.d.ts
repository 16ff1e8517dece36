export interface Config {
  paved?: {
    publish?: {
      /**
       * Where paved:publish creates a template's new repository, so templates
       * stay the same everywhere. `git` (default): paved:publish:git, a local
       * bare repository under `git.root`. `github` or `gitlab`: the official
       * publish:github or publish:gitlab action, with the token of the
       * `integrations.github` or `integrations.gitlab` entry for `host`.
       * Any other value stops the backend at start.
       */
      provider?: 'git' | 'github' | 'gitlab';
      /**
       * github and gitlab: the organisation or user (GitHub) or group path
       * (GitLab) new repositories are created in, unless a template gives
       * `owner`. One of the two is required.
       */
      owner?: string;
      /**
       * github and gitlab: the host, e.g. ghe.northwind.example. Default
       * github.com or gitlab.com. It needs an integrations entry.
       */
      host?: string;
      git?: {
        /**
         * Where paved:publish:git creates local bare repositories
         * (`<root>/<name>.git`) and the copies the catalog reads
         * (`<root>/checkouts/<name>/`). Default: `.paved/repositories` in the
         * backend's working directory. Nothing is written outside it.
         */
        root?: string;
      };
    };
  };
}
