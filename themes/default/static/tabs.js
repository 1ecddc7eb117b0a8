// Hearth default theme: tabs, from `::: tab` and `::: group-tab` blocks.
//
// Each set is a <div class="tabs"> holding one <section class="tab-panel"
// aria-labelledby="HEADING"> per tab, each opening with its heading.
// Without this script every panel shows under its heading, and print.css
// and style.css's print rules show them all on paper. With it, each set
// follows the WAI-ARIA tabs pattern: a tablist of tab buttons above the
// panels (tabpanels), one panel shown at a time; Left and Right arrows
// move to the previous and next tab and show it, Home and End the first
// and last; Tab goes from the chosen tab into its panel. Choosing a tab in
// a group set (data-tab-group) chooses the tab of the same title in every
// other group set on the page, as the Carpentries Workbench does. A link
// to a heading inside a hidden panel shows that panel.
//
// A classic deferred script, so that it also runs from an offline copy
// opened as files.
(function () {
  'use strict';

  let count = 0;
  const sets = [];

  function panelsOf(container) {
    return Array.prototype.filter.call(container.children, function (child) {
      return child.classList.contains('tab-panel');
    });
  }

  function headingOf(panel) {
    const id = panel.getAttribute('aria-labelledby');
    return id ? document.getElementById(id) : null;
  }

  function choose(set, index, isFocused) {
    set.tabs.forEach(function (tab, i) {
      const isChosen = i === index;
      tab.setAttribute('aria-selected', isChosen ? 'true' : 'false');
      tab.tabIndex = isChosen ? 0 : -1;
      set.panels[i].hidden = !isChosen;
    });
    if (isFocused) {
      set.tabs[index].focus();
    }
  }

  function chooseInGroup(set, index) {
    choose(set, index, true);
    if (!set.isGroup) {
      return;
    }
    const title = set.titles[index];
    sets.forEach(function (other) {
      const match = other.titles.indexOf(title);
      if (other !== set && other.isGroup && match !== -1) {
        choose(other, match, false);
      }
    });
  }

  function onKey(set, event) {
    const current = set.tabs.indexOf(document.activeElement);
    if (current === -1) {
      return;
    }
    const last = set.tabs.length - 1;
    const next = {
      ArrowRight: current === last ? 0 : current + 1,
      ArrowLeft: current === 0 ? last : current - 1,
      Home: 0,
      End: last,
    }[event.key];
    if (next === undefined) {
      return;
    }
    event.preventDefault();
    chooseInGroup(set, next);
  }

  function setUp(container) {
    const panels = panelsOf(container);
    if (panels.length === 0) {
      return;
    }
    const list = document.createElement('div');
    list.setAttribute('role', 'tablist');
    list.className = 'tabs__list';
    const set = {
      container: container,
      panels: panels,
      tabs: [],
      titles: [],
      isGroup: container.hasAttribute('data-tab-group'),
    };
    panels.forEach(function (panel, i) {
      count += 1;
      const heading = headingOf(panel);
      const title = heading ? heading.textContent.trim() : String(i + 1);
      const tab = document.createElement('button');
      tab.type = 'button';
      tab.className = 'tabs__tab';
      tab.setAttribute('role', 'tab');
      tab.id = 'hearth-tab-' + count;
      tab.textContent = title;
      if (!panel.id) {
        panel.id = 'hearth-tab-panel-' + count;
      }
      tab.setAttribute('aria-controls', panel.id);
      panel.setAttribute('role', 'tabpanel');
      panel.setAttribute('aria-labelledby', tab.id);
      panel.tabIndex = 0;
      tab.addEventListener('click', function () {
        chooseInGroup(set, i);
      });
      list.appendChild(tab);
      set.tabs.push(tab);
      set.titles.push(title);
    });
    list.addEventListener('keydown', function (event) {
      onKey(set, event);
    });
    container.insertBefore(list, panels[0]);
    container.classList.add('tabs--ready');
    choose(set, 0, false);
    sets.push(set);
  }

  // Shows the panel that holds the element the address points at.
  function showTarget() {
    const id = decodeURIComponent(location.hash.slice(1));
    const target = id ? document.getElementById(id) : null;
    if (!target) {
      return;
    }
    sets.forEach(function (set) {
      set.panels.forEach(function (panel, i) {
        if (panel.contains(target) && panel.hidden) {
          choose(set, i, false);
          // A panel's own heading is hidden: its tab stands for it.
          (target.offsetParent ? target : set.tabs[i]).scrollIntoView();
        }
      });
    });
  }

  document.querySelectorAll('.tabs').forEach(setUp);
  showTarget();
  window.addEventListener('hashchange', showTarget);
})();
