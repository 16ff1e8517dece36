export interface Config {
  scorecards?: {
    sources?: {
      repository?: {
        /**
         * Folders that `file:` source locations may point into: entities the
         * catalog read from local files (the demo organisation, the golden
         * paths' local checkouts). Relative to the backend's working
         * directory. Default: the repository Paved runs from (the nearest
         * folder holding `platform/`); an empty list turns local reading off.
         */
        localRoots?: string[];
      };
    };
  };
}
