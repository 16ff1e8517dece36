export interface Config {
  paved?: {
    publish?: {
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
