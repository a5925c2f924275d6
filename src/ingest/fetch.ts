// Polite HTTP fetching for feed polling: an identifying User-Agent, robots.txt obeyed (its Crawl-delay too),
// one request at a time per host with a delay between them, a timeout, a size limit read as the body
// streams, and conditional GET (ETag, Last-Modified) so an unchanged feed costs a 304.
export const USER_AGENT = 'newsfold/0.1 (+https://github.com/newsfold/newsfold; feed reader)';
/** The token robots.txt groups are matched against. */
const ROBOTS_TOKEN = 'newsfold';

export interface FetchSettings {
  userAgent: string;
  /** Pause between two requests to one host, at least (a robots.txt Crawl-delay can make it longer). */
  perHostDelayMs: number;
  timeoutMs: number;
  /** Bodies above this are abandoned: one page must not exhaust memory (the readers' MAX_PAGE_BYTES is 20 MiB). */
  maxBytes: number;
}

export const DEFAULT_FETCH_SETTINGS: FetchSettings = {
  userAgent: USER_AGENT,
  perHostDelayMs: 1000,
  timeoutMs: 15_000,
  maxBytes: 5 * 1024 * 1024,
};

export type FetchResult =
  | { kind: 'ok'; url: string; body: Buffer; contentType?: string; etag?: string; lastModified?: string }
  | { kind: 'not-modified'; url: string }
  | { kind: 'refused'; url: string; reason: string };

/** A redirect handed back to fetch, which checks the hop against robots.txt before taking it. */
interface Redirect {
  kind: 'redirect';
  location: URL;
}

interface RobotsRules {
  rules: { allow: boolean; path: string }[];
  delayMs: number;
}

/** The rules of the group for our token, else of `*`; an unreachable or missing robots.txt allows all. */
export function parseRobots(text: string, token: string = ROBOTS_TOKEN): RobotsRules {
  const groups: { agents: string[]; rules: { allow: boolean; path: string }[]; delayMs: number }[] = [];
  let current: (typeof groups)[number] | undefined;
  let lastWasAgent = false;
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.replace(/#.*$/, '').trim();
    const match = /^([A-Za-z-]+)\s*:\s*(.*)$/.exec(line);
    if (match === null) continue;
    const field = match[1]!.toLowerCase();
    const value = match[2]!.trim();
    if (field === 'user-agent') {
      if (current === undefined || !lastWasAgent) {
        current = { agents: [], rules: [], delayMs: 0 };
        groups.push(current);
      }
      current.agents.push(value.toLowerCase());
      lastWasAgent = true;
      continue;
    }
    lastWasAgent = false;
    if (current === undefined) continue;
    if (field === 'disallow' && value !== '') current.rules.push({ allow: false, path: value });
    else if (field === 'allow' && value !== '') current.rules.push({ allow: true, path: value });
    else if (field === 'crawl-delay' && Number.isFinite(Number(value))) current.delayMs = Number(value) * 1000;
  }
  const ours = groups.find((group) => group.agents.some((agent) => agent !== '*' && token.toLowerCase().includes(agent)));
  const chosen = ours ?? groups.find((group) => group.agents.includes('*'));
  return chosen === undefined ? { rules: [], delayMs: 0 } : { rules: chosen.rules, delayMs: chosen.delayMs };
}

function ruleMatches(rulePath: string, path: string): number {
  // `*` matches any run of characters and a final `$` anchors the end, as Google and RFC 9309 read them.
  const anchored = rulePath.endsWith('$');
  const pattern = (anchored ? rulePath.slice(0, -1) : rulePath).split('*').map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*');
  return new RegExp(`^${pattern}${anchored ? '$' : ''}`).test(path) ? rulePath.length : -1;
}

/** The longest matching rule decides; Allow wins a tie; no rule allows. */
export function robotsAllow(rules: RobotsRules, path: string): boolean {
  let best = -1;
  let allowed = true;
  for (const rule of rules.rules) {
    const length = ruleMatches(rule.path, path);
    if (length > best || (length === best && rule.allow)) {
      if (length < 0) continue;
      best = length;
      allowed = rule.allow;
    }
  }
  return allowed;
}

/** Redirects followed for one URL: a longer chain is a loop or a trap (browsers stop at 20). */
const MAX_REDIRECTS = 5;
const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

/** What went wrong, in a user's words: fetch says "fetch failed" and keeps the reason in its cause. */
function fetchFailure(error: unknown, timeoutMs: number): string {
  if (!(error instanceof Error)) return String(error);
  if (error.name === 'TimeoutError') return `no complete answer within ${timeoutMs / 1000} s`;
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  if (error.message === 'fetch failed' && cause !== undefined) return `fetch failed: ${cause.code ?? cause.message ?? 'unknown reason'}`;
  return error.message;
}

export class PoliteFetcher {
  readonly settings: FetchSettings;
  private readonly robots = new Map<string, Promise<RobotsRules>>();
  /** Per host: when the last request ended, and the queue of requests waiting for it. */
  private readonly hosts = new Map<string, Promise<void>>();
  /** Requests made, by URL (a seam for tests and the log). */
  readonly requests: string[] = [];

  constructor(settings: FetchSettings = DEFAULT_FETCH_SETTINGS) {
    this.settings = settings;
  }

  /**
   * Fetches `url` if robots.txt allows it, after the host's delay; `validators` make it a conditional GET. Each
   * redirect hop is a request of its own: allowed by its host's robots.txt, and at its host's pace.
   */
  async fetch(url: string, validators: { etag?: string; lastModified?: string } = {}): Promise<FetchResult> {
    const first = new URL(url);
    if (first.protocol !== 'http:' && first.protocol !== 'https:') return { kind: 'refused', url, reason: `not an http(s) URL` };
    let target = first;
    for (let redirects = 0; ; redirects++) {
      const rules = await this.robotsOf(target);
      if (!robotsAllow(rules, target.pathname + target.search)) {
        return { kind: 'refused', url, reason: target === first ? 'disallowed by robots.txt' : `redirected to ${target.href}, which robots.txt disallows` };
      }
      const hop = target;
      const result = await this.politely(hop, Math.max(this.settings.perHostDelayMs, rules.delayMs), () => this.request(hop.href, validators, false));
      if (result.kind !== 'redirect') return result.kind === 'not-modified' ? { kind: 'not-modified', url } : result;
      if (redirects >= MAX_REDIRECTS) throw new Error(`more than ${MAX_REDIRECTS} redirects (last to ${result.location.href})`);
      target = result.location;
    }
  }

  private robotsOf(target: URL): Promise<RobotsRules> {
    let rules = this.robots.get(target.origin);
    if (rules === undefined) {
      rules = this.politely(target, this.settings.perHostDelayMs, async () => {
        try {
          // robots.txt's own redirects are followed within its host's turn (RFC 9309 asks for five hops).
          const result = await this.request(`${target.origin}/robots.txt`, {}, true);
          return result.kind === 'ok' ? parseRobots(result.body.toString('utf8')) : { rules: [], delayMs: 0 };
        } catch {
          return { rules: [], delayMs: 0 }; // unreachable robots.txt: allowed, as crawlers read a 4xx
        }
      });
      this.robots.set(target.origin, rules);
    }
    return rules;
  }

  /** Runs `work` when the host is free and its delay since the last request has passed. */
  private politely<T>(target: URL, delayMs: number, work: () => Promise<T>): Promise<T> {
    const previous = this.hosts.get(target.host) ?? Promise.resolve();
    const run = previous.then(() => work());
    const settled = run.then(
      () => undefined,
      () => undefined,
    ).then(() => new Promise<void>((resolve) => setTimeout(resolve, delayMs)));
    this.hosts.set(target.host, settled);
    return run;
  }

  /** One request, or with `follow` a chain of redirects; without it a redirect is handed back for fetch to check. */
  private request(url: string, validators: { etag?: string; lastModified?: string }, follow: true): Promise<FetchResult>;
  private request(url: string, validators: { etag?: string; lastModified?: string }, follow: false): Promise<FetchResult | Redirect>;
  private async request(url: string, validators: { etag?: string; lastModified?: string }, follow: boolean): Promise<FetchResult | Redirect> {
    try {
      return await this.requestFollowing(url, validators, follow);
    } catch (error) {
      throw new Error(fetchFailure(error, this.settings.timeoutMs));
    }
  }

  private async requestFollowing(url: string, validators: { etag?: string; lastModified?: string }, follow: boolean): Promise<FetchResult | Redirect> {
    this.requests.push(url);
    const headers: Record<string, string> = { 'user-agent': this.settings.userAgent, accept: 'application/rss+xml, application/atom+xml, text/html, application/xml;q=0.9, */*;q=0.5' };
    if (validators.etag !== undefined) headers['if-none-match'] = validators.etag;
    if (validators.lastModified !== undefined) headers['if-modified-since'] = validators.lastModified;
    // Redirects are followed here, not by fetch: fetch followed 20 at once (a loop was 21 requests in
    // milliseconds) and said only "fetch failed" for a redirect to ftp: or file:.
    const signal = AbortSignal.timeout(this.settings.timeoutMs);
    let current = url;
    let response: Response;
    for (let redirects = 0; ; redirects++) {
      response = await fetch(current, { headers, signal, redirect: 'manual' });
      if (!REDIRECT_STATUSES.has(response.status)) break;
      await response.body?.cancel();
      const location = response.headers.get('location');
      if (location === null) throw new Error(`HTTP ${response.status} without a Location to go to`);
      const next = new URL(location, current);
      if (next.protocol !== 'http:' && next.protocol !== 'https:') throw new Error(`redirected to a ${next.protocol} URL, not http(s): not followed`);
      if (!follow) return { kind: 'redirect', location: next };
      if (redirects >= MAX_REDIRECTS) throw new Error(`more than ${MAX_REDIRECTS} redirects (last to ${next.href})`);
      // A hop is another request: the host's delay holds between them too.
      await new Promise((resolve) => setTimeout(resolve, this.settings.perHostDelayMs));
      current = next.href;
      this.requests.push(current);
    }
    if (response.status === 304) return { kind: 'not-modified', url };
    if (!response.ok) {
      await response.body?.cancel();
      // The caller's problem line names the URL: the message says only what went wrong.
      throw new Error(`HTTP ${response.status}`);
    }
    const declared = Number(response.headers.get('content-length') ?? 0);
    if (declared > this.settings.maxBytes) {
      await response.body?.cancel();
      throw new Error(`${declared} bytes declared, above the limit of ${this.settings.maxBytes}`);
    }
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of response.body ?? []) {
      size += (chunk as Uint8Array).length;
      if (size > this.settings.maxBytes) throw new Error(`more than the limit of ${this.settings.maxBytes} bytes`);
      chunks.push(Buffer.from(chunk as Uint8Array));
    }
    const result: FetchResult = { kind: 'ok', url: current, body: Buffer.concat(chunks) };
    const contentType = response.headers.get('content-type');
    const etag = response.headers.get('etag');
    const lastModified = response.headers.get('last-modified');
    if (contentType !== null) result.contentType = contentType;
    if (etag !== null) result.etag = etag;
    if (lastModified !== null) result.lastModified = lastModified;
    return result;
  }
}
