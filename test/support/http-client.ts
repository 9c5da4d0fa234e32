/** Bodies are whatever the server said; tests assert on their shape. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyJson = any;

export interface HttpAnswer<T = AnyJson> {
  readonly status: number;
  readonly body: T;
  readonly headers: Headers;
}

/** A tiny JSON client over fetch, so tests read like the requests a front end sends. */
export class HttpClient {
  constructor(
    private readonly baseUrl: string,
    private readonly token?: string,
  ) {}

  withToken(token: string): HttpClient {
    return new HttpClient(this.baseUrl, token);
  }

  /** `headers`: what a browser would add (Accept-Language). */
  get<T = AnyJson>(path: string, headers: Readonly<Record<string, string>> = {}): Promise<HttpAnswer<T>> {
    return this.send<T>('GET', path, undefined, 'application/json', headers);
  }

  post<T = AnyJson>(path: string, body?: unknown): Promise<HttpAnswer<T>> {
    return this.send<T>('POST', path, body === undefined ? undefined : JSON.stringify(body));
  }

  patch<T = AnyJson>(path: string, body: unknown): Promise<HttpAnswer<T>> {
    return this.send<T>('PATCH', path, JSON.stringify(body));
  }

  put<T = AnyJson>(path: string, body: unknown): Promise<HttpAnswer<T>> {
    return this.send<T>('PUT', path, JSON.stringify(body));
  }

  delete<T = AnyJson>(path: string): Promise<HttpAnswer<T>> {
    return this.send<T>('DELETE', path);
  }

  /** A download, as bytes (PDF exports). */
  async download(path: string): Promise<{ status: number; headers: Headers; bytes: Buffer }> {
    const response = await fetch(`${this.baseUrl}${path}`, { headers: this.token ? { authorization: `Bearer ${this.token}` } : {} });
    return { status: response.status, headers: response.headers, bytes: Buffer.from(await response.arrayBuffer()) };
  }

  /** Sends a body exactly as given (malformed JSON, oversized payloads). */
  postRaw<T = AnyJson>(path: string, rawBody: string, contentType = 'application/json'): Promise<HttpAnswer<T>> {
    return this.send<T>('POST', path, rawBody, contentType);
  }

  private async send<T>(method: string, path: string, body?: string, contentType = 'application/json', extraHeaders: Readonly<Record<string, string>> = {}): Promise<HttpAnswer<T>> {
    const headers: Record<string, string> = { ...extraHeaders };
    if (body !== undefined) headers['content-type'] = contentType;
    if (this.token) headers.authorization = `Bearer ${this.token}`;
    const response = await fetch(`${this.baseUrl}${path}`, { method, headers, body });
    const text = await response.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      // not JSON: keep the text
    }
    return { status: response.status, body: parsed as T, headers: response.headers };
  }
}
