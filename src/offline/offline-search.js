// Hearth's search for the offline copy (hearth build --offline, hearth pack).
//
// Browsers load neither WebAssembly nor a fetched index from a page opened
// from disk (file://), so Pagefind cannot search there. This classic script
// reads the index that search-index.js assigns to window.hearthSearchIndex
// (each page's title, kind, filters and text, split at its headings with an
// id) and offers the theme's search page (search.js) the part of Pagefind's
// interface it uses: options(), init(), filters() and search(term, {filters}),
// whose results give data() with a url, meta (title, kind), an excerpt with
// <mark>s and sub_results for the sections that match.
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
  // Result addresses are relative to the copy's root, where this file is.
  const root = new URL('.', document.currentScript.src);
  const EXCERPT_WORDS = 30;
  const TITLE_WEIGHT = 5;
  const PREFIX_WEIGHT = 0.5;

  // Lower case, without accents: "Café" and "cafe" are one word.
  const fold = (text) => text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
  const wordsOf = (text) => fold(text).match(/[\p{L}\p{N}]+/gu) || [];

  // Each page's text as tokens (the words between spaces, as Pagefind's
  // excerpts show them) and the searchable words of each token, made on
  // the first search.
  let prepared = null;
  function prepare() {
    if (prepared) return prepared;
    let totalLength = 0;
    const pages = index.pages.map((page, number) => {
      const sections = page.sections.map((section) => {
        const tokens = section.text ? section.text.split(' ') : [];
        return { ...section, tokens, words: tokens.map(wordsOf) };
      });
      const length = sections.reduce((n, s) => n + s.tokens.length, 0);
      totalLength += length;
      return { number, page, sections, titleWords: wordsOf(page.title), length };
    });
    prepared = { pages, averageLength: Math.max(1, totalLength / Math.max(1, pages.length)) };
    return prepared;
  }

  function passes(page, filters) {
    for (const [name, wanted] of Object.entries(filters || {})) {
      const any = Array.isArray(wanted) ? wanted : wanted.any || [];
      if (any.length === 0) continue;
      const values = page.filters[name] || [];
      if (!any.some((value) => values.includes(value))) return false;
    }
    return true;
  }

  // How well `word` of the page matches `term`: 1 for the word itself, less
  // for a longer word it starts, 0 for none.
  function match(word, term) {
    if (word === term) return 1;
    return word.startsWith(term) ? PREFIX_WEIGHT : 0;
  }

  function tokenMatches(words, terms) {
    return terms.some((term) => words.some((word) => match(word, term) > 0));
  }

  // The page's score for `terms`, with the places of its matches, or null
  // when a term is on the page nowhere.
  function scorePage(entry, terms, stats) {
    let score = 0;
    for (const term of terms) {
      let frequency = 0;
      for (const section of entry.sections) {
        for (const words of section.words) {
          for (const word of words) frequency += match(word, term);
        }
      }
      const inTitle = entry.titleWords.reduce((n, word) => n + match(word, term), 0);
      if (frequency === 0 && inTitle === 0) return null;
      const documents = stats.get(term) || 1;
      const idf = Math.log(1 + (prepared.pages.length - documents + 0.5) / (documents + 0.5));
      const k = 1.2;
      const b = 0.75;
      const norm = k * (1 - b + (b * entry.length) / prepared.averageLength);
      score += idf * ((frequency * (k + 1)) / (frequency + norm)) + TITLE_WEIGHT * idf * inTitle;
    }
    return score;
  }

  // How many pages have each term, for the rarity of a word.
  function documentCounts(pages, terms) {
    const counts = new Map();
    for (const term of terms) {
      let n = 0;
      for (const entry of pages) {
        const has = entry.titleWords.some((w) => match(w, term) > 0)
          || entry.sections.some((s) => s.words.some((words) => words.some((w) => match(w, term) > 0)));
        if (has) n += 1;
      }
      counts.set(term, n);
    }
    return counts;
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

  function data(entry, terms) {
    const { page } = entry;
    const url = new URL(page.path, root).href;
    const parts = entry.sections
      .map((section) => ({ section, found: locations(section, terms) }))
      .filter(({ found }) => found.length > 0 || terms.length === 0);
    const best = parts.slice().sort((a, b) => b.found.length - a.found.length)[0];
    const first = entry.sections.find((s) => s.tokens.length > 0);
    return {
      url,
      meta: { title: page.title, kind: page.kind },
      excerpt: best ? excerpt(best.section, terms) : first ? excerpt(first, terms) : '',
      sub_results: terms.length === 0 ? [] : parts.map(({ section, found }) => ({
        url: section.id ? `${url}#${section.id}` : url,
        title: section.title || page.title,
        excerpt: excerpt(section, terms),
        locations: found,
      })),
    };
  }

  function countFilters(entries) {
    const counts = {};
    for (const entry of entries) {
      for (const [name, values] of Object.entries(entry.page.filters)) {
        counts[name] ??= {};
        for (const value of values) counts[name][value] = (counts[name][value] || 0) + 1;
      }
    }
    return counts;
  }

  const engine = {
    options: async () => {},
    init: async () => {},
    filters: async () => countFilters(prepare().pages),
    search: async (term, { filters } = {}) => {
      const { pages } = prepare();
      const terms = [...new Set(wordsOf(term || ''))];
      const filtered = pages.filter((entry) => passes(entry.page, filters));
      const stats = documentCounts(pages, terms);
      const scored = [];
      for (const entry of filtered) {
        const score = terms.length ? scorePage(entry, terms, stats) : 0;
        if (score !== null) scored.push({ entry, score });
      }
      if (terms.length) scored.sort((a, b) => b.score - a.score || a.entry.number - b.entry.number);
      return {
        results: scored.map(({ entry, score }) => ({
          id: entry.page.path,
          score,
          data: async () => data(entry, terms),
        })),
        filters: countFilters(scored.map(({ entry }) => entry)),
      };
    },
  };

  window.hearthOfflineSearch = engine;
}());
