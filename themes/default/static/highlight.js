// Hearth default theme: on a page opened from a search result, marks the
// words the reader searched for.
//
// The search page's result links carry each word as ?highlight=word: the
// forms of the searched words that the page itself has (search.js reads
// them from the result), so that a search for "volunteering" marks
// "volunteers" on a page that has only that. Only then is
// Pagefind's highlight script loaded from the bundle beside this file; it
// wraps the matches inside the page's indexed part (data-pagefind-body) in
// <mark class="search-highlight">, which style.css colours. Without the
// parameter, or without JavaScript, the page is left as it is.
//
// When a word is marked, the notice in the page's #search-marks template
// goes at the top of the main content, with a button that hides the marks
// (as Sphinx's "Hide Search Matches" does), so that readers on a touch
// screen can clear them too. The button, or Escape (as in mdBook), takes
// the marks and the notice away, and the words out of the address, so
// that a reload, a bookmark or a shared link shows the page plain.

const PARAM = 'highlight';
const CLASS = 'search-highlight';

// A searched word without the quotes or other punctuation around it
// ("care", or care, -> care), which the page's text would not have there.
const bare = (word) => word.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, '');

const words = new URLSearchParams(window.location.search).getAll(PARAM).map(bare).filter(Boolean);
if (words.length > 0) mark();

async function mark() {
  // This file sits at the site's root, as does the bundle's folder, so the
  // bundle is found under any base path.
  const script = new URL('pagefind/pagefind-highlight.js', import.meta.url);
  let PagefindHighlight;
  try {
    ({ default: PagefindHighlight } = await import(script.href));
  } catch {
    // Without the bundle the page reads as it is, unmarked.
    return;
  }
  // Pagefind's script reads the words from the address itself; this gives
  // it the bare words instead, and keeps its marker to clear the marks.
  let marker = null;
  class Highlight extends PagefindHighlight {
    getHighlightParams() {
      return words;
    }

    createMarkInstance() {
      marker = super.createMarkInstance();
      return marker;
    }
  }
  new Highlight({
    // The colours are the theme's (style.css), not an inline style sheet.
    addStyles: false,
    markOptions: {
      className: CLASS,
      exclude: ['[data-pagefind-ignore]', '[data-pagefind-ignore] *', '.heading-anchor', '.heading-anchor *'],
    },
  });
  // mark.js marks synchronously, so the marks are in place by now; a page
  // found only by its title or other metadata has none, and no notice.
  const notice = document.querySelector(`mark.${CLASS}`) ? showNotice() : null;

  const unmark = () => {
    if (!marker) return;
    marker.unmark({ className: CLASS });
    marker = null;
    const address = new URL(window.location.href);
    address.searchParams.delete(PARAM);
    window.history.replaceState(window.history.state, '', address);
    if (notice) {
      // Focus would otherwise fall to the page's start when its button
      // goes: it moves to the main content, where the notice stood.
      const hadFocus = notice.contains(document.activeElement);
      notice.remove();
      if (hadFocus) document.querySelector('main')?.focus({ preventScroll: true });
    }
  };
  notice?.querySelector('button')?.addEventListener('click', unmark);
  document.addEventListener('keydown', (event) => {
    if (event.key === 'Escape') unmark();
  });
}

// Puts the theme's notice (the #search-marks template) first in the main
// content, and returns it; null when the page has none.
function showNotice() {
  const template = document.getElementById('search-marks');
  const main = document.querySelector('main');
  if (!(template instanceof HTMLTemplateElement) || !main) return null;
  const notice = template.content.firstElementChild?.cloneNode(true);
  if (!notice) return null;
  main.prepend(notice);
  return notice;
}
