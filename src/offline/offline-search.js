// Hearth's search for the offline copy (hearth build --offline, hearth pack).
//
// Browsers load neither WebAssembly nor a fetched index from a page opened
// from disk (file://), so Pagefind cannot search there. This classic script
// reads the index that search-index.js assigns to window.hearthSearchIndex
// (each page's length, the pages of each filter value, and the words at
// the ends of each part of the word index) and loads the parts a search
// needs by adding <script> elements, which a page opened from disk may do:
// search-index/words-N.js for the words a search term starts (the pages
// that have each, and how often), and search-index/pages-N.js for the pages
// whose results are shown (their address, title, kind and text, split at
// headings with an id). It offers the theme's search page (search.js) the
// part of Pagefind's interface it uses: options(), init(), filters() and
// search(term, {filters}), whose results give data() with a url, meta
// (title, kind), an excerpt with <mark>s and sub_results for the sections
// that match.
//
// What it does: every word of the query must be on the page (in its text or
// title); a word matches words it starts (care finds carers); filters narrow
// as online (values within a group widen, groups narrow). What it does not:
// stemming (volunteering does not find volunteers), other languages' word
// rules, and ranking exactly as Pagefind does (pages are ranked by BM25 on
// the same text, so the order of close results may differ).

(function () {
  'use strict';

  const index = window.hearthSearchIndex;
  if (!index || !document.currentScript) return;
  // Result addresses and the index's parts are relative to the copy's
  // root, where this file is.
  const root = new URL('.', document.currentScript.src);
  const EXCERPT_WORDS = 30;
  const TITLE_WEIGHT = 5;
  const PREFIX_WEIGHT = 0.5;

  // Lower case, without accents: "Café" and "cafe" are one word. The
  // build reads words for the word index the same way.
  const fold = (text) => text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
  const wordsOf = (text) => fold(text).match(/[\p{L}\p{N}]+/gu) || [];

  // Numbers written as the difference from the one before, summed.
  const undelta = (deltas) => {
    let n = 0;
    return deltas.map((d) => (n += d));
  };

  // The pages (numbered in path order), their lengths and filter values.
  const pageCount = index.lengths.length;
  const averageLength = Math.max(1, index.lengths.reduce((n, l) => n + l, 0) / Math.max(1, pageCount));
  const pageFilters = index.lengths.map(() => ({}));
  for (const [name, values] of Object.entries(index.filters)) {
    for (const [value, deltas] of Object.entries(values)) {
      for (const number of undelta(deltas)) (pageFilters[number][name] ??= []).push(value);
    }
  }

  // A part of the index, loaded once by a <script> that files it in
  // window.hearthSearchParts under its name.
  const parts = new Map();
  function part(name) {
    if (!parts.has(name)) {
      parts.set(name, new Promise((resolve, reject) => {
        const script = document.createElement('script');
        script.src = new URL(`search-index/${name}.js`, root).href;
        script.onload = () => {
          const value = window.hearthSearchParts?.[name];
          if (value) resolve(value);
          else reject(new Error(`search-index/${name}.js holds no part ${name}`));
        };
        script.onerror = () => reject(new Error(`search-index/${name}.js did not load`));
        document.head.append(script);
      }));
    }
    return parts.get(name);
  }

  // Compares by code point, as the build sorts the words.
  function compare(a, b) {
    const x = [...a];
    const y = [...b];
    for (let i = 0; i < Math.min(x.length, y.length); i += 1) {
      if (x[i] !== y[i]) return x[i].codePointAt(0) - y[i].codePointAt(0);
    }
    return x.length - y.length;
  }

  // How well a word of the page matches `term`: 1 for the word itself,
  // less for a longer word it starts, 0 for none.
  function match(word, term) {
    if (word === term) return 1;
    return word.startsWith(term) ? PREFIX_WEIGHT : 0;
  }

  // For each page that has a word `term` starts, how much of it is in
  // its text and its title (matches weighed as `match` weighs them),
  // from the parts of the word index whose words may start with `term`.
  async function postings(term) {
    const wanted = [];
    index.words.forEach(([first, last], number) => {
      if (compare(last, term) >= 0 && (compare(first, term) <= 0 || first.startsWith(term))) wanted.push(number);
    });
    const found = new Map();
    for (const words of await Promise.all(wanted.map((n) => part(`words-${n}`)))) {
      for (const [word, list] of words) {
        const weight = match(word, term);
        if (weight === 0) continue;
        let page = 0;
        for (let i = 0; i < list.length; i += 3) {
          page += list[i];
          const counts = found.get(page) ?? { text: 0, title: 0 };
          counts.text += weight * list[i + 1];
          counts.title += weight * list[i + 2];
          found.set(page, counts);
        }
      }
    }
    return found;
  }

  // A page's address, title, kind and sections, from its part of the
  // index, with each section's text as tokens (the words between spaces,
  // as Pagefind's excerpts show them) and the searchable words of each.
  async function pageText(number) {
    let first = 0;
    while (first + 1 < index.pages.length && index.pages[first + 1] <= number) first += 1;
    const page = (await part(`pages-${first}`))[number - index.pages[first]];
    const sections = page.sections.map((section) => {
      const tokens = section.text ? section.text.split(' ') : [];
      return { ...section, tokens, words: tokens.map(wordsOf) };
    });
    return { page, sections };
  }

  function passes(number, filters) {
    for (const [name, wanted] of Object.entries(filters || {})) {
      const any = Array.isArray(wanted) ? wanted : wanted.any || [];
      if (any.length === 0) continue;
      const values = pageFilters[number][name] || [];
      if (!any.some((value) => values.includes(value))) return false;
    }
    return true;
  }

  function tokenMatches(words, terms) {
    return terms.some((term) => words.some((word) => match(word, term) > 0));
  }

  // The page's score for `terms`, or null when a term is on the page
  // nowhere.
  function scorePage(number, terms, found) {
    let score = 0;
    for (const term of terms) {
      const counts = found.get(term).get(number);
      if (!counts) return null;
      const frequency = counts.text;
      const inTitle = counts.title;
      if (frequency === 0 && inTitle === 0) return null;
      const documents = found.get(term).size || 1;
      const idf = Math.log(1 + (pageCount - documents + 0.5) / (documents + 0.5));
      const k = 1.2;
      const b = 0.75;
      const norm = k * (1 - b + (b * index.lengths[number]) / averageLength);
      score += idf * ((frequency * (k + 1)) / (frequency + norm)) + TITLE_WEIGHT * idf * inTitle;
    }
    return score;
  }

  const escape = (text) => text.replace(/</g, '&lt;').replace(/>/g, '&gt;');

  // About EXCERPT_WORDS tokens of a section around its most matches, the
  // matching tokens in <mark>, as Pagefind's excerpts are.
  function excerpt(section, terms) {
    const hits = section.words.map((words) => tokenMatches(words, terms));
    let best = 0;
    let bestCount = -1;
    let count = 0;
    for (let i = 0; i < hits.length; i += 1) {
      if (hits[i]) count += 1;
      if (i >= EXCERPT_WORDS && hits[i - EXCERPT_WORDS]) count -= 1;
      if (count > bestCount) {
        bestCount = count;
        best = Math.max(0, i - EXCERPT_WORDS + 1);
      }
    }
    const start = Math.max(0, Math.min(best, hits.length - EXCERPT_WORDS));
    const shown = [];
    for (let i = start; i < Math.min(hits.length, start + EXCERPT_WORDS); i += 1) {
      const token = escape(section.tokens[i]);
      shown.push(hits[i] ? `<mark>${token}</mark>` : token);
    }
    return shown.join(' ');
  }

  function locations(section, terms) {
    const found = [];
    section.words.forEach((words, i) => {
      if (tokenMatches(words, terms)) found.push(i);
    });
    return found;
  }

  async function data(number, terms) {
    const { page, sections } = await pageText(number);
    const url = new URL(page.path, root).href;
    const matched = sections
      .map((section) => ({ section, found: locations(section, terms) }))
      .filter(({ found }) => found.length > 0 || terms.length === 0);
    const best = matched.slice().sort((a, b) => b.found.length - a.found.length)[0];
    const first = sections.find((s) => s.tokens.length > 0);
    return {
      url,
      meta: { title: page.title, kind: page.kind },
      excerpt: best ? excerpt(best.section, terms) : first ? excerpt(first, terms) : '',
      sub_results: terms.length === 0 ? [] : matched.map(({ section, found }) => ({
        url: section.id ? `${url}#${section.id}` : url,
        title: section.title || page.title,
        excerpt: excerpt(section, terms),
        locations: found,
      })),
    };
  }

  function countFilters(numbers) {
    const counts = {};
    for (const number of numbers) {
      for (const [name, values] of Object.entries(pageFilters[number])) {
        counts[name] ??= {};
        for (const value of values) counts[name][value] = (counts[name][value] || 0) + 1;
      }
    }
    return counts;
  }

  const allPages = index.lengths.map((_, number) => number);

  const engine = {
    options: async () => {},
    init: async () => {},
    filters: async () => countFilters(allPages),
    search: async (term, { filters } = {}) => {
      const terms = [...new Set(wordsOf(term || ''))];
      const found = new Map();
      await Promise.all(terms.map(async (t) => found.set(t, await postings(t))));
      // Only pages that have the rarest term can have them all.
      const candidates = terms.length === 0 ? allPages
        : [...[...found.values()].reduce((a, b) => (b.size < a.size ? b : a)).keys()].sort((a, b) => a - b);
      const scored = [];
      for (const number of candidates) {
        if (!passes(number, filters)) continue;
        const score = terms.length ? scorePage(number, terms, found) : 0;
        if (score !== null) scored.push({ number, score });
      }
      if (terms.length) scored.sort((a, b) => b.score - a.score || a.number - b.number);
      return {
        results: scored.map(({ number, score }) => ({
          id: String(number),
          score,
          data: async () => data(number, terms),
        })),
        filters: countFilters(scored.map(({ number }) => number)),
      };
    },
  };

  window.hearthOfflineSearch = engine;
}());
