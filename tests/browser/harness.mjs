// Shared by the browser checks (check.mjs, search.mjs, preview.mjs): Debian's Chromium
// through playwright-core, fresh pages that note what goes wrong around a
// check (console and script errors, failed requests and error statuses,
// requests to other hosts, which are blocked), axe-core, and one line per
// check with a summary at the end.

import fs from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

export function isFile(p) {
  try { return fs.statSync(p).isFile(); } catch { return false; }
}

// Reads `--name value` and `--name=value` arguments into `opts`, by
// `names` (argument -> key); calls `usage` (which exits) on -h, --help,
// an unknown argument or a missing value.
export function readArgs(argv, names, opts, usage) {
  for (let i = 0; i < argv.length; i++) {
    let [arg, value] = argv[i].includes('=') ? argv[i].split(/=(.*)/s, 2) : [argv[i], null];
    if (arg === '-h' || arg === '--help') usage();
    if (!names[arg]) usage(`unknown argument "${argv[i]}"`);
    if (value === null) {
      if (i + 1 >= argv.length) usage(`${arg} needs a value`);
      value = argv[++i];
    }
    opts[names[arg]] = value;
  }
  return opts;
}

// Starts headless Chromium at `executablePath`; `name` prefixes the
// messages when it cannot (exit status 2: the checks could not run).
export async function launch(name, executablePath) {
  let chromium;
  try {
    ({ chromium } = await import('playwright-core'));
  } catch (e) {
    console.error(`${name}: cannot load playwright-core (${e.message}); run npm ci --prefix tests/browser`);
    process.exit(2);
  }
  if (!isFile(executablePath)) {
    console.error(`${name}: FAILED: no browser at ${executablePath} (apt-get install -y chromium). Browser checks cannot be skipped.`);
    process.exit(2);
  }
  try {
    return await chromium.launch({
      executablePath,
      headless: true,
      timeout: 60000,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
        '--disable-sync', '--no-first-run', '--disable-quic'],
    });
  } catch (e) {
    console.error(`${name}: FAILED: the browser at ${executablePath} could not start:\n${e.message}`);
    console.error('Browser checks cannot be skipped.');
    process.exit(2);
  }
}

// The default theme's search page: its live region, and a wait until it
// reports results or none (the search has run), which fails saying what
// the region says instead.
export const SEARCH_STATUS = '[data-search-status]';
export async function waitForResults(page) {
  await page.waitForFunction((s) => /result|No pages/.test(document.querySelector(s)?.textContent ?? ''), SEARCH_STATUS, { timeout: 15000 })
    .catch(async () => { throw new Error(`the search page shows no results and no "No pages": its status says "${await page.locator(SEARCH_STATUS).textContent()}"`); });
}

// The checks of one run against the site at `origin`.
export class Checks {
  constructor(browser, origin) {
    this.browser = browser;
    this.origin = origin;
    this.results = [];
  }

  record(name, problems) {
    this.results.push({ name, problems });
    console.log(`  ${problems.length ? 'FAIL' : 'ok  '} ${name}`);
    for (const p of problems) console.log(`       - ${p}`);
  }

  // A fresh page whose troubles are noted in `seen`; `phone` makes it a
  // phone's touch screen, 390 by 844 pixels; answers with the status
  // `allowStatus` are expected rather than troubles.
  async open({ javaScriptEnabled = true, colorScheme = 'light', phone = false, allowStatus = null } = {}) {
    const screen = phone
      ? { viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true }
      : { viewport: { width: 1280, height: 900 } };
    const context = await this.browser.newContext({ javaScriptEnabled, colorScheme, ...screen, serviceWorkers: 'block' });
    const page = await context.newPage();
    const seen = [];
    await context.route('**/*', (route) => {
      const url = route.request().url();
      if (url.startsWith(this.origin) || url.startsWith('data:') || url.startsWith('blob:')) return route.continue();
      seen.push(`request to another host: ${url}`);
      return route.abort('blockedbyclient');
    });
    const expected = (text) => allowStatus !== null && text.includes(`status of ${allowStatus} `);
    page.on('console', (msg) => {
      if (msg.type() === 'error' && !expected(msg.text())) seen.push(`console error: ${msg.text()}`);
    });
    page.on('pageerror', (err) => seen.push(`script error: ${err.message}`));
    // A request the page itself dropped by moving on to the next address
    // (net::ERR_ABORTED) did not fail.
    page.on('requestfailed', (req) => {
      const error = req.failure()?.errorText ?? '';
      if (error !== 'net::ERR_ABORTED') seen.push(`failed request: ${req.url()} ${error}`);
    });
    page.on('response', (res) => {
      if (res.status() >= 400 && res.status() !== allowStatus) seen.push(`HTTP ${res.status()}: ${res.url()}`);
    });
    return { context, page, seen };
  }

  // Runs one check in a fresh page (opened with `options`, see open()):
  // `body` adds problems, and a thrown error and whatever the page saw
  // count as problems too.
  async check(name, body, options = {}) {
    const { context, page, seen } = await this.open(options);
    const problems = [];
    try {
      await body(page, problems);
    } catch (e) {
      problems.push(e.message.split('\n')[0]);
    }
    problems.push(...seen);
    this.record(name, problems);
    await context.close();
  }

  // A check that runs axe-core (WCAG 2.2 A/AA) once `prepare` has brought
  // the page to the state to check.
  async axe(name, prepare, options = {}) {
    const { source } = require('axe-core');
    await this.check(`axe-core finds nothing on ${name}${options.colorScheme ? ` (${options.colorScheme})` : ''}`, async (page, problems) => {
      await prepare(page);
      // Evaluated rather than added as a <script>: a server's
      // Content-Security-Policy (as docs/deploy.md sets) blocks inline scripts.
      await page.evaluate(`${source}\n;void 0`);
      const found = await page.evaluate(async () => (await window.axe.run(document, {
        runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] },
      })).violations.map((v) => `${v.id}: ${v.help} (${v.nodes.length}: ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join('; ')})`));
      problems.push(...found);
    }, options);
  }

  // Prints "N passed, M failed" and returns how many failed.
  summary() {
    const failed = this.results.filter((r) => r.problems.length).length;
    console.log(`\n${this.results.length - failed} passed, ${failed} failed`);
    return failed;
  }
}
