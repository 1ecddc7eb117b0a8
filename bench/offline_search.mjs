// What the first search of an offline copy loads: opens the copy's search
// page from disk (file://) in headless Chromium, searches once for each
// term given, each in a fresh page, and prints the files of the offline
// index the page loaded for it and their bytes, with the copy's total size.
//
//   node bench/offline_search.mjs --site DIR [--chromium PATH] TERM...
//
// DIR is an offline copy (hearth build --offline --output DIR). Needs the
// browser checks' packages: npm ci in tests/browser. See
// docs/performance.md ("Offline copies").

import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { launch, waitForResults } from '../tests/browser/harness.mjs';

const args = process.argv.slice(2);
let site = null;
let chromium = '/usr/bin/chromium';
const terms = [];
for (let i = 0; i < args.length; i += 1) {
  if (args[i] === '--site') site = args[(i += 1)];
  else if (args[i] === '--chromium') chromium = args[(i += 1)];
  else terms.push(args[i]);
}
if (!site || terms.length === 0) {
  console.error('usage: node bench/offline_search.mjs --site DIR [--chromium PATH] TERM...');
  process.exit(2);
}
site = path.resolve(site);

function sizeOf(folder) {
  let files = 0;
  let bytes = 0;
  for (const entry of fs.readdirSync(folder, { withFileTypes: true })) {
    const full = path.join(folder, entry.name);
    if (entry.isDirectory()) {
      const inner = sizeOf(full);
      files += inner.files;
      bytes += inner.bytes;
    } else {
      files += 1;
      bytes += fs.statSync(full).size;
    }
  }
  return { files, bytes };
}

const mb = (n) => `${(n / 1e6).toFixed(2)} MB`;
const total = sizeOf(site);
const parts = fs.existsSync(path.join(site, 'search-index')) ? sizeOf(path.join(site, 'search-index')) : { files: 0, bytes: 0 };
const main = fs.statSync(path.join(site, 'search-index.js')).size;
console.log(`copy: ${total.files} files, ${mb(total.bytes)}`);
console.log(`search index: search-index.js ${mb(main)}, ${parts.files} parts ${mb(parts.bytes)}`);

const browser = await launch('offline_search.mjs', chromium);
const searchPage = pathToFileURL(path.join(site, 'search', 'index.html')).href;
for (const term of terms) {
  const page = await browser.newPage();
  const loaded = [];
  page.on('request', (request) => {
    const url = request.url();
    if (/\/(search-index\.js|offline-search\.js|search-index\/[\w-]+\.js)$/.test(url)) {
      loaded.push(decodeURIComponent(new URL(url).pathname));
    }
  });
  await page.goto(`${searchPage}?q=${encodeURIComponent(term)}`);
  await waitForResults(page);
  // The results' excerpts come with their parts of the index: wait until
  // they are on the page.
  await page.waitForFunction(() => document.querySelectorAll('.search-result').length > 0
    || /No pages/.test(document.querySelector('[data-search-status]')?.textContent ?? ''), null, { timeout: 60000 });
  await page.waitForTimeout(500);
  const results = await page.locator('.search-result').count();
  const bytes = loaded.reduce((n, file) => n + fs.statSync(file).size, 0);
  const names = loaded.map((file) => path.relative(site, file));
  console.log(`"${term}": ${results} results shown, ${loaded.length} files, ${mb(bytes)}: ${names.join(' ')}`);
  await page.close();
}
await browser.close();
