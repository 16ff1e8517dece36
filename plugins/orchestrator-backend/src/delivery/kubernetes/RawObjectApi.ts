import type { Agent } from 'node:http';
import {
  ApiException,
  Configuration,
  HttpMethod,
  KubernetesObject,
  KubernetesObjectApi,
  Observable,
  RequestContext,
  ResponseContext,
} from '@kubernetes/client-node';
import { RequestTimeoutError } from './retry';

const HTTP_STATUS = Symbol('httpStatus');

/**
 * The client's generic object API with its transport, authentication and
 * discovery cache, but JSON passed through as is. The stock methods
 * serialise known kinds through the client's typed models, which drop
 * fields the models do not know and turn timestamps into Dates; server-side
 * apply must send exactly the plan's fields, since the fields sent are the
 * fields Paved owns.
 */
export class RawObjectApi extends KubernetesObjectApi {
  requestTimeoutMs = 30_000;

  /**
   * Sends every request through one keep-alive agent. The client makes a
   * new agent per request, so each request pays a TCP connection and a TLS
   * handshake; a delivery makes a hundred requests or more.
   */
  reuseConnections(agent: Agent): void {
    this.configuration.middleware.push({
      pre: context => {
        context.setAgent(agent);
        return new Observable(Promise.resolve(context));
      },
      post: response => new Observable(Promise.resolve(response)),
    });
  }

  /** The discovery entry for a kind (cached by the client), or undefined if the cluster does not serve it. */
  async resourceOf(apiVersion: string, kind: string) {
    try {
      return await this.resource(apiVersion, kind);
    } catch (error) {
      // An API group the cluster does not serve answers discovery with 404.
      if (error instanceof ApiException && error.code === 404) return undefined;
      throw error;
    }
  }

  async send(
    method: HttpMethod,
    path: string,
    options: {
      query?: Record<string, string>;
      body?: unknown;
      contentType?: string;
      signal?: AbortSignal;
    } = {},
  ): Promise<{ status: number; body: any }> {
    const context = this.configuration.baseServer.makeRequestContext(
      path,
      method,
    );
    context.setHeaderParam('Accept', 'application/json');
    for (const [key, value] of Object.entries(options.query ?? {})) {
      context.setQueryParam(key, value);
    }
    if (options.body !== undefined) {
      context.setHeaderParam(
        'Content-Type',
        options.contentType ?? 'application/json',
      );
      context.setBody(JSON.stringify(options.body));
    }
    if (options.signal) context.setSignal(options.signal);
    const body: any = await this.requestPromise(context);
    return { status: body?.[HTTP_STATUS] ?? 200, body };
  }

  // Every request, discovery included, gets a deadline: the client has none
  // of its own, and a hung API server would otherwise hang the delivery.
  protected async requestPromise<T extends KubernetesObject>(
    context: RequestContext,
    type?: string,
    options?: Configuration,
  ): Promise<T> {
    const timeout = AbortSignal.timeout(this.requestTimeoutMs);
    const given = context.getSignal();
    context.setSignal(given ? AbortSignal.any([given, timeout]) : timeout);
    try {
      return await super.requestPromise<T>(context, type, options);
    } catch (error) {
      if (timeout.aborted && !given?.aborted) {
        throw new RequestTimeoutError(
          `${context.getHttpMethod()} ${
            new URL(context.getUrl()).pathname
          } got no answer within ${this.requestTimeoutMs} ms`,
        );
      }
      throw error;
    }
  }

  protected async processResponse<T extends KubernetesObject>(
    response: ResponseContext,
  ): Promise<T> {
    const text = await response.body.text();
    let body: unknown = text;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      // Not JSON (a proxy's error page): kept as text for the message.
    }
    if (response.httpStatusCode < 200 || response.httpStatusCode > 299) {
      throw new ApiException(
        response.httpStatusCode,
        'Unsuccessful HTTP Request',
        body,
        response.headers,
      );
    }
    if (body && typeof body === 'object') {
      Object.defineProperty(body, HTTP_STATUS, {
        value: response.httpStatusCode,
      });
    }
    return body as T;
  }
}
