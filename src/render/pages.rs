//! Builds the typed contexts of pages, sections and summaries from the site.

use chrono::NaiveDate;

use super::bodies::{Bodies, SiteResolver};
use super::context::*;
use crate::content::kinds::{Brief, Commitment, Kind, Module, SectionKind};
use crate::content::{dates, Page, PageEntry, SectionEntry, Site};
use crate::error::{Error, ErrorKind};
use crate::markdown::Rendered;

/// Everything a context builder needs.
pub struct Builder<'a> {
    /// The site.
    pub site: &'a Site,
    /// Rendered bodies.
    pub bodies: &'a Bodies,
    /// Link resolution for front matter links.
    pub resolver: SiteResolver<'a>,
    /// Today, for overdue reviews.
    pub today: NaiveDate,
    /// The interface strings of the site's language.
    pub words: &'a crate::i18n::Translator,
}

/// The label and key of a page kind.
pub fn kind_names(kind: &Kind) -> (&'static str, &'static str) {
    match kind {
        Kind::Page => ("page", "Page"),
        Kind::Module(_) => ("module", "Module"),
        Kind::Commitment(_) => ("commitment", "Charter commitment"),
        Kind::Brief(brief) => ("brief", brief.document_type),
    }
}

impl<'a> Builder<'a> {
    /// An interface string in the site's language with text arguments;
    /// `fallback` when no catalogue has it (a theme's own catalogues may
    /// leave Hearth's strings out).
    pub fn say(&self, key: &str, args: &[(&str, &str)], fallback: &str) -> String {
        let args: Vec<(&str, crate::i18n::Arg)> = args
            .iter()
            .map(|(name, value)| (*name, crate::i18n::Arg::Text(value.to_string())))
            .collect();
        self.words
            .text(key, &args)
            .unwrap_or_else(|| fallback.to_string())
    }

    /// The `Current` of a page made from the whole site at `path` (the A to
    /// Z, the site map, search, the glossary): its title from the
    /// catalogue's `title` key and its description from `description`,
    /// which names the site, each with its English fallback.
    pub fn site_wide_current(
        &self,
        path: &str,
        title: (&str, &str),
        description: (&str, &str),
    ) -> Current {
        let site = &self.site.config.title;
        let described = self.say(description.0, &[("site", site)], description.1);
        let titled = self.say(title.0, &[], title.1);
        Current::new(self.site, &titled, path, Some(&described))
    }

    /// The label of a content kind in the page's language, from the
    /// catalogue's `kind-module`, or a brief's `kind-policy-brief`.
    pub fn kind_label(&self, kind: &str, english: &str) -> String {
        if kind == "brief" {
            return self.label("kind", english);
        }
        self.say(&format!("kind-{kind}"), &[], english)
    }

    /// A label Hearth writes in English (`In person`) in the page's
    /// language: the catalogue's `{group}-in-person`.
    fn label(&self, group: &str, english: &str) -> String {
        let slug = crate::content::slug::slugify(english).unwrap_or_default();
        self.say(&format!("{group}-{slug}"), &[], english)
    }

    /// A written date (`2026-03-03`) as readers see it, in the page's language.
    fn display(&self, text: Option<&crate::content::front_matter::Text>) -> Option<String> {
        self.display_date(text.and_then(|t| dates::parse(&t.0)))
    }

    /// A date as readers see it, in the page's language: `3 Mawrth 2026`.
    fn display_date(&self, date: Option<NaiveDate>) -> Option<String> {
        date.map(|date| self.words.date(date))
    }

    /// The review dates of a page, when it has any.
    pub fn review(&self, page: &Page) -> Option<ReviewContext> {
        let front = &page.front;
        if front.last_reviewed.is_none() && front.review_due.is_none() {
            return None;
        }
        let due = front.review_due.as_ref().and_then(|t| dates::parse(&t.0));
        Some(ReviewContext {
            last_reviewed: front.last_reviewed.as_ref().map(|t| t.0.clone()),
            last_reviewed_display: self.display(front.last_reviewed.as_ref()),
            due: front.review_due.as_ref().map(|t| t.0.clone()),
            due_display: self.display_date(due),
            is_overdue: due.is_some_and(|d| d < self.today),
        })
    }

    fn page_taxonomies(&self, page: &Page) -> Vec<PageTaxonomy> {
        self.site
            .taxonomies
            .iter()
            .filter_map(|taxonomy| {
                let names = page.taxonomies.get(&taxonomy.config.name)?;
                let terms = self.term_links(&taxonomy.config.name, names);
                Some(PageTaxonomy {
                    name: taxonomy.config.name.clone(),
                    title: taxonomy.config.display_title(),
                    terms,
                })
            })
            .collect()
    }

    /// Links to the terms of a taxonomy that a page names, each once and
    /// under the name its term page has: a page that writes "carers" for
    /// the term first written "Carers" links to it as "Carers", so that
    /// pages and search filters show one term, not two spellings.
    pub fn term_links(&self, taxonomy: &str, names: &[String]) -> Vec<TermLink> {
        let Some(taxonomy) = self
            .site
            .taxonomies
            .iter()
            .find(|t| t.config.name == taxonomy)
        else {
            return Vec::new();
        };
        let mut links: Vec<TermLink> = Vec::with_capacity(names.len());
        let mut slugs = Vec::with_capacity(names.len());
        for name in names {
            let Some(term) =
                crate::content::slug::slugify(name).and_then(|slug| taxonomy.term(&slug))
            else {
                continue;
            };
            if slugs.contains(&term.slug.as_str()) {
                continue;
            }
            slugs.push(term.slug.as_str());
            links.push(TermLink {
                name: term.name.clone(),
                url: self.site.url(&term.path(&taxonomy.config.name)),
            });
        }
        links
    }

    /// A page's `image:`, when it was published at several sizes (the
    /// images stage reports it where it was not).
    fn cover(&self, page: &'a Page) -> Option<CoverContext<'a>> {
        let cover = page.front.image.as_ref()?;
        let path = crate::images::cover_key(&cover.src, &page.path)?;
        let pictures = self.resolver.pictures()?;
        matches!(pictures.get(&path), Some(Ok(_))).then(|| CoverContext {
            path,
            alt: cover.alt.as_deref().unwrap_or_default(),
        })
    }

    /// The `page` context of page `index`.
    pub fn page(&self, index: usize) -> Result<PageContext<'a>, Vec<Error>> {
        self.page_with(index, &self.bodies.pages[index])
    }

    /// The `page` context of page `index` with its rendered body.
    pub fn page_with<'r>(
        &self,
        index: usize,
        rendered: &'r Rendered,
    ) -> Result<PageContext<'r>, Vec<Error>>
    where
        'a: 'r,
    {
        let entry = &self.site.pages[index];
        let mut context = self.page_context(entry, rendered);
        let page = &entry.page;
        let mut errors = Vec::new();
        match &entry.kind {
            Kind::Page => {}
            Kind::Module(module) => context.module = Some(self.module(entry, module, &mut errors)),
            Kind::Commitment(c) => {
                let total = self.site.sections[entry.section].pages.len();
                context.commitment = Some(self.commitment(page, c, total, &mut errors));
            }
            Kind::Brief(brief) => context.brief = Some(self.brief(page, brief, &mut errors)),
        }
        if errors.is_empty() {
            Ok(context)
        } else {
            Err(errors)
        }
    }

    /// The `page` context of `entry` without the parts of its kind.
    fn page_context<'r>(&self, entry: &'a PageEntry, rendered: &'r Rendered) -> PageContext<'r>
    where
        'a: 'r,
    {
        let page = &entry.page;
        let (kind, kind_label) = kind_names(&entry.kind);
        PageContext {
            title: page.title(),
            description: page.front.description.as_deref(),
            image: self.cover(page),
            kind,
            kind_label: self.kind_label(kind, kind_label),
            url: self.site.url(&entry.path),
            permalink: self.site.permalink(&entry.path),
            date: page.front.date.as_ref().map(|t| t.0.as_str()),
            updated: page.front.updated.as_ref().map(|t| t.0.as_str()),
            date_display: self.display(page.front.date.as_ref()),
            updated_display: self.display(page.front.updated.as_ref()),
            content: &rendered.html,
            toc: toc(&rendered.headings),
            word_count: rendered.word_count,
            reading_minutes: rendered.word_count.div_ceil(200).max(1),
            taxonomies: self.page_taxonomies(page),
            review: self.review(page),
            extra: &page.front.extra,
            module: None,
            commitment: None,
            brief: None,
        }
    }

    fn link_list(
        &self,
        page: &Page,
        field: &str,
        items: &[crate::content::front_matter::LinkItem],
        errors: &mut Vec<Error>,
    ) -> Vec<Link> {
        links(items, |url| self.front_link(page, field, url, errors))
    }

    /// Resolves a front matter link, recording an error at its field when it is broken.
    pub fn front_link(
        &self,
        page: &Page,
        field: &str,
        url: &str,
        errors: &mut Vec<Error>,
    ) -> String {
        match self.resolver.front_link(&page.path, url) {
            Some(resolved) => resolved,
            None => {
                let (line, column) = page.value_place(field, url);
                errors.push(
                    Error::new(
                        ErrorKind::BrokenLink,
                        &page.shown,
                        format!("broken link `{url}` in `{field}`"),
                    )
                    .at(&page.line_index(), line, column)
                    .with_help(self.resolver.front_link_help(
                        &page.path,
                        url,
                        "link to a page as @/path/from/content.md, or give a full web address",
                    )),
                );
                url.to_string()
            }
        }
    }

    fn module(
        &self,
        entry: &PageEntry,
        module: &'a Module,
        errors: &mut Vec<Error>,
    ) -> ModuleContext<'a> {
        let section = &self.site.sections[entry.section];
        let (number, count) = self.module_place(entry);
        ModuleContext {
            number,
            count,
            duration: DurationContext::new(module.duration, self.words),
            outcomes: &module.outcomes,
            has_objectives_block: module.has_objectives_block,
            is_description_from_questions: module.is_description_from_questions,
            prerequisites: &module.prerequisites,
            resources: self.link_list(&entry.page, "resources", &module.resources, errors),
            course: CourseLink {
                title: section.page.title().to_string(),
                url: self.site.url(&section.path),
                print_url: self.site.url(&format!("{}print/", section.path)),
            },
        }
    }

    fn commitment(
        &self,
        page: &'a Page,
        c: &'a Commitment,
        total: usize,
        errors: &mut Vec<Error>,
    ) -> CommitmentContext<'a> {
        CommitmentContext {
            number: c.number,
            total,
            sector: &c.sector,
            asks: &c.asks,
            actions: &c.actions,
            status: c.status.key(),
            status_label: c.status.label(),
            status_date: c.status_date.map(|d| d.to_string()),
            status_date_display: self.display_date(c.status_date),
            evidence: self.link_list(page, "evidence", &c.evidence, errors),
        }
    }

    fn brief(&self, page: &'a Page, brief: &'a Brief, errors: &mut Vec<Error>) -> BriefContext<'a> {
        let superseded_by = brief.superseded_by.as_ref().map(|target| {
            let url = self.front_link(page, "superseded_by", target, errors);
            let title = markdown_target_title(self.site, &page.path, target)
                .unwrap_or_else(|| self.say("brief-newer-version", &[], "the newer version"));
            Link { title, url }
        });
        let references = brief
            .references
            .iter()
            .enumerate()
            .map(|(i, r)| ReferenceContext {
                number: i + 1,
                id: &r.id,
                title: &r.title,
                url: r
                    .url
                    .as_ref()
                    .map(|u| self.front_link(page, "references", u, errors)),
                publisher: r.publisher.as_deref(),
                date: r.date.as_ref().map(|d| d.0.as_str()),
            })
            .collect();
        BriefContext {
            document_type: self.kind_label("brief", brief.document_type),
            summary: &brief.summary,
            recommendations: brief
                .recommendations
                .iter()
                .map(|text| {
                    let (html, problems) =
                        super::bodies::inline(&self.resolver, page, "recommendations", text);
                    errors.extend(problems);
                    html
                })
                .collect(),
            references,
            version: &brief.version,
            status: brief.status.key(),
            status_label: brief.status.label(),
            approved_by: brief.approved_by.as_deref(),
            approved_on_display: self.display_date(brief.approved_on),
            owner: brief.owner.as_deref(),
            published_display: self.display_date(brief.published),
            updated_display: self.display(page.front.updated.as_ref()),
            review_due_display: self.display(page.front.review_due.as_ref()),
            superseded_by,
        }
    }

    /// Whether page `index` is a module (not a setup or reference page).
    pub(super) fn is_module(&self, index: usize) -> bool {
        matches!(self.site.pages[index].kind, Kind::Module(_))
    }

    /// A module's number among its course's modules, and how many there
    /// are: a setup or reference page in the course is not counted.
    fn module_place(&self, entry: &PageEntry) -> (usize, usize) {
        let pages = &self.site.sections[entry.section].pages;
        let before = pages.get(..=entry.position).unwrap_or(pages);
        let number = before.iter().filter(|&&i| self.is_module(i)).count();
        let count = pages.iter().filter(|&&i| self.is_module(i)).count();
        (number, count)
    }

    /// The summary of page `index` for listings.
    pub fn summary(&self, index: usize) -> PageSummary<'a> {
        let entry = &self.site.pages[index];
        let (kind, kind_label) = kind_names(&entry.kind);
        let mut summary = self.plain_summary(&entry.page, &entry.path, kind, kind_label);
        match &entry.kind {
            Kind::Module(module) => {
                summary.module_number = Some(self.module_place(entry).0);
                summary.duration = Some(DurationContext::new(module.duration, self.words));
                summary.outcomes = Some(&module.outcomes);
            }
            Kind::Commitment(c) => {
                summary.commitment_number = Some(c.number);
                summary.sector = Some(&c.sector);
                summary.status = Some(c.status.key());
                summary.status_label = Some(c.status.label());
                summary.status_date_display = self.display_date(c.status_date);
            }
            Kind::Brief(brief) => {
                summary.status = Some(brief.status.key());
                summary.status_label = Some(brief.status.label());
            }
            Kind::Page => {}
        }
        summary
    }

    /// Section `index` summarised as a page, for a term's listing: a
    /// course as a course (its `summary:` standing in for a description),
    /// any other section as a page, as search shows them.
    pub fn section_as_summary(&self, index: usize) -> PageSummary<'a> {
        let entry = &self.site.sections[index];
        let (kind, kind_label, course_summary) = match &entry.kind {
            SectionKind::Course(course) => ("course", "Course", Some(course.summary.as_str())),
            SectionKind::Section | SectionKind::Charter => ("page", "Page", None),
        };
        let mut summary = self.plain_summary(&entry.page, &entry.path, kind, kind_label);
        summary.description = summary.description.or(course_summary);
        summary
    }

    /// A listing's summary of `page` at `path` with what every kind has.
    fn plain_summary(
        &self,
        page: &'a Page,
        path: &str,
        kind: &'static str,
        kind_label: &'static str,
    ) -> PageSummary<'a> {
        PageSummary {
            title: page.title(),
            url: self.site.url(path),
            description: page.front.description.as_deref(),
            image: self.cover(page),
            kind,
            kind_label: self.kind_label(kind, kind_label),
            date: page.front.date.as_ref().map(|t| t.0.as_str()),
            date_display: self.display(page.front.date.as_ref()),
            module_number: None,
            duration: None,
            outcomes: None,
            commitment_number: None,
            sector: None,
            status: None,
            status_label: None,
            status_date_display: None,
        }
    }

    /// The `section` context of section `index`.
    pub fn section(&self, index: usize) -> SectionContext<'a> {
        let entry = &self.site.sections[index];
        let page = &entry.page;
        let rendered = &self.bodies.sections[index];
        let kind = match entry.kind {
            SectionKind::Section => "section",
            SectionKind::Course(_) => "course",
            SectionKind::Charter => "charter",
        };
        SectionContext {
            title: page.title(),
            description: page.front.description.as_deref(),
            image: self.cover(page),
            kind,
            url: self.site.url(&entry.path),
            permalink: self.site.permalink(&entry.path),
            content: &rendered.html,
            toc: toc(&rendered.headings),
            extra: &page.front.extra,
            review: self.review(page),
            pages: entry.pages.iter().map(|&i| self.summary(i)).collect(),
            subsections: entry
                .subsections
                .iter()
                .map(|&i| self.section_summary(i))
                .collect(),
            course: self.course(entry),
            feed_url: super::feeds::section_feed(self.site, index).map(|path| self.site.url(&path)),
        }
    }

    fn section_summary(&self, index: usize) -> SectionSummary<'a> {
        let entry = &self.site.sections[index];
        SectionSummary {
            title: entry.page.title(),
            url: self.site.url(&entry.path),
            description: entry.page.front.description.as_deref(),
            image: self.cover(&entry.page),
            kind: match entry.kind {
                SectionKind::Section => "section",
                SectionKind::Course(_) => "course",
                SectionKind::Charter => "charter",
            },
            page_count: entry.pages.len(),
        }
    }

    pub(super) fn course(&self, entry: &'a SectionEntry) -> Option<CourseContext<'a>> {
        let SectionKind::Course(course) = &entry.kind else {
            return None;
        };
        let computed = self.modules_duration(entry);
        let audiences = entry
            .page
            .taxonomies
            .get("audiences")
            .map(|names| self.term_links("audiences", names))
            .unwrap_or_default();
        Some(CourseContext {
            summary: &course.summary,
            audiences,
            delivery: course
                .delivery
                .iter()
                .map(|way| self.label("delivery", way))
                .collect(),
            schedule: course.schedule.as_deref(),
            duration: DurationContext::new(course.duration.unwrap_or(computed), self.words),
            is_duration_computed: course.duration.is_none(),
            outcomes: &course.outcomes,
            module_count: entry.pages.iter().filter(|&&i| self.is_module(i)).count(),
            print_url: self.site.url(&format!("{}print/", entry.path)),
        })
    }

    /// The minutes of a course's modules, added up.
    fn modules_duration(&self, entry: &SectionEntry) -> u32 {
        entry
            .pages
            .iter()
            .map(|&i| match &self.site.pages[i].kind {
                Kind::Module(module) => module.duration,
                _ => 0,
            })
            .sum()
    }

    /// Breadcrumbs: home down to the parent of the page in section `section`.
    pub fn ancestors(&self, section: Option<usize>) -> Vec<Link> {
        let mut chain = Vec::new();
        let mut current = section;
        while let Some(index) = current {
            let entry = &self.site.sections[index];
            chain.push(Link {
                title: entry.page.title().to_string(),
                url: self.site.url(&entry.path),
            });
            current = entry.parent;
        }
        chain.reverse();
        chain
    }
}

fn markdown_target_title(site: &Site, from: &str, target: &str) -> Option<String> {
    match crate::markdown::links::classify(target, from) {
        crate::markdown::links::LinkTarget::Content(path, _) => site
            .targets
            .get(path.as_str())
            .map(|t| site.target_page(*t).title().to_string()),
        _ => None,
    }
}
