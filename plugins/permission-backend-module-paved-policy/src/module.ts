import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { policyExtensionPoint } from '@backstage/plugin-permission-node/alpha';
import { readPermissionRules } from './config';
import { PavedPermissionPolicy } from './policy';

/** Installs {@link PavedPermissionPolicy}, with the rules of `permission.paved.rules`, as the permission backend's policy. */
export const permissionModulePavedPolicy = createBackendModule({
  pluginId: 'permission',
  moduleId: 'paved-policy',
  register(reg) {
    reg.registerInit({
      deps: {
        policy: policyExtensionPoint,
        config: coreServices.rootConfig,
        userInfo: coreServices.userInfo,
      },
      async init({ policy, config, userInfo }) {
        policy.setPolicy(
          new PavedPermissionPolicy({
            rules: readPermissionRules(config),
            userInfo,
          }),
        );
      },
    });
  },
});
