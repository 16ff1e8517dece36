import { claimCases, PackCase } from './builders';

// platform/policies/data-protection: GuardrailPolicies on the Crossplane claims
// (field names from platform/crossplane/*.yaml).

const noEncryption = (name: string, field: string) =>
  `${name} is not encrypted at rest: spec.parameters.${field} must be true`;

export const dataProtectionCases: PackCase[] = claimCases([
  {
    title: 'encrypted storage',
    policy: 'encryption-at-rest',
    validation: 0,
    kind: 'PostgreSQLInstance',
    envType: 'development',
  },
  {
    title: 'storageEncrypted not set',
    policy: 'encryption-at-rest',
    validation: 0,
    kind: 'PostgreSQLInstance',
    envType: 'development',
    parameters: { storageEncrypted: undefined },
    fails: noEncryption('PostgreSQLInstance checkout-db', 'storageEncrypted'),
  },
  {
    title: 'storageEncrypted false',
    policy: 'encryption-at-rest',
    validation: 0,
    kind: 'PostgreSQLInstance',
    envType: 'production',
    parameters: { storageEncrypted: false },
    fails: noEncryption('PostgreSQLInstance checkout-db', 'storageEncrypted'),
  },
  {
    title: 'encryptionAtRest',
    policy: 'encryption-at-rest',
    validation: 0,
    kind: 'RedisInstance',
    envType: 'ephemeral',
  },
  {
    title: 'encryptionAtRest not set',
    policy: 'encryption-at-rest',
    validation: 0,
    kind: 'RedisInstance',
    envType: 'ephemeral',
    parameters: { encryptionAtRest: undefined },
    fails: noEncryption('RedisInstance checkout-cache', 'encryptionAtRest'),
  },
  {
    title: 'AES256',
    policy: 'encryption-at-rest',
    validation: 0,
    kind: 'Bucket',
    envType: 'staging',
    parameters: { encryption: 'AES256' },
  },
  {
    title: 'no encryption',
    policy: 'encryption-at-rest',
    validation: 0,
    kind: 'Bucket',
    envType: 'staging',
    parameters: { encryption: undefined },
    fails:
      'Bucket checkout-files is not encrypted at rest: spec.parameters.encryption must be aws:kms or AES256',
  },
  {
    title: 'backups kept exactly 7 days',
    policy: 'backup-retention',
    validation: 1,
    kind: 'PostgreSQLInstance',
    envType: 'staging',
    parameters: { backup: { enabled: true, retentionDays: 7 } },
  },
  {
    title: 'backups disabled',
    policy: 'backup-retention',
    validation: 0,
    kind: 'PostgreSQLInstance',
    envType: 'production',
    parameters: { backup: { enabled: false } },
    fails:
      'PostgreSQLInstance checkout-db has no automated backups: spec.parameters.backup.enabled must be true',
  },
  {
    title: 'backups kept 3 days',
    policy: 'backup-retention',
    validation: 1,
    kind: 'PostgreSQLInstance',
    envType: 'production',
    parameters: { backup: { retentionDays: 3 } },
    fails:
      'PostgreSQLInstance checkout-db keeps backups 3 days; spec.parameters.backup.retentionDays must be at least 7',
  },
  {
    title: 'snapshots kept 7 days',
    policy: 'backup-retention',
    validation: 0,
    kind: 'RedisInstance',
    envType: 'production',
  },
  {
    title: 'no snapshots',
    policy: 'backup-retention',
    validation: 0,
    kind: 'RedisInstance',
    envType: 'staging',
    parameters: { snapshotRetentionDays: 0 },
    fails:
      'RedisInstance checkout-cache has no automated backups: spec.parameters.snapshotRetentionDays must be set',
    alsoFails: [1],
  },
  {
    title: 'snapshots kept 3 days, as redis-managed sets',
    policy: 'backup-retention',
    validation: 1,
    kind: 'RedisInstance',
    envType: 'staging',
    parameters: { snapshotRetentionDays: 3 },
    fails:
      'RedisInstance checkout-cache keeps backups 3 days; spec.parameters.snapshotRetentionDays must be at least 7',
  },
  {
    title: 'versioning',
    policy: 'bucket-versioning',
    validation: 0,
    kind: 'Bucket',
    envType: 'production',
  },
  {
    title: 'versioning off',
    policy: 'bucket-versioning',
    validation: 0,
    kind: 'Bucket',
    envType: 'staging',
    parameters: { versioning: false },
    fails:
      'Bucket checkout-files does not keep object versions: spec.parameters.versioning must be true',
  },
  {
    title: 'deletion protection',
    policy: 'deletion-protection',
    validation: 0,
    kind: 'PostgreSQLInstance',
    envType: 'production',
  },
  {
    title: 'no deletion protection',
    policy: 'deletion-protection',
    validation: 0,
    kind: 'PostgreSQLInstance',
    envType: 'production',
    parameters: { deletionProtection: false },
    fails:
      'PostgreSQLInstance checkout-db is not protected from deletion: spec.parameters.deletionProtection must be true',
  },
  {
    title: 'a production cache and bucket are protected too',
    policy: 'deletion-protection',
    validation: 0,
    kind: 'RedisInstance',
    envType: 'production',
  },
  {
    title: 'an unprotected production cache',
    policy: 'deletion-protection',
    validation: 0,
    kind: 'RedisInstance',
    envType: 'production',
    parameters: { deletionProtection: false },
    fails:
      'RedisInstance checkout-cache is not protected from deletion: spec.parameters.deletionProtection must be true',
  },
  {
    title: 'an unprotected production bucket',
    policy: 'deletion-protection',
    validation: 0,
    kind: 'Bucket',
    envType: 'production',
    parameters: { deletionProtection: false },
    fails:
      'Bucket checkout-files is not protected from deletion: spec.parameters.deletionProtection must be true',
  },
  {
    title: 'owner, cost-center and environment tags',
    policy: 'required-tags',
    validation: 0,
    kind: 'Bucket',
    envType: 'development',
  },
  {
    title: 'no cost-center tag',
    policy: 'required-tags',
    validation: 0,
    kind: 'RedisInstance',
    envType: 'production',
    parameters: { tags: { 'cost-center': undefined } },
    fails: 'RedisInstance checkout-cache lacks the required tags: cost-center',
  },
  {
    title: 'no tags',
    policy: 'required-tags',
    validation: 0,
    kind: 'PostgreSQLInstance',
    envType: 'staging',
    parameters: { tags: undefined },
    fails:
      'PostgreSQLInstance checkout-db lacks the required tags: owner, cost-center, environment',
  },
  {
    title: 'the environment tag of the planned environment',
    policy: 'required-tags',
    validation: 1,
    kind: 'PostgreSQLInstance',
    envType: 'ephemeral',
  },
  {
    title: 'the environment tag of another environment',
    policy: 'required-tags',
    validation: 1,
    kind: 'PostgreSQLInstance',
    envType: 'production',
    parameters: { tags: { environment: 'staging' } },
    fails:
      'PostgreSQLInstance checkout-db is tagged environment=staging but is planned for production',
  },
]);
