/**
 * Keeps credentials out of everything the GitOps target says: errors, logs
 * and results may end up in API responses and audit logs.
 */
export class Redactor {
  private readonly secrets: string[];

  constructor(secrets: Array<string | undefined>) {
    const all = new Set<string>();
    for (const secret of secrets) {
      // Short values such as "x" would blank out unrelated text and protect nothing.
      if (!secret || secret.length < 4) continue;
      all.add(secret);
      all.add(encodeURIComponent(secret));
      all.add(Buffer.from(secret).toString('base64'));
    }
    // Longest first, so a secret containing another is replaced whole.
    this.secrets = [...all].sort((a, b) => b.length - a.length);
  }

  /** For a URL carrying credentials: the same secrets plus its user-info. */
  static forUrl(url: string, extra: Array<string | undefined> = []): Redactor {
    const parsed = URL.canParse(url) ? new URL(url) : undefined;
    return new Redactor([
      ...extra,
      parsed?.password && decodeURIComponent(parsed.password),
      parsed?.password,
      // GitHub and others accept a token as the user name alone.
      parsed?.username && decodeURIComponent(parsed.username),
      parsed?.username,
    ]);
  }

  text(value: string): string {
    let result = redactUrlCredentials(value);
    for (const secret of this.secrets) {
      result = result.split(secret).join('***');
    }
    return result;
  }
}

/** `https://user:token@host/x.git` becomes `https://***@host/x.git`. */
export function redactUrlCredentials(value: string): string {
  return value.replace(/\b([a-z][a-z0-9+.-]*:\/\/)[^/\s@]+@/gi, '$1***@');
}
