#!/usr/bin/env node
// Checks a built Hearth site as a real web server serves it (nginx or
// Apache, set up with the configuration docs/deploy.md gives).
//
//   node tests/browser/served.mjs --site DIR --base-path /compassionate-city/ \
//        --origin http://127.0.0.1:PORT --name nginx
//
// For every file of DIR (each index.html at its folder's address, as the
// site links to it), asks the server and checks:
//   - status 200 and the very bytes of the file;
//   - the content type a browser needs for its extension (pages, styles,
//     scripts, feeds, the search index's .pf_* files and WebAssembly);
//   - the Content-Security-Policy the site needs, and nosniff;
//   - Cache-Control: a year (immutable) for the image sizes and the search
//     index's hashed files, and for styles and scripts linked with ?h=HASH, revalidation
//     for pages;
// and that a missing page and a missing hashed file answer 404 with the
// site's 404 page (and the policy), without the year-long cache, and that
// a folder asked for without its slash is redirected to it.
// Prints one line per failure and a last line "N passed, M failed"; exits
// 1 when a check failed and 2 when the checks could not run.

import fs from 'node:fs';
import path from 'node:path';
import { readArgs } from './harness.mjs';

const POLICY = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'";
const A_YEAR = /max-age=31536000/;

// Content types by extension: the media type (before any `;`) must be one of these.
const TYPES = {
  '.html': ['text/html'],
  '.css': ['text/css'],
  '.js': ['text/javascript', 'application/javascript'],
  '.json': ['application/json'],
  '.svg': ['image/svg+xml'],
  '.txt': ['text/plain'],
  '.csv': ['text/csv'],
  '.png': ['image/png'],
  '.jpg': ['image/jpeg'],
  '.webp': ['image/webp'],
  '.pf_fragment': ['application/octet-stream'],
  '.pf_index': ['application/octet-stream'],
  '.pf_meta': ['application/octet-stream'],
  '.pf_filter': ['application/octet-stream'],
  '.pagefind': ['application/wasm'],
};

function usage(message) {
  if (message) console.error(`served.mjs: ${message}`);
  console.error('usage: node tests/browser/served.mjs --site DIR --base-path /sub/path/ --origin http://HOST:PORT [--name SERVER]');
  process.exit(2);
}

const opts = readArgs(process.argv.slice(2), {
  '--site': 'site', '--base-path': 'basePath', '--origin': 'origin', '--name': 'name',
}, { site: null, basePath: '/', origin: null, name: 'server' }, usage);
if (!opts.site || !opts.origin) usage('--site and --origin are required');
opts.site = path.resolve(opts.site);
const base = opts.origin.replace(/\/+$/, '') + (opts.basePath.endsWith('/') ? opts.basePath : `${opts.basePath}/`);

function files(dir, out = []) {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (entry.name.startsWith('.')) continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) files(full, out);
    else out.push(path.relative(opts.site, full).split(path.sep).join('/'));
  }
  return out.sort();
}

let passed = 0;
const failures = [];
function expect(what, ok, detail) {
  if (ok) passed++;
  else failures.push(`${opts.name}: ${what}: ${detail}`);
}

async function get(url) {
  try {
    const response = await fetch(url, { redirect: 'manual' });
    return { response, body: Buffer.from(await response.arrayBuffer()) };
  } catch (e) {
    console.error(`served.mjs: ${opts.name} does not answer ${url}: ${e.message}`);
    process.exit(2);
  }
}

function mediaType(response) {
  return (response.headers.get('content-type') ?? '').split(';')[0].trim().toLowerCase();
}

function checkHeaders(what, response) {
  expect(what, response.headers.get('content-security-policy') === POLICY,
    `Content-Security-Policy is ${JSON.stringify(response.headers.get('content-security-policy'))}`);
  expect(what, response.headers.get('x-content-type-options') === 'nosniff',
    `X-Content-Type-Options is ${JSON.stringify(response.headers.get('x-content-type-options'))}`);
}

const isHashed = (rel) => /^_images\/|^pagefind\/(fragment|index|filter)\/|^pagefind\/pagefind\.[^/]+\.pf_meta$/.test(rel);
const site = files(opts.site);
if (!site.includes('index.html') || !site.includes('404.html')) usage(`${opts.site} is not a built site (no index.html or 404.html)`);

for (const rel of site) {
  const address = rel === 'index.html' ? '' : rel.replace(/(^|\/)index\.html$/, '$1');
  const { response, body } = await get(base + address);
  const what = `/${address}`;
  expect(what, response.status === 200, `status ${response.status}`);
  if (response.status !== 200) continue;
  expect(what, body.equals(fs.readFileSync(path.join(opts.site, rel))), 'the body is not the file');
  const allowed = TYPES[path.extname(rel)];
  if (allowed) expect(what, allowed.includes(mediaType(response)), `content type ${response.headers.get('content-type')}, wanted ${allowed.join(' or ')}`);
  if (rel.endsWith('atom.xml')) expect(what, mediaType(response) === 'application/atom+xml', `content type ${response.headers.get('content-type')}`);
  checkHeaders(what, response);
  const cache = response.headers.get('cache-control') ?? '';
  if (isHashed(rel)) expect(what, A_YEAR.test(cache) && /immutable/.test(cache), `Cache-Control is "${cache}", wanted a year, immutable`);
  if (rel.endsWith('.html')) expect(what, /no-cache/.test(cache) && !A_YEAR.test(cache), `Cache-Control is "${cache}", wanted no-cache`);
}

// Styles and scripts as pages link them, with ?h=HASH.
const home = fs.readFileSync(path.join(opts.site, 'index.html'), 'utf8');
const linked = [...home.matchAll(/(?:href|src)="([^"]+\?h=[0-9a-f]+)"/g)].map((m) => m[1]);
expect('the home page links styles with ?h=', linked.length > 0, 'no such link found');
for (const href of linked) {
  const { response } = await get(new URL(href, base).href);
  const cache = response.headers.get('cache-control') ?? '';
  expect(href, response.status === 200 && A_YEAR.test(cache) && /immutable/.test(cache), `status ${response.status}, Cache-Control "${cache}", wanted a year, immutable`);
}
{
  const { response } = await get(`${base}style.css`);
  const cache = response.headers.get('cache-control') ?? '';
  expect('style.css without ?h=', response.status === 200 && !A_YEAR.test(cache), `status ${response.status}, Cache-Control "${cache}"`);
}

// The 404 page, for a missing page and for a missing hashed file.
const notFound = fs.readFileSync(path.join(opts.site, '404.html'));
for (const missing of ['no-such-page/', 'courses/no-such-course/module/', 'pagefind/fragment/no-such-page.pf_fragment']) {
  const { response, body } = await get(base + missing);
  const what = `missing /${missing}`;
  expect(what, response.status === 404, `status ${response.status}`);
  expect(what, mediaType(response) === 'text/html', `content type ${response.headers.get('content-type')}`);
  expect(what, body.equals(notFound), 'the body is not the site\'s 404 page');
  checkHeaders(what, response);
  expect(what, !A_YEAR.test(response.headers.get('cache-control') ?? ''), `Cache-Control is "${response.headers.get('cache-control')}"`);
}

// A folder without its slash.
{
  const folder = site.find((rel) => /^[^/]+\/index\.html$/.test(rel)).replace(/\/index\.html$/, '');
  const { response } = await get(base + folder);
  const location = response.headers.get('location') ?? '';
  expect(`/${folder} (no slash)`, [301, 302, 308].includes(response.status) && new URL(location, base).pathname === new URL(`${base}${folder}/`).pathname,
    `status ${response.status}, Location "${location}"`);
}

for (const failure of failures) console.log(`FAIL ${failure}`);
console.log(`${opts.name}: ${site.length} files served; ${passed} passed, ${failures.length} failed`);
process.exit(failures.length ? 1 : 0);
