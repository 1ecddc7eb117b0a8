#!/usr/bin/env python3
"""Generate a deterministic synthetic site for benchmarking Hearth (and Hugo).

    python3 bench/gen_site.py --pages N --out DIR [--hugo DIR2] [--seed 1]
                              [--vocabulary N]

DIR receives a Hearth site (site.yaml + content/); DIR2, when given, receives
the same content laid out as a Hugo site (hugo.toml + content/ + layouts/).

The output depends only on the arguments: the same arguments always give
byte-identical files, on any machine with Python 3.8 or later.  Only the
standard library is used.

The prose draws on a small vocabulary (about 1,400 distinct words in all),
which flatters anything that works per distinct word, such as search
indexing.  --vocabulary N adds to each page a paragraph of 150 words drawn
from N made-up words at natural language's frequencies (the k-th most common
word 1/k as often as the most common), as real writing would bring.

Each page is about 5 KB of markdown with headings, prose, emphasis, links to
other generated pages, lists, a GFM table, a blockquote and footnotes; every
second page also carries a fenced code block (rust, python, yaml or bash).
"""

import argparse
import bisect
import json
import os
import random
import shutil
import sys
from datetime import date, timedelta

# ---------------------------------------------------------------------------
# Vocabulary
# ---------------------------------------------------------------------------

TOPICS = [
    "Bereavement", "Caring", "Volunteering", "Schools", "Councils",
    "Workplaces", "Health", "Housing", "Faith groups", "Young people",
    "Older people", "Digital inclusion",
]

AUDIENCES = [
    "Residents", "Volunteers", "Teachers", "Council staff", "Employers",
    "Health workers", "Carers", "Community leaders",
]

SECTION_NAMES = [
    "Community care", "Volunteering", "Grief and loss", "Council services",
    "Schools and learning", "Caring at home", "Neighbourhood networks",
    "End of life", "Health and wellbeing", "Faith and belief",
    "Young carers", "Workplace support", "Housing and home",
    "Digital inclusion", "Local planning", "Training", "Research",
    "Policy briefs", "Case studies", "Guides",
]

SUBSECTION_NAMES = ["Getting started", "In practice"]

PLACES = [
    "Ashford Vale", "Brookmere", "Castleton", "Dunmore", "Eastwick",
    "Fairhaven", "Glenholme", "Harrowfield", "Ivybridge Road", "Kingsmead",
    "Larkhill", "the Millbrook estate", "Northgate", "Oakley Green",
    "Pennington", "the riverside wards",
]

GROUPS = [
    "volunteers", "neighbours", "local councillors", "school staff",
    "faith leaders", "district nurses", "hospice teams", "librarians",
    "youth workers", "care home staff", "community connectors",
    "befriending groups", "parish councils", "social prescribers",
    "employers", "tenant associations",
]

PEOPLE = [
    "older residents", "young carers", "bereaved parents", "families",
    "people living alone", "new arrivals", "pupils", "carers",
    "people with long-term illness", "grieving partners", "shift workers",
    "students", "people leaving hospital", "isolated neighbours",
]

SITUATIONS = [
    "are caring for someone at home", "have lost someone close",
    "feel cut off from their community", "are facing a serious diagnosis",
    "have recently moved to the area", "struggle to get out of the house",
    "are supporting a friend through illness", "find the forms confusing",
    "are juggling work and caring", "have nobody nearby to call on",
]

ACTIVITIES = [
    "a weekly drop-in café", "a telephone befriending rota",
    "grief walks on Saturday mornings", "a lending library of practical aids",
    "shared meals after school", "a directory of local help",
    "training in compassionate conversations", "a carers' support circle",
    "home visits by trained volunteers", "a memory-sharing project",
    "a lift-sharing scheme for appointments", "a quiet room at the library",
]

SUPPORTS = [
    "a kind word at the right moment", "practical help with meals",
    "someone who simply listens", "clear information about services",
    "a familiar face at the door", "a short phone call each week",
    "help with transport", "a trusted place to meet",
]

GOOD_OUTCOMES = [
    "feeling held by the community", "staying connected",
    "getting help early", "recovering confidence", "finding a way forward",
    "feeling less alone",
]

BAD_OUTCOMES = [
    "months of isolation", "a crisis admission", "quiet withdrawal",
    "losing touch with friends", "carer breakdown", "going without help",
]

ADJECTIVES = [
    "practical", "gentle", "local", "reliable", "simple", "shared",
    "patient", "informal", "lasting", "visible", "welcoming", "modest",
]

VERBS = [
    "support", "reach", "listen to", "welcome", "check in on", "include",
    "look after", "stand alongside", "signpost", "encourage",
]

INSTITUTIONS = [
    "the council", "the local school", "the health centre", "the hospice",
    "the library", "the housing association", "the parish hall",
    "the community centre", "the town hall", "the primary care network",
]

EMPHASIS = [
    "small acts add up", "nobody should face this alone",
    "listening comes first", "ask before assuming", "keep it local",
    "everyone has a part to play", "grief has no timetable",
    "check in, then check again",
]

SENTENCES = [
    "{Group} in {place} have started {activity} for {people} who {situation}.",
    "When {people} {situation}, {support} can make the difference between {bad} and {good}.",
    "Most of the help that matters is {adj} and close to home, offered by {group} rather than professionals.",
    "{Institution} can {verb} {people} by making space for {activity}.",
    "In {place}, {group} found that {support} did more than any leaflet.",
    "We asked {people} what helped, and the answer was nearly always {support}.",
    "It is worth remembering that {strong}, even when budgets are tight.",
    "A {adj} approach means {group} {verb} {people} without waiting to be asked.",
    "{Institution} has a duty to {verb} {people}, but it cannot do this alone.",
    "The first step is often {adj}: a conversation, a cup of tea, {support}.",
    "Several {group} told us that {emph}, and that this changed how they worked.",
    "Where {people} {situation}, {institution} should make it easy to find {activity}.",
    "Over the past year {group} have learned to {verb} {people} with {support}.",
    "None of this replaces specialist care, but it does mean {good} is more likely than {bad}.",
    "If you are one of the {group} in {place}, you already know that {emph}.",
    "Schools in {place} now include {activity} in their wellbeing plans.",
    "Councillors heard from {people} who described {bad} before anyone noticed.",
    "The evidence from {place} suggests that {adj} support reduces {bad}.",
    "Funding was modest, yet {activity} reached more {people} than expected.",
    "Training for {group} focused on how to {verb} {people} with confidence.",
]

HEADINGS_H2 = [
    "Why this matters in {place}", "What {group} can do",
    "Working with {institution}", "Supporting {people}",
    "How {activity} began", "Lessons from {place}", "Getting help early",
    "Building a {adj} network", "What we heard from {people}",
    "Next steps for {group}", "Measuring what matters",
    "Sharing the load", "Planning together",
]

HEADINGS_H3 = [
    "A note on {adj} practice", "Questions to ask", "Who to contact",
    "Common worries", "Small things that help", "Resources for {group}",
    "A story from {place}", "Keeping it going", "Before you start",
    "What the research says",
]

LIST_ITEMS = [
    "Ask {people} what would help before offering anything.",
    "Keep a list of {group} who are willing to be called.",
    "Agree a {adj} way to share news with {institution}.",
    "Offer {support} rather than a referral form.",
    "Check in again after the first few weeks.",
    "Make {activity} easy to find and free to join.",
    "Invite {group} from {place} to share what worked.",
    "Record what changed, not only how many attended.",
    "Look after yourself as well as the people you {verb}.",
    "Plan for holidays, when {people} often feel most alone.",
]

TABLE_HEADERS = [
    ("Service", "Who it helps", "When"),
    ("Group", "Meets", "Contact"),
    ("Activity", "Place", "Cost"),
    ("Step", "Owner", "Due"),
]

DAYS = ["Mondays", "Tuesdays", "Wednesdays", "Thursdays", "Fridays",
        "Saturdays", "Weekdays", "First Sunday"]
COSTS = ["Free", "Free", "£2", "Pay what you can", "£5 a term"]
OWNERS = ["Council", "School", "Volunteer lead", "Hospice", "Library"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July",
          "August", "September", "October", "November", "December"]

QUOTES = [
    "Nobody told me what to do with the casseroles or the silence. "
    "What helped was the neighbour who came back a month later.",
    "I did not need advice. I needed someone to sit with me and let me "
    "talk about him.",
    "The school noticed before we did. They simply made room for her.",
    "Caring for Mum took every hour I had. The drop-in gave me one back "
    "each week.",
    "We stopped asking how we could fix it and started asking who was "
    "missing from the room.",
    "The council's job was to open doors, not to run everything behind them.",
]

FOOTNOTES = [
    "Figures from the {place} community survey, {year}.",
    "Based on interviews with {group} carried out in {month} {year}.",
    "See the council's wellbeing strategy, {year} edition.",
    "Names have been changed at the request of the families involved.",
    "Reported by {group} at the {month} {year} network meeting.",
]

# ---------------------------------------------------------------------------
# Code snippets: @NAME@ an identifier, @FIELD@ a field, @NUM@ a number,
# @WORD@ a lowercase word.  Each is 10-25 lines.
# ---------------------------------------------------------------------------

CODE = {
    "rust": [
        """use std::collections::HashMap;

/// Count how many volunteers are available on each day.
pub fn @NAME@(rota: &[(String, u8)]) -> HashMap<u8, usize> {
    let mut counts = HashMap::new();
    for (_name, day) in rota {
        *counts.entry(*day).or_insert(0) += 1;
    }
    counts
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_each_day() {
        let rota = vec![("Ann".to_string(), 1), ("Bo".to_string(), 1)];
        assert_eq!(@NAME@(&rota)[&1], 2);
    }
}""",
        """#[derive(Debug, Clone, PartialEq)]
pub struct @TYPE@ {
    pub @FIELD@: String,
    pub visits: u32,
    pub last_contact: Option<chrono::NaiveDate>,
}

impl @TYPE@ {
    pub fn new(@FIELD@: impl Into<String>) -> Self {
        Self { @FIELD@: @FIELD@.into(), visits: 0, last_contact: None }
    }

    pub fn record_visit(&mut self, on: chrono::NaiveDate) {
        self.visits += 1;
        self.last_contact = Some(on);
    }

    pub fn is_overdue(&self, today: chrono::NaiveDate) -> bool {
        match self.last_contact {
            Some(d) => (today - d).num_days() > @NUM@,
            None => true,
        }
    }
}""",
        """fn @NAME@(path: &std::path::Path) -> std::io::Result<Vec<String>> {
    let text = std::fs::read_to_string(path)?;
    let mut names: Vec<String> = text
        .lines()
        .map(str::trim)
        .filter(|line| !line.is_empty() && !line.starts_with('#'))
        .map(String::from)
        .collect();
    names.sort();
    names.dedup();
    Ok(names)
}""",
    ],
    "python": [
        """from dataclasses import dataclass
from datetime import date, timedelta


@dataclass
class @TYPE@:
    @FIELD@: str
    last_contact: date | None = None

    def is_overdue(self, today: date, days: int = @NUM@) -> bool:
        if self.last_contact is None:
            return True
        return today - self.last_contact > timedelta(days=days)


def @NAME@(people, today):
    \"\"\"Return everyone who has not been contacted recently.\"\"\"
    return [p for p in people if p.is_overdue(today)]""",
        """import csv
from collections import Counter


def @NAME@(path):
    counts = Counter()
    with open(path, newline="", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            ward = row["@FIELD@"].strip().title()
            if ward:
                counts[ward] += 1
    return counts.most_common(@NUM@)


if __name__ == "__main__":
    for ward, total in @NAME@("referrals.csv"):
        print(f"{ward:<24} {total:>5}")""",
    ],
    "yaml": [
        """# Rota for the @WORD@ drop-in
name: @WORD@-drop-in
venue: Community centre, main hall
schedule:
  day: wednesday
  start: "10:00"
  end: "12:30"
volunteers:
  - name: Ann
    role: host
  - name: Bilal
    role: tea and coffee
  - name: Chris
    role: signposting
contact:
  email: @WORD@@example.org
  phone: "01632 960 @NUM@"
accessible: true""",
        """services:
  - id: @WORD@-befriending
    title: Telephone befriending
    audience: [older residents, carers]
    cost: free
    referral: self
  - id: @WORD@-walks
    title: Grief walks
    audience: [bereaved adults]
    cost: free
    meets: first Saturday of the month
  - id: @WORD@-lunch
    title: Community lunch
    audience: [everyone]
    cost: pay what you can
    capacity: @NUM@""",
    ],
    "bash": [
        """#!/usr/bin/env bash
# Back up the volunteer rota and keep the last @NUM@ copies.
set -euo pipefail

src="${1:-rota.csv}"
dest="${BACKUP_DIR:-$HOME/backups}"
mkdir -p "$dest"

stamp="$(date +%Y-%m-%d)"
cp "$src" "$dest/@WORD@-$stamp.csv"

ls -1t "$dest"/@WORD@-*.csv | tail -n +$((@NUM@ + 1)) | while read -r old; do
  rm -- "$old"
done
echo "saved $dest/@WORD@-$stamp.csv"
""",
        """#!/bin/sh
# Count referrals per ward from the monthly export.
set -eu

file="${1:?usage: $0 export.csv}"

tail -n +2 "$file" \\
  | cut -d, -f@NUM@ \\
  | tr '[:upper:]' '[:lower:]' \\
  | sort \\
  | uniq -c \\
  | sort -rn \\
  | head -n 10""",
    ],
}
CODE_LANGS = ["rust", "python", "yaml", "bash"]
CODE_NAMES = ["count_by_day", "overdue_contacts", "load_names", "ward_totals",
              "summarise_rota", "due_for_call", "group_referrals"]
CODE_TYPES = ["Contact", "Volunteer", "Visit", "Referral", "Carer"]
CODE_FIELDS = ["name", "ward", "postcode", "household", "team"]
CODE_WORDS = ["oakley", "castleton", "millbrook", "northgate", "larkhill"]

# ---------------------------------------------------------------------------
# Site structure
# ---------------------------------------------------------------------------


class Layout:
    """Where each page lives, computed from N alone."""

    def __init__(self, n_pages):
        self.n_pages = n_pages
        self.n_sections = max(1, min(20, n_pages // 5))
        with_subs = n_pages >= 200
        self.sections = []    # list of (rel_dir, title, weight, depth)
        self.containers = []  # rel dirs that hold pages
        for s in range(self.n_sections):
            sdir = "section-%02d" % (s + 1)
            self.sections.append((sdir, SECTION_NAMES[s % len(SECTION_NAMES)], s + 1))
            self.containers.append(sdir)
            if with_subs and s % 4 == 3:
                for k, sub in enumerate(SUBSECTION_NAMES):
                    subdir = "%s/sub-%02d" % (sdir, k + 1)
                    self.sections.append((subdir, sub, k + 1))
                    self.containers.append(subdir)
        self.width = max(5, len(str(n_pages)))

    def container(self, i):
        return self.containers[i % len(self.containers)]

    def weight(self, i):
        return i // len(self.containers) + 1

    def rel_path(self, i):
        """Path of page i relative to content/, e.g. section-03/page-00042.md"""
        return "%s/page-%0*d.md" % (self.container(i), self.width, i)


def cap(s):
    return s[:1].upper() + s[1:]


class Writer:
    """Builds the text of one page with a per-page random generator."""

    def __init__(self, rng):
        self.r = rng

    def pick(self, seq):
        return self.r.choice(seq)

    def fill(self, template):
        r = self.r
        return template.format(
            Group=cap(self.pick(GROUPS)), group=self.pick(GROUPS),
            place=self.pick(PLACES), people=self.pick(PEOPLE),
            situation=self.pick(SITUATIONS), activity=self.pick(ACTIVITIES),
            support=self.pick(SUPPORTS), good=self.pick(GOOD_OUTCOMES),
            bad=self.pick(BAD_OUTCOMES), adj=self.pick(ADJECTIVES),
            verb=self.pick(VERBS), Institution=cap(self.pick(INSTITUTIONS)),
            institution=self.pick(INSTITUTIONS),
            strong="**%s**" % self.pick(EMPHASIS), emph=self.pick(EMPHASIS),
            year=r.randint(2018, 2024), month=self.pick(MONTHS),
        )

    def sentence(self):
        s = self.fill(self.pick(SENTENCES))
        roll = self.r.random()
        if roll < 0.12:
            # emphasise one phrase
            words = s.split(" ")
            if len(words) > 6:
                k = self.r.randint(1, len(words) - 4)
                a, b = words[k], words[k + 1]
                if "*" not in a and "*" not in b:
                    words[k] = "*" + a
                    words[k + 1] = b[:-1] + "*" + b[-1] if b[-1] in ".,:;" else b + "*"
                    s = " ".join(words)
        elif roll < 0.18:
            s = s[:-1] + ": **%s**." % self.pick(EMPHASIS)
        return s

    def paragraph(self, n_min=3, n_max=5, extra=None):
        sents = [self.sentence() for _ in range(self.r.randint(n_min, n_max))]
        if extra:
            k = self.r.randint(0, len(sents) - 1)
            sents.insert(k + 1, extra)
        return " ".join(sents)

    def code_block(self):
        lang = self.pick(CODE_LANGS)
        code = self.pick(CODE[lang])
        code = (code.replace("@NAME@", self.pick(CODE_NAMES))
                .replace("@TYPE@", self.pick(CODE_TYPES))
                .replace("@FIELD@", self.pick(CODE_FIELDS))
                .replace("@WORD@", self.pick(CODE_WORDS))
                .replace("@NUM@", str(self.r.randint(3, 30))))
        return "```%s\n%s\n```" % (lang, code.strip("\n"))


def page_body(i, layout, rng, link):
    """Return the markdown body of page i.  link(text, rel_path) -> markdown."""
    w = Writer(rng)
    r = rng
    n = layout.n_pages

    # Link targets: 2-4 other pages (or fewer when the site is tiny).
    n_links = min(r.randint(2, 4), max(0, n - 1))
    targets = []
    while len(targets) < n_links:
        t = r.randrange(n)
        if t != i and t not in targets:
            targets.append(t)

    def link_sentence(t):
        text = w.fill(w.pick([
            "the guide on {activity}", "what {group} in {place} learned",
            "support for {people}", "how {institution} can help",
            "the notes from {place}",
        ]))
        lead = w.pick(["See also", "There is more in", "Compare this with",
                       "Read more about this in", "This builds on"])
        return "%s %s." % (lead, link(text, layout.rel_path(t)))

    links = [link_sentence(t) for t in targets]
    fn_ids = ["1"] + (["note-2"] if r.random() < 0.5 else [])
    fn_texts = [w.fill(w.pick(FOOTNOTES)) for _ in fn_ids]
    has_code = layout.weight(i) % 2 == 1  # every other page of each section

    h2 = r.sample(HEADINGS_H2, 3)
    h3 = r.sample(HEADINGS_H3, 2)
    out = []
    out.append(w.paragraph(3, 4, links[0] if links else None))

    out.append("## " + w.fill(h2[0]))
    out.append(w.paragraph(3, 5))
    out.append(w.paragraph(2, 4, links[1] if len(links) > 1 else None))
    out.append("### " + w.fill(h3[0]))
    out.append(w.paragraph(2, 3))
    out.append("\n".join("- " + w.fill(x) for x in r.sample(LIST_ITEMS, r.randint(4, 6))))

    out.append("## " + w.fill(h2[1]))
    out.append(w.paragraph(3, 5, "This is not a new idea.[^%s]" % fn_ids[0]))
    out.append("\n".join("%d. %s" % (k + 1, w.fill(x))
                         for k, x in enumerate(r.sample(LIST_ITEMS, r.randint(3, 5)))))
    head = w.pick(TABLE_HEADERS)
    rows = ["| %s |" % " | ".join(head), "| --- | --- | --- |"]
    for _ in range(r.randint(3, 5)):
        rows.append("| %s | %s | %s |" % (
            cap(w.pick(ACTIVITIES)), cap(w.pick(PEOPLE)),
            w.pick(DAYS) if head[2] in ("When", "Meets") else
            w.pick(COSTS) if head[2] == "Cost" else
            w.pick(OWNERS) if head[2] == "Due" else "%s@example.org" % w.pick(CODE_WORDS)))
    out.append("\n".join(rows))
    out.append(w.paragraph(2, 3))

    out.append("### " + w.fill(h3[1]))
    out.append("> " + w.pick(QUOTES) + "\n>\n> — a resident of " + w.pick(PLACES))
    out.append(w.paragraph(2, 4, links[2] if len(links) > 2 else None))
    if has_code:
        out.append("The short example below shows the idea in code.")
        out.append(w.code_block())

    out.append("## " + w.fill(h2[2]))
    extra = "The numbers are small but telling.[^%s]" % fn_ids[-1] if len(fn_ids) > 1 else None
    out.append(w.paragraph(3, 5, extra))
    out.append(w.paragraph(2, 4, links[3] if len(links) > 3 else None))
    for fid, text in zip(fn_ids, fn_texts):
        out.append("[^%s]: %s" % (fid, text))
    return "\n\n".join(out) + "\n"


def page_meta(i, rng):
    w = Writer(rng)
    title = cap(w.fill(w.pick([
        "{adj} support for {people}", "{activity} in {place}",
        "how {group} {verb} {people}", "working with {institution} in {place}",
        "{people} and {activity}", "lessons from {place}",
    ])))
    description = w.fill(w.pick([
        "What {group} in {place} learned about supporting {people}.",
        "A {adj} guide to {activity} for {group}.",
        "How {institution} can {verb} {people} who {situation}.",
    ]))
    d = date(2018, 1, 1) + timedelta(days=rng.randrange(7 * 365))
    topics = sorted(rng.sample(TOPICS, rng.randint(1, 3)), key=TOPICS.index)
    audiences = sorted(rng.sample(AUDIENCES, rng.randint(1, 2)), key=AUDIENCES.index)
    return title, description, d.isoformat(), topics, audiences


def q(s):
    """Quote a string for YAML (JSON strings are valid YAML)."""
    return json.dumps(s, ensure_ascii=False)


def front_matter(fields):
    lines = ["---"]
    for key, value in fields:
        if isinstance(value, list):
            lines.append("%s: [%s]" % (key, ", ".join(q(v) for v in value)))
        elif isinstance(value, str) and key not in ("date", "sort_by"):
            lines.append("%s: %s" % (key, q(value)))
        else:
            lines.append("%s: %s" % (key, value))
    lines.append("---")
    return "\n".join(lines) + "\n\n"


# ---------------------------------------------------------------------------
# Site files
# ---------------------------------------------------------------------------

HEARTH_SITE_YAML = """\
title: Benchmark site
base_url: https://bench.example/
language: en-GB
# The Hugo side builds no search index, so neither does this one; the cost
# of search is measured on its own (docs/performance.md).
search: false
taxonomies:
  - name: topics
    title: Topics
  - name: audiences
    title: Audiences
"""

HUGO_TOML = """\
# Hugo side of the Hearth benchmark; see docs/performance.md.
baseURL = "https://bench.example/"
title = "Benchmark site"
locale = "en-GB"
titleCaseStyle = "none"
enableRobotsTXT = false
disableHugoGeneratorInject = true

[taxonomies]
  topic = "topics"
  audience = "audiences"

[pagination]
  pagerSize = 20

[services.rss]
  limit = 20

[markup.goldmark.extensions]
  footnote = true
  table = true
  strikethrough = true

[markup.highlight]
  codeFences = true
  noClasses = false
  guessSyntax = false

[markup.tableOfContents]
  startLevel = 2
  endLevel = 3
  ordered = false
"""

HUGO_LAYOUTS = {
    "baseof.html": """\
<!DOCTYPE html>
<html lang="{{ site.Language.Locale }}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ if .IsHome }}{{ site.Title }}{{ else }}{{ .Title }} | {{ site.Title }}{{ end }}</title>
{{ with .Description }}<meta name="description" content="{{ . }}">{{ end }}
<link rel="canonical" href="{{ .Permalink }}">
{{ with .OutputFormats.Get "rss" }}<link rel="alternate" type="application/rss+xml" href="{{ .RelPermalink }}">{{ end }}
</head>
<body>
<header><a href="{{ site.Home.RelPermalink }}">{{ site.Title }}</a>
<nav>{{ range site.Sections }}<a href="{{ .RelPermalink }}">{{ .Title }}</a> {{ end }}</nav>
</header>
{{ if not .IsHome }}<nav aria-label="Breadcrumb"><ol>{{ range .Ancestors.Reverse }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ol></nav>{{ end }}
<main>
{{ block "main" . }}{{ end }}
</main>
<footer>{{ site.Title }} · <a href="{{ "topics/" | relURL }}">Topics</a> · <a href="{{ "audiences/" | relURL }}">Audiences</a></footer>
</body>
</html>
""",
    "single.html": """\
{{ define "main" }}
<article>
<h1>{{ .Title }}</h1>
{{ with .Description }}<p class="lede">{{ . }}</p>{{ end }}
<p><time datetime="{{ .Date.Format "2006-01-02" }}">{{ .Date.Format "2 January 2006" }}</time> · {{ .WordCount }} words · {{ .ReadingTime }} min read</p>
<ul class="terms">
{{ range $name, $_ := site.Taxonomies }}{{ with $.GetTerms $name }}<li>{{ (index . 0).Parent.Title }}: {{ range . }}<a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a> {{ end }}</li>{{ end }}{{ end }}
</ul>
<aside class="toc">{{ .TableOfContents }}</aside>
{{ .Content }}
<nav class="prev-next">
{{ with .PrevInSection }}<a rel="prev" href="{{ .RelPermalink }}">{{ .Title }}</a>{{ end }}
{{ with .NextInSection }}<a rel="next" href="{{ .RelPermalink }}">{{ .Title }}</a>{{ end }}
</nav>
</article>
{{ end }}
""",
    "list.html": """\
{{ define "main" }}
<h1>{{ .Title }}</h1>
{{ with .Description }}<p class="lede">{{ . }}</p>{{ end }}
{{ .Content }}
{{ with .Sections }}<ul class="subsections">{{ range . }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a> ({{ len .Pages }})</li>{{ end }}</ul>{{ end }}
{{ $pager := .Paginate .RegularPages }}
<ul class="pages">
{{ range $pager.Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a> <time>{{ .Date.Format "2 January 2006" }}</time><p>{{ .Description }}</p></li>
{{ end }}</ul>
{{ partial "pager.html" $pager }}
{{ end }}
""",
    "taxonomy.html": """\
{{ define "main" }}
<h1>{{ .Title }}</h1>
<ul class="terms">
{{ range .Data.Terms.Alphabetical }}<li><a href="{{ .Page.RelPermalink }}">{{ .Page.Title }}</a> ({{ .Count }})</li>
{{ end }}</ul>
{{ end }}
""",
    "term.html": """\
{{ define "main" }}
<h1>{{ .Title }}</h1>
{{ $pager := .Paginate .Pages.ByDate.Reverse }}
<ul class="pages">
{{ range $pager.Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a> <time>{{ .Date.Format "2 January 2006" }}</time><p>{{ .Description }}</p></li>
{{ end }}</ul>
{{ partial "pager.html" $pager }}
{{ end }}
""",
}

HUGO_PARTIALS = {
    "pager.html": """\
{{ if gt .TotalPages 1 }}<nav class="pager">
{{ with .Prev }}<a rel="prev" href="{{ .URL }}">Previous</a>{{ end }}
{{ range .Pagers }}<a href="{{ .URL }}"{{ if eq . $ }} aria-current="page"{{ end }}>{{ .PageNumber }}</a> {{ end }}
{{ with .Next }}<a rel="next" href="{{ .URL }}">Next</a>{{ end }}
</nav>{{ end }}
""",
}

HUGO_404 = """\
{{ define "main" }}<h1>Page not found</h1><p><a href="{{ site.Home.RelPermalink }}">Home</a></p>{{ end }}
"""


def write(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write(text)


def prepare(dir_):
    """Create dir_, refusing to clobber something that is not a generated site."""
    if os.path.exists(dir_):
        if os.listdir(dir_) and not os.path.exists(os.path.join(dir_, ".bench-site")):
            sys.exit("gen_site: %s exists and is not a generated site; refusing to overwrite" % dir_)
        shutil.rmtree(dir_)
    os.makedirs(dir_)
    write(os.path.join(dir_, ".bench-site"), "generated by bench/gen_site.py\n")


WIDE_PARAGRAPH_WORDS = 150
SYLLABLES = ["ba", "ce", "di", "fo", "gu", "ha", "je", "ki", "lo", "mu", "na",
             "pe", "ri", "so", "tu", "va", "we", "xi", "yo", "za", "str", "pl",
             "an", "en", "in", "on", "un", "er", "ing", "ed", "tion", "ly",
             "ness", "ment"]


class WideVocabulary:
    """N made-up words, drawn with Zipf's frequencies (weight 1/rank)."""

    def __init__(self, size, seed):
        rng = random.Random("%d/vocabulary/%d" % (seed, size))
        words = set()
        while len(words) < size:
            words.add("".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4))))
        self.words = sorted(words)
        rng.shuffle(self.words)
        self.cumulative = []
        total = 0.0
        for rank in range(1, size + 1):
            total += 1.0 / rank
            self.cumulative.append(total)

    def paragraph(self, rng):
        total = self.cumulative[-1]
        picked = [self.words[bisect.bisect_left(self.cumulative, rng.random() * total)]
                  for _ in range(WIDE_PARAGRAPH_WORDS)]
        return "\n" + cap(" ".join(picked)) + ".\n"


def languages_yaml(languages):
    """The `languages:` block of site.yaml for each further language."""
    if not languages:
        return ""
    lines = ["languages:"]
    for code in languages:
        lines += ["  %s:" % code, "    title: Benchmark site (%s)" % code]
    return "\n".join(lines) + "\n"


def generate(n_pages, out, hugo, seed, vocabulary=0, languages=()):
    # With further languages, the pages are shared out: each page of the
    # default language gets a counterpart in each further language.
    per_language = n_pages // (1 + len(languages))
    layout = Layout(per_language)
    prepare(out)
    write(os.path.join(out, "site.yaml"), HEARTH_SITE_YAML + languages_yaml(languages))
    if hugo:
        prepare(hugo)
        write(os.path.join(hugo, "hugo.toml"), HUGO_TOML)
        for name, text in HUGO_LAYOUTS.items():
            write(os.path.join(hugo, "layouts", "_default", name), text)
        for name, text in HUGO_PARTIALS.items():
            write(os.path.join(hugo, "layouts", "partials", name), text)
        write(os.path.join(hugo, "layouts", "404.html"), HUGO_404)
        # Hearth takes taxonomy titles from site.yaml; Hugo from these pages.
        for name, title in (("topics", "Topics"), ("audiences", "Audiences")):
            write(os.path.join(hugo, "content", name, "_index.md"),
                  front_matter([("title", title)]))

    def emit(rel, fm_fields_hearth, fm_fields_hugo, body_hearth, body_hugo):
        write(os.path.join(out, "content", rel), front_matter(fm_fields_hearth) + body_hearth)
        for code in languages:
            translated = [(k, "%s (%s)" % (v, code) if k == "title" else v)
                          for k, v in fm_fields_hearth]
            write(os.path.join(out, "content", rel[:-len(".md")] + ".%s.md" % code),
                  front_matter(translated) + body_hearth)
        if hugo:
            write(os.path.join(hugo, "content", rel), front_matter(fm_fields_hugo) + body_hugo)

    # Home page.
    home_rng = random.Random("%d/home" % seed)
    home_body = Writer(home_rng).paragraph(3, 4) + "\n"
    emit("_index.md",
         [("title", "Benchmark site"), ("description", "A synthetic site for measuring build speed.")],
         [("title", "Benchmark site"), ("description", "A synthetic site for measuring build speed.")],
         home_body, home_body)

    # Sections.
    for rel_dir, title, weight in layout.sections:
        rng = random.Random("%d/section/%s" % (seed, rel_dir))
        w = Writer(rng)
        desc = w.fill("Notes and guides on %s for {group} in {place}." % title.lower())
        body = w.paragraph(2, 4) + "\n"
        common = [("title", title), ("description", desc), ("weight", weight)]
        emit(rel_dir + "/_index.md", common + [("sort_by", "weight")], common, body, body)

    # Pages.
    def hearth_link(text, rel):
        return "[%s](@/%s)" % (text, rel)

    def hugo_link(text, rel):
        return '[%s]({{< relref "/%s" >}})' % (text, rel)

    wide = WideVocabulary(vocabulary, seed) if vocabulary else None
    total = 0
    for i in range(per_language):
        meta_rng = random.Random("%d/meta/%d" % (seed, i))
        title, desc, d, topics, audiences = page_meta(i, meta_rng)
        fm = [("title", title), ("description", desc), ("date", d),
              ("weight", layout.weight(i)), ("topics", topics), ("audiences", audiences)]
        # The same random stream drives both bodies, so they differ only in links.
        state = random.Random("%d/body/%d" % (seed, i)).getstate()
        r1 = random.Random()
        r1.setstate(state)
        body_hearth = page_body(i, layout, r1, hearth_link)
        body_hugo = None
        if hugo:
            r2 = random.Random()
            r2.setstate(state)
            body_hugo = page_body(i, layout, r2, hugo_link)
        if wide:
            extra = wide.paragraph(random.Random("%d/wide/%d" % (seed, i)))
            body_hearth += extra
            if body_hugo is not None:
                body_hugo += extra
        emit(layout.rel_path(i), fm, fm, body_hearth, body_hugo)
        total += len(body_hearth)
    return layout, total * (1 + len(languages))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--pages", type=int, required=True, help="number of content pages")
    ap.add_argument("--out", required=True, help="directory for the Hearth site")
    ap.add_argument("--hugo", help="directory for the equivalent Hugo site")
    ap.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    ap.add_argument("--vocabulary", type=int, default=0, metavar="N",
                    help="add a paragraph a page from N made-up words (default 0: none)")
    ap.add_argument("--languages", default="", metavar="CODES",
                    help="further languages, comma-separated (such as cy): --pages is shared "
                         "out, each page having a counterpart in each language")
    args = ap.parse_args()
    languages = tuple(code for code in args.languages.split(",") if code)
    if languages and args.hugo:
        ap.error("--languages makes a Hearth site only: leave out --hugo")
    if args.pages < 1:
        ap.error("--pages must be at least 1")
    if args.vocabulary < 0:
        ap.error("--vocabulary must be 0 or more")
    if args.hugo and os.path.abspath(args.hugo) == os.path.abspath(args.out):
        ap.error("--hugo and --out must be different directories")
    layout, total = generate(args.pages, args.out, args.hugo, args.seed, args.vocabulary,
                             languages)
    print("gen_site: %d pages in %d sections (%d with pages), %.1f KB of markdown per page on average"
          % (args.pages, len(layout.sections), len(layout.containers),
             total / args.pages / 1000.0), file=sys.stderr)


if __name__ == "__main__":
    main()
