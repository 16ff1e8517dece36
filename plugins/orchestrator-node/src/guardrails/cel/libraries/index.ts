import type { CelFunc } from '@bufbuild/cel';
import type { Registry } from '@bufbuild/protobuf';
import { base64Funcs } from './base64';
import { formatFuncs } from './format';
import { cidrFuncs, ipFuncs } from './ip';
import { listsFuncs } from './lists';
import { quantityFuncs } from './quantity';
import { regexFuncs } from './regex';
import { semverFuncs } from './semver';
import { setsFuncs } from './sets';
import { stringsFuncs } from './strings';
import { opaqueRegistry } from './types';
import { urlFuncs } from './url';

/** Everything the Kubernetes API server's CEL environment adds to standard CEL. */
export function kubernetesCelLibraries(): {
  funcs: CelFunc[];
  registry: Registry;
} {
  return {
    funcs: [
      ...stringsFuncs,
      ...listsFuncs,
      ...regexFuncs,
      ...urlFuncs,
      ...quantityFuncs,
      ...ipFuncs,
      ...cidrFuncs,
      ...setsFuncs,
      ...base64Funcs,
      ...formatFuncs,
      ...semverFuncs,
    ],
    registry: opaqueRegistry,
  };
}
