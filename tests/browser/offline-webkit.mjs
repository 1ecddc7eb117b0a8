// The offline copy (hearth build --offline) opened from disk, through
// file://, in WebKit, the engine of Safari: Debian's WebKitGTK, its
// MiniBrowser driven by WebKitWebDriver over W3C WebDriver with
// selenium-webdriver, as offline.mjs opens the copy in Chromium and
// offline-firefox.mjs in Firefox:
//
// - every page (but the redirects of old addresses) opens with its style
//   sheet applied, every image it shows loads, and every link, style
//   sheet, script, image and form it names, as WebKit resolves the
//   address, is a file of the copy that is there (or another site);
// - the search page, given a word of a known page, lists that page, for
//   two such words, and a Welsh page on the Welsh search page; a word no
//   page has lists none; the search box in a page's header leads to
//   results; the kind filter narrows the results to that kind;
// - a keyboard user reaches a glossary term on a page with Tab, and Enter
//   opens its definition, in view, on the glossary page;
// - no script error shows while a check works a page (WebDriver cannot
//   hear the console: an error while a page loads shows as what the page
//   then fails to do).
//
// WebKitGTK needs a display: run it under xvfb-run.
//
//   xvfb-run -a node tests/browser/offline-webkit.mjs --site DIR \
//     [--driver /usr/bin/WebKitWebDriver] [--browser /usr/lib/ARCH/webkit2gtk-4.1/MiniBrowser]
//
// Exit status: 0 when every check passed, 1 when one failed, 2 when the
// checks could not run.

import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { isFile, readArgs } from './harness.mjs';
import { entryProblems, htmlFiles, knownPages, readIndex, targetedEntry } from './offline-copy.mjs';

const NAME = 'offline-webkit.mjs';

function usage(message) {
  if (message) console.error(`${NAME}: ${message}`);
  console.error(`usage: xvfb-run -a node tests/browser/${NAME} --site DIR [--driver PATH] [--browser PATH]`);
  process.exit(2);
}

// Debian installs MiniBrowser under the architecture's library folder.
function debianMiniBrowser() {
  const found = fs.readdirSync('/usr/lib').map((dir) => path.join('/usr/lib', dir, 'webkit2gtk-4.1', 'MiniBrowser')).find(isFile);
  return found ?? '/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser';
}

const opts = readArgs(process.argv.slice(2), { '--site': 'site', '--driver': 'driver', '--browser': 'browser' },
  { site: null, driver: '/usr/bin/WebKitWebDriver', browser: null }, usage);
if (!opts.site) usage('--site is required');
opts.browser ??= debianMiniBrowser();
const site = path.resolve(opts.site);
if (!fs.existsSync(path.join(site, 'index.html'))) usage(`${site} has no index.html: build it with hearth build --offline`);
const fileUrl = (file) => pathToFileURL(file).href;

function cannotRun(message) {
  console.error(`${NAME}: FAILED: ${message}\nBrowser checks cannot be skipped.`);
  process.exit(2);
}

// A port no one listens on now, for the driver.
function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer().once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

// Starts WebKitWebDriver and waits until it takes sessions; answers its
// address and the process, whose output goes into `log`.
async function startDriver(log) {
  const port = await freePort();
  const child = spawn(opts.driver, [`--port=${port}`], { stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout.on('data', (d) => log.push(String(d)));
  child.stderr.on('data', (d) => log.push(String(d)));
  child.on('error', (e) => log.push(e.message));
  process.on('exit', () => child.kill());
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => process.exit(2));
  const url = `http://127.0.0.1:${port}`;
  for (let tries = 0; tries < 100 && child.exitCode === null; tries += 1) {
    const ready = await fetch(`${url}/status`).then((r) => r.json()).then((s) => s.value?.ready).catch(() => false);
    if (ready) return { url, child };
    await new Promise((r) => setTimeout(r, 100));
  }
  cannotRun(`${opts.driver} did not start:\n${log.join('')}`);
}

async function launch() {
  let webdriver;
  try {
    webdriver = await import('selenium-webdriver');
  } catch (e) {
    console.error(`${NAME}: cannot load selenium-webdriver (${e.message}); run npm ci --prefix tests/browser`);
    process.exit(2);
  }
  if (!isFile(opts.driver)) cannotRun(`no WebDriver at ${opts.driver} (apt-get install -y webkit2gtk-driver)`);
  if (!isFile(opts.browser)) cannotRun(`no browser at ${opts.browser} (apt-get install -y webkit2gtk-driver)`);
  if (!process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) cannotRun('WebKitGTK needs a display: run this under xvfb-run -a (apt-get install -y xvfb)');
  const log = [];
  const { url } = await startDriver(log);
  // The driver waits for a browser that never answers: a minute is enough.
  const timer = setTimeout(() => cannotRun(`the browser at ${opts.browser} did not start within a minute\n${log.join('')}`), 60000);
  try {
    const driver = await new webdriver.Builder().usingServer(url).withCapabilities({
      browserName: 'MiniBrowser',
      'webkitgtk:browserOptions': { binary: opts.browser, args: ['--automation'] },
      timeouts: { pageLoad: 30000, script: 30000 },
    }).build();
    clearTimeout(timer);
    await driver.manage().window().setRect({ width: 1280, height: 900 });
    return { webdriver, driver };
  } catch (e) {
    cannotRun(`the browser at ${opts.browser} could not start: ${e.message}\n${log.join('')}`);
  }
}

const { webdriver, driver } = await launch();
const { By, Key, until } = webdriver;
const version = (await driver.getCapabilities()).get('browserVersion');
console.log(`WebKitGTK ${version} (${await driver.executeScript('return navigator.userAgent')})`);

// Opens `url` and listens for script errors from then on, which
// `scriptErrors` reads.
async function open(url) {
  await driver.get(url);
  await driver.executeScript(() => {
    window.hearthErrors = [];
    window.addEventListener('error', (e) => window.hearthErrors.push(`script error: ${e.message}`));
    window.addEventListener('unhandledrejection', (e) => window.hearthErrors.push(`unhandled rejection: ${e.reason}`));
  });
}

async function scriptErrors() {
  return driver.executeScript(() => window.hearthErrors ?? []).catch(() => []);
}

const results = [];

// Runs one check: `body` adds problems; a thrown error and a script error
// on the page it leaves open count as problems too.
async function check(name, body) {
  const problems = [];
  try {
    await body(problems);
  } catch (e) {
    problems.push(e.message.split('\n')[0]);
  }
  problems.push(...await scriptErrors());
  results.push({ name, problems });
  console.log(`  ${problems.length ? 'FAIL' : 'ok  '} ${name}`);
  for (const p of problems.slice(0, 20)) console.log(`       - ${p}`);
  if (problems.length > 20) console.log(`       - and ${problems.length - 20} more`);
}

const pages = htmlFiles(site);
const isRedirect = (file) => fs.readFileSync(file, 'utf8').includes('http-equiv="refresh"');

// What the open page says about itself, as WebKit sees it: its body's
// display (style.css makes it a flex column), the images that did not
// load, and every address it names, resolved by WebKit.
function readOpenPage() {
  const named = [
    ...[...document.querySelectorAll('a[href], link[href]')].map((e) => e.href),
    ...[...document.querySelectorAll('script[src], img[src], source[src]')].map((e) => e.src),
    ...[...document.images].map((img) => img.currentSrc).filter(Boolean),
    ...[...document.querySelectorAll('form[action]')].map((f) => f.action),
  ];
  return {
    display: getComputedStyle(document.body).display,
    broken: [...document.images].filter((img) => !img.complete || img.naturalWidth === 0).map((img) => img.currentSrc || img.src),
    named,
  };
}

// The problems of one page of the copy, opened from disk (in two calls
// to the driver, to keep the round of every page short).
async function pageProblems(file) {
  const name = path.relative(site, file);
  await driver.get(fileUrl(file));
  const found = await driver.executeScript(readOpenPage);
  const problems = [];
  if (found.display !== 'flex') problems.push(`${name}: style.css does not apply (body is ${found.display})`);
  for (const src of found.broken) problems.push(`${name}: the image ${src} did not load`);
  for (const address of new Set(found.named.map((a) => a.split('#')[0]))) {
    if (!address.startsWith('file:')) continue;
    const target = fileURLToPath(new URL(address.split('?')[0]));
    if (!target.startsWith(site + path.sep) || !isFile(target)) problems.push(`${name}: ${address} names no file of the copy`);
  }
  return problems;
}

// A redirect page (an old address) moves on by itself: its address is
// checked where it is linked from, and where it leads is opened in turn.
const opened = pages.filter((file) => !isRedirect(file));
await check(`each of the ${opened.length} pages opens from disk with its style sheet and images, and names only files of the copy`, async (problems) => {
  for (const file of opened) problems.push(...await pageProblems(file));
});

const offlineIndex = readIndex(site);
const searchPage = path.join(site, 'search', 'index.html');
const STATUS = By.css('[data-search-status]');

// Waits until the search page's live region reports the search for
// `word` (results or none), which it names in quotes in every language.
async function waitForResults(word) {
  const reported = async () => (await driver.findElement(STATUS).getAttribute('textContent')).includes(`“${word}”`);
  await driver.wait(reported, 15000).catch(async () => {
    const status = await driver.executeScript(() => document.querySelector('[data-search-status]')?.textContent ?? '(no status)');
    throw new Error(`the search page does not report a search for "${word}": its status says "${status}"`);
  });
}

// The results listed: their addresses and kinds.
async function listed() {
  return driver.executeScript(() => [...document.querySelectorAll('.search-result')].map((item) => ({
    href: item.querySelector('.search-result__title a')?.href ?? '',
    kind: item.querySelector('.search-result__kind')?.textContent ?? '',
  })));
}

async function search(word, at = searchPage) {
  await open(`${fileUrl(at)}?q=${encodeURIComponent(word)}`);
  await waitForResults(word);
  return listed();
}

// Two pages of the default language, searched for on its search page,
// and one of another language (under `CODE/`), on that language's.
const known = knownPages(offlineIndex);
const languageOf = (entry) => entry.path.split('/')[0];
const isTranslated = (entry) => /^[a-z]{2,3}(-[a-z0-9]+)*\//i.test(entry.path) && isFile(path.join(site, languageOf(entry), 'search', 'index.html'));
const searched = [...known.filter((entry) => !isTranslated(entry)).slice(0, 2), ...known.filter(isTranslated).slice(0, 1)];
for (const entry of searched) {
  const at = isTranslated(entry) ? path.join(site, languageOf(entry), 'search', 'index.html') : searchPage;
  await check(`a search for "${entry.word}" on ${path.relative(site, at)} lists "${entry.title}"`, async (problems) => {
    const found = await search(entry.word, at);
    const wanted = fileUrl(path.join(site, entry.path));
    if (!found.some((r) => r.href.split(/[?#]/)[0] === wanted)) {
      problems.push(`the results (${found.length}) do not link to ${entry.path}: ${found.slice(0, 5).map((r) => r.href).join(', ')}`);
    }
  });
}

await check('a search for a word no page has lists nothing', async (problems) => {
  const found = await search('qxzvjwk');
  if (found.length) problems.push(`${found.length} results`);
});

await check('the search box in a page\'s header leads to results', async (problems) => {
  const about = pages.find((file) => file.endsWith(path.join('about', 'index.html'))) ?? pages[0];
  await open(fileUrl(about));
  await driver.findElement(By.css('.site-search__input')).sendKeys(known[0].word);
  await driver.findElement(By.css('.site-search__button')).click();
  await driver.wait(until.urlMatches(/search\/index\.html\?q=/), 10000);
  await waitForResults(known[0].word);
  if ((await listed()).length === 0) problems.push('no results');
});

await check('the kind filter narrows the results to that kind', async () => {
  const all = await search('care');
  await driver.findElement(By.css('summary.search-filters__summary')).click();
  const boxes = await driver.wait(until.elementsLocated(By.css('[data-filter="kind"] input[type="checkbox"]')), 5000);
  const values = await Promise.all(boxes.map((box) => box.getAttribute('value')));
  const kind = values.find((value) => all.some((r) => r.kind === value) && all.some((r) => r.kind !== value));
  if (!kind) throw new Error(`no kind filter narrows the ${all.length} results for "care" (kinds: ${values.join(', ')})`);
  await driver.findElement(By.css(`[data-filter="kind"] input[value="${kind}"]`)).click();
  // Before, the results shown were of more than one kind; now only of it.
  const narrowed = async () => {
    const shown = await listed();
    return shown.length > 0 && shown.every((r) => r.kind === kind);
  };
  await driver.wait(narrowed, 15000).catch(async () => {
    const shown = await listed();
    throw new Error(`after ticking "${kind}" the results are ${shown.length}, of kinds ${[...new Set(shown.map((r) => r.kind))].join(', ')}`);
  });
});

// A page that links a term to the glossary, the first in path order.
const termPage = pages.find((file) => fs.readFileSync(file, 'utf8').includes('class="glossary-term"'));

// Presses Tab until a glossary term has the focus; answers its text.
async function tabToTerm() {
  for (let presses = 0; presses < 200; presses += 1) {
    await driver.actions().sendKeys(Key.TAB).perform();
    const term = await driver.executeScript(() => (document.activeElement?.classList.contains('glossary-term') ? document.activeElement.textContent.trim() : null));
    if (term) return term;
  }
  throw new Error(`Tab never reaches the glossary term on ${path.relative(site, termPage)}`);
}

await check('a keyboard user opens a glossary definition from a page', async (problems) => {
  if (!termPage) throw new Error('no page links a term to the glossary (is site.yaml\'s glossary empty?)');
  await open(fileUrl(termPage));
  const term = await tabToTerm();
  await driver.actions().sendKeys(Key.ENTER).perform();
  await driver.wait(until.urlMatches(/glossary\/index\.html#term-/), 10000);
  const shown = await driver.executeScript(targetedEntry);
  problems.push(...entryProblems(shown, term));
});

await driver.quit();
const failed = results.filter((r) => r.problems.length).length;
console.log(`\n${results.length - failed} passed, ${failed} failed (WebKitGTK ${version})`);
process.exit(failed ? 1 : 0);
