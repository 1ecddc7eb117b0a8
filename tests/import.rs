//! `hearth import`: Word documents the tests make themselves, and tiny
//! lessons written here, brought into fixture sites that then build.

mod common;

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use common::{today, TestSite};
use hearth::check::Rule;
use hearth::import::{self, ImportOptions, Imported, NoteKind, PageKind};
use hearth::ErrorKind;

const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

/// A 1x1 PNG.
const PNG: &[u8] = &[
    0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44, 0x52,
    0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x06, 0x00, 0x00, 0x00, 0x1F, 0x15, 0xC4,
    0x89, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9C, 0x63, 0xF8, 0xCF, 0xC0, 0xF0,
    0x1F, 0x00, 0x05, 0x00, 0x01, 0xFF, 0x89, 0x99, 0x3D, 0x1D, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45,
    0x4E, 0x44, 0xAE, 0x42, 0x60, 0x82,
];

/// A Word document assembled from its XML parts.
#[derive(Default)]
struct Docx {
    body: String,
    core: Option<String>,
    styles: Option<String>,
    numbering: Option<String>,
    footnotes: Option<String>,
    endnotes: Option<String>,
    comments: Option<String>,
    relationships: Vec<String>,
    media: Vec<(String, Vec<u8>)>,
}

fn part(root: &str, inner: &str) -> String {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:{root} xmlns:w="{W}" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture" xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" xmlns:v="urn:schemas-microsoft-com:vml" xmlns:dgm="http://schemas.openxmlformats.org/drawingml/2006/diagram">{inner}</w:{root}>"#
    )
}

impl Docx {
    fn new(body: &str) -> Self {
        Docx {
            body: body.to_string(),
            ..Docx::default()
        }
    }

    fn core(mut self, title: &str, created: &str, modified: &str) -> Self {
        self.core = Some(format!(
            r#"<?xml version="1.0" encoding="UTF-8"?><cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><dc:title>{title}</dc:title><dcterms:created xsi:type="dcterms:W3CDTF">{created}</dcterms:created><dcterms:modified xsi:type="dcterms:W3CDTF">{modified}</dcterms:modified></cp:coreProperties>"#
        ));
        self
    }

    fn relationship(mut self, id: &str, kind: &str, target: &str, is_external: bool) -> Self {
        let mode = if is_external {
            r#" TargetMode="External""#
        } else {
            ""
        };
        self.relationships.push(format!(
            r#"<Relationship Id="{id}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/{kind}" Target="{target}"{mode}/>"#
        ));
        self
    }

    fn picture(self, id: &str, name: &str) -> Self {
        let mut docx = self.relationship(id, "image", &format!("media/{name}"), false);
        docx.media
            .push((format!("word/media/{name}"), PNG.to_vec()));
        docx
    }

    fn write(&self, path: &Path) {
        let file = fs::File::create(path).expect("create the document");
        let mut zip = zip::ZipWriter::new(file);
        let options = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Stored);
        let mut add = |name: &str, bytes: &[u8]| {
            zip.start_file(name, options).expect("start a part");
            zip.write_all(bytes).expect("write a part");
        };
        add(
            "[Content_Types].xml",
            br#"<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/></Types>"#,
        );
        add(
            "_rels/.rels",
            br#"<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>"#,
        );
        add(
            "word/document.xml",
            part("document", &format!("<w:body>{}</w:body>", self.body)).as_bytes(),
        );
        add(
            "word/_rels/document.xml.rels",
            format!(
                r#"<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">{}</Relationships>"#,
                self.relationships.join("")
            )
            .as_bytes(),
        );
        let optional = [
            ("docProps/core.xml", &self.core),
            ("word/styles.xml", &self.styles),
            ("word/numbering.xml", &self.numbering),
            ("word/footnotes.xml", &self.footnotes),
            ("word/endnotes.xml", &self.endnotes),
            ("word/comments.xml", &self.comments),
        ];
        for (name, text) in optional {
            if let Some(text) = text {
                add(name, text.as_bytes());
            }
        }
        for (name, bytes) in &self.media {
            add(name, bytes);
        }
        zip.finish().expect("finish the document");
    }
}

fn p(inner: &str) -> String {
    format!("<w:p>{inner}</w:p>")
}

fn text(words: &str) -> String {
    format!(r#"<w:r><w:t xml:space="preserve">{words}</w:t></w:r>"#)
}

fn styled(style: &str, words: &str) -> String {
    format!(
        r#"<w:p><w:pPr><w:pStyle w:val="{style}"/></w:pPr>{}</w:p>"#,
        text(words)
    )
}

fn item(list: u32, level: u32, words: &str) -> String {
    format!(
        r#"<w:p><w:pPr><w:numPr><w:ilvl w:val="{level}"/><w:numId w:val="{list}"/></w:numPr></w:pPr>{}</w:p>"#,
        text(words)
    )
}

fn cell(words: &str) -> String {
    format!("<w:tc>{}</w:tc>", p(&text(words)))
}

fn drawing(alt: Option<&str>, id: &str) -> String {
    let descr = alt
        .map(|alt| format!(r#" descr="{alt}""#))
        .unwrap_or_default();
    format!(
        r#"<w:r><w:drawing><wp:inline><wp:docPr id="1" name="Picture 1"{descr}/><a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture"><pic:pic><pic:blipFill><a:blip r:embed="{id}"/></pic:blipFill></pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing></w:r>"#
    )
}

const TEXT_BOX: &str = r#"<w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wp:anchor><wp:docPr id="2" name="Text Box 2"/><a:graphic><a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"><wps:wsp><wps:txbx><w:txbxContent><w:p><w:r><w:t>Key facts in a box</w:t></w:r></w:p></w:txbxContent></wps:txbx></wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing></mc:Choice><mc:Fallback><w:pict><v:shape><v:textbox><w:txbxContent><w:p><w:r><w:t>Key facts in a box</w:t></w:r></w:p></w:txbxContent></v:textbox></v:shape></w:pict></mc:Fallback></mc:AlternateContent></w:r>"#;

const SMART_ART: &str = r#"<w:r><w:drawing><wp:inline><wp:docPr id="3" name="Diagram 3"/><a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/diagram"><dgm:relIds r:dm="rId20"/></a:graphicData></a:graphic></wp:inline></w:drawing></w:r>"#;

const NUMBERING: &str = r#"<w:abstractNum w:abstractNumId="10"><w:lvl w:ilvl="0"><w:numFmt w:val="bullet"/></w:lvl><w:lvl w:ilvl="1"><w:numFmt w:val="bullet"/></w:lvl></w:abstractNum><w:abstractNum w:abstractNumId="20"><w:lvl w:ilvl="0"><w:numFmt w:val="decimal"/></w:lvl><w:lvl w:ilvl="1"><w:numFmt w:val="lowerLetter"/></w:lvl></w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="10"/></w:num><w:num w:numId="2"><w:abstractNumId w:val="20"/></w:num>"#;

/// A brief that uses every construct that comes across, and some that cannot.
fn brief_document() -> Docx {
    let body = [
        styled("Heading1", "Summary"),
        p(&format!(
            r#"{}<w:r><w:rPr><w:b/></w:rPr><w:t>week</w:t></w:r>{}<w:r><w:rPr><w:i/></w:rPr><w:t>often</w:t></w:r>{}<w:r><w:footnoteReference w:id="1"/></w:r>"#,
            text("Most people return to work within a "),
            text(" of a death, "),
            text(" before they are ready.")
        )),
        styled("Heading1", "Recommendations"),
        item(1, 0, "Train managers"),
        item(1, 1, "in the first month"),
        item(1, 0, "Offer flexible leave"),
        styled("Heading3", "Costs"),
        format!(
            r#"<w:tbl><w:tr><w:trPr><w:tblHeader/></w:trPr>{}{}</w:tr><w:tr>{}{}</w:tr></w:tbl>"#,
            cell("Option"),
            cell("Cost"),
            cell("Training"),
            cell("£2,000")
        ),
        item(2, 0, "Agree a policy"),
        item(2, 1, "Review it yearly"),
        p(&format!(
            r#"{}<w:hyperlink r:id="rIdLink"><w:r><w:t>the charter</w:t></w:r></w:hyperlink>{}"#,
            text("Read "),
            text(" for more.")
        )),
        p(&drawing(Some("A chart of leave taken"), "rIdPicture")),
        styled("Heading1", "Options"),
        p(&format!("{}{TEXT_BOX}", text("See the box."))),
        p(&format!(
            r#"<w:commentRangeStart w:id="0"/>{}<w:commentRangeEnd w:id="0"/><w:r><w:commentReference w:id="0"/></w:r>"#,
            text("Figures are from 2025.")
        )),
        p(&format!(
            r#"{}<w:ins w:id="5" w:author="A"><w:r><w:t>paid</w:t></w:r></w:ins><w:del w:id="6" w:author="A"><w:r><w:delText>unpaid</w:delText></w:r></w:del>{}"#,
            text("Leave is "),
            text(".")
        )),
        p(SMART_ART),
    ]
    .concat();
    let mut docx = Docx::new(&body)
        .core(
            "Grief at work",
            "2026-03-02T09:00:00Z",
            "2026-04-10T10:00:00Z",
        )
        .relationship("rIdLink", "hyperlink", "https://example.org/charter", true)
        .picture("rIdPicture", "image1.png");
    docx.numbering = Some(part("numbering", NUMBERING));
    docx.footnotes = Some(part(
        "footnotes",
        r#"<w:footnote w:type="separator" w:id="-1"><w:p/></w:footnote><w:footnote w:id="1"><w:p><w:r><w:footnoteRef/></w:r><w:r><w:t xml:space="preserve"> Office for National Statistics, 2025.</w:t></w:r></w:p></w:footnote>"#,
    ));
    docx.comments = Some(part(
        "comments",
        r#"<w:comment w:id="0" w:author="A"><w:p><w:r><w:t>Check these figures</w:t></w:r></w:p></w:comment>"#,
    ));
    docx
}

const SITE_YAML: &str = "title: Import test\nbase_url: https://test.example/\ntaxonomies:\n  - name: audiences\n    title: Audiences\n";

fn site() -> TestSite {
    TestSite::empty()
        .file("site.yaml", SITE_YAML)
        .file("content/_index.md", "---\ntitle: Home\n---\n\nWelcome.\n")
        .file(
            "content/briefs/_index.md",
            "---\ntitle: Briefs\npage_type: brief\n---\n",
        )
        .file(
            "content/courses/01-care/_index.md",
            "---\ntitle: Care\ntype: course\nsummary: A course.\naudiences: [public]\ndelivery: online\noutcomes: [Care well]\n---\n",
        )
        .file("content/charter/_index.md", "---\ntitle: Charter\ntype: charter\n---\n")
}

/// Writes `docx` beside the site and imports it.
fn import_docx(site: &TestSite, docx: &Docx, kind: PageKind, into: Option<&str>) -> Imported {
    let source = site.root.parent().expect("a parent").join("document.docx");
    docx.write(&source);
    import::run(&options(site, source, Some(kind), into)).unwrap_or_else(|e| panic!("{e}"))
}

fn options(
    site: &TestSite,
    source: PathBuf,
    kind: Option<PageKind>,
    into: Option<&str>,
) -> ImportOptions {
    ImportOptions {
        source,
        kind,
        root: site.root.clone(),
        into: into.map(PathBuf::from),
        is_forced: false,
        today: today(),
    }
}

fn written(site: &TestSite, path: &str) -> String {
    fs::read_to_string(site.root.join(path)).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// (kind, paragraph, heading) of every note of a kind.
fn places(imported: &Imported, kind: NoteKind) -> Vec<(usize, Option<String>)> {
    imported
        .notes
        .iter()
        .filter(|note| note.kind == kind)
        .map(|note| (note.place.paragraph, note.place.heading.clone()))
        .collect()
}

/// The lesson file of each note of `kind`, in order.
fn files_noted(imported: &Imported, kind: NoteKind) -> Vec<Option<String>> {
    imported
        .notes
        .iter()
        .filter(|note| note.kind == kind)
        .map(|note| note.place.file.clone())
        .collect()
}

#[test]
fn a_word_brief_comes_across_with_its_structure_and_builds() {
    let site = site();
    let imported = import_docx(&site, &brief_document(), PageKind::Brief, None);
    let written_paths: Vec<String> = imported
        .written
        .iter()
        .map(|p| p.display().to_string().replace('\\', "/"))
        .collect();
    assert_eq!(
        written_paths,
        vec![
            "content/briefs/grief-at-work.md",
            "content/briefs/grief-at-work-1.png"
        ]
    );
    let page = written(&site, "content/briefs/grief-at-work.md");
    let expected_body = "\
## Summary

Most people return to work within a **week** of a death, *often* before they are ready.[^1]

## Recommendations

- Train managers
  - in the first month
- Offer flexible leave

### Costs

| Option | Cost |
| --- | --- |
| Training | £2,000 |

1. Agree a policy
   1. Review it yearly

Read [the charter](https://example.org/charter) for more.

![A chart of leave taken](grief-at-work-1.png)

## Options

See the box.

Figures are from 2025.

Leave is paid.

[^1]: Office for National Statistics, 2025.
";
    let (front, body) = page
        .split_once("---\n\n")
        .expect("front matter, then the body");
    assert_eq!(body, expected_body, "the whole page:\n{page}");
    for line in [
        "title: \"Grief at work\"",
        "date: 2026-03-02",
        "updated: 2026-04-10",
        "type: brief",
        "summary: \"Most people return to work within a week of a death, often before they are ready.\"",
        "recommendations:\n  - \"Train managers\"\n  - \"Offer flexible leave\"",
        "status: draft",
        "review_due: 2027-11-23",
    ] {
        assert!(front.contains(line), "{line} missing from\n{front}");
    }
    assert_eq!(
        fs::read(site.root.join("content/briefs/grief-at-work-1.png")).expect("the picture"),
        PNG
    );

    let options = Some("Options".to_string());
    assert_eq!(
        places(&imported, NoteKind::Unsupported),
        vec![
            (17, options.clone()), // the text box
            (18, options.clone()), // the comment
            (19, options.clone()), // the insertion
            (19, options.clone()), // the deletion
            (20, options.clone()), // the SmartArt
        ]
    );
    assert_eq!(
        places(&imported, NoteKind::MendedHeading),
        vec![(7, Some("Recommendations".to_string()))]
    );
    let mended = imported
        .notes
        .iter()
        .find(|note| note.kind == NoteKind::MendedHeading)
        .and_then(|note| note.written.clone())
        .expect("the mended heading's place in the page");
    let line = page
        .lines()
        .position(|l| l == "### Costs")
        .expect("the heading")
        + 1;
    assert_eq!(
        mended,
        ("content/briefs/grief-at-work.md".to_string(), line, 1)
    );
    assert!(places(&imported, NoteKind::Placeholder).is_empty());
    assert!(places(&imported, NoteKind::MissingAlt).is_empty());

    site.build().assert_ok();
    let html = site.read("briefs/grief-at-work/index.html");
    assert!(html.contains(r#"alt="A chart of leave taken""#), "{html}");
    assert!(html.contains("<table"), "{html}");
}

#[test]
fn a_picture_without_alt_text_is_reported_where_the_build_stops_on_it() {
    let site = site();
    let docx = Docx::new(
        &[
            styled("Heading1", "Where we meet"),
            p(&drawing(None, "rIdMap")),
        ]
        .concat(),
    )
    .core(
        "Meeting places",
        "2026-01-05T09:00:00Z",
        "2026-01-05T09:00:00Z",
    )
    .picture("rIdMap", "image7.png");
    let imported = import_docx(&site, &docx, PageKind::Page, None);
    let note = imported
        .notes
        .iter()
        .find(|note| note.kind == NoteKind::MissingAlt)
        .expect("a note on the picture");
    assert_eq!(note.place.paragraph, 2);
    assert_eq!(note.place.heading.as_deref(), Some("Where we meet"));
    let (path, line, column) = note.written.clone().expect("where it is written");
    assert_eq!(path, "content/meeting-places.md");
    let page = written(&site, "content/meeting-places.md");
    assert_eq!(
        page.lines().nth(line - 1),
        Some("![](meeting-places-1.png)")
    );

    let outcome = site.build();
    assert_eq!(
        outcome.error_places(),
        vec![(
            ErrorKind::Check(Rule::ImageAlt),
            "content/meeting-places.md".to_string(),
            line
        )]
    );
    assert_eq!(outcome.error_spots()[0].2, column);
}

#[test]
fn a_module_takes_its_title_from_its_first_heading_and_its_outcomes_from_the_document() {
    let site = site();
    let mut docx = Docx::new(
        &[
            styled("Berschrift1", "Talking about dying"),
            p(&text("A first conversation.")),
            styled("Berschrift2", "What you will learn"),
            item(1, 0, "Start a conversation"),
            item(1, 0, "Listen without fixing"),
        ]
        .concat(),
    );
    // Word in another language names its heading styles its own way.
    docx.styles = Some(part(
        "styles",
        r#"<w:style w:type="paragraph" w:styleId="Berschrift1"><w:name w:val="heading 1"/></w:style><w:style w:type="paragraph" w:styleId="Berschrift2"><w:name w:val="heading 2"/></w:style>"#,
    ));
    docx.numbering = Some(part("numbering", NUMBERING));
    let imported = import_docx(&site, &docx, PageKind::Module, Some("courses/01-care"));
    let page = written(&site, "content/courses/01-care/01-talking-about-dying.md");
    assert!(
        page.starts_with("---\ntitle: \"Talking about dying\"\n"),
        "{page}"
    );
    assert!(
        page.contains("outcomes:\n  - \"Start a conversation\"\n  - \"Listen without fixing\"\n"),
        "{page}"
    );
    assert!(
        page.contains("\nA first conversation.\n\n## What you will learn\n"),
        "{page}"
    );
    assert!(!page.contains("# Talking about dying"), "{page}");
    // The duration is not in the document: an example value, and a note at its line.
    let placeholder = imported
        .notes
        .iter()
        .find(|note| note.kind == NoteKind::Placeholder)
        .and_then(|note| note.written.clone())
        .expect("a note on the duration");
    assert_eq!(
        page.lines().nth(placeholder.1 - 1),
        Some("duration: \"60 minutes\"")
    );
    site.build().assert_ok();
}

#[test]
fn a_commitment_gets_the_next_number_and_example_values_that_build() {
    let site = site().file(
        "content/charter/01-schools.md",
        "---\ntitle: Schools\nnumber: 1\nsector: schools\nasks: Guidance.\nstatus: achieved\n---\n",
    );
    let docx = Docx::new(&p(&text("Workplaces have a policy on grief."))).core(
        "Workplaces",
        "2026-01-05T09:00:00Z",
        "2026-01-05T09:00:00Z",
    );
    let imported = import_docx(&site, &docx, PageKind::Commitment, None);
    let page = written(&site, "content/charter/02-workplaces.md");
    assert!(page.contains("number: 2\n"), "{page}");
    assert!(
        page.contains("asks: \"Workplaces have a policy on grief.\"\n"),
        "{page}"
    );
    let fields: Vec<usize> = imported
        .notes
        .iter()
        .filter(|note| note.kind == NoteKind::Placeholder)
        .filter_map(|note| note.written.as_ref().map(|w| w.1))
        .collect();
    let sector = page
        .lines()
        .position(|l| l.starts_with("sector:"))
        .expect("sector")
        + 1;
    assert_eq!(fields, vec![sector]);
    site.build().assert_ok();
}

#[test]
fn a_module_outside_a_course_is_refused_before_anything_is_written() {
    let site = site();
    let source = site.root.parent().expect("a parent").join("module.docx");
    Docx::new(&p(&text("Hello."))).write(&source);
    let error = import::run(&options(
        &site,
        source,
        Some(PageKind::Module),
        Some("briefs"),
    ))
    .expect_err("a module must go in a course");
    assert_eq!(error.kind, ErrorKind::InvalidValue);
    assert!(!site.root.join("content/briefs/01-hello.md").exists());
}

#[test]
fn an_import_never_replaces_a_file_without_force() {
    let site = site();
    let source = site.root.parent().expect("a parent").join("about.docx");
    Docx::new(&p(&text("We are a partnership.")))
        .core("About us", "2026-01-05T09:00:00Z", "2026-01-05T09:00:00Z")
        .write(&source);
    let source = source.display().to_string();
    let first = site.run(&["import", &source]);
    assert_eq!(first.code, 0, "{}", first.stderr);
    assert!(
        first.stdout.contains("content/about-us.md"),
        "{}",
        first.stdout
    );
    fs::write(
        site.root.join("content/about-us.md"),
        "---\ntitle: Mine\n---\n",
    )
    .expect("edit");
    let second = site.run(&["import", &source]);
    assert_eq!(second.code, 1);
    assert_eq!(
        written(&site, "content/about-us.md"),
        "---\ntitle: Mine\n---\n"
    );
    let forced = site.run(&["import", &source, "--force"]);
    assert_eq!(forced.code, 0, "{}", forced.stderr);
    assert!(written(&site, "content/about-us.md").contains("We are a partnership."));
}

#[test]
fn a_file_that_is_not_a_word_document_is_a_clear_error() {
    let site = site();
    let source = site.root.parent().expect("a parent").join("broken.docx");
    fs::write(&source, b"not a zip").expect("write");
    let error =
        import::run(&options(&site, source.clone(), None, None)).expect_err("not a document");
    assert_eq!(error.kind, ErrorKind::Io);
    assert_eq!(error.path, source);
}

/// Writes files of a lesson under `dir`.
fn lesson(dir: &Path, files: &[(&str, &[u8])]) {
    for (path, bytes) in files {
        let target = dir.join(path);
        fs::create_dir_all(target.parent().expect("a parent")).expect("folders");
        fs::write(target, bytes).expect("write a lesson file");
    }
}

/// Imports the test Workbench lesson, with `introduction` as its first
/// episode, into `content/courses/talk`.
fn import_talk(site: &TestSite, introduction: &str) -> Imported {
    let dir = site.root.parent().expect("a parent").join("lesson");
    workbench(&dir, introduction);
    import::run(&ImportOptions {
        into: Some(PathBuf::from("content/courses/talk")),
        ..options(site, dir, None, None)
    })
    .unwrap_or_else(|e| panic!("{e}"))
}

fn workbench(dir: &Path, introduction: &str) {
    lesson(
        dir,
        &[
            (
                "config.yaml",
                b"carpentry: incubator\ntitle: 'Caring Conversations'\nlife_cycle: pre-alpha\nepisodes:\n- introduction.md\n- listening.Rmd\nlearners:\n- setup.md\ninstructors:\n- instructor-notes.md\nprofiles:\n- learner-profiles.md\n",
            ),
            (
                "index.md",
                b"---\nsite: sandpaper::sandpaper_site\n---\n\nThis lesson helps volunteers talk with people who are grieving.\n",
            ),
            ("links.md", b"<!-- links used in every episode -->\n[guide]: https://example.org/guide\n"),
            ("episodes/introduction.md", introduction.as_bytes()),
            (
                "episodes/listening.Rmd",
                b"---\ntitle: 'Listening'\nteaching: 15\nexercises: 5\n---\n\n::: objectives\n\n- Listen without fixing\n\n:::\n\nGo back to the [introduction](introduction.md#first-words).\n",
            ),
            ("episodes/fig/circle.png", PNG),
            ("episodes/data/phrases.csv", b"phrase\nI am sorry\n"),
            (
                "learners/setup.md",
                b"---\ntitle: Setup\n---\n\nDownload [the phrases](../episodes/data/phrases.csv).\n",
            ),
            ("instructors/instructor-notes.md", b"---\ntitle: Instructor notes\n---\n\nAllow time for silence.\n"),
            ("profiles/learner-profiles.md", b"---\ntitle: Learner profiles\n---\n\nSam volunteers at a hospice.\n"),
        ],
    );
}

const INTRODUCTION: &str = "---\ntitle: 'Introduction'\nteaching: 10\nexercises: 10\n---\n\n:::::::::::::::::::::::::::::::::::::: questions\n\n- How do I start?\n\n::::::::::::::::::::::::::::::::::::::\n\n::::::::::::::::::::::::::::::::::::: objectives\n\n- Start a conversation\n- Notice your own feelings\n\n::::::::::::::::::::::::::::::::::::::\n\n## First words\n\nRead [the setup](../learners/setup.md) and [the next episode](listening.Rmd), then the [guide].\n\n![A circle of chairs](fig/circle.png)\n";

#[test]
fn a_workbench_lesson_becomes_a_course_in_its_order_and_builds() {
    let site = site();
    let dir = site.root.parent().expect("a parent").join("lesson");
    workbench(&dir, INTRODUCTION);
    let imported = import::run(&options(&site, dir, None, None)).unwrap_or_else(|e| panic!("{e}"));
    let course = "content/courses/02-caring-conversations";
    let mut files: Vec<String> = imported
        .written
        .iter()
        .map(|p| p.display().to_string().replace('\\', "/"))
        .map(|p| p.trim_start_matches(&format!("{course}/")).to_string())
        .collect();
    files.sort();
    assert_eq!(
        files,
        vec![
            "01-introduction.md",
            "02-listening.md",
            "_index.md",
            "data/phrases.csv",
            "fig/circle.png",
            "instructor-notes.md",
            "learner-profiles.md",
            "setup.md",
        ]
    );
    let index = written(&site, &format!("{course}/_index.md"));
    for line in [
        "title: \"Caring Conversations\"",
        "type: course",
        "summary: \"This lesson helps volunteers talk with people who are grieving.\"",
        "outcomes:\n  - \"Start a conversation\"\n  - \"Notice your own feelings\"\n  - \"Listen without fixing\"",
    ] {
        assert!(index.contains(line), "{line} missing from\n{index}");
    }
    assert!(!index.contains("sandpaper"), "{index}");
    let first = written(&site, &format!("{course}/01-introduction.md"));
    // The episode's own front matter is kept, with what a module needs added.
    assert!(
        first.starts_with("---\ntitle: 'Introduction'\nteaching: 10\nexercises: 10\nduration: 20 minutes\noutcomes:\n  - \"Start a conversation\"\n  - \"Notice your own feelings\"\n---\n"),
        "{first}"
    );
    assert!(
        first.contains(
            "Read [the setup](setup.md) and [the next episode](02-listening.md), then the [guide]."
        ),
        "{first}"
    );
    assert!(
        first.contains("![A circle of chairs](fig/circle.png)"),
        "{first}"
    );
    assert!(
        first
            .trim_end()
            .ends_with("[guide]: https://example.org/guide"),
        "{first}"
    );
    let second = written(&site, &format!("{course}/02-listening.md"));
    assert!(
        second.contains("[introduction](01-introduction.md#first-words)"),
        "{second}"
    );
    let setup = written(&site, &format!("{course}/setup.md"));
    assert!(setup.contains("type: page\n"), "{setup}");
    assert!(setup.contains("[the phrases](data/phrases.csv)"), "{setup}");
    assert!(places(&imported, NoteKind::Link).is_empty());

    let outcome = site.build();
    outcome.assert_ok();
    let html = site.read("courses/caring-conversations/introduction/index.html");
    assert!(
        html.contains(r#"href="https://example.org/guide""#),
        "{html}"
    );
    // Setup, instructor and profile pages are pages of the course, not modules.
    let listening = site.read("courses/caring-conversations/listening/index.html");
    assert!(listening.contains("Module 2 of 2"), "{listening}");
    let setup = site.read("courses/caring-conversations/setup/index.html");
    assert!(!setup.contains("Module "), "{setup}");
}

#[test]
fn workbench_markup_is_kept_for_the_renderer_and_links_outside_the_lesson_are_noted() {
    // Pandoc attributes and Workbench-only blocks are the markdown
    // renderer's to read; the import keeps them as written.
    let site = site();
    let introduction = "---\ntitle: 'Introduction'\nteaching: 5\nexercises: 0\n---\n\n![](fig/circle.png){alt='A circle of chairs'}\n\n::: spoiler\n\nMore.\n\n:::\n\nSee [the old page](../old/page.md).\n";
    let imported = import_talk(&site, introduction);
    let first = written(&site, "content/courses/talk/01-introduction.md");
    assert!(
        first.contains("![](fig/circle.png){alt='A circle of chairs'}\n\n::: spoiler\n"),
        "{first}"
    );
    assert!(first.contains("duration: 5 minutes\n"), "{first}");
    // The link to `../old/page.md` reaches nothing, and this introduction
    // has no "First words" heading for the second episode's link.
    let links: Vec<Option<String>> = files_noted(&imported, NoteKind::Link);
    assert_eq!(
        links,
        ["episodes/introduction.md", "episodes/listening.Rmd"].map(|f| Some(f.to_string()))
    );
}

#[test]
fn a_quarto_book_becomes_a_course_with_its_chapters_in_order_and_builds() {
    let site = site();
    let imported = import_book(
        &site,
        &[
        (
            "_quarto.yml",
            b"project:\n  type: book\nbook:\n  title: \"Grief in Numbers\"\n  chapters:\n    - index.qmd\n    - intro.qmd\n    - notebook.ipynb\n    - missing.qmd\n    - part: \"Methods\"\n      chapters:\n        - methods/survey.qmd\n  appendices:\n    - glossary.qmd\n",
        ),
        ("index.qmd", b"# Preface {.unnumbered}\n\nA short book on measuring bereavement support.\n"),
        ("intro.qmd", b"# Introduction\n\nWhy we count. See [the survey](methods/survey.qmd).\n"),
        (
            "methods/survey.qmd",
            b"---\ntitle: \"The survey\"\n---\n\n![Responses by month](../images/responses.png)\n\nBack to the [introduction](../intro.qmd) and the [glossary](../glossary.qmd#terms).\n",
        ),
        ("glossary.qmd", b"# Glossary\n\n## Terms\n\nBereavement: the loss of someone close.\n"),
        ("images/responses.png", PNG),
        ("_book/index.html", b"<p>built output</p>"),
        ],
        "courses/numbers",
    );
    let mut files: Vec<String> = imported
        .written
        .iter()
        .map(|p| p.display().to_string().replace('\\', "/"))
        .collect();
    files.sort();
    assert_eq!(
        files,
        vec![
            "content/courses/numbers/01-intro.md",
            "content/courses/numbers/02-survey.md",
            "content/courses/numbers/_index.md",
            "content/courses/numbers/glossary.md",
            "content/courses/numbers/images/responses.png",
        ]
    );
    let intro = written(&site, "content/courses/numbers/01-intro.md");
    assert!(
        intro.starts_with("---\ntitle: \"Introduction\"\n"),
        "{intro}"
    );
    assert!(!intro.contains("# Introduction"), "{intro}");
    assert!(intro.contains("[the survey](02-survey.md)"), "{intro}");
    let survey = written(&site, "content/courses/numbers/02-survey.md");
    assert!(
        survey.contains("![Responses by month](images/responses.png)"),
        "{survey}"
    );
    assert!(
        survey.contains("[introduction](01-intro.md) and the [glossary](glossary.md#terms)"),
        "{survey}"
    );
    let index = written(&site, "content/courses/numbers/_index.md");
    assert!(
        index.contains("summary: \"A short book on measuring bereavement support.\""),
        "{index}"
    );
    // The chapters state no outcomes or durations: example values, each noted.
    let placeholders: Vec<Option<String>> = files_noted(&imported, NoteKind::Placeholder);
    assert!(
        placeholders.contains(&Some("intro.qmd".to_string())),
        "{placeholders:?}"
    );
    let left_out: Vec<Option<String>> = files_noted(&imported, NoteKind::Unsupported);
    assert_eq!(
        left_out,
        vec![
            Some("notebook.ipynb".to_string()),
            Some("missing.qmd".to_string())
        ]
    );
    site.build().assert_ok();
}

#[test]
fn word_list_styles_nest_and_a_numbered_list_after_a_bulleted_one_stays_apart() {
    let site = site();
    let style = |id: &str, name: &str, list: u32| {
        format!(
            r#"<w:style w:type="paragraph" w:styleId="{id}"><w:name w:val="{name}"/><w:pPr><w:numPr><w:numId w:val="{list}"/></w:numPr></w:pPr></w:style>"#
        )
    };
    let styled_item = |id: &str, words: &str| styled(id, words);
    let mut docx = Docx::new(
        &[
            styled_item("ListBullet", "Ask how they are"),
            styled_item("ListBullet2", "in private"),
            styled_item("ListNumber", "Write a policy"),
            styled_item("ListNumber", "Review it"),
        ]
        .concat(),
    )
    .core(
        "Carers at work",
        "2026-01-05T09:00:00Z",
        "2026-01-05T09:00:00Z",
    );
    // Word's "List Bullet 2" has a numbering of its own, starting at level 0.
    docx.styles = Some(part(
        "styles",
        &[
            style("ListBullet", "List Bullet", 1),
            style("ListBullet2", "List Bullet 2", 3),
            style("ListNumber", "List Number", 2),
        ]
        .concat(),
    ));
    docx.numbering = Some(part(
        "numbering",
        &format!(r#"{NUMBERING}<w:num w:numId="3"><w:abstractNumId w:val="10"/></w:num>"#),
    ));
    import_docx(&site, &docx, PageKind::Page, None);
    let page = written(&site, "content/carers-at-work.md");
    assert!(
        page.ends_with(
            "---\n\n- Ask how they are\n  - in private\n\n1. Write a policy\n1. Review it\n"
        ),
        "{page}"
    );
    site.build().assert_ok();
}

#[test]
fn a_workbench_lesson_without_an_episode_list_takes_its_episodes_in_name_order() {
    let site = site();
    let dir = site.root.parent().expect("a parent").join("lesson");
    lesson(
        &dir,
        &[
            ("config.yaml", b"title: 'Order'\n"),
            (
                "episodes/b-second.md",
                b"---\ntitle: Second\nteaching: 5\nexercises: 5\n---\n\nText.\n",
            ),
            (
                "episodes/a-first.md",
                b"---\ntitle: First\nteaching: 5\nexercises: 5\n---\n\nText.\n",
            ),
        ],
    );
    let imported = import::run(&ImportOptions {
        into: Some(PathBuf::from("courses/order")),
        ..options(&site, dir, None, None)
    })
    .unwrap_or_else(|e| panic!("{e}"));
    let modules: Vec<String> = imported
        .written
        .iter()
        .map(|p| p.display().to_string().replace('\\', "/"))
        .filter(|p| !p.ends_with("_index.md"))
        .collect();
    assert_eq!(
        modules,
        vec![
            "content/courses/order/01-a-first.md",
            "content/courses/order/02-b-second.md"
        ]
    );
    // No index.md and no objectives: the course's summary and outcomes are example values.
    let placeholders: Vec<Option<String>> = files_noted(&imported, NoteKind::Placeholder);
    assert!(
        placeholders.contains(&Some("episodes/a-first.md".to_string())),
        "{placeholders:?}"
    );
    assert!(
        placeholders.contains(&Some("the lesson".to_string())),
        "{placeholders:?}"
    );
    site.build().assert_ok();
}

#[test]
fn into_a_folder_outside_content_is_refused() {
    let site = site();
    let source = site.root.parent().expect("a parent").join("page.docx");
    Docx::new(&p(&text("Hello.")))
        .core("Hello", "2026-01-05T09:00:00Z", "2026-01-05T09:00:00Z")
        .write(&source);
    let error = import::run(&options(&site, source, None, Some("../elsewhere")))
        .expect_err("a page goes under content/");
    assert_eq!(error.kind, ErrorKind::Io);
    assert_eq!(error.path, PathBuf::from("../elsewhere"));
    assert!(!site.root.join("elsewhere").exists());
}

#[test]
fn links_made_with_field_codes_come_across_as_links() {
    let site = site();
    let field = r#"<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> HYPERLINK "https://example.org/" </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>our partners</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>"#;
    let simple = r#"<w:fldSimple w:instr=" HYPERLINK &quot;https://example.org/map&quot; \o &quot;Map&quot; "><w:r><w:rPr><w:b/></w:rPr><w:t>the map</w:t></w:r></w:fldSimple>"#;
    let page_number = r#"<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> PAGE </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>4</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>"#;
    let docx = Docx::new(
        &[
            p(&text("First.")),
            p(&format!(
                "{}{field}{}{simple}{}",
                text("Meet "),
                text(" and see "),
                text(".")
            )),
            p(&format!("{}{page_number}", text("Page "))),
        ]
        .concat(),
    )
    .core("Partners", "2026-01-05T09:00:00Z", "2026-01-05T09:00:00Z");
    let imported = import_docx(&site, &docx, PageKind::Page, None);
    assert!(imported.notes.is_empty(), "{:?}", imported.notes);
    let page = written(&site, "content/partners.md");
    assert!(
        page.ends_with("\nMeet [our partners](https://example.org/) and see [**the map**](https://example.org/map).\n\nPage 4\n"),
        "{page}"
    );
    site.build().assert_ok();
}

#[test]
fn endnotes_come_across_as_notes_at_the_end_numbered_with_the_footnotes() {
    let site = site();
    let mut docx = Docx::new(
        &[
            p(&format!(
                "{}<w:r><w:endnoteReference w:id=\"2\"/></w:r>{}<w:r><w:footnoteReference w:id=\"1\"/></w:r>{}<w:r><w:endnoteReference w:id=\"2\"/></w:r>",
                text("Most people want to die at home."),
                text(" Few do."),
                text(" Again.")
            )),
        ]
        .concat(),
    )
    .core("Dying at home", "2026-01-05T09:00:00Z", "2026-01-05T09:00:00Z");
    docx.footnotes = Some(part(
        "footnotes",
        r#"<w:footnote w:id="1"><w:p><w:r><w:t>A footnote.</w:t></w:r></w:p></w:footnote>"#,
    ));
    docx.endnotes = Some(part(
        "endnotes",
        r#"<w:endnote w:type="separator" w:id="-1"><w:p/></w:endnote><w:endnote w:id="1"><w:p><w:r><w:t>Not cited.</w:t></w:r></w:p></w:endnote><w:endnote w:id="2"><w:p><w:r><w:endnoteRef/></w:r><w:r><w:t xml:space="preserve"> A survey of 2,000 adults, 2025.</w:t></w:r></w:p></w:endnote>"#,
    ));
    let imported = import_docx(&site, &docx, PageKind::Page, None);
    assert!(imported.notes.is_empty(), "{:?}", imported.notes);
    let page = written(&site, "content/dying-at-home.md");
    assert!(
        page.contains("Most people want to die at home.[^1] Few do.[^2] Again.[^1]\n"),
        "{page}"
    );
    assert!(
        page.ends_with("[^1]: A survey of 2,000 adults, 2025.\n[^2]: A footnote.\n"),
        "{page}"
    );
    assert!(!page.contains("Not cited."), "{page}");
    site.build().assert_ok();
}

#[test]
fn cells_merged_down_are_repeated_and_the_merge_reported_at_its_table() {
    let site = site();
    let merged = |words: &str, how: &str| {
        format!(
            "<w:tc><w:tcPr><w:vMerge{how}/></w:tcPr>{}</w:tc>",
            p(&text(words))
        )
    };
    let empty_continue = "<w:tc><w:tcPr><w:vMerge/></w:tcPr><w:p/></w:tc>".to_string();
    let table = format!(
        "<w:tbl><w:tr>{}{}</w:tr><w:tr>{}{}</w:tr><w:tr>{empty_continue}{}</w:tr><w:tr>{}{}</w:tr></w:tbl>",
        cell("Area"),
        cell("Group"),
        merged("North", r#" w:val="restart""#),
        cell("Walkers"),
        cell("Readers"),
        cell("South"),
        cell("Singers"),
    );
    let docx = Docx::new(
        &[
            styled("Heading1", "Groups"),
            p(&text("Where groups meet.")),
            table,
        ]
        .concat(),
    )
    .core("Groups", "2026-01-05T09:00:00Z", "2026-01-05T09:00:00Z");
    let imported = import_docx(&site, &docx, PageKind::Page, None);
    // The heading, the paragraph, then the table's cells: the merged-on
    // cell is the 7th paragraph read.
    assert_eq!(
        places(&imported, NoteKind::Unsupported),
        vec![(7, Some("Groups".to_string()))]
    );
    let page = written(&site, "content/groups.md");
    assert!(
        page.contains("| North | Walkers |\n| North | Readers |\n| South | Singers |\n"),
        "{page}"
    );
    site.build().assert_ok();
}

#[test]
fn empty_page_lists_take_the_folders_pages_and_bare_links_reach_them() {
    let site = site();
    let dir = site.root.parent().expect("a parent").join("lesson");
    lesson(
        &dir,
        &[
            (
                "config.yaml",
                b"title: 'Flat links'\nepisodes:\n- intro.md\nlearners:\n\ninstructors:\n",
            ),
            (
                "episodes/intro.md",
                b"---\ntitle: Intro\nteaching: 5\nexercises: 5\n---\n\nFollow the [setup](setup.md) first.\n",
            ),
            ("learners/setup.md", b"---\ntitle: Setup\n---\n\nInstall it.\n"),
            ("instructors/notes.md", b"---\ntitle: Notes\n---\n\nTips.\n"),
        ],
    );
    let imported = import::run(&ImportOptions {
        into: Some(PathBuf::from("courses/flat")),
        ..options(&site, dir, None, None)
    })
    .unwrap_or_else(|e| panic!("{e}"));
    let written: Vec<String> = imported
        .written
        .iter()
        .map(|p| p.display().to_string().replace('\\', "/"))
        .collect();
    for page in [
        "content/courses/flat/setup.md",
        "content/courses/flat/notes.md",
    ] {
        assert!(
            written.iter().any(|w| w == page),
            "{page} not in {written:?}"
        );
    }
    let outcome = site.build();
    outcome.assert_ok();
    let intro = site.read("courses/flat/intro/index.html");
    assert!(intro.contains("href=\"/courses/flat/setup/\""), "{intro}");
}

#[test]
fn lesson_pages_that_would_share_an_address_get_their_folders_name_and_the_build_is_clean() {
    let site = site();
    let dir = site.root.parent().expect("a parent").join("lesson");
    lesson(
        &dir,
        &[
            (
                "config.yaml",
                b"title: 'Shell basics'\nepisodes:\n- 01-setup.Rmd\n- 02-files.md\nlearners:\n- setup.md\ninstructors:\n- instructor.md\n",
            ),
            (
                "episodes/01-setup.Rmd",
                b"---\ntitle: 'Getting ready'\nteaching: 5\nexercises: 0\nsource: Rmd\n---\n\n::: objectives\n- Open a shell\n:::\n\nSee [the setup page](../learners/setup.md).\n",
            ),
            (
                "episodes/02-files.md",
                b"---\ntitle: 'Files'\nteaching: 10\nexercises: 5\n---\n\n::: objectives\n- List files\n:::\n\nRead [the setup][setup], [again][here].\n\n[here]: ../learners/setup.md#install\n",
            ),
            ("learners/setup.md", b"---\ntitle: Setup\n---\n\n## Install\n\nInstall a shell.\n"),
            ("links.md", b"[setup]: ../learners/setup.md\n"),
            ("instructors/instructor.md", b"---\ntitle: Notes\n---\n\nGo slowly.\n"),
        ],
    );
    let imported = import::run(&options(&site, dir, None, None)).unwrap_or_else(|e| panic!("{e}"));
    let course = "content/courses/02-shell-basics";
    let mut files: Vec<String> = imported
        .written
        .iter()
        .map(|p| p.display().to_string().replace('\\', "/"))
        .map(|p| p.trim_start_matches(&format!("{course}/")).to_string())
        .collect();
    files.sort();
    assert_eq!(
        files,
        [
            "01-setup.md",
            "02-files.md",
            "_index.md",
            "instructors-instructor.md",
            "learners-setup.md"
        ]
    );
    let first = written(&site, &format!("{course}/01-setup.md"));
    assert!(!first.contains("source:"), "{first}");
    assert!(
        first.contains("[the setup page](learners-setup.md)"),
        "{first}"
    );
    let outcome = site.build();
    outcome.assert_ok();
    let ours: Vec<_> = outcome
        .warnings()
        .into_iter()
        .filter(|warning| warning.path.starts_with(course))
        .collect();
    assert!(ours.is_empty(), "{ours:?}");
}

#[test]
fn links_written_from_the_lessons_top_folder_and_to_the_home_pages_setup_reach_their_pages() {
    // The Workbench publishes every page in one folder and shows the
    // setup page on its home page: a reference page may link an episode
    // as `episodes/intro.Rmd`, and any page a setup heading as
    // `index.html#install`.
    let site = site();
    let dir = site.root.parent().expect("a parent").join("lesson");
    lesson(
        &dir,
        &[
            (
                "config.yaml",
                b"title: 'Top links'\nepisodes:\n- 01-intro.Rmd\nlearners:\n- reference.md\n- setup.md\n",
            ),
            ("index.md", b"---\nsite: sandpaper::sandpaper_site\n---\n\nA lesson.\n\n## Overview\n\nText.\n"),
            (
                "episodes/01-intro.Rmd",
                b"---\ntitle: Intro\nteaching: 5\nexercises: 5\n---\n\n::: prereqs\n\nA shell.\n\n:::\n\n## Start\n\nText.\n",
            ),
            (
                "learners/reference.md",
                b"---\ntitle: Reference\n---\n\n## [The introduction](episodes/01-intro.Rmd)\n\nSee [its start](../episodes/01-intro.Rmd#start), [the overview](index.html#overview) and [the installation](index.html#install).\n",
            ),
            ("learners/setup.md", b"---\ntitle: Setup\n---\n\n## Install\n\nInstall a shell.\n"),
        ],
    );
    let imported = import::run(&ImportOptions {
        into: Some(PathBuf::from("courses/top")),
        ..options(&site, dir, None, None)
    })
    .unwrap_or_else(|e| panic!("{e}"));
    assert!(places(&imported, NoteKind::Link).is_empty());
    let reference = written(&site, "content/courses/top/reference.md");
    for link in [
        "[The introduction](01-intro.md)",
        "[its start](01-intro.md#start)",
        "[the overview](_index.md#overview)",
        "[the installation](setup.md#install)",
    ] {
        assert!(reference.contains(link), "{link} missing from\n{reference}");
    }
    let outcome = site.build();
    outcome.assert_ok();
    let ours: Vec<_> = outcome
        .warnings()
        .into_iter()
        .filter(|warning| warning.path.starts_with("content/courses/top"))
        .collect();
    assert!(ours.is_empty(), "{ours:?}");
    let html = site.read("courses/top/reference/index.html");
    assert!(html.contains("href=\"/courses/top/intro/\""), "{html}");
    assert!(
        html.contains("href=\"/courses/top/setup/#install\""),
        "{html}"
    );
}

#[test]
fn a_quarto_books_links_to_another_chapters_ids_reach_that_chapter() {
    // A Quarto book resolves `#sec-id` across its chapters; the course's
    // chapters are pages of their own, so the link names the page.
    let site = site();
    import_book(
        &site,
        &[
        (
            "_quarto.yml",
            b"book:\n  title: \"Linked chapters\"\n  chapters:\n    - index.qmd\n    - basics.qmd\n    - data.qmd\n",
        ),
        ("index.qmd", b"# Preface {.unnumbered}\n\nA book.\n"),
        (
            "basics.qmd",
            b"# The basics {#sec-basics}\n\nSee [the loading](#sec-loading), [this chapter](#sec-basics) and [the tips](#tips).\n\n::: {#tips}\nTips.\n:::\n",
        ),
        ("data.qmd", b"# Data\n\n## Loading {#sec-loading}\n\nBack to [the basics](#sec-basics).\n"),
        ],
        "courses/linked",
    );
    let basics = written(&site, "content/courses/linked/01-basics.md");
    assert!(
        basics.contains("[the loading](02-data.md#sec-loading), [this chapter](01-basics.md) and [the tips](#tips)"),
        "{basics}"
    );
    let data = written(&site, "content/courses/linked/02-data.md");
    assert!(data.contains("[the basics](01-basics.md)"), "{data}");
    site.build().assert_ok();
    let html = site.read("courses/linked/basics/index.html");
    assert!(
        html.contains("href=\"/courses/linked/data/#sec-loading\""),
        "{html}"
    );
}

#[test]
fn a_quarto_books_cross_references_become_links_to_what_they_name() {
    // Quarto writes `@sec-id` as "Section 2.1" and `@fig-id` as "Figure
    // 1.1"; Hearth numbers neither, so each is a link worded by the
    // heading's title or the label's kind. One naming nothing is noted.
    let site = site();
    let imported = import_book(
        &site,
        &[
        (
            "_quarto.yml",
            b"book:\n  title: \"Referenced\"\n  chapters:\n    - index.qmd\n    - maps.qmd\n    - uses.qmd\n",
        ),
        ("index.qmd", b"# Preface {.unnumbered}\n\nA book.\n"),
        (
            "maps.qmd",
            b"# Maps {#sec-maps}\n\n## Reading a map {#sec-reading}\n\n![A street map of the town centre](map.png){#fig-town}\n\nAs @fig-town shows.\n\n| Map | Scale |\n|---|---|\n| Town | 1:5000 |\n\n: The maps and their scales {#tbl-scales}\n",
        ),
        (
            "uses.qmd",
            b"# Uses\n\nRead @sec-maps first, then [@sec-reading]; @fig-town is the map.\nScales are in @tbl-scales.\nThe plot in @fig-made-by-code is drawn by R.\n\n```\n@sec-maps stays in code\n```\n",
        ),
        ("map.png", PNG),
        ],
        "courses/refs",
    );
    let uses = written(&site, "content/courses/refs/02-uses.md");
    assert!(
        uses.contains("Read [Maps](01-maps.md) first, then [Reading a map](01-maps.md#sec-reading); [the figure](01-maps.md#fig-town) is the map."),
        "{uses}"
    );
    assert!(uses.contains("@sec-maps stays in code"), "{uses}");
    assert!(uses.contains("@fig-made-by-code"), "{uses}");
    let maps = written(&site, "content/courses/refs/01-maps.md");
    assert!(maps.contains("As [the figure](#fig-town) shows."), "{maps}");
    assert_eq!(
        files_noted(&imported, NoteKind::Link),
        vec![Some("uses.qmd".to_string())]
    );
    site.build().assert_ok();
    let html = site.read("courses/refs/uses/index.html");
    assert!(
        html.contains("href=\"/courses/refs/maps/#fig-town\""),
        "{html}"
    );
    let maps = site.read("courses/refs/maps/index.html");
    assert!(maps.contains("id=\"fig-town\""), "{maps}");
    assert!(maps.contains("id=\"tbl-scales\""), "{maps}");
    assert!(!maps.contains("{#tbl-scales}"), "{maps}");
    assert!(
        html.contains("href=\"/courses/refs/maps/#tbl-scales\""),
        "{html}"
    );
}

#[test]
fn a_chunk_that_only_shows_a_picture_comes_across_as_the_picture() {
    // A Quarto book shows a diagram through a code chunk; the import runs
    // no code, so it writes the picture, and a cross-reference to the
    // chunk's label reaches it.
    let site = site();
    let imported = import_book(
        &site,
        &[
        (
            "_quarto.yml",
            b"book:\n  title: \"Diagrams\"\n  chapters:\n    - index.qmd\n    - cycle.qmd\n",
        ),
        ("index.qmd", b"# Preface {.unnumbered}\n\nA book.\n"),
        (
            "cycle.qmd",
            b"# The cycle\n\n```{r}\n#| label: fig-cycle\n#| echo: false\n#| fig-cap: The cycle of care.\n#| fig-alt: A circle of four arrows.\nknitr::include_graphics(\"diagrams/cycle.png\")\n```\n\nAs @fig-cycle shows.\n",
        ),
        ("diagrams/cycle.png", PNG),
        ],
        "courses/diagrams",
    );
    assert_eq!(
        files_noted(&imported, NoteKind::Link),
        Vec::<Option<String>>::new()
    );
    site.build().assert_ok();
    let html = site.main_of("courses/diagrams/cycle/index.html");
    assert!(!html.contains("include_graphics"), "{html}");
    assert!(html.contains("alt=\"A circle of four arrows.\""), "{html}");
    assert!(html.contains("id=\"fig-cycle\""), "{html}");
    assert!(html.contains("<em>The cycle of care.</em>"), "{html}");
    assert!(html.contains("href=\"#fig-cycle\""), "{html}");
}

/// Writes a Quarto book of `files` beside `site` and imports it into the
/// course folder `into`.
fn import_book(site: &TestSite, files: &[(&str, &[u8])], into: &str) -> Imported {
    let dir = site.root.parent().expect("a parent").join("book");
    lesson(&dir, files);
    import::run(&ImportOptions {
        into: Some(PathBuf::from(into)),
        ..options(site, dir, None, None)
    })
    .unwrap_or_else(|e| panic!("{e}"))
}

/// (written file, line) of every note of `kind`, in order.
fn written_places(imported: &Imported, kind: NoteKind) -> Vec<(String, usize)> {
    imported
        .notes
        .iter()
        .filter(|note| note.kind == kind)
        .filter_map(|note| note.written.as_ref())
        .map(|(path, line, _)| (path.replace('\\', "/"), *line))
        .collect()
}

/// The line (1-based) of the first occurrence of `needle` in `text`.
fn line_of(text: &str, needle: &str) -> usize {
    let at = text
        .find(needle)
        .unwrap_or_else(|| panic!("{needle:?} in\n{text}"));
    text[..at].matches('\n').count() + 1
}

#[test]
fn a_lessons_own_broken_links_are_mended_and_noted_so_the_course_builds() {
    let site = site();
    let introduction = "---\ntitle: 'Introduction'\nteaching: 5\nexercises: 0\n---\n\n## First words\n\n## GitHub's guide\n\n## Where to start\n\nSee [the guide](#githubs-guide), [the start](#where-to-start-1),\n[setup](../learners/setup.md#no-such-part), [nothing](#nowhere)\nand [an old page](../old/page.md).\n\n![A frozen plum](fig/missing.png){alt='Plums' width=\"50%\"}\n\nThe end.\n";
    let imported = import_talk(&site, introduction);
    let first = written(&site, "content/courses/talk/01-introduction.md");
    assert!(
        first.contains("See [the guide](#github-s-guide), [the start](#where-to-start),\n[setup](setup.md), nothing\nand an old page.\n\n\n\nThe end.\n"),
        "{first}"
    );
    let file = "content/courses/talk/01-introduction.md";
    let line = |needle: &str| line_of(&first, needle);
    let (see, setup, end) = (line("See [the"), line("[setup]"), line("The end."));
    assert_eq!(
        written_places(&imported, NoteKind::Link),
        [see, see, setup, setup, setup + 1, end - 2].map(|line| (file.to_string(), line))
    );
    assert_eq!(
        files_noted(&imported, NoteKind::Link),
        vec![Some("episodes/introduction.md".to_string()); 6]
    );
    site.build().assert_ok();
}

#[test]
fn a_lesson_picture_without_alt_text_is_noted_where_the_build_stops_on_it() {
    let site = site();
    let introduction = "---\ntitle: 'Introduction'\nteaching: 5\nexercises: 0\n---\n\nA chart:\n\n![](fig/circle.png)\n\n![](fig/circle.png){alt='A circle of chairs'}\n";
    let imported = import_talk(&site, introduction);
    let file = "content/courses/talk/01-introduction.md";
    let line = line_of(&written(&site, file), "![](fig/circle.png)\n");
    assert_eq!(
        written_places(&imported, NoteKind::MissingAlt),
        [(file.to_string(), line)]
    );
    assert_eq!(
        site.build().error_places(),
        [(ErrorKind::Check(Rule::ImageAlt), file.to_string(), line)]
    );
}
