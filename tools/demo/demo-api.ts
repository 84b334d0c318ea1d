/**
 * fetch, naming the call and its cause when the connection fails (undici says only "fetch failed").
 * A GET is retried once: a kept-alive socket the service closed while the demo was busy elsewhere
 * (Node's 5 s keep-alive timeout) fails the first reuse with a reset, which is not the service's answer.
 */
async function fetchOnce(url: string, init: RequestInit, idempotent: boolean): Promise<Response> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await fetch(url, init);
    } catch (error) {
      if (idempotent && attempt === 0) continue;
      const e = error as Error;
      throw new Error(
        `${init.method ?? 'GET'} ${url}: ${e.message} (${String((e.cause as Error)?.message ?? e.cause)})`,
      );
    }
  }
}

/** Small authenticated JSON client for the demo's calls into the five services. */
export class DemoApi {
  constructor(
    private readonly secret: string,
    private readonly metricsToken: string,
  ) {}

  /** A service's Prometheus text, read as a scraper does (production mode requires METRICS_TOKEN). */
  async metrics(baseUrl: string): Promise<string> {
    const response = await fetchOnce(
      `${baseUrl}/metrics`,
      { headers: { authorization: `Bearer ${this.metricsToken}` } },
      true,
    );
    if (!response.ok) throw new Error(`GET ${baseUrl}/metrics → ${response.status}`);
    return response.text();
  }

  async get<T>(url: string): Promise<T> {
    return this.call<T>('GET', url);
  }

  async post<T>(url: string, body: unknown = {}): Promise<T> {
    return this.call<T>('POST', url, body);
  }

  async put<T>(url: string, body: unknown): Promise<T> {
    return this.call<T>('PUT', url, body);
  }

  async patch<T>(url: string, body: unknown): Promise<T> {
    return this.call<T>('PATCH', url, body);
  }

  private async call<T>(method: string, url: string, body?: unknown): Promise<T> {
    const response = await fetchOnce(
      url,
      {
        method,
        headers: { authorization: `Bearer ${this.secret}`, 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      },
      method === 'GET',
    );
    const text = await response.text();
    if (!response.ok) throw new Error(`${method} ${url} → ${response.status}: ${text.slice(0, 300)}`);
    return (text ? JSON.parse(text) : undefined) as T;
  }
}

/** `YYYY-MM-DD` plus `days`. */
export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/** Every `YYYY-MM-DD` from `from` to `to` inclusive. */
export function datesBetween(from: string, to: string): string[] {
  const out: string[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) out.push(d);
  return out;
}

/** One sample value of a Prometheus metric line that starts with `prefix` (sum of all matching lines). */
export function sumMetric(text: string, prefix: string): number {
  return text
    .split('\n')
    .filter((line) => line.startsWith(prefix))
    .reduce((sum, line) => sum + Number(line.slice(line.lastIndexOf(' ') + 1)), 0);
}
