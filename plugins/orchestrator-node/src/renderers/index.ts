import { ResourceRenderer } from '../resources';
import { crossplaneClaimRenderer } from './crossplaneClaim';
import { dnsRenderer } from './dns';
import { routeRenderer } from './route';
import { servicePortRenderer } from './servicePort';
import { volumeRenderer } from './volume';

export {
  crossplaneClaimRenderer,
  dnsRenderer,
  routeRenderer,
  servicePortRenderer,
  volumeRenderer,
};

/** The renderers every Paved installation has; modules add their own through createPlan's `renderers`. */
export const builtInRenderers: ResourceRenderer[] = [
  crossplaneClaimRenderer,
  dnsRenderer,
  routeRenderer,
  servicePortRenderer,
  volumeRenderer,
];
