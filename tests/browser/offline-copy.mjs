// Shared by the checks of the offline copy (offline.mjs in Chromium,
// offline-firefox.mjs in Firefox, offline-webkit.mjs in WebKit): its
// pages, the addresses they name, and its script-loaded search index read
// as a browser reads it.

import fs from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';

// Every HTML file under `folder`, sorted.
export function htmlFiles(folder) {
  const found = [];
  for (const entry of fs.readdirSync(folder, { withFileTypes: true })) {
    const full = path.join(folder, entry.name);
    if (entry.isDirectory()) found.push(...htmlFiles(full));
    else if (entry.name.endsWith('.html')) found.push(full);
  }
  return found.sort();
}

// The addresses a page names, read from its markup.
export function addresses(html) {
  const found = [];
  const attribute = /\s(href|src|action|poster|srcset)\s*=\s*("([^"]*)"|'([^']*)')/gi;
  for (const m of html.matchAll(attribute)) {
    const value = (m[3] ?? m[4] ?? '').replace(/&amp;/g, '&');
    if (m[1].toLowerCase() === 'srcset') found.push(...value.split(',').map((c) => c.trim().split(/\s+/)[0]));
    else found.push(value);
  }
  for (const m of html.matchAll(/http-equiv="refresh"\s+content="[^"]*url=([^"]+)"/gi)) found.push(m[1]);
  return found;
}

export function isOtherSite(value) {
  return /^[a-z][a-z0-9+.-]*:/i.test(value) || value.startsWith('//');
}

// The offline index of the copy in `site`: search-index.js and all its
// parts, run here as the browser runs them.
export function readIndex(site) {
  const context = { window: {} };
  const run = (file) => vm.runInNewContext(fs.readFileSync(path.join(site, file), 'utf8'), context);
  run('search-index.js');
  const index = context.window.hearthSearchIndex;
  index.pages.forEach((_, n) => run(`search-index/pages-${n}.js`));
  index.words.forEach((_, n) => run(`search-index/words-${n}.js`));
  const parts = context.window.hearthSearchParts;
  const pages = index.pages.flatMap((_, n) => parts[`pages-${n}`]);
  return { index, parts, pages };
}

// Pages of the index, each with a word of its title that only few pages
// have (seven letters or more), one page per word, in index order.
export function knownPages(offlineIndex) {
  const { pages } = offlineIndex;
  const found = [];
  const words = new Set();
  for (const entry of pages) {
    for (const word of entry.title.toLowerCase().match(/\p{L}{7,}/gu) ?? []) {
      if (words.has(word)) continue;
      const having = pages.filter((p) => JSON.stringify(p).toLowerCase().includes(word)).length;
      if (having <= 5) {
        words.add(word);
        found.push({ path: entry.path, title: entry.title, word });
        break;
      }
    }
  }
  if (found.length === 0) throw new Error('no page of the index has a word of seven letters in its title that few pages share');
  return found;
}

// Run in the page after a glossary link is followed: the entry the address
// targets, its term and definition, and whether it is in view; null when
// no entry is targeted.
export function targetedEntry() {
  const entry = document.querySelector(':target');
  if (!entry) return null;
  const box = entry.getBoundingClientRect();
  return { term: entry.querySelector('dfn')?.textContent ?? '', definition: entry.querySelector('dd')?.textContent ?? '', isInView: box.top >= 0 && box.top < window.innerHeight };
}

// What is wrong with the glossary entry `shown` (from targetedEntry) for
// the term `term` that was followed.
export function entryProblems(shown, term) {
  if (!shown) return ['the glossary opened with no entry targeted'];
  const problems = [];
  if (shown.term.toLowerCase() !== term.toLowerCase()) problems.push(`the entry shown is "${shown.term}", not "${term}"`);
  if (!shown.definition.trim()) problems.push(`"${term}" has no definition`);
  if (!shown.isInView) problems.push(`the entry for "${term}" is not in view`);
  return problems;
}
