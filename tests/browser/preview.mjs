#!/usr/bin/env node
// Browser test of the preview server, as an author meets it.
//
//   node tests/browser/preview.mjs --hearth PATH [--site DIR] [--chromium PATH]
//
// Copies the site at DIR (default: the current folder) to a temporary
// folder, adds one page to edit, starts `hearth serve` on it and, in
// Debian's chromium through playwright-core, checks that:
//   - a search on the freshly started preview shows results (a browser
//     opens several connections at once, which once hung the server), and
//     a word that is on no page finds nothing;
//   - saving an edit reloads the open page by itself, with the new text;
//   - the preview's search then finds a word the edit added;
//   - a broken edit shows its error (file, line and column) over the last
//     good page, which stays readable; the overlay passes axe-core;
//   - fixing the edit clears the overlay and shows the fixed page;
//   - Ctrl-C stops the server;
//   - a preview started on a broken site shows the errors at every
//     address (the page passes axe-core), and turns into the site by
//     itself once they are fixed;
//   - no console errors, failed requests or requests to other hosts.
// Prints one line per check and a last line "N passed, M failed"; exits 1
// when a check failed and 2 when the test could not run.

import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Checks, isFile, launch, readArgs, waitForResults } from './harness.mjs';

// ---------------------------------------------------------------- arguments

function usage(message) {
  if (message) console.error(`preview.mjs: ${message}`);
  console.error('usage: node tests/browser/preview.mjs --hearth PATH [--site DIR] [--chromium PATH]');
  process.exit(2);
}

function parseArgs(argv) {
  const opts = { hearth: null, site: '.', chromium: process.env.CHROMIUM_PATH || '/usr/bin/chromium' };
  const names = { '--hearth': 'hearth', '--site': 'site', '--chromium': 'chromium' };
  readArgs(argv, names, opts, usage);
  if (!opts.hearth) usage('--hearth is required');
  opts.hearth = path.resolve(opts.hearth);
  opts.site = path.resolve(opts.site);
  if (!isFile(opts.hearth)) usage(`no hearth binary at ${opts.hearth}`);
  if (!isFile(path.join(opts.site, 'site.yaml'))) usage(`no site.yaml in ${opts.site}`);
  return opts;
}

const opts = parseArgs(process.argv.slice(2));

// --------------------------------------------------------------- the site

// The page the checks edit, as content/PAGE.md, and a word that is on no
// other page of the site.
const PAGE = 'preview-check';
const WORD = 'quillwort';
const SOURCE = `content/${PAGE}.md`;
const page = (lines) => `---\n${lines.join('\n')}\n---\n`;
const VERSIONS = {
  first: `${page(['title: Preview check', 'description: A page the preview test edits.'])}The first version of this page.\n`,
  edited: `${page(['title: Preview check', 'description: A page the preview test edits.'])}The edited version, which mentions ${WORD}.\n`,
  // `weight` takes a number: the error is at line 3, column 9.
  broken: `${page(['title: Preview check', 'weight: heavy'])}The broken version.\n`,
  fixed: `${page(['title: Preview check', 'description: A page the preview test edits.'])}The fixed version, still about ${WORD}.\n`,
};
const BROKEN_AT = `${SOURCE}:3:9`;

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'hearth-preview-'));
for (const name of ['site.yaml', 'content', 'static', 'themes', 'data']) {
  const from = path.join(opts.site, name);
  if (fs.existsSync(from)) fs.cpSync(from, path.join(root, name), { recursive: true });
}
const write = (version) => fs.writeFileSync(path.join(root, SOURCE), VERSIONS[version]);
write('first');

// ------------------------------------------------------------- the server

// Starts `hearth serve` for the site at `folder` on a free port; resolves
// with its address once it says where it serves.
function serve(folder) {
  const child = spawn(opts.hearth, ['serve', '--root', folder, '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stderr.on('data', (chunk) => { err += chunk; });
  const address = new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`hearth serve said nothing in 120 s: ${err}`)), 120000);
    child.stdout.on('data', (chunk) => {
      out += chunk;
      const found = out.match(/ at (http:\/\/\S+) \(built/);
      if (found) { clearTimeout(timer); resolve(found[1]); }
    });
    child.on('exit', (code) => { clearTimeout(timer); reject(new Error(`hearth serve exited (${code}): ${err}`)); });
  });
  return { child, address, output: () => out };
}

const server = serve(root);
// However this script ends, the server goes with it.
process.on('exit', () => server.child.kill('SIGKILL'));
let base;
try {
  base = await server.address;
} catch (e) {
  console.error(`preview.mjs: ${e.message}`);
  process.exit(2);
}
if (!base.endsWith('/')) base += '/';
const origin = new URL(base).origin;
const at = (p) => base + p.replace(/^\/+/, '');

// -------------------------------------------------------------- the checks

const browser = await launch('preview.mjs', opts.chromium);
const checks = new Checks(browser, origin);
const check = checks.check.bind(checks);

const OVERLAY = '#hearth-overlay';

// Searches `query` on the search page and returns the result links.
async function search(page, query) {
  await page.goto(at(`search/?q=${encodeURIComponent(query)}`), { waitUntil: 'load' });
  await waitForResults(page);
  return page.$$eval('.search-result__title a', (links) => links.map((a) => a.getAttribute('href')));
}

// Waits until the open page's main text includes `text`, without reloading it.
async function waitForText(page, text, timeout = 30000) {
  await page.waitForFunction((t) => document.querySelector('main')?.textContent.includes(t), text, { timeout })
    .catch(() => { throw new Error(`the page did not show "${text}" within ${timeout / 1000} s`); });
}

const pageUrl = at(`${PAGE}/`);

console.log(`Serving a copy of ${opts.site} at ${base}`);
console.log(`Browser: chromium ${browser.version()}\n`);

try {
  await check('a search on the freshly started preview shows results', async (page, problems) => {
    const found = await search(page, 'charter');
    if (found.length === 0) problems.push('searching "charter" found nothing');
    const none = await search(page, WORD);
    if (none.length) problems.push(`"${WORD}" is on no page yet, but found ${none.join(', ')}`);
  });

  await check('saving an edit reloads the open page by itself', async (page, problems) => {
    await page.goto(pageUrl, { waitUntil: 'load' });
    await waitForText(page, 'The first version');
    // The test reloads nothing: only the server's message can bring the text.
    const loads = [];
    page.on('load', () => loads.push(page.url()));
    write('edited');
    await waitForText(page, WORD);
    if (page.url() !== pageUrl) problems.push(`the page moved to ${page.url()}`);
    if (loads.length === 0) problems.push('the new text came without the page reloading');
  });

  await check('the preview\'s search finds a word the edit added', async (page, problems) => {
    // The preview indexes in the background after each build.
    const deadline = Date.now() + 30000;
    let found = [];
    while (Date.now() < deadline) {
      found = await search(page, WORD);
      if (found.length) break;
      await page.waitForTimeout(500);
    }
    const target = new URL(pageUrl).pathname;
    if (!found.some((href) => href.replace(/\?[^#]*/, '') === target)) problems.push(`searching "${WORD}" lists ${JSON.stringify(found)}, not ${target}`);
  });

  await check('a broken edit shows its error over the last good page', async (page, problems) => {
    await page.goto(pageUrl, { waitUntil: 'load' });
    await waitForText(page, WORD);
    write('broken');
    await page.locator(OVERLAY).waitFor({ state: 'visible', timeout: 30000 })
      .catch(() => { throw new Error('no error overlay appeared'); });
    const report = await page.locator(`${OVERLAY} pre`).textContent();
    if (!report.includes(BROKEN_AT)) problems.push(`the overlay does not name ${BROKEN_AT}: ${report.slice(0, 200)}`);
    const role = await page.locator(OVERLAY).getAttribute('role');
    if (role !== 'alertdialog') problems.push(`the overlay's role is "${role}"`);
    // Under the overlay, the last good build is still served.
    await page.goto(pageUrl, { waitUntil: 'load' });
    await waitForText(page, WORD);
    if (await page.locator('main').textContent().then((t) => t.includes('The broken version'))) problems.push('the broken page was served');
    await page.locator(OVERLAY).waitFor({ state: 'visible', timeout: 15000 })
      .catch(() => { throw new Error('a page opened while the build is broken shows no overlay'); });
  });

  await checks.axe('the error overlay', async (page) => {
    await page.goto(pageUrl, { waitUntil: 'load' });
    await page.locator(OVERLAY).waitFor({ state: 'visible', timeout: 15000 });
  });

  await check('fixing the edit clears the overlay and shows the fixed page', async (page, problems) => {
    await page.goto(pageUrl, { waitUntil: 'load' });
    await page.locator(OVERLAY).waitFor({ state: 'visible', timeout: 15000 });
    write('fixed');
    await waitForText(page, 'The fixed version');
    await page.locator(OVERLAY).waitFor({ state: 'detached', timeout: 15000 })
      .catch(() => problems.push('the overlay stayed after the fix'));
  });
} catch (e) {
  await browser.close().catch(() => {});
  throw e;
}

const stopped = await new Promise((resolve) => {
  const timer = setTimeout(() => resolve(false), 10000);
  server.child.once('exit', (code, signal) => { clearTimeout(timer); resolve({ code, signal }); });
  server.child.kill('SIGINT');
});
checks.record('Ctrl-C stops the server', stopped
  ? (stopped.code === 0 ? [] : [`it exited with ${stopped.code ?? stopped.signal}`])
  : ['it was still running 10 s later']);
if (!stopped) server.child.kill('SIGKILL');

// A preview started on a broken site has no good build to fall back on.
write('broken');
const broken = serve(root);
process.on('exit', () => broken.child.kill('SIGKILL'));
try {
  const brokenBase = (await broken.address).replace(/\/?$/, '/');
  checks.origin = new URL(brokenBase).origin;
  const brokenPage = brokenBase + `${PAGE}/`;
  const NO_BUILD = { allowStatus: 503 };
  const waitForReport = async (page) => {
    await page.goto(brokenPage, { waitUntil: 'load' });
    await page.locator('#hearth-report').waitFor({ state: 'visible', timeout: 15000 })
      .catch(() => { throw new Error('the page shows no report'); });
  };
  await checks.axe('the page shown before any good build', waitForReport, NO_BUILD);
  await check('a preview started broken shows the errors, then the site once fixed', async (page, problems) => {
    await waitForReport(page);
    const heading = await page.locator('h1').textContent();
    if (heading !== 'Hearth could not build the site') problems.push(`the heading says "${heading}"`);
    const report = await page.locator('#hearth-report').textContent();
    if (!report.includes(BROKEN_AT)) problems.push(`the report does not name ${BROKEN_AT}: ${report.slice(0, 200)}`);
    const elsewhere = await page.request.get(brokenBase + 'no/such/page/');
    if (!(await elsewhere.text()).includes(BROKEN_AT)) problems.push('another address does not show the report');
    write('fixed');
    await waitForText(page, 'The fixed version');
    if (page.url() !== brokenPage) problems.push(`the page moved to ${page.url()}`);
  }, NO_BUILD);
} catch (e) {
  checks.record('a preview started broken shows the errors, then the site once fixed', [e.message]);
} finally {
  broken.child.kill('SIGKILL');
}
await browser.close().catch(() => {});
fs.rmSync(root, { recursive: true, force: true });

process.exit(checks.summary() ? 1 : 0);
