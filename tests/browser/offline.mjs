// The offline copy (hearth build --offline) opened from disk, through
// file://, in headless Chromium, as a reader opens it from a USB stick:
//
// - every address in every page (href, src, action, srcset, refresh)
//   names a file of the copy that is there, or another site;
// - every page opens with no failed request and no script error, and
//   its style sheet applies;
// - the search page, given a word of a known page, lists that page,
//   loading only the parts of the split index it needs (the words the
//   search term starts, the pages of the results shown), and the search
//   box in a page's header leads there with results;
// - a keyboard user reaches a glossary term on a page with Tab, and Enter
//   opens its definition on the glossary page;
// - axe-core finds nothing on the home page, the search page with results,
//   the glossary and a course handout, and the Nu Html Checker nothing on any page of the
//   copy.
//
//   node tests/browser/offline.mjs --site DIR [--chromium /usr/bin/chromium]
//
// Exit status: 0 when every check passed, 1 when one failed, 2 when the
// checks could not run.

import fs from 'node:fs';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Checks, launch, readArgs, waitForResults } from './harness.mjs';
import { addresses, entryProblems, htmlFiles, isOtherSite, knownPages, readIndex, targetedEntry } from './offline-copy.mjs';

const require = createRequire(import.meta.url);

function usage(message) {
  if (message) console.error(`offline.mjs: ${message}`);
  console.error('usage: node tests/browser/offline.mjs --site DIR [--chromium PATH]');
  process.exit(2);
}

const opts = readArgs(process.argv.slice(2), { '--site': 'site', '--chromium': 'chromium' },
  { site: null, chromium: '/usr/bin/chromium' }, usage);
if (!opts.site) usage('--site is required');
const site = path.resolve(opts.site);
if (!fs.existsSync(path.join(site, 'index.html'))) usage(`${site} has no index.html: build it with hearth build --offline`);

const pages = htmlFiles(site);
const fileUrl = (file) => pathToFileURL(file).href;

const browser = await launch('offline.mjs', opts.chromium);
const checks = new Checks(browser, 'file://');

{
  const problems = [];
  let count = 0;
  for (const file of pages) {
    const html = fs.readFileSync(file, 'utf8');
    for (const value of addresses(html)) {
      if (!value || value.startsWith('#') || isOtherSite(value)) continue;
      count += 1;
      const [address] = value.split('#');
      if (address.startsWith('/')) {
        problems.push(`${path.relative(site, file)}: "${value}" starts from the disk's root`);
        continue;
      }
      const target = path.resolve(path.dirname(file), decodeURIComponent(address.split('?')[0]));
      if (!target.startsWith(site) || !fs.existsSync(target) || !fs.statSync(target).isFile()) {
        problems.push(`${path.relative(site, file)}: "${value}" names no file of the copy`);
      }
    }
  }
  if (count === 0) problems.push('no addresses found: the copy has no links');
  checks.record(`every address of the ${pages.length} pages names a file of the copy`, problems.slice(0, 20));
}

await checks.check('every page opens from disk with its style sheet and no error', async (page, problems) => {
  for (const file of pages) {
    // A redirect page (an old address) moves on by itself, which would
    // race the next page: its address is checked above, and where it
    // leads is opened in its turn.
    if (fs.readFileSync(file, 'utf8').includes('http-equiv="refresh"')) continue;
    const response = await page.goto(fileUrl(file));
    if (!response) problems.push(`${path.relative(site, file)}: did not open`);
    await page.waitForLoadState('load');
    // style.css lays the page out as a flex column (a browser's own
    // style is a block with a margin).
    const display = await page.evaluate(() => getComputedStyle(document.body).display);
    if (display !== 'flex') problems.push(`${path.relative(site, file)}: style.css does not apply (body is ${display})`);
  }
});

const offlineIndex = readIndex(site);

// The parts of the index a search for `word` needs: the parts of the
// word index whose words may start with it, and the parts of pages that
// hold the results shown (`shown`, their paths).
function neededParts(word, shown) {
  const { index, pages } = offlineIndex;
  const needed = new Set();
  index.words.forEach(([first, last], n) => {
    if (last >= word && (first <= word || first.startsWith(word))) needed.add(`words-${n}`);
  });
  for (const file of shown) {
    const number = pages.findIndex((p) => p.path === file);
    let part = 0;
    while (part + 1 < index.pages.length && index.pages[part + 1] <= number) part += 1;
    needed.add(`pages-${part}`);
  }
  return needed;
}

const [known] = knownPages(offlineIndex);
const searchPage = path.join(site, 'search', 'index.html');

await checks.check(`a search for "${known.word}" lists "${known.title}", loading only the parts of the index it needs`, async (page, problems) => {
  const loaded = new Set();
  page.on('request', (request) => {
    const m = /\/search-index\/([\w-]+)\.js$/.exec(request.url());
    if (m) loaded.add(m[1]);
  });
  await page.goto(`${fileUrl(searchPage)}?q=${encodeURIComponent(known.word)}`);
  await waitForResults(page);
  const links = await page.locator('.search-result__title a').evaluateAll((as) => as.map((a) => a.href));
  const wanted = fileUrl(path.join(site, known.path));
  if (!links.some((href) => href.split(/[?#]/)[0] === wanted)) {
    problems.push(`the results (${links.length}) do not link to ${known.path}: ${links.slice(0, 5).join(', ')}`);
  }
  const marks = await page.locator('.search-result__excerpt mark').count();
  if (marks === 0) problems.push('no word is marked in the excerpts');
  const shown = links.map((href) => path.relative(site, decodeURIComponent(new URL(href).pathname)));
  const needed = neededParts(known.word, shown);
  const extra = [...loaded].filter((name) => !needed.has(name));
  const missing = [...needed].filter((name) => !loaded.has(name));
  if (extra.length) problems.push(`parts loaded that the search does not need: ${extra.join(', ')}`);
  if (missing.length) problems.push(`parts the results need were not loaded: ${missing.join(', ')}`);
  const all = offlineIndex.index.words.length + offlineIndex.index.pages.length;
  if (all > 2 && loaded.size >= all) problems.push(`the search loaded every part of the index (${all})`);
  await page.locator('summary.search-filters__summary').click();
  await page.locator('[data-filter="kind"] input[type="checkbox"]').first().waitFor({ timeout: 5000 });
});

await checks.check('the search box in a page\'s header finds pages from disk', async (page, problems) => {
  const about = pages.find((p) => p.endsWith(path.join('about', 'index.html'))) ?? pages[0];
  await page.goto(fileUrl(about));
  await page.locator('.site-search__input').fill(known.word);
  await page.locator('.site-search__button').click();
  await page.waitForURL(/search\/index\.html/);
  await waitForResults(page);
  const count = await page.locator('.search-result').count();
  if (count === 0) problems.push('no results');
});

// axe-core as the harness runs it, without reading style sheets again
// (`preload`), which a page opened from disk may not do.
async function axe(name, prepare) {
  const { source } = require('axe-core');
  await checks.check(`axe-core finds nothing on ${name}`, async (page, problems) => {
    await prepare(page);
    await page.addScriptTag({ content: source });
    problems.push(...await page.evaluate(async () => (await window.axe.run(document, {
      preload: false,
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] },
    })).violations.map((v) => `${v.id}: ${v.help} (${v.nodes.length}: ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join('; ')})`)));
  });
}

await axe('the offline home page', async (page) => {
  await page.goto(fileUrl(path.join(site, 'index.html')));
});
await axe('the offline search page with results', async (page) => {
  await page.goto(`${fileUrl(searchPage)}?q=${encodeURIComponent(known.word)}`);
  await waitForResults(page);
});

// A page that links a term to the glossary, the first in path order.
const termPage = pages.find((file) => fs.readFileSync(file, 'utf8').includes('class="glossary-term"'));

await checks.check('a keyboard user opens a glossary definition from a page', async (page, problems) => {
  if (!termPage) throw new Error('no page links a term to the glossary (is site.yaml\'s glossary empty?)');
  await page.goto(fileUrl(termPage));
  let reached = false;
  for (let presses = 0; presses < 200 && !reached; presses += 1) {
    await page.keyboard.press('Tab');
    reached = await page.evaluate(() => document.activeElement?.classList.contains('glossary-term') ?? false);
  }
  if (!reached) throw new Error(`Tab never reaches the glossary term on ${path.relative(site, termPage)}`);
  const term = await page.evaluate(() => document.activeElement.textContent.trim());
  await page.keyboard.press('Enter');
  await page.waitForURL(/glossary\/index\.html#term-/);
  const shown = await page.evaluate(targetedEntry);
  problems.push(...entryProblems(shown, term));
});

await axe('the offline glossary page', async (page) => {
  await page.goto(fileUrl(path.join(site, 'glossary', 'index.html')));
});

const handout = pages.find((file) => file.endsWith(path.join('handout', 'index.html')));
await axe('a course handout', async (page) => {
  if (!handout) throw new Error('the copy has no course handout');
  await page.goto(fileUrl(handout));
});

// The Nu Html Checker on every page of the copy.
function runVnu(files) {
  const jar = String(require('vnu-jar'));
  return new Promise((resolve) => {
    const child = spawn('java', ['-Xss1024k', '-jar', jar, '--errors-only', '--format', 'json', ...files],
      { stdio: ['ignore', 'pipe', 'pipe'] });
    let text = '';
    child.stdout.on('data', (d) => (text += d));
    child.stderr.on('data', (d) => (text += d));
    child.on('error', (e) => resolve([`could not run java: ${e.message}`]));
    child.on('close', () => {
      try {
        const start = text.indexOf('{');
        const messages = JSON.parse(text.slice(start)).messages ?? [];
        resolve(messages.map((m) => `${path.relative(site, new URL(m.url).pathname)}:${m.lastLine ?? ''}: ${m.message}`));
      } catch (e) {
        resolve([`cannot read the Nu Html Checker report: ${e.message}: ${text.slice(0, 500)}`]);
      }
    });
  });
}
checks.record(`the Nu Html Checker finds nothing on the ${pages.length} pages of the copy`, (await runVnu(pages)).slice(0, 30));

await browser.close();
process.exit(checks.summary() ? 1 : 0);
