#!/usr/bin/env node
// Browser test of full-text search on a site built by Hearth.
//
//   node tests/browser/search.mjs --site DIR --base-path /compassionate-city/ \
//        [--origin http://127.0.0.1:PORT] [--query WORD] [--chromium PATH] [--screenshots DIR]
//
// Serves DIR under the base path on 127.0.0.1 (or, with --origin, uses a
// web server already serving DIR there, such as nginx or Apache set up as
// docs/deploy.md says) and, in Debian's chromium
// through playwright-core, checks that:
//   - a word from a known page (the first module's title) finds that page,
//     with its kind, an excerpt with the match marked, and a count announced
//     in the polite live region;
//   - the keyboard reaches the result from the search box, and Enter opens
//     it with the word marked in its text (result links carry the page's
//     forms of the words as ?highlight=);
//   - a word the known page has only in another form (searched as a
//     plural, the page has the singular) marks the page's form;
//   - a word found in one section of the known page lists that section
//     under the page, linked to its heading, and the keyboard opens it with
//     the word marked in that heading;
//   - a word searched in quotes is marked without them;
//   - a notice at the top of the main content says the words are marked;
//     on a phone, tapping its button clears the marks and the notice,
//     leaves focus on the main content and the page's markup as it was, and
//     takes the words out of the address; Escape does the same;
//   - a page opened without ?highlight= marks nothing and loads no
//     highlighting script;
//   - excerpts read as the pages do: the page's < and > are not shown as
//     "&lt;" and "&gt;", and marks leave out the punctuation around a word;
//   - a kind filter, reached and ticked with the keyboard, narrows the
//     results of a broader query (--query, default "charter");
//   - ?q= in the address searches on load, and the header search box leads
//     there from another page (so both work under the base path);
//   - without JavaScript the page offers the A to Z index and hides the form;
//   - under a strict Content-Security-Policy with 'wasm-unsafe-eval', search
//     works; where the policy forbids WebAssembly, the page says search is
//     not available and offers the A to Z index;
//   - the search page with results and filters open, and the known page
//     with its words marked, pass axe-core (WCAG 2.2 A/AA) in light and
//     dark schemes;
//   - no console errors, failed requests or requests to other hosts.
// Prints one line per check and a last line "N passed, M failed"; exits 1
// when a check failed and 2 when the test could not run.

import http from 'node:http';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { Checks, SEARCH_STATUS as STATUS, isFile, launch, readArgs, waitForResults } from './harness.mjs';

// ---------------------------------------------------------------- arguments

function usage(message) {
  if (message) console.error(`search.mjs: ${message}`);
  console.error('usage: node tests/browser/search.mjs --site DIR --base-path /sub/path/ [--origin URL] [--query WORD] [--chromium PATH] [--screenshots DIR]');
  process.exit(2);
}

function parseArgs(argv) {
  const opts = {
    site: null,
    basePath: '/',
    query: 'charter',
    chromium: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
    screenshots: null,
    origin: null,
  };
  const names = { '--site': 'site', '--base-path': 'basePath', '--origin': 'origin', '--query': 'query', '--chromium': 'chromium', '--screenshots': 'screenshots' };
  readArgs(argv, names, opts, usage);
  if (!opts.site) usage('--site is required');
  let bp = opts.basePath.trim();
  if (!bp.startsWith('/')) bp = `/${bp}`;
  if (!bp.endsWith('/')) bp += '/';
  opts.basePath = bp;
  opts.site = path.resolve(opts.site);
  if (opts.screenshots) opts.screenshots = path.resolve(opts.screenshots);
  if (opts.origin) opts.origin = opts.origin.replace(/\/+$/, '');
  return opts;
}

const opts = parseArgs(process.argv.slice(2));
const searchFile = path.join(opts.site, 'search', 'index.html');
if (!fs.existsSync(searchFile)) {
  console.error(`search.mjs: ${searchFile} does not exist: build the site with search first`);
  process.exit(2);
}
if (!fs.existsSync(path.join(opts.site, 'pagefind', 'pagefind.js'))) {
  console.error(`search.mjs: no pagefind/pagefind.js under ${opts.site}: the search index was not built`);
  process.exit(2);
}

// ------------------------------------------------------------- file server

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.xml': 'application/xml; charset=utf-8',
};

// The file for a URL path under the base path, or null.
function resolve(urlPath) {
  if (!urlPath.startsWith(opts.basePath)) return null;
  let rel;
  try { rel = decodeURIComponent(urlPath.slice(opts.basePath.length)); } catch { return null; }
  const full = path.resolve(opts.site, `.${path.posix.sep}${rel}`);
  if (full !== opts.site && !full.startsWith(opts.site + path.sep)) return null;
  if (rel === '' || rel.endsWith('/')) return isFile(path.join(full, 'index.html')) ? path.join(full, 'index.html') : null;
  return isFile(full) ? full : null;
}

const server = http.createServer((req, res) => {
  const url = new URL(req.url, 'http://127.0.0.1');
  const file = resolve(url.pathname);
  if (!file) {
    res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' });
    res.end('404 Not Found\n');
    return;
  }
  const body = fs.readFileSync(file);
  res.writeHead(200, {
    'Content-Type': TYPES[path.extname(file)] || 'application/octet-stream',
    'Content-Length': body.length,
    'Cache-Control': 'no-cache',
  });
  res.end(body);
});
if (!opts.origin) {
  await new Promise((ok, fail) => {
    server.once('error', fail);
    server.listen(0, '127.0.0.1', ok);
  });
}
const origin = opts.origin ?? `http://127.0.0.1:${server.address().port}`;
const at = (p) => origin + opts.basePath + p.replace(/^\/+/, '');

// --------------------------------------------------------- the known page

// The first module's title and URL, read from the built HTML as Pagefind
// reads it; the longest word of the title is what the reader types.
function walk(dir, out = []) {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory() && entry.name !== 'pagefind') walk(full, out);
    else if (entry.name === 'index.html') out.push(full);
  }
  return out;
}

function knownPage() {
  for (const file of walk(opts.site).sort()) {
    const html = fs.readFileSync(file, 'utf8');
    if (!html.includes('data-pagefind-filter="kind:Module"')) continue;
    const title = html.match(/data-pagefind-meta="title:([^"]*)"/)?.[1];
    if (!title) continue;
    const rel = path.relative(opts.site, path.dirname(file)).split(path.sep).join('/');
    const decoded = title.replace(/&#x27;|&#39;/g, "'").replace(/&quot;/g, '"').replace(/&amp;/g, '&');
    const word = decoded.split(/[^\p{L}\p{N}]+/u).sort((a, b) => b.length - a.length)[0];
    return { title: decoded, url: opts.basePath + (rel ? `${rel}/` : ''), word };
  }
  return null;
}

const known = knownPage();
if (!known) {
  console.error('search.mjs: no module page with data-pagefind-body found in the site');
  server.close();
  process.exit(2);
}

// Run in the known page: each heading with an id in the indexed body that
// has a word (five letters or more) found nowhere else in the text
// Pagefind indexes, with its id, its text and the first such word; and
// every word of five letters or more in that text, lower-cased.
function pageWords() {
  const body = document.querySelector('[data-pagefind-body]');
  if (!body) return { sections: [], words: [] };
  const copy = body.cloneNode(true);
  const unindexed = 'nav, footer, form, script, style, noscript, label, svg, iframe, template, [data-pagefind-ignore], .heading-anchor';
  for (const element of copy.querySelectorAll(unindexed)) element.remove();
  const words = (text) => text.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter((w) => w.length >= 5);
  const counts = new Map();
  for (const word of words(copy.textContent)) counts.set(word, (counts.get(word) ?? 0) + 1);
  const found = [];
  for (const heading of copy.querySelectorAll('h2[id], h3[id]')) {
    const word = words(heading.textContent).find((w) => counts.get(w) === 1);
    if (word) found.push({ id: heading.id, title: heading.textContent.trim().replace(/\s+/g, ' '), word });
  }
  return { sections: found, words: [...counts.keys()] };
}

// ------------------------------------------------------------ the browser

const browser = await launch('search.mjs', opts.chromium);
const checks = new Checks(browser, origin);
const check = checks.check.bind(checks);

// A page's URL with `word` as ?highlight=, before the heading's #id for a
// section: a link from a search result, made by hand.
function resultHref(url, word) {
  const [address, id] = url.split('#');
  const query = new URLSearchParams({ highlight: word }).toString();
  return `${address}?${query}${id === undefined ? '' : `#${id}`}`;
}

// A result link's address without its query, and its ?highlight= words.
const target = (href) => href.replace(/\?[^#]*/, '');
const highlightWords = (href) => new URLSearchParams(href.split('#')[0].split('?')[1] ?? '').getAll('highlight');
// Run in the page: whether the focused link leads to `address`, whatever
// its query.
const focusedLinkTo = (address) => (document.activeElement?.getAttribute('href') ?? '').replace(/\?[^#]*/, '') === address;

// The marked words on the open page, or in the element `within` (waiting
// for the first), lower-cased (a mark inside another, where one form holds
// another, counts once), how many marks are outside the indexed body, and
// their background colour.
async function highlights(page, within = '[data-pagefind-body]') {
  const selector = `${within} mark.search-highlight`;
  await page.locator(selector).first().waitFor({ timeout: 15000 })
    .catch(() => { throw new Error(`no word is marked in ${within} on ${page.url()}`); });
  return page.evaluate((selector) => ({
    words: [...document.querySelectorAll(selector)]
      .filter((m) => !m.parentElement.closest('mark.search-highlight'))
      .map((m) => m.textContent.toLowerCase()),
    outside: [...document.querySelectorAll('mark.search-highlight')].filter((m) => !m.closest('[data-pagefind-body]')).length,
    inAnchors: document.querySelectorAll('.heading-anchor mark.search-highlight').length,
    background: getComputedStyle(document.querySelector(selector)).backgroundColor,
  }), selector);
}

// The marks must be of the `allowed` words (those the link carried), and
// `word` among them.
function checkHighlights(found, allowed, word, problems) {
  const wrong = found.words.filter((w) => !allowed.includes(w));
  if (wrong.length) problems.push(`marked "${wrong.join('", "')}" for "${allowed.join('", "')}"`);
  if (!found.words.includes(word.toLowerCase())) problems.push(`"${word}" is not marked (marked: "${found.words.join('", "')}")`);
  if (found.outside) problems.push(`${found.outside} mark(s) outside the indexed body`);
  if (found.inAnchors) problems.push(`${found.inAnchors} mark(s) in the links beside headings`);
  if (/^rgba\(0, 0, 0, 0\)$|^transparent$/.test(found.background)) problems.push('the marked words have no background colour');
}
const RESULT_LINKS = '.search-result__title a';

async function resultSummary(page) {
  return page.$$eval('.search-result', (items) => items.map((li) => ({
    kind: li.querySelector('.search-result__kind')?.textContent ?? '',
    title: li.querySelector('.search-result__title a')?.textContent ?? '',
    href: li.querySelector('.search-result__title a')?.getAttribute('href') ?? '',
    marks: li.querySelectorAll('.search-result__excerpt mark').length,
  })));
}

// Excerpts must read as the page does: no escaped < or > shown as "&lt;",
// and no mark that starts or ends with punctuation ("schools." marked with
// its full stop).
async function excerptProblems(page) {
  return page.$$eval('.search-result__excerpt', (excerpts) => {
    const problems = [];
    for (const excerpt of excerpts) {
      const entity = excerpt.textContent.match(/&(?:lt|gt|amp|quot|#\d+);/);
      if (entity) problems.push(`an excerpt shows "${entity[0]}": ${excerpt.textContent.slice(0, 80)}`);
      for (const mark of excerpt.querySelectorAll('mark')) {
        if (/^[^\p{L}\p{N}]|[^\p{L}\p{N}]$/u.test(mark.textContent)) problems.push(`a mark holds punctuation: "${mark.textContent}"`);
      }
    }
    return [...new Set(problems)];
  });
}

// Presses Tab until `isTarget` holds for the focused element, at most `limit` times.
async function tabTo(page, isTarget, arg, limit = 40) {
  for (let i = 0; i < limit; i++) {
    await page.keyboard.press('Tab');
    if (await page.evaluate(isTarget, arg)) return i + 1;
  }
  return 0;
}

console.log(`Serving ${opts.site} at ${origin}${opts.basePath}`);
console.log(`Known page: "${known.title}" at ${known.url}, searched as "${known.word}"`);
console.log(`Browser: chromium ${browser.version()}\n`);

try {
  await check('typing a word finds the known page, with kind, excerpt and count', async (page, problems) => {
    await page.goto(at('search/'), { waitUntil: 'load' });
    await page.locator('#search-input').waitFor({ state: 'visible', timeout: 15000 });
    await page.locator('#search-input').pressSequentially(known.word, { delay: 20 });
    await waitForResults(page);
    const found = (await resultSummary(page)).find((r) => target(r.href) === known.url);
    if (!found) problems.push(`no result links to ${known.url}: ${JSON.stringify(await resultSummary(page))}`);
    else {
      const words = highlightWords(found.href);
      if (!words.includes(known.word.toLowerCase())) problems.push(`the result link ${found.href} does not carry "${known.word}" to highlight`);
      if (found.title !== known.title) problems.push(`result title "${found.title}", expected "${known.title}"`);
      if (found.kind !== 'Module') problems.push(`result kind "${found.kind}", expected "Module"`);
      if (found.marks === 0) problems.push('the excerpt marks no matching word');
    }
    problems.push(...await excerptProblems(page));
    const status = await page.locator(STATUS).textContent();
    if (!/^\d+ results? for “/.test(status)) problems.push(`live region says "${status}"`);
    const live = await page.locator(STATUS).getAttribute('aria-live');
    if (live !== 'polite') problems.push(`the status has aria-live="${live}"`);
  });

  await check('the keyboard reaches the result, and Enter opens it', async (page, problems) => {
    await page.goto(at(`search/?q=${encodeURIComponent(known.word)}`), { waitUntil: 'load' });
    await waitForResults(page);
    await page.locator('#search-input').focus();
    const tabs = await tabTo(page, focusedLinkTo, known.url);
    if (!tabs) {
      problems.push(`Tab from the search box never focused the result link to ${known.url}`);
      return;
    }
    const ring = await page.evaluate(() => getComputedStyle(document.activeElement).outlineStyle);
    if (ring === 'none') problems.push('the focused result link shows no focus outline');
    const href = await page.evaluate(() => document.activeElement.getAttribute('href'));
    await Promise.all([page.waitForURL(`${origin}${href}`, { timeout: 15000 }), page.keyboard.press('Enter')]);
    checkHighlights(await highlights(page), highlightWords(href), known.word, problems);
  });

  await check('a word from one section of the known page links to that section', async (page, problems) => {
    await page.goto(`${origin}${known.url}`, { waitUntil: 'load' });
    const { sections } = await page.evaluate(pageWords);
    if (sections.length === 0) throw new Error(`no heading on ${known.url} has a word of five letters or more found nowhere else on the page`);
    // The word that fewest pages have, so that the known page is among the
    // first results.
    await page.goto(at('search/'), { waitUntil: 'load' });
    await page.locator('#search-input').waitFor({ state: 'visible', timeout: 15000 });
    const counts = await page.evaluate(async ([bundle, words]) => {
      const pagefind = await import(`${bundle}pagefind.js`);
      return Promise.all(words.map(async (word) => (await pagefind.search(word)).results.length));
    }, [`${opts.basePath}pagefind/`, sections.map((s) => s.word)]);
    const section = sections[counts.indexOf(Math.min(...counts))];
    const address = `${known.url}#${section.id}`;
    await page.goto(at(`search/?q=${encodeURIComponent(section.word)}`), { waitUntil: 'load' });
    await waitForResults(page);
    const links = await page.$$eval('.search-result__sections li', (items) => items.map((li) => ({
      href: li.querySelector('a')?.getAttribute('href') ?? '',
      text: li.querySelector('a')?.textContent ?? '',
      marks: li.querySelectorAll('.search-result__excerpt mark').length,
    })));
    const found = links.find((l) => target(l.href) === address);
    if (!found) {
      problems.push(`searching "${section.word}" lists no section link to ${address}: ${JSON.stringify(links)}`);
      return;
    }
    if (found.text !== section.title) problems.push(`the section link reads "${found.text}", expected "${section.title}"`);
    if (found.marks === 0) problems.push('the section excerpt marks no matching word');
    const label = await page.locator(`.search-result__sections:has(a[href="${found.href}"])`).getAttribute('aria-label');
    if (label !== `Sections of “${known.title}”`) problems.push(`the sections list is labelled "${label}"`);
    await page.locator('#search-input').focus();
    if (!(await tabTo(page, focusedLinkTo, address))) {
      problems.push(`Tab from the search box never focused the section link to ${address}`);
      return;
    }
    await Promise.all([page.waitForURL(`${origin}${found.href}`, { timeout: 15000 }), page.keyboard.press('Enter')]);
    // The word is found nowhere else on the page: its mark is in the heading.
    const marked = await highlights(page, `[id="${section.id}"]`);
    checkHighlights(marked, highlightWords(found.href), section.word, problems);
    if (marked.words.length !== 1) problems.push(`the heading has ${marked.words.length} marks, expected 1`);
  });

  await check('a word the page has in another form marks the page\'s form', async (page, problems) => {
    await page.goto(`${origin}${known.url}`, { waitUntil: 'load' });
    const { words } = await page.evaluate(pageWords);
    // Singular words the page never has as plurals (a plural that only
    // starts with the page's word, so it cannot be found inside it): the
    // reader searches the plural, which shares the word's stem.
    const singulars = words.filter((w) => /^\p{L}{6,}$/u.test(w) && !/[sy]$/.test(w) && !words.includes(`${w}s`));
    await page.goto(at('search/'), { waitUntil: 'load' });
    await page.locator('#search-input').waitFor({ state: 'visible', timeout: 15000 });
    // The first, by fewest results, whose search lists the known page on
    // the first page of results.
    const singular = await page.evaluate(async ([bundle, words, url, size]) => {
      const pagefind = await import(`${bundle}pagefind.js`);
      await pagefind.options({ baseUrl: '/' });
      const counted = await Promise.all(words.map(async (word) => [word, (await pagefind.search(`${word}s`)).results]));
      counted.sort((a, b) => a[1].length - b[1].length);
      for (const [word, results] of counted) {
        const first = await Promise.all(results.slice(0, size).map((r) => r.data()));
        if (first.some((data) => data.url.replace(/\?[^#]*/, '') === url)) return word;
      }
      return null;
    }, [`${opts.basePath}pagefind/`, singulars, known.url, 10]);
    if (!singular) throw new Error(`no plural of a word on ${known.url} finds it among the first results (tried ${singulars.length})`);
    const plural = `${singular}s`;
    await page.goto(at(`search/?q=${encodeURIComponent(plural)}`), { waitUntil: 'load' });
    await waitForResults(page);
    const found = (await resultSummary(page)).find((r) => target(r.href) === known.url);
    if (!found) throw new Error(`searching "${plural}" lists no result for ${known.url}`);
    const carried = highlightWords(found.href);
    if (!carried.includes(singular) || carried.includes(plural)) problems.push(`searching "${plural}", the result link carries "${carried.join('", "')}", not the page's "${singular}"`);
    await page.goto(`${origin}${found.href}`, { waitUntil: 'load' });
    checkHighlights(await highlights(page), carried, singular, problems);
  });

  await check('a word searched in quotes is marked without them', async (page, problems) => {
    const quoted = `“${known.word}”,`;
    await page.goto(`${origin}${resultHref(known.url, quoted)}`, { waitUntil: 'load' });
    checkHighlights(await highlights(page), [known.word.toLowerCase()], known.word, problems);
  });

  await check('Escape clears the marks and takes the words out of the address', async (page, problems) => {
    await page.goto(`${origin}${known.url}`, { waitUntil: 'load' });
    const plain = await page.locator('[data-pagefind-body]').innerHTML();
    await page.goto(`${origin}${resultHref(known.url, known.word)}#top`, { waitUntil: 'load' });
    await highlights(page);
    await page.keyboard.press('Escape');
    const marks = await page.locator('mark.search-highlight').count();
    if (marks) problems.push(`${marks} marks are left`);
    if (await page.locator('.search-marks').count()) problems.push('the notice of marks is still shown');
    const address = new URL(page.url());
    if (address.search) problems.push(`the address still has ${address.search}`);
    if (address.pathname !== known.url || address.hash !== '#top') problems.push(`the address became ${page.url()}`);
    if (await page.locator('[data-pagefind-body]').innerHTML() !== plain) problems.push('the page\'s markup differs from the page opened without marks');
  });

  await check('on a phone, the notice\'s button hides the marks', async (page, problems) => {
    await page.goto(`${origin}${known.url}`, { waitUntil: 'load' });
    const plain = await page.locator('[data-pagefind-body]').innerHTML();
    await page.goto(`${origin}${resultHref(known.url, known.word)}`, { waitUntil: 'load' });
    await highlights(page);
    const notice = await page.evaluate(() => {
      const first = document.querySelector('main')?.firstElementChild;
      const button = first?.querySelector('button');
      const box = button?.getBoundingClientRect();
      return first?.matches('.search-marks')
        ? { text: first.textContent.trim().replace(/\s+/g, ' '), button: button?.textContent.trim(), width: box?.width, height: box?.height }
        : null;
    });
    if (!notice) throw new Error('no notice of the marks opens the main content');
    if (!notice.button) throw new Error(`the notice ("${notice.text}") has no button`);
    if (!(notice.width >= 44 && notice.height >= 44)) problems.push(`the button is ${notice.width} by ${notice.height} pixels, under 44 by 44`);
    await page.locator('.search-marks button').tap();
    const marks = await page.locator('mark.search-highlight').count();
    if (marks) problems.push(`${marks} marks are left`);
    if (await page.locator('.search-marks').count()) problems.push('the notice is still shown');
    if (new URL(page.url()).search) problems.push(`the address still has ${new URL(page.url()).search}`);
    const focused = await page.evaluate(() => document.activeElement?.tagName.toLowerCase());
    if (focused !== 'main') problems.push(`focus went to ${focused}, not the main content`);
    if (await page.locator('[data-pagefind-body]').innerHTML() !== plain) problems.push('the page\'s markup differs from the page opened without marks');
  }, { phone: true });

  await check('a page opened without ?highlight= marks nothing and loads no highlighting', async (page, problems) => {
    const scripts = [];
    page.on('request', (request) => { if (/pagefind-highlight/.test(request.url())) scripts.push(request.url()); });
    await page.goto(`${origin}${known.url}`, { waitUntil: 'networkidle' });
    const marks = await page.locator('mark.search-highlight').count();
    if (marks) problems.push(`${marks} words are marked`);
    if (await page.locator('.search-marks').count()) problems.push('the page shows the notice of marks');
    if (scripts.length) problems.push(`loaded ${scripts.join(', ')}`);
  });

  await check(`a kind filter narrows the results for "${opts.query}"`, async (page, problems) => {
    await page.goto(at(`search/?q=${encodeURIComponent(opts.query)}`), { waitUntil: 'load' });
    await waitForResults(page);
    const before = await page.locator(STATUS).textContent();
    problems.push(...await excerptProblems(page));
    const countOf = (text) => Number(text.match(/^(\d+)/)?.[1] ?? 0);
    await page.locator('#search-input').focus();
    const toSummary = await tabTo(page, () => document.activeElement?.matches('.search-filters__summary'));
    if (!toSummary) throw new Error('Tab never reached the "Filter results" control');
    await page.keyboard.press('Enter');
    await page.locator('input[name="kind"][value="Module"]').waitFor({ timeout: 15000 });
    const toBox = await tabTo(page, () => document.activeElement?.matches('input[name="kind"][value="Module"]'));
    if (!toBox) throw new Error('Tab never reached the "Module" checkbox');
    await page.keyboard.press('Space');
    await page.waitForFunction(([s, old]) => document.querySelector(s).textContent !== old, [STATUS, before], { timeout: 15000 })
      .catch(() => { throw new Error(`ticking "Module" did not change the results ("${before}")`); });
    const after = await page.locator(STATUS).textContent();
    const kinds = [...new Set((await resultSummary(page)).map((r) => r.kind))];
    if (!(countOf(after) > 0 && countOf(after) < countOf(before))) problems.push(`"${before}" became "${after}": not narrowed`);
    if (kinds.length !== 1 || kinds[0] !== 'Module') problems.push(`kinds after filtering: ${kinds.join(', ')}`);
    if (!/with 1 filter/.test(after)) problems.push(`the live region does not mention the filter: "${after}"`);
    if (opts.screenshots) {
      await fsp.mkdir(opts.screenshots, { recursive: true });
      await page.screenshot({ path: path.join(opts.screenshots, 'search-desktop.png'), fullPage: true });
    }
  });

  await check('the header search box leads to results under the base path', async (page, problems) => {
    await page.goto(at(''), { waitUntil: 'load' });
    await page.locator('#site-search-q').fill(known.word);
    await Promise.all([page.waitForURL(/\/search\/\?q=/, { timeout: 15000 }), page.locator('#site-search-q').press('Enter')]);
    if (!page.url().startsWith(at('search/'))) problems.push(`the header search went to ${page.url()}`);
    await waitForResults(page);
    if (!(await resultSummary(page)).some((r) => target(r.href) === known.url)) problems.push(`no result links to ${known.url}`);
  });

  // Councils' servers may send a Content-Security-Policy. Search needs
  // 'wasm-unsafe-eval' (Pagefind's engine is WebAssembly) and nothing
  // else beyond 'self': no inline script or style, no other host.
  const withPolicy = (page, policy) => page.route('**/*', async (route) => {
    const response = await route.fetch();
    await route.fulfill({ response, headers: { ...response.headers(), 'content-security-policy': policy } });
  });
  await check('under a strict Content-Security-Policy that allows WebAssembly, search works', async (page, problems) => {
    await withPolicy(page, "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'");
    await page.goto(at(`search/?q=${encodeURIComponent(known.word)}`), { waitUntil: 'load' });
    await waitForResults(page);
    if (!(await resultSummary(page)).some((r) => target(r.href) === known.url)) problems.push(`no result links to ${known.url}`);
  });

  await check('where the policy forbids WebAssembly, the page says so and offers the A to Z index', async (page, problems) => {
    await withPolicy(page, "default-src 'self'");
    await page.goto(at(`search/?q=${encodeURIComponent(known.word)}`), { waitUntil: 'load' });
    await page.waitForFunction((s) => /not available/.test(document.querySelector(s)?.textContent ?? ''), STATUS, { timeout: 15000 })
      .catch(() => { throw new Error('the live region never said that search is not available'); });
    const azHref = `${opts.basePath}a-z/`;
    if (!(await page.locator(`[data-search-fallback] a[href="${azHref}"]`).isVisible())) problems.push(`no visible link to the A to Z index (${azHref})`);
    if (await page.locator('#search-input').isVisible()) problems.push('the search form is shown, but search cannot work');
  });

  await check('without JavaScript the page offers the A to Z index instead', async (page, problems) => {
    await page.goto(at('search/'), { waitUntil: 'load' });
    const azHref = `${opts.basePath}a-z/`;
    if (!(await page.locator(`[data-search-fallback] a[href="${azHref}"]`).isVisible())) problems.push(`the search page shows no link to the A to Z index (${azHref})`);
    if (await page.locator('#search-input').isVisible()) problems.push('the search form is shown, but cannot work without JavaScript');
  }, { javaScriptEnabled: false });

  for (const colorScheme of ['light', 'dark']) {
    await checks.axe('the search page with results', async (page) => {
      await page.goto(at(`search/?q=${encodeURIComponent(opts.query)}`), { waitUntil: 'load' });
      await waitForResults(page);
      await page.locator('.search-filters__summary').click();
      await page.locator('.search-filter__option').first().waitFor({ timeout: 15000 });
    }, { colorScheme });
    await checks.axe('the known page with its words marked', async (page) => {
      await page.goto(`${origin}${resultHref(known.url, known.word)}`, { waitUntil: 'load' });
      await highlights(page);
    }, { colorScheme });
  }
} finally {
  await browser.close().catch(() => {});
  server.close();
}

process.exit(checks.summary() ? 1 : 0);
