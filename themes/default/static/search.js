// Hearth default theme: the search page.
//
// Loads the Pagefind bundle that `hearth build` writes (its folder comes
// from the page's data-bundle attribute, so the site works under any base
// path), then shows the search form, reads ?q= from the address, and lists
// results with their kind and an excerpt, the matches marked. Under a page,
// up to three of its sections that match link straight to their headings,
// chosen as Pagefind's own interface chooses them. Result links carry the
// words the page matched, in the page's own forms, as ?highlight=, which
// highlight.js marks on the page. The number of results is announced
// through a polite live region. Filters by kind and by the site's
// taxonomies are checkboxes in fieldsets; values within a group widen the
// search (any), groups narrow it (all).
//
// Pagefind searches with WebAssembly, which a Content-Security-Policy
// without 'wasm-unsafe-eval' forbids: then, or when the bundle cannot be
// loaded or a search fails, the page says search is not available and
// keeps the links to the A to Z index and the taxonomies.
//
// Nothing is loaded from another host and nothing is stored in the browser.
// Excerpts are inserted as text: Pagefind keeps page text decoded, so only
// its own <mark> tags are turned into elements.

const PAGE_SIZE = 10;
const MAX_SECTIONS = 3;
const HIGHLIGHT = 'highlight';
// The most forms of the searched words one result link carries.
const MAX_FORMS = 8;
const TYPING_DELAY_MS = 300;
// The messages come from the page, in its language (the search page
// writes them from the theme's catalogues); these are only for a theme
// whose search page has none.
const MESSAGES = {
  unavailable: 'Search is not available at the moment. You can still find every page from the links below.',
  results: { one: '{count} result', other: '{count} results' },
  filters: { one: '{count} filter', other: '{count} filters' },
  for: ' for “{term}”',
  with: ' with {filters}',
  found: '{what}{words}{narrowed}.',
  none: 'No pages match{words}{narrowed}. Try other words or fewer filters, or use the A to Z index below.',
  sections: 'Sections of “{title}”',
};

// The page's messages, from the data attributes of `[data-search-messages]`:
// `data-results-one` is the `one` plural form of `results`.
function readMessages() {
  const holder = document.querySelector('[data-search-messages]');
  if (!holder) return MESSAGES;
  const text = { ...MESSAGES, results: {}, filters: {} };
  for (const [name, value] of Object.entries(holder.dataset)) {
    const plural = /^(results|filters)([A-Z]\w*)$/.exec(name);
    if (plural) text[plural[1]][plural[2].toLowerCase()] = value;
    else if (name !== 'searchMessages') text[name] = value;
  }
  if (!text.results.other) text.results = MESSAGES.results;
  if (!text.filters.other) text.filters = MESSAGES.filters;
  return text;
}

const TEXT = readMessages();
const PLURALS = new Intl.PluralRules(document.documentElement.lang || 'en');

// A message with its `{name}` places filled.
function fill(message, values) {
  return message.replace(/\{(\w+)\}/g, (whole, name) => (name in values ? String(values[name]) : whole));
}

// The plural form of `forms` for `count`, in the page's language.
function plural(forms, count) {
  const form = forms[PLURALS.select(count)] ?? forms.other;
  return fill(form, { count });
}

const root = document.querySelector('[data-search]');
if (root) start(root);

// Whether this page may compile WebAssembly: the smallest module there is.
function canRunWebAssembly() {
  try {
    new WebAssembly.Module(new Uint8Array([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00]));
    return true;
  } catch {
    return false;
  }
}

// Search cannot work here: say so, and offer the links instead.
function unavailable(ui) {
  ui.status.textContent = TEXT.unavailable;
  ui.form.hidden = true;
  ui.filters.hidden = true;
  ui.results.hidden = true;
  ui.fallback.hidden = false;
}

async function start(root) {
  const ui = elements(root);
  // The offline copy (hearth build --offline) has its own search engine,
  // with Pagefind's interface: browsers load neither modules nor
  // WebAssembly from a page opened from disk.
  const pagefind = await (window.hearthOfflineSearch ?? loadPagefind(root));
  if (!pagefind) {
    unavailable(ui);
    return;
  }
  const search = new Search(pagefind, ui);
  ui.form.hidden = false;
  ui.fallback.hidden = true;
  ui.filters.hidden = false;
  search.listen();
  const query = new URLSearchParams(window.location.search).get('q');
  if (query) {
    ui.input.value = query;
    await search.run();
  }
}

// Pagefind's bundle, ready to search, or null when it cannot run here.
async function loadPagefind(root) {
  if (typeof WebAssembly !== 'object' || !canRunWebAssembly()) return null;
  try {
    const pagefind = await import(`${root.dataset.bundle}pagefind.js`);
    // Result URLs already hold the site's base path. Each carries the
    // searched words as ?highlight=word, for highlight.js on the page
    // (replaced by the page's own forms of them, see matchedForms).
    await pagefind.options({ baseUrl: '/', excerptLength: 30, highlightParam: HIGHLIGHT });
    await pagefind.init();
    return pagefind;
  } catch (error) {
    return null;
  }
}

function elements(root) {
  const find = (name) => root.querySelector(`[data-search-${name}]`);
  return {
    root,
    fallback: find('fallback'),
    form: find('form'),
    input: root.querySelector('input[name="q"]'),
    status: find('status'),
    filters: find('filters'),
    clear: find('clear'),
    noFilters: find('no-filters'),
    results: find('results'),
    list: find('list'),
    more: find('more'),
  };
}

class Search {
  constructor(pagefind, ui) {
    this.pagefind = pagefind;
    this.ui = ui;
    this.results = [];
    this.shown = 0;
    // Each search gets a number; a slower, older one never overwrites a newer one.
    this.latest = 0;
    this.timer = null;
    this.hasFilters = false;
  }

  listen() {
    const { form, input, filters, clear, more } = this.ui;
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      this.run();
    });
    input.addEventListener('input', () => {
      clearTimeout(this.timer);
      this.timer = setTimeout(() => this.run(), TYPING_DELAY_MS);
    });
    filters.addEventListener('change', () => this.run());
    // The filter indexes are fetched only when a reader opens the filters,
    // so a plain search downloads less.
    filters.addEventListener('toggle', () => {
      if (filters.open && !this.hasFilters) this.buildFilters();
    });
    clear.addEventListener('click', () => {
      for (const box of this.checkboxes()) box.checked = false;
      this.run();
      input.focus();
    });
    more.addEventListener('click', () => this.showMore());
  }

  checkboxes() {
    return [...this.ui.filters.querySelectorAll('input[type="checkbox"]')];
  }

  // One checkbox per filter value, in the fieldsets the page wrote; then the
  // current search again, for the counts beside each value.
  async buildFilters() {
    this.hasFilters = true;
    const available = await this.pagefind.filters();
    let any = false;
    for (const fieldset of this.ui.filters.querySelectorAll('[data-filter]')) {
      const values = available[fieldset.dataset.filter];
      if (!values || Object.keys(values).length === 0) continue;
      const options = fieldset.querySelector('[data-filter-options]');
      Object.keys(values)
        .sort((a, b) => a.localeCompare(b))
        .forEach((value, index) => options.append(checkbox(fieldset.dataset.filter, value, index, values[value])));
      fieldset.hidden = false;
      any = true;
    }
    this.ui.noFilters.hidden = any;
    if (this.ui.input.value.trim()) await this.refreshCounts();
  }

  async refreshCounts() {
    const term = this.ui.input.value.trim();
    const response = await this.pagefind.search(term || null, { filters: this.selectedFilters() });
    if (response) this.updateCounts(response.filters);
  }

  selectedFilters() {
    const filters = {};
    for (const box of this.checkboxes()) {
      if (!box.checked) continue;
      (filters[box.name] ??= { any: [] }).any.push(box.value);
    }
    return filters;
  }

  async run() {
    clearTimeout(this.timer);
    const number = ++this.latest;
    const term = this.ui.input.value.trim();
    const filters = this.selectedFilters();
    const filterCount = Object.values(filters).reduce((n, f) => n + f.any.length, 0);
    this.ui.clear.hidden = filterCount === 0;
    remember(term);
    if (!term && filterCount === 0) {
      this.reset();
      return;
    }
    let response;
    try {
      response = await this.pagefind.search(term || null, { filters });
    } catch (error) {
      if (number === this.latest) unavailable(this.ui);
      return;
    }
    if (number !== this.latest || !response) return;
    this.results = response.results;
    this.shown = 0;
    this.ui.list.replaceChildren();
    this.updateCounts(response.filters);
    await this.showMore({ isFirst: true });
    if (number === this.latest) this.announce(term, filterCount);
  }

  reset() {
    this.results = [];
    this.shown = 0;
    this.ui.list.replaceChildren();
    this.ui.results.hidden = true;
    this.ui.more.hidden = true;
    this.ui.fallback.hidden = true;
    this.ui.status.textContent = '';
  }

  // Adds the next page of results; after "Show more", focus moves to the
  // first new result so keyboard users carry on from where they were.
  async showMore({ isFirst = false } = {}) {
    const number = this.latest;
    const next = this.results.slice(this.shown, this.shown + PAGE_SIZE);
    const pages = await Promise.all(next.map((result) => result.data()));
    if (number !== this.latest) return;
    const items = pages.map(resultItem);
    this.ui.list.append(...items);
    this.shown += items.length;
    this.ui.results.hidden = this.results.length === 0;
    this.ui.more.hidden = this.shown >= this.results.length;
    this.ui.fallback.hidden = this.results.length > 0;
    if (!isFirst && items.length > 0) items[0].querySelector('a').focus();
  }

  announce(term, filterCount) {
    const count = this.results.length;
    const what = plural(TEXT.results, count);
    const words = term ? fill(TEXT.for, { term }) : '';
    const narrowed = filterCount ? fill(TEXT.with, { filters: plural(TEXT.filters, filterCount) }) : '';
    this.ui.status.textContent = fill(count ? TEXT.found : TEXT.none, { what, words, narrowed });
  }

  // Shows how many of the current results each filter value would keep.
  updateCounts(counts) {
    for (const box of this.checkboxes()) {
      const count = counts?.[box.name]?.[box.value] ?? 0;
      box.parentElement.querySelector('.search-filter__count').textContent = `(${count})`;
    }
  }
}

function checkbox(name, value, index, count) {
  const option = document.createElement('div');
  option.className = 'search-filter__option';
  const input = document.createElement('input');
  input.type = 'checkbox';
  input.id = `search-filter-${name}-${index}`;
  input.name = name;
  input.value = value;
  const label = document.createElement('label');
  label.htmlFor = input.id;
  label.append(`${value} `);
  const number = document.createElement('span');
  number.className = 'search-filter__count';
  number.textContent = `(${count})`;
  label.append(number);
  option.append(input, label);
  return option;
}

function resultItem(page) {
  const item = document.createElement('li');
  item.className = 'search-result';
  if (page.meta.kind) {
    const kind = document.createElement('p');
    kind.className = 'search-result__kind';
    kind.textContent = page.meta.kind;
    item.append(kind);
  }
  const title = page.meta.title || page.url;
  const forms = matchedForms(page);
  const heading = document.createElement('h3');
  heading.className = 'search-result__title';
  heading.append(link(withForms(page.url, forms), title));
  item.append(heading);
  const { intro, sections } = matchingSections(page);
  if (sections.length === 0) {
    item.append(excerpt(page.excerpt));
    return item;
  }
  // The page's excerpt is its best match anywhere, which a section below
  // may repeat: the text before the sections has its own excerpt, and none
  // when only the sections match.
  if (intro) item.append(excerpt(intro.excerpt));
  const list = document.createElement('ul');
  list.className = 'search-result__sections';
  list.setAttribute('aria-label', fill(TEXT.sections, { title }));
  for (const section of sections) {
    const entry = document.createElement('li');
    entry.append(link(withForms(section.url, forms), section.title), excerpt(section.excerpt));
    list.append(entry);
  }
  item.append(list);
  return item;
}

// Pagefind splits a page's matches at its headings with an id: the part
// before the first such heading (the intro) has the page's own address.
// The sections are the other parts, thinned to the MAX_SECTIONS with the
// most matches (kept in page order), as Pagefind's interface does.
function matchingSections(page) {
  const parts = Array.isArray(page.sub_results) ? page.sub_results : [];
  const intro = parts.length > 0 && parts[0].url === page.url ? parts[0] : null;
  const sections = intro ? parts.slice(1) : parts;
  if (sections.length <= MAX_SECTIONS) return { intro, sections };
  const kept = new Set([...sections]
    .sort((a, b) => b.locations.length - a.locations.length)
    .slice(0, MAX_SECTIONS));
  return { intro, sections: sections.filter((section) => kept.has(section)) };
}

// The words the page matched, as the page writes them, read at its match
// positions the way Pagefind reads its excerpts. Pagefind matches by stem,
// so a search for "volunteering" finds a page that says "volunteers"; the
// page's highlighting looks for text, and would mark nothing there if given
// the searched word.
function matchedForms(page) {
  const text = page.raw_content ?? '';
  const words = text.includes('\u200B') ? text.split('\u200B') : text.split(/[^\S\uFEFF]+/g);
  const forms = [];
  for (const location of page.locations ?? []) {
    const form = (words[location] ?? '')
      .replace(/&lt;/g, '<').replace(/&gt;/g, '>')
      .replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, '')
      .toLowerCase();
    if (form && !forms.includes(form)) forms.push(form);
    if (forms.length === MAX_FORMS) break;
  }
  return forms;
}

// `url` with `forms` as its ?highlight= words instead of the searched ones;
// as it is when the page matched only in its title or other details.
function withForms(url, forms) {
  if (forms.length === 0) return url;
  const address = new URL(url, window.location.href);
  address.searchParams.delete(HIGHLIGHT);
  for (const form of forms) address.searchParams.append(HIGHLIGHT, form);
  return /^[a-z]+:/i.test(url) ? address.href : `${address.pathname}${address.search}${address.hash}`;
}

function link(url, text) {
  const anchor = document.createElement('a');
  anchor.href = url;
  anchor.textContent = text;
  return anchor;
}

function excerpt(text) {
  const paragraph = document.createElement('p');
  paragraph.className = 'search-result__excerpt';
  paragraph.append(...marked(text || ''));
  return paragraph;
}

// Pagefind's excerpt as nodes: text stays text, <mark>…</mark> becomes <mark>.
// Pagefind escapes the page's < and > (and nothing else) so that its marks
// can be told apart; inserted as text, they are turned back. A mark leaves
// out the punctuation Pagefind keeps on the word ("schools." marks
// "schools").
function marked(excerpt) {
  const nodes = [];
  let isMark = false;
  for (const part of excerpt.split(/(<mark>|<\/mark>)/)) {
    const text = part.replace(/&lt;/g, '<').replace(/&gt;/g, '>');
    if (part === '<mark>') isMark = true;
    else if (part === '</mark>') isMark = false;
    else if (text && isMark) nodes.push(...markedWord(text));
    else if (text) nodes.push(document.createTextNode(text));
  }
  return nodes;
}

function markedWord(text) {
  const [, before, word, after] = text.match(/^([^\p{L}\p{N}]*)(.*?)([^\p{L}\p{N}]*)$/su);
  if (!word) return [document.createTextNode(text)];
  const mark = document.createElement('mark');
  mark.textContent = word;
  return [before, mark, after].filter(Boolean).map((n) => typeof n === 'string' ? document.createTextNode(n) : n);
}

// Keeps ?q= in the address, so the back button and shared links work.
// (A page opened from disk may refuse it: the search still runs.)
function remember(term) {
  const url = new URL(window.location.href);
  if (term) url.searchParams.set('q', term);
  else url.searchParams.delete('q');
  try {
    window.history.replaceState(null, '', url);
  } catch {
    // Nothing to do: only the address is not kept.
  }
}
