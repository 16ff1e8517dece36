import {
  celFunc,
  celMap,
  celMethod,
  CelScalar,
  listType,
  mapType,
  type CelFunc,
  type CelMap,
} from '@bufbuild/cel';
import type { ReflectMessage } from '@bufbuild/protobuf/reflect';
import {
  escapedPath,
  parseQuery,
  parseRequestURI,
  parseURL,
  splitHostPort,
  urlString,
  type GoURL,
} from './goUrl';
import { URL_TYPE } from './types';

/*
 * Kubernetes' URL library (k8s.io/apiserver/pkg/cel/library/urls.go). A URL
 * value holds Go's URL.String() of the parsed input: the API server compares
 * URLs by that string, and parsing it again gives back the same components.
 */

const { BOOL, STRING } = CelScalar;
const URL_OBJ = URL_TYPE.type;

function toURL(s: string) {
  try {
    // ParseRequestURI decides validity (absolute URI or absolute path); Parse
    // builds the value because ParseRequestURI mishandles fragments.
    parseRequestURI(s);
    return URL_TYPE.make(urlString(parseURL(s)));
  } catch (error) {
    throw new Error(
      `URL parse error during conversion from string: ${
        (error as Error).message
      }`,
    );
  }
}

function isURL(s: string): boolean {
  try {
    parseRequestURI(s);
    return true;
  } catch {
    return false;
  }
}

function parsed(value: ReflectMessage): GoURL {
  return parseURL(URL_TYPE.read(value));
}

function getQuery(this: ReflectMessage): CelMap {
  return celMap(parseQuery(parsed(this).rawQuery));
}

export const urlFuncs: CelFunc[] = [
  celFunc('url', [STRING], URL_OBJ, toURL),
  celFunc('isURL', [STRING], BOOL, isURL),
  celMethod('getScheme', URL_OBJ, [], STRING, function getScheme() {
    return parsed(this).scheme;
  }),
  celMethod('getHost', URL_OBJ, [], STRING, function getHost() {
    return parsed(this).host;
  }),
  celMethod('getHostname', URL_OBJ, [], STRING, function getHostname() {
    return splitHostPort(parsed(this).host)[0];
  }),
  celMethod('getPort', URL_OBJ, [], STRING, function getPort() {
    return splitHostPort(parsed(this).host)[1];
  }),
  celMethod('getEscapedPath', URL_OBJ, [], STRING, function getEscapedPath() {
    return escapedPath(parsed(this));
  }),
  celMethod(
    'getQuery',
    URL_OBJ,
    [],
    mapType(STRING, listType(STRING)),
    getQuery,
  ),
];
