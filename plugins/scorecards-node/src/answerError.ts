/**
 * What a failed answer from another backend becomes: its status and what
 * that backend said (the message of Backstage's JSON error body, or the start
 * of whatever it sent), so facts marked stale say why.
 */
export async function answerError(
  what: string,
  response: Response,
): Promise<Error> {
  const text = await response.text().catch(() => '');
  let said = text.trim().slice(0, 500);
  try {
    const body = JSON.parse(text);
    if (typeof body?.error?.message === 'string') said = body.error.message;
  } catch {
    // Not JSON (a proxy's HTML page, plain text): the text is the message.
  }
  const status = `${response.status} ${response.statusText}`.trim();
  return new Error(`${what} answered ${status}${said ? `: ${said}` : ''}`);
}
