// One URL, one key: the variants a crawler meets for the same page (http and https, host case, a default
// port, a trailing slash, a fragment, tracking parameters) give one key. Used for article identity and for
// "the full page wins over its feed item".

/** Query parameters that track a click, never select content: utm_* and the ad and mail platforms' ids. */
const TRACKING_PARAMETER = /^(?:utm_\w*|fbclid|gclid|gclsrc|dclid|yclid|msclkid|mc_cid|mc_eid|_ga|_gl|igshid|mkt_tok|ocid|cmpid|wt_mc|ref_src|at_medium|at_campaign|at_custom\d*)$/i;
const DEFAULT_PORTS: Record<string, string> = { 'http:': '80', 'https:': '443' };

/**
 * The identity key of a URL: no scheme (http and https are one page), host in lower case, no default port,
 * no fragment, no tracking parameters, the other parameters sorted, no trailing slash. A string that is not
 * an absolute http(s) URL is only trimmed and lower-cased where that is safe (its scheme and host).
 */
export function urlKey(url: string): string {
  const trimmed = url.trim();
  let parsed: URL;
  try {
    parsed = new URL(trimmed);
  } catch {
    return trimmed.replace(/#.*$/, '').replace(/\/+$/, '');
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return trimmed.replace(/#.*$/, '');
  const port = parsed.port === '' || parsed.port === DEFAULT_PORTS[parsed.protocol] ? '' : `:${parsed.port}`;
  const parameters = [...parsed.searchParams.entries()].filter(([name]) => !TRACKING_PARAMETER.test(name));
  parameters.sort(([x, xv], [y, yv]) => (x < y ? -1 : x > y ? 1 : xv < yv ? -1 : xv > yv ? 1 : 0));
  const query = parameters.length === 0 ? '' : `?${new URLSearchParams(parameters).toString()}`;
  const path = parsed.pathname.replace(/\/+$/, '');
  return `${parsed.hostname.toLowerCase()}${port}${path}${query}`;
}
