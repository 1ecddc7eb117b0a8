#!/usr/bin/env node
// Browser, accessibility and HTML validity checks for a site built by Hearth.
//
//   node tests/browser/check.mjs --site DIR --base-path /compassionate-city/ \
//        [--base-url URL] [--screenshots DIR] [--shot NAME=PATH ...]
//        [--chromium PATH]
//
// --base-url is the absolute URL the site was built for; absolute links and
// resources under it are mapped to the local server.
//
// Serves DIR under the base path on 127.0.0.1, with a strict
// Content-Security-Policy, opens every page in Debian's
// chromium through playwright-core and checks: console errors, failed
// requests, requests to other hosts, axe-core (WCAG 2.x A/AA) in light and
// dark colour schemes, exactly one h1, reflow at 320 CSS px, no cookies or
// localStorage, internal links and fragments, the skip link (on the first
// page), a folded solution opened by keyboard and code blocks that scroll
// inside themselves at 320 px (on pages that have them), then runs the Nu
// Html Checker on every HTML file. Prints a report
// and a last line "N passed, M failed" (pages); exits 1 if anything failed.

import http from 'node:http';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { isFile, launch } from './harness.mjs';

const require = createRequire(import.meta.url);

// ---------------------------------------------------------------- arguments

function usage(message) {
  if (message) console.error(`check.mjs: ${message}`);
  console.error(
    'usage: node tests/browser/check.mjs --site DIR --base-path /sub/path/ ' +
      '[--base-url URL] [--screenshots DIR] [--shot NAME=PATH ...] [--chromium PATH]',
  );
  process.exit(2);
}

function parseArgs(argv) {
  const opts = {
    site: null,
    basePath: '/',
    baseUrl: null,
    screenshots: null,
    shots: [],
    chromium: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
  };
  for (let i = 0; i < argv.length; i++) {
    let arg = argv[i];
    let value = null;
    const eq = arg.indexOf('=');
    if (arg.startsWith('--') && eq > 0) {
      value = arg.slice(eq + 1);
      arg = arg.slice(0, eq);
    }
    const next = () => {
      if (value !== null) return value;
      if (i + 1 >= argv.length) usage(`${arg} needs a value`);
      return argv[++i];
    };
    switch (arg) {
      case '--site': opts.site = next(); break;
      case '--base-path': opts.basePath = next(); break;
      case '--base-url': opts.baseUrl = next(); break;
      case '--screenshots': opts.screenshots = next(); break;
      case '--chromium': opts.chromium = next(); break;
      case '--shot': {
        const spec = next();
        const at = spec.indexOf('=');
        if (at <= 0 || at === spec.length - 1) usage(`--shot wants NAME=PATH, got "${spec}"`);
        const name = spec.slice(0, at);
        if (!/^[A-Za-z0-9._-]+$/.test(name)) usage(`--shot name "${name}" must be [A-Za-z0-9._-]+`);
        opts.shots.push({ name, path: spec.slice(at + 1) });
        break;
      }
      case '-h': case '--help': usage(); break;
      default: usage(`unknown argument "${argv[i]}"`);
    }
  }
  if (!opts.site) usage('--site is required');
  let bp = opts.basePath.trim();
  if (!bp.startsWith('/')) bp = '/' + bp;
  if (!bp.endsWith('/')) bp += '/';
  opts.basePath = bp;
  if (opts.baseUrl) {
    let u;
    try { u = new URL(opts.baseUrl); } catch { usage(`--base-url "${opts.baseUrl}" is not a URL`); }
    if (!u.pathname.endsWith('/')) u.pathname += '/';
    if (u.pathname !== bp) usage(`--base-url path ${u.pathname} differs from --base-path ${bp}`);
    opts.baseUrl = u.href;
  }
  opts.site = path.resolve(opts.site);
  if (opts.screenshots) opts.screenshots = path.resolve(opts.screenshots);
  if (opts.shots.length && !opts.screenshots) usage('--shot needs --screenshots DIR');
  return opts;
}

const opts = parseArgs(process.argv.slice(2));

if (!fs.existsSync(opts.site) || !fs.statSync(opts.site).isDirectory()) {
  console.error(`check.mjs: site folder ${opts.site} does not exist`);
  process.exit(2);
}

// ------------------------------------------------------------------ results

// Problems keyed by page URL path (e.g. /compassionate-city/courses/).
const problems = new Map();
const pageKeys = new Set();
function problem(key, kind, text) {
  if (!problems.has(key)) problems.set(key, []);
  problems.get(key).push({ kind, text });
}

const log = (...a) => console.log(...a);
// A path as short as it can be shown: relative to the working folder when inside it.
function shown(file) {
  const rel = path.relative(process.cwd(), file);
  return rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel : file;
}

// ------------------------------------------------------------- file server

const CONTENT_TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.htm': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.atom': 'application/atom+xml; charset=utf-8',
  '.rss': 'application/rss+xml; charset=utf-8',
  '.xsl': 'application/xml; charset=utf-8',
  '.csv': 'text/csv; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.txt': 'text/plain; charset=utf-8',
  '.md': 'text/markdown; charset=utf-8',
  '.pdf': 'application/pdf',
};

function contentType(file) {
  return CONTENT_TYPES[path.extname(file).toLowerCase()] || 'application/octet-stream';
}

function isDir(p) {
  try { return fs.statSync(p).isDirectory(); } catch { return false; }
}

// Maps a URL path to a file in the site, or null. Returns {file} or
// {redirect} (a folder asked for without its trailing slash).
function resolveRequest(urlPath) {
  if (!urlPath.startsWith(opts.basePath)) {
    // "/compassionate-city" without the slash: send to the mount.
    if (urlPath + '/' === opts.basePath) return { redirect: opts.basePath };
    return null;
  }
  let rel;
  try {
    rel = decodeURIComponent(urlPath.slice(opts.basePath.length));
  } catch {
    return null;
  }
  if (rel.includes('\0')) return null;
  const full = path.resolve(opts.site, '.' + path.posix.sep + rel);
  if (full !== opts.site && !full.startsWith(opts.site + path.sep)) return null;
  if (rel === '' || rel.endsWith('/')) {
    const index = path.join(full, 'index.html');
    return isFile(index) ? { file: index } : null;
  }
  if (isFile(full)) return { file: full };
  if (isDir(full) && isFile(path.join(full, 'index.html'))) return { redirect: urlPath + '/' };
  return null;
}

// Served with every file, as a council's server may send it: the site
// needs nothing beyond its own host, and no inline script or style, so a
// page that breaks this policy shows a console error and fails. Search
// needs 'wasm-unsafe-eval' (search.mjs checks the page without it).
const POLICY = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'";

const server = http.createServer((req, res) => {
  const url = new URL(req.url, 'http://127.0.0.1');
  const send = (status, file, headers = {}) => {
    const body = fs.readFileSync(file);
    res.writeHead(status, {
      'Content-Type': contentType(file),
      'Content-Length': body.length,
      'Cache-Control': 'no-cache',
      'Content-Security-Policy': POLICY,
      ...headers,
    });
    res.end(req.method === 'HEAD' ? undefined : body);
  };
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.writeHead(405, { Allow: 'GET, HEAD' });
    res.end();
    return;
  }
  const found = resolveRequest(url.pathname);
  if (found && found.redirect) {
    res.writeHead(301, { Location: found.redirect + url.search });
    res.end();
  } else if (found) {
    send(200, found.file);
  } else {
    const notFound = path.join(opts.site, '404.html');
    if (isFile(notFound)) {
      send(404, notFound);
    } else {
      res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' });
      res.end('404 Not Found\n');
    }
  }
});

await new Promise((resolve, reject) => {
  server.once('error', reject);
  server.listen(0, '127.0.0.1', resolve);
});
const origin = `http://127.0.0.1:${server.address().port}`;

// GET a URL on the local server: {status, location, body}.
function get(url) {
  return new Promise((resolve) => {
    const req = http.get(url, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () =>
        resolve({
          status: res.statusCode,
          location: res.headers.location || null,
          type: res.headers['content-type'] || '',
          body: Buffer.concat(chunks).toString('utf8'),
        }),
      );
    });
    req.on('error', (e) => resolve({ status: 0, error: e.message, body: '' }));
    req.setTimeout(15000, () => req.destroy(new Error('timeout')));
  });
}

// ------------------------------------------------------------ find pages

function walk(dir, out = []) {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) walk(full, out);
    else if (entry.isFile()) out.push(full);
  }
  return out;
}

const allFiles = walk(opts.site).sort();
const htmlFiles = allFiles.filter((f) => /\.html?$/i.test(f));

function fileToUrlPath(file) {
  const rel = path.relative(opts.site, file).split(path.sep).join('/');
  if (rel === 'index.html') return opts.basePath;
  if (rel.endsWith('/index.html')) return opts.basePath + encodeURI(rel.slice(0, -'index.html'.length));
  return opts.basePath + encodeURI(rel);
}

const NOT_FOUND_PROBE = 'hearth-check-missing-page/deeper/';
const pages = [];
// Redirect pages for old addresses (aliases) move the browser on at once, so
// they are not checked as pages; their targets are checked as links instead.
const redirects = [];
for (const file of htmlFiles) {
  const rel = path.relative(opts.site, file).split(path.sep).join('/');
  if (rel === 'index.html' || rel.endsWith('/index.html')) {
    const refresh = /http-equiv="refresh" content="0; url=([^"]+)"/.exec(fs.readFileSync(file, 'utf8'));
    if (refresh) {
      redirects.push({ key: fileToUrlPath(file), target: refresh[1].replace(/&amp;/g, '&') });
      continue;
    }
    pages.push({ key: fileToUrlPath(file), file, load: fileToUrlPath(file), expect: 200 });
  }
}
// The home page first: the keyboard check runs on the first page.
pages.sort((a, b) => (a.key === opts.basePath ? -1 : b.key === opts.basePath ? 1 : a.key.localeCompare(b.key)));
const notFoundFile = path.join(opts.site, '404.html');
if (isFile(notFoundFile)) {
  // Load the 404 page where a visitor meets it: at a missing, deep URL, so
  // its styles and scripts must work from any path.
  pages.push({
    key: opts.basePath + '404.html',
    file: notFoundFile,
    load: opts.basePath + NOT_FOUND_PROBE,
    expect: 404,
  });
}
for (const p of pages) pageKeys.add(p.key);

if (pages.length === 0) {
  console.error(`check.mjs: no index.html found under ${opts.site}`);
  server.close();
  process.exit(1);
}

log(`Serving ${opts.site} at ${origin}${opts.basePath}`);
log(`Found ${pages.length} page(s) (${htmlFiles.length} HTML file(s) in all)`);

// ------------------------------------------------------------ the browser

const axe = require('axe-core');
const browser = await launch('check.mjs', opts.chromium);
log(`Browser: chromium ${browser.version()}`);

const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

// Hrefs seen on pages: url(without fragment) -> {fragments: Map(frag -> Set(pageKey)), from: Set(pageKey)}
const links = new Map();
// Ids of each loaded page, by URL without fragment (as the browser saw it).
const pageIds = new Map();
for (const redirect of redirects) {
  const target = new URL(redirect.target, origin + redirect.key).href;
  if (!links.has(target)) links.set(target, { from: new Map(), fragments: new Map() });
  links.get(target).from.set(redirect.key, redirect.target);
}
if (redirects.length) log(`  ${redirects.length} redirect page(s) for old addresses: their targets are checked as links`);

function isLocal(u) {
  return u.origin === origin;
}

// An absolute URL under --base-url, as the same URL on the local server.
function mapToLocal(href) {
  if (opts.baseUrl && href.startsWith(opts.baseUrl)) return origin + opts.basePath + href.slice(opts.baseUrl.length);
  return href;
}

async function newContext(extra = {}) {
  const context = await browser.newContext({
    viewport: { width: 1280, height: 900 },
    colorScheme: 'light',
    serviceWorkers: 'block',
    ...extra,
  });
  return context;
}

// Watches a page for console errors, failed requests and requests to other
// hosts; returns a function that lists what it saw.
async function watch(context, page, { allowStatusFor = null } = {}) {
  const seen = [];
  const state = { quiet: false };
  await context.route('**/*', async (route) => {
    const url = route.request().url();
    let u;
    try { u = new URL(url); } catch { return route.continue(); }
    if (mapToLocal(url) !== url) {
      // Built for --base-url: serve it from the local copy.
      try {
        const response = await route.fetch({ url: mapToLocal(url) });
        if (response.status() >= 400) seen.push({ kind: 'failed request', text: `${route.request().resourceType()} ${url}: HTTP ${response.status()}` });
        return route.fulfill({ response });
      } catch (e) {
        seen.push({ kind: 'failed request', text: `${url}: ${e.message.split('\n')[0]}` });
        return route.abort();
      }
    }
    if ((u.protocol === 'http:' || u.protocol === 'https:' || u.protocol === 'ws:' || u.protocol === 'wss:') && !isLocal(u)) {
      seen.push({ kind: 'external request', text: `${route.request().resourceType()} ${url} (the site must load nothing from other hosts)` });
      return route.abort('blockedbyclient');
    }
    return route.continue();
  });
  page.on('console', (msg) => {
    if (state.quiet || msg.type() !== 'error') return;
    const text = msg.text();
    const loc = msg.location();
    // The 404 page is itself served with status 404: Chromium logs that.
    if (allowStatusFor && /status of 404/.test(text) && loc && loc.url && loc.url.startsWith(allowStatusFor)) return;
    // A blocked request to another host is reported once as such.
    if (/ERR_BLOCKED_BY_CLIENT/.test(text)) return;
    // Failed loads are reported by the request listeners below, with the URL.
    if (/^Failed to load resource\b/.test(text)) return;
    const where = loc && loc.url ? ` (${loc.url}${loc.lineNumber ? ':' + (loc.lineNumber + 1) : ''})` : '';
    seen.push({ kind: 'console error', text: text + where });
  });
  page.on('pageerror', (err) => {
    if (state.quiet) return;
    seen.push({ kind: 'script error', text: String(err && err.stack ? err.stack.split('\n')[0] : err) });
  });
  page.on('requestfailed', (req) => {
    const failure = req.failure();
    const text = failure ? failure.errorText : 'failed';
    if (/ERR_BLOCKED_BY_CLIENT/.test(text)) return; // reported as external request
    seen.push({ kind: 'failed request', text: `${req.resourceType()} ${req.url()}: ${text}` });
  });
  page.on('response', (res) => {
    const status = res.status();
    if (status < 400) return;
    if (allowStatusFor && res.url() === allowStatusFor && status === 404) return;
    seen.push({ kind: 'failed request', text: `${res.request().resourceType()} ${res.url()}: HTTP ${status}` });
  });
  return { seen, state };
}

async function settle(page) {
  // Let style changes apply, then finish CSS transitions and animations so
  // colour checks see final colours.
  await page.evaluate(
    () =>
      new Promise((resolve) =>
        requestAnimationFrame(() =>
          requestAnimationFrame(() => {
            for (const a of document.getAnimations()) {
              try { a.finish(); } catch { /* infinite animations cannot finish */ }
            }
            resolve();
          }),
        ),
      ),
  );
}

async function injectAxe(page, watcher) {
  watcher.state.quiet = true;
  try {
    try {
      await page.addScriptTag({ content: axe.source });
    } catch { /* fall through: a Content-Security-Policy may block inline scripts */ }
    const present = await page.evaluate(() => typeof window.axe === 'object');
    if (!present) {
      // A strict CSP blocks the inline script tag; evaluating through the
      // DevTools protocol is not subject to it.
      await page.evaluate(`${axe.source}\n;void 0`);
    }
    const ok = await page.evaluate(() => typeof window.axe === 'object');
    if (!ok) throw new Error('axe-core could not be injected into the page');
  } finally {
    // Console messages from a CSP blocking our own injected script are not the site's.
    await page.evaluate(() => new Promise((r) => setTimeout(r, 0)));
    watcher.state.quiet = false;
  }
}

async function runAxe(page) {
  return page.evaluate(async (tags) => {
    const result = await window.axe.run(document, {
      runOnly: { type: 'tag', values: tags },
      resultTypes: ['violations'],
    });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      helpUrl: v.helpUrl,
      nodes: v.nodes.map((n) => ({
        target: n.target.map((t) => (Array.isArray(t) ? t.join(' >>> ') : t)).join(' '),
        summary: n.failureSummary || '',
      })),
    }));
  }, AXE_TAGS);
}

function formatViolation(v, scheme) {
  const targets = v.nodes.map((n) => n.target);
  const shown = targets.slice(0, 8).join(', ') + (targets.length > 8 ? `, … (${targets.length} in all)` : '');
  let detail = '';
  const first = v.nodes[0] && v.nodes[0].summary;
  if (first) detail = `\n        ${first.split('\n').slice(0, 3).join(' ').replace(/\s+/g, ' ').trim()}`;
  return `[${v.id}] (${v.impact}, ${scheme}) ${v.help}\n        at: ${shown}${detail}\n        see: ${v.helpUrl}`;
}

async function checkPage(p) {
  const url = origin + p.load;
  const context = await newContext();
  const page = await context.newPage();
  const watcher = await watch(context, page, { allowStatusFor: p.expect === 404 ? url : null });
  const add = (kind, text) => problem(p.key, kind, text);
  try {
    let response;
    try {
      response = await page.goto(url, { waitUntil: 'load', timeout: 30000 });
    } catch (e) {
      add('load', `could not load ${url}: ${e.message.split('\n')[0]}`);
      return;
    }
    const status = response ? response.status() : 0;
    if (status !== p.expect) add('load', `${p.load} returned HTTP ${status}, expected ${p.expect}`);
    await page.evaluate(() => document.fonts && document.fonts.ready).catch(() => {});

    // Structure: exactly one h1; collect ids and links.
    const info = await page.evaluate(() => {
      const ids = [...document.querySelectorAll('[id]')].map((e) => e.id);
      const names = [...document.querySelectorAll('a[name]')].map((e) => e.getAttribute('name'));
      const hrefs = [];
      for (const el of document.querySelectorAll('a[href], area[href], link[href]')) {
        hrefs.push({ tag: el.tagName.toLowerCase(), raw: el.getAttribute('href'), abs: el.href, rel: el.getAttribute('rel') || '' });
      }
      const h1s = [...document.querySelectorAll('h1')].map((h) => h.textContent.replace(/\s+/g, ' ').trim().slice(0, 60));
      return { ids: [...ids, ...names], hrefs, h1s, finalUrl: location.href };
    });
    if (info.h1s.length !== 1) {
      add('headings', `expected exactly one h1, found ${info.h1s.length}${info.h1s.length ? ': ' + info.h1s.map((t) => `"${t}"`).join(', ') : ''}`);
    }
    if (p.expect === 200) pageIds.set(origin + p.key, new Set(info.ids));
    const here = new URL(info.finalUrl);
    here.hash = '';
    const ownIds = new Set(info.ids);
    for (const h of info.hrefs) {
      if (!h.abs) continue;
      let u;
      try { u = new URL(mapToLocal(h.abs)); } catch { continue; }
      if (!isLocal(u)) continue;
      const frag = u.hash ? u.hash.slice(1) : '';
      u.hash = '';
      if (u.href === here.href) {
        // A link within this same document (e.g. the skip link).
        const id = decodeFragment(frag);
        if (id && id !== 'top' && !ownIds.has(id)) add('link', `href="${h.raw}": this page has no element with id="${id}"`);
        continue;
      }
      const key = u.href;
      if (!links.has(key)) links.set(key, { from: new Map(), fragments: new Map() });
      const entry = links.get(key);
      if (!entry.from.has(p.key)) entry.from.set(p.key, h.raw);
      if (frag) {
        if (!entry.fragments.has(frag)) entry.fragments.set(frag, new Map());
        entry.fragments.get(frag).set(p.key, h.raw);
      }
    }

    // Accessibility in both colour schemes.
    await injectAxe(page, watcher);
    const results = {};
    for (const scheme of ['light', 'dark']) {
      await page.emulateMedia({ colorScheme: scheme });
      await settle(page);
      results[scheme] = await runAxe(page);
    }
    await page.emulateMedia({ colorScheme: 'light' });
    const lightKeys = new Set(results.light.map((v) => v.id + '|' + v.nodes.map((n) => n.target).join(',')));
    const darkKeys = new Set(results.dark.map((v) => v.id + '|' + v.nodes.map((n) => n.target).join(',')));
    for (const v of results.light) {
      const k = v.id + '|' + v.nodes.map((n) => n.target).join(',');
      add('axe', formatViolation(v, darkKeys.has(k) ? 'light+dark' : 'light'));
    }
    for (const v of results.dark) {
      const k = v.id + '|' + v.nodes.map((n) => n.target).join(',');
      if (!lightKeys.has(k)) add('axe', formatViolation(v, 'dark'));
    }

    // Reflow: 320 CSS px wide is 1280 px at 400% zoom (WCAG 1.4.10).
    await page.setViewportSize({ width: 320, height: 640 });
    await settle(page);
    const reflow = await page.evaluate(() => {
      const width = document.documentElement.scrollWidth;
      const culprits = [];
      if (width > 320) {
        const describe = (el) => {
          let s = el.tagName.toLowerCase();
          if (el.id) s += '#' + el.id;
          else if (el.classList.length) s += '.' + [...el.classList].slice(0, 2).join('.');
          return s;
        };
        for (const el of document.body.querySelectorAll('*')) {
          const r = el.getBoundingClientRect();
          if (r.right > 320.5 && r.width > 0) {
            // Report the outermost overflowing elements only.
            const parent = el.parentElement;
            const pr = parent ? parent.getBoundingClientRect() : null;
            if (!pr || pr.right <= 320.5) culprits.push(`${describe(el)} (right edge ${Math.round(r.right)}px)`);
          }
          if (culprits.length >= 5) break;
        }
      }
      return { width, culprits };
    });
    if (reflow.width > 320) {
      add('reflow', `at 320x640 the page is ${reflow.width}px wide (horizontal scrolling)${reflow.culprits.length ? '; wide: ' + reflow.culprits.join(', ') : ''}`);
    }

    // Privacy: nothing stored.
    const cookies = await context.cookies();
    if (cookies.length) add('privacy', `cookies set: ${cookies.map((c) => c.name).join(', ')}`);
    const storage = await page.evaluate(() => {
      try { return Object.keys(window.localStorage); } catch (e) { return []; }
    });
    if (storage.length) add('privacy', `localStorage not empty: ${storage.join(', ')}`);

    await page.waitForTimeout(50);
  } catch (e) {
    add('error', `checking stopped on this page: ${e.message.split('\n')[0]}`);
  } finally {
    for (const s of watcher.seen) add(s.kind, s.text);
    await context.close();
  }
}

async function checkKeyboard(p) {
  const url = origin + p.load;
  const context = await newContext();
  const page = await context.newPage();
  const add = (text) => problem(p.key, 'keyboard', text);
  try {
    await page.goto(url, { waitUntil: 'load', timeout: 30000 });
    await page.keyboard.press('Tab');
    const first = await page.evaluate(() => {
      const el = document.activeElement;
      if (!el || el === document.body) return null;
      const r = el.getBoundingClientRect();
      return {
        tag: el.tagName.toLowerCase(),
        href: el.getAttribute('href'),
        text: (el.textContent || '').replace(/\s+/g, ' ').trim().slice(0, 60),
        visible: r.width > 1 && r.height > 1 && r.bottom > 0 && r.right > 0 && r.top < innerHeight && r.left < innerWidth,
      };
    });
    if (!first) {
      add('pressing Tab once focused nothing (expected the skip link to #main)');
      return;
    }
    if (first.tag !== 'a' || !first.href || !/#main$/.test(first.href)) {
      add(`pressing Tab once focused <${first.tag}${first.href ? ` href="${first.href}"` : ''}> "${first.text}", expected a skip link to #main`);
      return;
    }
    if (!first.visible) add(`the skip link "${first.text}" is focused but not visible in the viewport`);
    const hasMain = await page.evaluate(() => !!document.getElementById('main'));
    if (!hasMain) {
      add('the skip link points to #main but the page has no element with id="main"');
      return;
    }
    await page.keyboard.press('Enter');
    await page.waitForTimeout(300);
    const after = await page.evaluate(() => {
      const main = document.getElementById('main');
      const a = document.activeElement;
      const r = main.getBoundingClientRect();
      const maxScroll = document.documentElement.scrollHeight - innerHeight;
      return {
        hash: location.hash,
        focusInMain: !!a && (a === main || main.contains(a)),
        scrolledToMain: Math.abs(r.top) <= 2 || (r.top > 0 && scrollY >= maxScroll - 2),
      };
    });
    if (after.focusInMain) return;
    // Without tabindex="-1" on #main, browsers move the sequential focus
    // starting point to it: the next Tab must land inside or after #main.
    await page.keyboard.press('Tab');
    const next = await page.evaluate(() => {
      const main = document.getElementById('main');
      const a = document.activeElement;
      if (!a || a === document.body) return { ok: false, what: 'nothing' };
      const ok = a === main || main.contains(a) || !!(main.compareDocumentPosition(a) & Node.DOCUMENT_POSITION_FOLLOWING);
      return { ok, what: `<${a.tagName.toLowerCase()}> "${(a.textContent || '').replace(/\s+/g, ' ').trim().slice(0, 40)}"` };
    });
    if (after.hash !== '#main') add(`activating the skip link left location.hash as "${after.hash}", expected "#main"`);
    if (!after.scrolledToMain) add('activating the skip link did not scroll #main to the top of the viewport');
    if (!next.ok) add(`after activating the skip link, the next Tab focused ${next.what}, which comes before #main`);
  } catch (e) {
    add(`keyboard check failed: ${e.message.split('\n')[0]}`);
  } finally {
    await context.close();
  }
}

// A challenge's solution is folded away: Tab must reach its summary, and
// Enter must open it and show what was inside.
async function checkSolutionByKeyboard(p) {
  const context = await newContext();
  const page = await context.newPage();
  const add = (text) => problem(p.key, 'keyboard', text);
  try {
    await page.goto(origin + p.load, { waitUntil: 'load', timeout: 30000 });
    let reached = false;
    for (let n = 0; n < 300 && !reached; n++) {
      await page.keyboard.press('Tab');
      reached = await page.evaluate(() => {
        const a = document.activeElement;
        return !!a && a.tagName === 'SUMMARY' && !!a.closest('details.callout-solution');
      });
    }
    if (!reached) {
      add('Tab never reached the summary of a folded solution');
      return;
    }
    await page.keyboard.press('Enter');
    await page.waitForTimeout(100);
    const opened = await page.evaluate(() => {
      const details = document.activeElement.closest('details');
      const body = details.querySelector('.callout-body');
      const r = body ? body.getBoundingClientRect() : { height: 0 };
      return details.open && r.height > 0;
    });
    if (!opened) add('pressing Enter on a solution\'s summary did not open it');
  } catch (e) {
    add(`solution check failed: ${e.message.split('\n')[0]}`);
  } finally {
    await context.close();
  }
}

// The language switch by keyboard, once per language: Tab reaches the link
// to the other language with a visible focus, and Enter follows it to the
// exact counterpart (its <html lang> is the link's hreflang, and its own
// switch links straight back to this page).
const switchCheckedFor = new Set();
async function checkLanguageSwitchByKeyboard(p) {
  const lang = (fs.readFileSync(p.file, 'utf8').match(/<html lang="([^"]+)"/) || [])[1];
  if (!lang || switchCheckedFor.has(lang)) return;
  switchCheckedFor.add(lang);
  const context = await newContext();
  const page = await context.newPage();
  const add = (text) => problem(p.key, 'language-switch', text);
  try {
    await page.goto(origin + p.load, { waitUntil: 'load', timeout: 30000 });
    const here = new URL(page.url()).pathname;
    let link = null;
    for (let n = 0; n < 60 && !link; n++) {
      await page.keyboard.press('Tab');
      link = await page.evaluate(() => {
        const a = document.activeElement;
        if (!a || !a.matches('.language-switch a') || a.hasAttribute('aria-current')) return null;
        const style = getComputedStyle(a);
        const outline = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0;
        const shadow = style.boxShadow && style.boxShadow !== 'none';
        const r = a.getBoundingClientRect();
        return {
          href: new URL(a.href).pathname,
          hreflang: a.getAttribute('hreflang'),
          isFocusShown: a.matches(':focus-visible') && (outline || shadow),
          isOnScreen: r.width > 1 && r.height > 1 && r.top >= 0 && r.bottom <= innerHeight,
        };
      });
    }
    if (!link) {
      add('Tab never reached the link to the other language in the language switch');
      return;
    }
    if (!link.isFocusShown) add(`the focused language link to ${link.href} shows no focus outline`);
    if (!link.isOnScreen) add(`the focused language link to ${link.href} is not on screen`);
    await Promise.all([page.waitForNavigation({ timeout: 30000 }), page.keyboard.press('Enter')]);
    const there = await page.evaluate(() => ({
      path: location.pathname,
      lang: document.documentElement.lang,
      back: [...document.querySelectorAll('.language-switch a')].map((a) => new URL(a.href).pathname),
    }));
    if (there.path !== link.href) add(`Enter on the language link went to ${there.path}, not ${link.href}`);
    if (there.lang !== link.hreflang) add(`the page the language link opened has lang="${there.lang}", not "${link.hreflang}"`);
    if (!there.back.includes(here)) add(`the counterpart ${there.path} has no language link back to ${here}`);
  } catch (e) {
    add(`language switch check failed: ${e.message.split('\n')[0]}`);
  } finally {
    await context.close();
  }
}

// At 320 CSS px, a code block wider than the column scrolls inside itself:
// it stays within the page, a keyboard user can focus it (tabindex="0", a
// role and a name) and the arrow keys scroll it.
async function checkCodeRegions(p) {
  const context = await newContext({ viewport: { width: 320, height: 640 } });
  const page = await context.newPage();
  const add = (text) => problem(p.key, 'code-region', text);
  try {
    await page.goto(origin + p.load, { waitUntil: 'load', timeout: 30000 });
    await settle(page);
    // Open folded blocks so the code inside them is laid out too.
    await page.evaluate(() => document.querySelectorAll('details').forEach((d) => { d.open = true; }));
    const regions = await page.evaluate(() => [...document.querySelectorAll('pre.code')].map((el, index) => {
      const r = el.getBoundingClientRect();
      return {
        index,
        right: r.right,
        overflows: el.scrollWidth > el.clientWidth + 1,
        tabindex: el.getAttribute('tabindex'),
        role: el.getAttribute('role'),
        name: el.getAttribute('aria-label') || el.getAttribute('aria-labelledby'),
      };
    }));
    for (const r of regions) {
      if (r.right > 320.5) add(`code block ${r.index + 1} runs past the 320px page (right edge ${Math.round(r.right)}px)`);
      if (r.tabindex !== '0' || !r.role || !r.name) add(`code block ${r.index + 1} is not a named region a keyboard can reach`);
    }
    const wide = regions.find((r) => r.overflows);
    if (wide) {
      await page.evaluate((i) => document.querySelectorAll('pre.code')[i].focus(), wide.index);
      for (let n = 0; n < 5; n++) await page.keyboard.press('ArrowRight');
      // The theme scrolls smoothly, so the block may take a moment to move.
      const moved = await page
        .waitForFunction((i) => document.querySelectorAll('pre.code')[i].scrollLeft > 0, wide.index, { timeout: 3000 })
        .then(() => true, () => false);
      if (!moved) add(`code block ${wide.index + 1} is wider than the column but the arrow keys do not scroll it`);
      const pageWidth = await page.evaluate(() => document.documentElement.scrollWidth);
      if (pageWidth > 320) add(`with code blocks at 320px the page is ${pageWidth}px wide`);
    }
  } catch (e) {
    add(`code region check failed: ${e.message.split('\n')[0]}`);
  } finally {
    await context.close();
  }
}

// On a phone (375 CSS px wide, two device pixels to one), a page showing
// photos fetches small WebP sizes, not the originals: every image has
// width and height (so nothing shifts as it loads), nothing shifts, and
// the image bytes fetched, scrolled to the end, are under 150 KB.
const PHONE_IMAGE_BUDGET = 150 * 1024;
async function checkPhonePictures(p) {
  const context = await newContext({ viewport: { width: 375, height: 740 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true });
  const page = await context.newPage();
  const add = (text) => problem(p.key, 'phone-images', text);
  const fetched = [];
  await context.route('**/*', async (route) => {
    const url = route.request().url();
    if (mapToLocal(url) !== url) return route.fulfill({ response: await route.fetch({ url: mapToLocal(url) }) });
    return route.continue();
  });
  page.on('response', async (res) => {
    if (res.request().resourceType() !== 'image') return;
    const body = await res.body().catch(() => Buffer.alloc(0));
    fetched.push({ url: res.url(), type: res.headers()['content-type'] || '', bytes: body.length });
  });
  try {
    await page.addInitScript(() => {
      window.__shift = 0;
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries()) if (!entry.hadRecentInput) window.__shift += entry.value;
      }).observe({ type: 'layout-shift', buffered: true });
    });
    await page.goto(origin + p.load, { waitUntil: 'load', timeout: 30000 });
    // Scroll to the end, a screen at a time, so lazy images load too.
    await page.evaluate(async () => {
      for (let y = 0; y < document.documentElement.scrollHeight; y += 600) {
        window.scrollTo(0, y);
        await new Promise((r) => setTimeout(r, 50));
      }
    });
    await page.waitForLoadState('networkidle', { timeout: 10000 }).catch(() => {});
    await settle(page);
    const images = await page.evaluate(() => [...document.querySelectorAll('picture img')].map((img) => ({
      src: img.currentSrc,
      width: img.getAttribute('width'),
      height: img.getAttribute('height'),
      shown: img.getBoundingClientRect().width,
    })));
    if (images.length === 0) add('the page shows a <picture> in its HTML but none in the browser');
    for (const img of images) {
      if (!img.width || !img.height) add(`${img.src}: no width and height attributes`);
      if (!/\.webp$/.test(img.src)) add(`${img.src}: a phone should be sent the WebP size`);
      const size = /-(\d+)w\.\w+$/.exec(img.src);
      if (!size) add(`${img.src}: not one of the published sizes (NAME-WIDTHw.webp)`);
      else if (Number(size[1]) > 800) add(`${img.src}: ${size[1]} px wide for a 375 px screen`);
      if (img.shown > 375.5) add(`${img.src}: shown ${Math.round(img.shown)} px wide on a 375 px screen`);
    }
    const total = fetched.reduce((sum, f) => sum + f.bytes, 0);
    if (total >= PHONE_IMAGE_BUDGET) {
      add(`fetched ${Math.round(total / 1024)} KB of images at 375 px (budget ${PHONE_IMAGE_BUDGET / 1024} KB): ${fetched.map((f) => `${f.url} ${Math.round(f.bytes / 1024)} KB`).join(', ')}`);
    }
    const shift = await page.evaluate(() => window.__shift);
    if (shift > 0.01) add(`the layout shifted as images loaded (cumulative layout shift ${shift.toFixed(3)})`);
    log(`    phone: ${images.length} picture(s), ${fetched.length} image file(s), ${Math.round(total / 1024)} KB`);
  } catch (e) {
    add(`phone image check failed: ${e.message.split('\n')[0]}`);
  } finally {
    await context.close();
  }
}

// Tabs (`::: tab`, `::: group-tab`): with the theme's tabs.js, each set is
// a WAI-ARIA tab list with one panel shown; the arrow keys, Home and End
// move between tabs and show their panels; a group set's choice is made in
// every group set. Without JavaScript, and in print, every panel shows.
async function checkTabs(p) {
  const add = (text) => problem(p.key, 'tabs', text);
  const state = (page) => page.evaluate(() => [...document.querySelectorAll('.tabs')].map((set) => {
    const panels = [...set.children].filter((el) => el.classList.contains('tab-panel'));
    const tabs = [...set.querySelectorAll('[role="tab"]')];
    const isShown = (el) => el.getClientRects().length > 0;
    return {
      isGroup: set.hasAttribute('data-tab-group'),
      hasList: !!set.querySelector('[role="tablist"]'),
      tabs: tabs.map((t) => ({
        text: t.textContent,
        selected: t.getAttribute('aria-selected') === 'true',
        controls: t.getAttribute('aria-controls'),
        tabindex: t.getAttribute('tabindex'),
      })),
      panels: panels.map((panel) => ({
        id: panel.id,
        role: panel.getAttribute('role'),
        labelledBy: panel.getAttribute('aria-labelledby'),
        shown: isShown(panel),
        headingShown: !!panel.querySelector('.heading') && isShown(panel.querySelector('.heading')),
      })),
    };
  }));
  const shownIndex = (set) => set.panels.findIndex((panel) => panel.shown);

  // With the script.
  let context = await newContext();
  try {
    const page = await context.newPage();
    await page.goto(origin + p.load, { waitUntil: 'load', timeout: 30000 });
    let sets = await state(page);
    sets.forEach((set, n) => {
      const name = `tab set ${n + 1}`;
      if (!set.hasList || set.tabs.length !== set.panels.length) {
        add(`${name}: ${set.tabs.length} tab(s) in a tablist for ${set.panels.length} panel(s)`);
        return;
      }
      set.tabs.forEach((tab, i) => {
        const panel = set.panels[i];
        if (tab.controls !== panel.id || panel.role !== 'tabpanel' || !panel.labelledBy) {
          add(`${name}: tab "${tab.text}" and its panel are not tied by aria-controls and aria-labelledby`);
        }
      });
      const selected = set.tabs.filter((tab) => tab.selected).length;
      const shown = set.panels.filter((panel) => panel.shown).length;
      if (selected !== 1 || shown !== 1 || !set.tabs[0].selected || !set.panels[0].shown) {
        add(`${name}: ${selected} tab(s) chosen and ${shown} panel(s) shown at first, not the first of each`);
      }
      if (set.tabs.filter((tab) => tab.tabindex === '0').length !== 1) {
        add(`${name}: Tab does not reach exactly one tab (roving tabindex)`);
      }
    });
    const first = sets.findIndex((set) => set.tabs.length > 1);
    if (first !== -1) {
      const count = sets[first].tabs.length;
      await page.evaluate((n) => document.querySelectorAll('.tabs')[n].querySelector('[role="tab"]').focus(), first);
      const steps = [['ArrowRight', 1], ['End', count - 1], ['ArrowRight', 0], ['ArrowLeft', count - 1], ['Home', 0]];
      for (const [key, want] of steps) {
        await page.keyboard.press(key);
        const now = (await state(page))[first];
        const focused = await page.evaluate((n) => {
          const tabs = [...document.querySelectorAll('.tabs')[n].querySelectorAll('[role="tab"]')];
          return tabs.indexOf(document.activeElement);
        }, first);
        if (focused !== want || !now.tabs[want].selected || shownIndex(now) !== want) {
          add(`${key} on tab set ${first + 1} should focus, choose and show tab ${want + 1}; focus is on ${focused + 1}, panel ${shownIndex(now) + 1} shows`);
          break;
        }
      }
    }
    const groups = sets.map((set, n) => [set, n]).filter(([set]) => set.isGroup && set.tabs.length > 1);
    if (groups.length > 1) {
      const [[set, n], [, other]] = groups;
      const title = set.tabs[1].text;
      await page.evaluate(([n]) => document.querySelectorAll('.tabs')[n].querySelectorAll('[role="tab"]')[1].click(), [n]);
      const after = (await state(page))[other];
      const match = after.tabs.findIndex((tab) => tab.text === title);
      if (match !== -1 && !after.tabs[match].selected) add(`choosing "${title}" in a group of tabs did not choose it in the next group`);
    }
    await page.emulateMedia({ media: 'print' });
    sets = await state(page);
    if (sets.some((set) => set.panels.some((panel) => !panel.shown || !panel.headingShown))) {
      add('in print, not every tab panel shows with its heading');
    }
  } catch (e) {
    add(`tabs check failed: ${e.message.split('\n')[0]}`);
  } finally {
    await context.close();
  }

  // Without the script.
  context = await newContext({ javaScriptEnabled: false });
  try {
    const page = await context.newPage();
    await page.goto(origin + p.load, { waitUntil: 'load', timeout: 30000 });
    const sets = await state(page);
    if (sets.some((set) => set.hasList || set.panels.some((panel) => !panel.shown || !panel.headingShown))) {
      add('without JavaScript, not every tab panel shows under its heading');
    }
  } catch (e) {
    add(`tabs check without JavaScript failed: ${e.message.split('\n')[0]}`);
  } finally {
    await context.close();
  }
}

async function takeScreenshots() {
  await fsp.mkdir(opts.screenshots, { recursive: true });
  const sizes = [
    ['phone', { width: 375, height: 812 }],
    ['desktop', { width: 1280, height: 900 }],
  ];
  for (const shot of opts.shots) {
    let p = shot.path;
    if (!p.startsWith(opts.basePath)) p = opts.basePath + p.replace(/^\/+/, '');
    let reported = false;
    for (const [label, viewport] of sizes) {
      const context = await newContext({ viewport, isMobile: label === 'phone', hasTouch: label === 'phone', deviceScaleFactor: 1 });
      const page = await context.newPage();
      await context.route('**/*', async (route) => {
        const url = route.request().url();
        if (url.startsWith(origin)) return route.continue();
        if (mapToLocal(url) !== url) return route.fulfill({ response: await route.fetch({ url: mapToLocal(url) }) });
        return route.abort('blockedbyclient');
      });
      try {
        const res = await page.goto(origin + p, { waitUntil: 'load', timeout: 30000 });
        if ((!res || res.status() !== 200) && !reported) {
          reported = true;
          problem(p, 'screenshot', `--shot ${shot.name}=${shot.path}: ${p} returned HTTP ${res ? res.status() : 0}`);
        }
        await page.evaluate(() => document.fonts && document.fonts.ready).catch(() => {});
        await settle(page);
        const file = path.join(opts.screenshots, `${shot.name}-${label}.png`);
        await page.screenshot({ path: file, fullPage: true });
        log(`  screenshot ${shown(file)}`);
      } catch (e) {
        problem(p, 'screenshot', `--shot ${shot.name}=${shot.path} (${label}): ${e.message.split('\n')[0]}`);
      } finally {
        await context.close();
      }
    }
  }
}

// Ids in an HTML document fetched from the server (for link targets that
// were not loaded as pages).
function idsFromHtml(html) {
  const ids = new Set();
  const re = /\s(?:id|name)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))/gi;
  let m;
  while ((m = re.exec(html))) ids.add(m[1] ?? m[2] ?? m[3]);
  return ids;
}

function decodeFragment(frag) {
  try { return decodeURIComponent(frag); } catch { return frag; }
}

async function checkLinks() {
  let checked = 0;
  for (const [target, entry] of links) {
    checked++;
    const res = await get(target);
    const shortTarget = target.slice(origin.length);
    if (res.status !== 200) {
      const why = res.status === 0 ? `no answer (${res.error})`
        : res.location ? `HTTP ${res.status} (redirects to ${res.location})` : `HTTP ${res.status}`;
      for (const [from, raw] of entry.from) problem(from, 'link', `href="${raw}" -> ${shortTarget}: ${why}`);
      continue;
    }
    if (entry.fragments.size === 0) continue;
    let ids = pageIds.get(target);
    if (!ids) {
      ids = /html/.test(res.type) ? idsFromHtml(res.body) : null;
    }
    for (const [frag, froms] of entry.fragments) {
      const id = decodeFragment(frag);
      if (id === 'top' || id === '') continue; // scroll to top by the HTML standard
      if (ids === null) continue; // not an HTML document: fragments mean something else
      if (!ids.has(id)) {
        for (const [from, raw] of froms) problem(from, 'link', `href="${raw}": ${shortTarget} has no element with id="${id}"`);
      }
    }
  }
  return checked;
}

// ------------------------------------------------------------ Nu checker

function runVnu(files) {
  const jar = String(require('vnu-jar'));
  return new Promise((resolve) => {
    const args = ['-Xss1024k', '-jar', jar, '--errors-only', '--format', 'json', ...files];
    const child = spawn('java', args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    child.on('error', (e) => resolve({ error: `could not run java: ${e.message} (apt-get install -y default-jre-headless)` }));
    child.on('close', (code) => {
      // vnu writes its JSON report to stderr.
      const text = [err, out].find((t) => t.trim().startsWith('{'));
      if (!text) {
        resolve({ error: `the Nu Html Checker gave no report (exit ${code}): ${(err + out).trim().slice(0, 2000)}` });
        return;
      }
      try {
        resolve({ messages: JSON.parse(text).messages || [], code });
      } catch (e) {
        resolve({ error: `cannot read the Nu Html Checker report: ${e.message}` });
      }
    });
  });
}

const fileKey = new Map(pages.map((p) => [p.file, p.key]));
function keyForFile(file) {
  if (fileKey.has(file)) return fileKey.get(file);
  const k = fileToUrlPath(file);
  pageKeys.add(k);
  return k;
}

// ------------------------------------------------------------------- run

let exitEarly = null;
try {
  log('\n== Pages');
  let i = 0;
  for (const p of pages) {
    i++;
    const before = (problems.get(p.key) || []).length;
    await checkPage(p);
    if (i === 1) await checkKeyboard(p);
    const html = fs.readFileSync(p.file, 'utf8');
    if (html.includes('callout-solution')) await checkSolutionByKeyboard(p);
    if (html.includes('<pre class="code')) await checkCodeRegions(p);
    if (html.includes('<nav class="language-switch"')) await checkLanguageSwitchByKeyboard(p);
    if (html.includes('<picture>')) await checkPhonePictures(p);
    // Pages that load tabs.js turn tab blocks into tabs; the print and
    // instructor views leave them out and show every panel, as print does.
    if (html.includes('<div class="tabs"') && /src="[^"]*tabs\.js/.test(html)) await checkTabs(p);
    const n = (problems.get(p.key) || []).length - before;
    log(`  [${i}/${pages.length}] ${n ? 'FAIL' : 'ok  '} ${p.key}${p.expect === 404 ? ` (loaded as ${p.load})` : ''}${n ? ` (${n} problem${n > 1 ? 's' : ''})` : ''}`);
  }

  log('\n== Internal links');
  const n = await checkLinks();
  log(`  checked ${n} distinct internal URL(s)`);

  if (opts.screenshots) {
    log('\n== Screenshots');
    if (opts.shots.length === 0) log('  no --shot given');
    await takeScreenshots();
  }
} catch (e) {
  exitEarly = e;
} finally {
  await browser.close().catch(() => {});
}

log('\n== Nu Html Checker');
{
  const vnu = await runVnu(htmlFiles);
  if (vnu.error) {
    problem('(Nu Html Checker)', 'vnu', vnu.error);
    pageKeys.add('(Nu Html Checker)');
    log(`  ${vnu.error}`);
  } else {
    let count = 0;
    for (const m of vnu.messages) {
      if (m.type !== 'error' && m.type !== 'non-document-error') continue;
      count++;
      let file = m.url ? (m.url.startsWith('file:') ? fileURLToPath(m.url) : m.url) : '(unknown file)';
      const key = m.url ? keyForFile(file) : '(Nu Html Checker)';
      pageKeys.add(key);
      const rel = shown(file);
      const line = m.lastLine ?? m.firstLine;
      const col = m.firstColumn ?? m.lastColumn;
      const pos = line ? `:${line}${col ? ':' + col : ''}` : '';
      const extract = m.extract ? `\n        ${m.extract.replace(/\s+/g, ' ').trim().slice(0, 160)}` : '';
      problem(key, 'vnu', `${rel}${pos}: ${m.message}${extract}`);
    }
    log(`  checked ${htmlFiles.length} HTML file(s): ${count} error(s)`);
  }
}
server.close();

// ---------------------------------------------------------------- report

if (exitEarly) {
  console.error(`\ncheck.mjs: the checks stopped on an unexpected error:\n${exitEarly.stack || exitEarly}`);
}

const keys = [...pageKeys];
const failed = keys.filter((k) => (problems.get(k) || []).length > 0);
// Problems attributed to URLs that are not pages (e.g. a --shot path that does not exist).
for (const k of problems.keys()) if (!pageKeys.has(k)) failed.push(k);
const passed = keys.filter((k) => !(problems.get(k) || []).length);

if (failed.length) {
  log('\n== Problems');
  const byKind = new Map();
  for (const k of failed) {
    log(`\n${k}`);
    for (const pr of problems.get(k)) {
      log(`  - ${pr.kind}: ${pr.text}`);
      byKind.set(pr.kind, (byKind.get(pr.kind) || 0) + 1);
    }
  }
  log('\n== Summary by kind');
  for (const [kind, count] of [...byKind].sort((a, b) => b[1] - a[1])) log(`  ${kind}: ${count}`);
}
log('');
log(`${passed.length} passed, ${failed.length} failed`);
process.exit(failed.length || exitEarly ? 1 : 0);
