export interface StatusCause {
  type?: string;
  reason?: string;
  message: string;
  field?: string;
}

/** An API error, answered as a Kubernetes Status. */
export class FakeApiError extends Error {
  constructor(
    readonly code: number,
    readonly reason: string,
    message: string,
    readonly causes: StatusCause[] = [],
  ) {
    super(message);
  }
}
