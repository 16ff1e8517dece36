import type { FactDefinition } from '@paved/plugin-scorecards-common';

/** The facts the `techdocs` source provides; the default scorecards read these names. */
export const TECHDOCS_FACTS = {
  present: {
    type: 'boolean',
    description:
      'The entity says where its docs are: it has a backstage.io/techdocs-ref annotation.',
  },
  built: {
    type: 'boolean',
    description:
      "The TechDocs site exists in TechDocs' storage (its techdocs_metadata.json is there).",
  },
  pageCount: {
    type: 'number',
    description:
      'HTML pages in the built site, without its 404 page: 0 when not built, null when the site does not list its files.',
  },
  lastUpdated: {
    type: 'datetime',
    description: 'When the site was last built; null when it never was.',
  },
  daysSinceUpdate: {
    type: 'number',
    description:
      'Whole days since the site was last built; null when it never was.',
  },
} satisfies Record<string, FactDefinition>;

export type TechDocsFactName = keyof typeof TECHDOCS_FACTS;
