// The offline copy (hearth build --offline) opened from disk, through
// file://, in headless Firefox (Debian's firefox-esr, driven over
// WebDriver BiDi by puppeteer-core), as offline.mjs opens it in Chromium:
//
// - the home page opens with its style sheet applied;
// - each page the home page links to is named by its file, opens, and
//   has its style sheet; every image on those pages and on a page with a
//   photograph loads;
// - the search page, given a word of a known page, lists that page, for
//   two such words, and a Welsh page on the Welsh search page; a word no
//   page has lists none; the search box in a page's header leads to
//   results;
// - the kind filter narrows the results to that kind;
// - no page shows a script error.
//
// It opens a few pages rather than all: offline.mjs checks every address
// of every page, which does not depend on the browser.
//
//   node tests/browser/offline-firefox.mjs --site DIR [--firefox /usr/bin/firefox-esr]
//
// Exit status: 0 when every check passed, 1 when one failed, 2 when the
// checks could not run.

import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { isFile, readArgs } from './harness.mjs';
import { htmlFiles, knownPages, readIndex } from './offline-copy.mjs';

function usage(message) {
  if (message) console.error(`offline-firefox.mjs: ${message}`);
  console.error('usage: node tests/browser/offline-firefox.mjs --site DIR [--firefox PATH]');
  process.exit(2);
}

const opts = readArgs(process.argv.slice(2), { '--site': 'site', '--firefox': 'firefox' },
  { site: null, firefox: '/usr/bin/firefox-esr' }, usage);
if (!opts.site) usage('--site is required');
const site = path.resolve(opts.site);
if (!fs.existsSync(path.join(site, 'index.html'))) usage(`${site} has no index.html: build it with hearth build --offline`);
const fileUrl = (file) => pathToFileURL(file).href;

async function launch() {
  let puppeteer;
  try {
    puppeteer = (await import('puppeteer-core')).default;
  } catch (e) {
    console.error(`offline-firefox.mjs: cannot load puppeteer-core (${e.message}); run npm ci --prefix tests/browser`);
    process.exit(2);
  }
  if (!isFile(opts.firefox)) {
    console.error(`offline-firefox.mjs: FAILED: no browser at ${opts.firefox} (apt-get install -y firefox-esr). Browser checks cannot be skipped.`);
    process.exit(2);
  }
  try {
    return await puppeteer.launch({ browser: 'firefox', executablePath: opts.firefox, headless: true, timeout: 60000 });
  } catch (e) {
    console.error(`offline-firefox.mjs: FAILED: the browser at ${opts.firefox} could not start:\n${e.message}`);
    process.exit(2);
  }
}

const browser = await launch();
const results = [];

// Runs one check in a fresh page: `body` adds problems; a thrown error
// and any script error the page shows count as problems too.
async function check(name, body) {
  const page = await browser.newPage();
  const problems = [];
  page.on('pageerror', (err) => problems.push(`script error: ${err.message}`));
  page.on('console', (msg) => {
    if (msg.type() === 'error') problems.push(`console error: ${msg.text()}`);
  });
  try {
    await body(page, problems);
  } catch (e) {
    problems.push(e.message.split('\n')[0]);
  }
  await page.close();
  results.push({ name, problems });
  console.log(`  ${problems.length ? 'FAIL' : 'ok  '} ${name}`);
  for (const p of problems) console.log(`       - ${p}`);
}

// Opens `file` and says what is wrong with it: its style sheet not
// applied (style.css lays the body out as a flex column), an image that
// did not load.
async function openPage(page, file) {
  await page.goto(fileUrl(file), { waitUntil: 'load' });
  const found = await page.evaluate(() => ({
    display: getComputedStyle(document.body).display,
    images: [...document.images].filter((img) => !img.complete || img.naturalWidth === 0).map((img) => img.currentSrc || img.src),
  }));
  const name = path.relative(site, file);
  const problems = [];
  if (found.display !== 'flex') problems.push(`${name}: style.css does not apply (body is ${found.display})`);
  for (const src of found.images) problems.push(`${name}: the image ${src} did not load`);
  return problems;
}

const home = path.join(site, 'index.html');
await check('the home page opens from disk with its style sheet', async (page, problems) => {
  problems.push(...await openPage(page, home));
});

await check('the pages the home page links to are files that open with their style sheet and images', async (page, problems) => {
  await page.goto(fileUrl(home), { waitUntil: 'load' });
  const links = await page.evaluate(() => [...new Set([...document.querySelectorAll('a[href]')]
    .map((a) => a.href.split('#')[0]).filter((href) => href.startsWith('file:')))]);
  if (links.length === 0) problems.push('the home page links to no file of the copy');
  for (const href of links) {
    const file = decodeURIComponent(new URL(href).pathname);
    if (!isFile(file)) problems.push(`the home page links to ${href}, which names no file`);
    else if (file.endsWith('.html')) problems.push(...await openPage(page, file));
  }
  // A page with a photograph, in whatever size and format Firefox picks.
  const photo = htmlFiles(site).find((file) => /<img\s[^>]*srcset=/.test(fs.readFileSync(file, 'utf8')));
  if (!photo) problems.push('no page of the copy has a photograph');
  else problems.push(...await openPage(page, photo));
});

const offlineIndex = readIndex(site);
const searchPage = path.join(site, 'search', 'index.html');

// The results the search page at `at` lists for `word`: their files
// and kinds.
async function search(page, word, at = searchPage) {
  await page.goto(`${fileUrl(at)}?q=${encodeURIComponent(word)}`, { waitUntil: 'load' });
  await waitForResults(page, word);
  return listed(page);
}

// Waits until the search page's live region reports the search for
// `word` (results or none), which it names in quotes in every language.
async function waitForResults(page, word) {
  await page.waitForFunction((w) => (document.querySelector('[data-search-status]')?.textContent ?? '').includes(`“${w}”`), { timeout: 15000 }, word)
    .catch(async () => {
      const status = await page.evaluate(() => document.querySelector('[data-search-status]')?.textContent ?? '(no status)');
      throw new Error(`the search page does not report a search for "${word}": its status says "${status}"`);
    });
}

async function listed(page) {
  return page.evaluate(() => [...document.querySelectorAll('.search-result')].map((item) => ({
    href: item.querySelector('.search-result__title a')?.href ?? '',
    kind: item.querySelector('.search-result__kind')?.textContent ?? '',
  })));
}

// Two pages of the default language, searched for on its search page,
// and one of another language (under `CODE/`), on that language's.
const known = knownPages(offlineIndex);
const isTranslated = (entry) => /^[a-z]{2,3}(-[a-z0-9]+)*\//i.test(entry.path) && fs.existsSync(path.join(site, entry.path.split('/')[0], 'search', 'index.html'));
const searched = [...known.filter((entry) => !isTranslated(entry)).slice(0, 2), ...known.filter(isTranslated).slice(0, 1)];
for (const known of searched) {
  const at = isTranslated(known) ? path.join(site, known.path.split('/')[0], 'search', 'index.html') : searchPage;
  await check(`a search for "${known.word}" on ${path.relative(site, at)} lists "${known.title}"`, async (page, problems) => {
    const results = await search(page, known.word, at);
    const wanted = fileUrl(path.join(site, known.path));
    if (!results.some((r) => r.href.split(/[?#]/)[0] === wanted)) {
      problems.push(`the results (${results.length}) do not link to ${known.path}: ${results.slice(0, 5).map((r) => r.href).join(', ')}`);
    }
  });
}

await check('the search box in a page\'s header leads to results', async (page, problems) => {
  const about = htmlFiles(site).find((file) => file.endsWith(path.join('about', 'index.html'))) ?? home;
  await page.goto(fileUrl(about), { waitUntil: 'load' });
  await page.type('.site-search__input', known[0].word);
  await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.click('.site-search__button')]);
  if (!/search\/index\.html\?q=/.test(page.url())) problems.push(`the search box led to ${page.url()}`);
  await waitForResults(page, known[0].word);
  if ((await listed(page)).length === 0) problems.push('no results');
});

await check('a search for a word no page has lists nothing', async (page, problems) => {
  const results = await search(page, 'qxzvjwk');
  if (results.length) problems.push(`${results.length} results`);
});

await check('the kind filter narrows the results to that kind', async (page, problems) => {
  const all = await search(page, 'care');
  await page.click('summary.search-filters__summary');
  await page.waitForSelector('[data-filter="kind"] input[type="checkbox"]', { timeout: 5000 });
  const boxes = await page.evaluate(() => [...document.querySelectorAll('[data-filter="kind"] input[type="checkbox"]')].map((b) => b.value));
  const kind = boxes.find((value) => all.some((r) => r.kind === value) && all.some((r) => r.kind !== value));
  if (!kind) throw new Error(`no kind filter narrows the ${all.length} results for "care" (kinds: ${boxes.join(', ')})`);
  await page.click(`[data-filter="kind"] input[value="${kind}"]`);
  // Before, the results shown were of more than one kind; now only of it.
  await page.waitForFunction((k) => {
    const kinds = [...document.querySelectorAll('.search-result__kind')].map((p) => p.textContent);
    return kinds.length > 0 && kinds.every((text) => text === k);
  }, { timeout: 15000 }, kind).catch(async () => {
    const shown = await listed(page);
    throw new Error(`after ticking "${kind}" the results are ${shown.length}, of kinds ${[...new Set(shown.map((r) => r.kind))].join(', ')}`);
  });
});

await browser.close();
const failed = results.filter((r) => r.problems.length).length;
console.log(`\n${results.length - failed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
