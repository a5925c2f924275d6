// Browser tests' shared parts: a real server (the app `newsfold serve` runs) on an ephemeral loopback port
// over a real SQLite store built from examples/ and the test fixtures, Debian's Chromium driven by
// playwright-core (which downloads nothing), axe-core injected from its npm package, and screenshots.
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { Engine } from '../../src/engine/index.ts';
import { buildServer, type Server } from '../../src/server/app.ts';
import { ROOT, scratchDb } from '../run-cli.ts';

export const CHROMIUM = process.env.NEWSFOLD_CHROMIUM ?? '/usr/bin/chromium';
export const TOKEN = 'browser-test-token-0123456789';
export const FIXTURES = join(ROOT, 'test', 'web', 'fixtures');
export const SCREENSHOTS = join(ROOT, 'test-output', 'screenshots');
export const WIDTHS = [1280, 390] as const;

/** Why the browser tests cannot run here, or undefined when they can. */
export function browserSkipReason(): string | undefined {
  if (existsSync(CHROMIUM)) return undefined;
  const reason = `browser tests skipped: no Chromium at ${CHROMIUM} (install Debian's chromium package, or set NEWSFOLD_CHROMIUM)`;
  process.stdout.write(`# ${reason}\n`);
  return reason;
}

export interface Site {
  base: string;
  engine: Engine;
  server: Server;
  context: BrowserContext;
  stop(): Promise<void>;
}

/** Starts the server over a fresh store holding `inputs` and one Chromium shared by a test file's tests. */
export async function startSite(inputs: readonly string[]): Promise<Site> {
  const { dir, db } = await scratchDb('newsfold-web-');
  const engine = Engine.openSqlite(db);
  await engine.ingest(inputs);
  const server = await buildServer(engine, { token: TOKEN });
  const base = await server.app.listen({ host: '127.0.0.1', port: 0 });
  const profile = await mkdtemp(join(tmpdir(), 'newsfold-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    viewport: { width: 1280, height: 900 },
  });
  // No request may leave the machine: anything not for this server fails the test that made it.
  await context.route('**/*', (route) => (route.request().url().startsWith(base) ? route.continue() : route.abort('blockedbyclient')));
  mkdirSync(SCREENSHOTS, { recursive: true });
  return {
    base,
    engine,
    server,
    context,
    stop: async () => {
      await context.close();
      await server.close();
      await engine.close();
      await rm(profile, { recursive: true, force: true });
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** A page that records requests leaving the server and Content-Security-Policy violations. */
export async function openPage(site: Site): Promise<{ page: Page; foreign: string[] }> {
  const page = await site.context.newPage();
  const foreign: string[] = [];
  page.on('request', (request) => {
    if (!request.url().startsWith(site.base)) foreign.push(request.url());
  });
  // Runs before any page script (through DevTools, so the page's own policy does not apply to it).
  await page.addInitScript({ content: "window.__cspViolations = []; document.addEventListener('securitypolicyviolation', (e) => window.__cspViolations.push(e.violatedDirective + ': ' + e.blockedURI));" });
  return { page, foreign };
}

/** Full-page screenshots at both widths, named after the page. */
export async function screenshots(page: Page, name: string): Promise<void> {
  for (const width of WIDTHS) {
    await page.setViewportSize({ width, height: 900 });
    // Nothing may push the page wider than the screen: wide tables and graphs scroll inside their own boxes.
    const pageWidth = (await page.evaluate('document.documentElement.scrollWidth')) as number;
    if (pageWidth > width) throw new Error(`${name} is ${pageWidth} px wide at a ${width} px viewport`);
    await page.screenshot({ path: join(SCREENSHOTS, `${name}-${width}.png`), fullPage: true });
  }
  await page.setViewportSize({ width: 1280, height: 900 });
}

const AXE_SOURCE = readFileSync(join(ROOT, 'node_modules', 'axe-core', 'axe.min.js'), 'utf8');

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[]; html: string }[];
}

/** axe-core's serious and critical violations on the page as it stands (run through DevTools, not as a page script). */
export async function seriousViolations(page: Page): Promise<AxeViolation[]> {
  await page.evaluate(`${AXE_SOURCE}\n;0`);
  const violations = (await page.evaluate(`(async () => {
    const result = await window.axe.run(document, { resultTypes: ['violations'] });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 3).map((n) => ({ target: n.target, html: n.html.slice(0, 200) })) }));
  })()`)) as AxeViolation[];
  return violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical');
}
