import { objectType, type CelObjectType } from '@bufbuild/cel';
import {
  create,
  createFileRegistry,
  fromJson,
  type DescMessage,
  type Message,
  type Registry,
} from '@bufbuild/protobuf';
import type { ReflectMessage } from '@bufbuild/protobuf/reflect';
import { FileDescriptorSetSchema } from '@bufbuild/protobuf/wkt';

/*
 * @bufbuild/cel only knows protobuf messages, so each Kubernetes opaque type
 * is a message with one string field holding a canonical form of the value.
 * CEL compares messages field by field, which makes `==` behave like the API
 * server's Equal for these types as long as the string is canonical (equal
 * values, equal strings).
 */

function opaqueMessage(name: string) {
  return {
    name,
    field: [
      {
        name: 'value',
        number: 1,
        type: 'TYPE_STRING',
        label: 'LABEL_OPTIONAL',
        jsonName: 'value',
      },
    ],
  };
}

/** The type names are the ones the API server reports from `type(x)`. */
export const opaqueRegistry: Registry = createFileRegistry(
  fromJson(FileDescriptorSetSchema, {
    file: [
      {
        name: 'paved/kubernetes_cel.proto',
        package: 'kubernetes',
        syntax: 'proto3',
        messageType: [
          opaqueMessage('Quantity'),
          opaqueMessage('URL'),
          opaqueMessage('Semver'),
          opaqueMessage('NamedFormat'),
        ],
      },
      {
        name: 'paved/net_cel.proto',
        package: 'net',
        syntax: 'proto3',
        messageType: [opaqueMessage('IP'), opaqueMessage('CIDR')],
      },
    ],
  }),
);

export interface OpaqueType {
  readonly desc: DescMessage;
  readonly type: CelObjectType;
  /** Wraps a canonical string as a CEL value of this type. */
  make(value: string): Message;
  /** The canonical string of a CEL value of this type. */
  read(value: ReflectMessage): string;
}

function opaqueType(typeName: string): OpaqueType {
  const desc = opaqueRegistry.getMessage(typeName);
  if (!desc) throw new Error(`missing descriptor for ${typeName}`);
  const field = desc.fields[0];
  return {
    desc,
    type: objectType(desc),
    make: value => create(desc, { value }),
    read: value => String(value.get(field)),
  };
}

export const QUANTITY = opaqueType('kubernetes.Quantity');
export const URL_TYPE = opaqueType('kubernetes.URL');
export const SEMVER = opaqueType('kubernetes.Semver');
export const NAMED_FORMAT = opaqueType('kubernetes.NamedFormat');
export const IP_TYPE = opaqueType('net.IP');
export const CIDR_TYPE = opaqueType('net.CIDR');
