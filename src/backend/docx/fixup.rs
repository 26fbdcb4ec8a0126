//! The one post-pass over the XML parts `Docx::build()` returns: what docx-rs 0.4.22 (the
//! version checked) cannot say, added by reading and rewriting the parts as XML events
//! (quick-xml), never by replacing strings. Each fix says why; `docs/upstream/` holds the patch
//! that would let docx-rs say it itself, where there is one.
//!
//! 1. `w:tblHeader` on the header rows of every table: docx-rs has no API for it, and without
//!    it a table's header is not repeated on the next page.
//! 2. Paragraph ids (`w14:paraId`) renumbered in document order: docx-rs takes them from a
//!    thread-local counter, so two documents built in one thread (or the same one built on
//!    another rayon thread) differ, and it can repeat ids, which Word treats as non-conformant.
//! 3. The 目录's page numbers: docx-rs writes the PAGEREF fields with an empty result; this
//!    writes the page the pagination pass found for each heading, and leaves the result empty
//!    where none was found (never a number known to be wrong).
//! 4. `docProps/core.xml`: the title and author of the document (docx-rs writes `unknown` and
//!    has no title setter); its dates are set through docx-rs from the budget year.
//! 5. `word/fontTable.xml`: the official fonts with their fallbacks (`w:altName`) and their
//!    family (serif faces `roman`, so a reader without them substitutes a serif, not a sans);
//!    docx-rs writes a fixed table of Times New Roman, Symbol and Arial.
//! 6. The zip: every part deflated with a fixed timestamp (docx-rs stores them uncompressed,
//!    files ~14× larger), so the same budget gives the same bytes.

use super::Facts;
use docx_rs::XMLDocx;
use quick_xml::events::{BytesEnd, BytesStart, BytesText, Event};
use quick_xml::{Reader, Writer};
use std::collections::BTreeMap;
use std::io::Write as _;

type Result<T> = std::io::Result<T>;

/// The DOCX bytes: the parts of `xml` with the fixes above, deflated. `pages` maps a heading's
/// bookmark to its page number.
pub(super) fn package(
    xml: XMLDocx,
    facts: &Facts,
    pages: &BTreeMap<String, u32>,
) -> Result<Vec<u8>> {
    let mut para_id = 0u32;
    let document = document(&xml.document, &facts.header_rows, pages, &mut para_id)?;
    let footers = xml
        .footers
        .iter()
        .map(|f| para_ids(f, &mut para_id))
        .collect::<Result<Vec<_>>>()?;
    let core = core(&xml.doc_props.core, facts)?;
    let fonts = font_table(&xml.font_table)?;
    let mut parts: Vec<(String, &[u8])> = vec![
        ("[Content_Types].xml".into(), &xml.content_type),
        ("_rels/.rels".into(), &xml.rels),
        ("docProps/app.xml".into(), &xml.doc_props.app),
        ("docProps/core.xml".into(), &core),
        ("docProps/custom.xml".into(), &xml.doc_props.custom),
        ("word/_rels/document.xml.rels".into(), &xml.document_rels),
        ("word/document.xml".into(), &document),
        ("word/styles.xml".into(), &xml.styles),
        ("word/settings.xml".into(), &xml.settings),
        ("word/fontTable.xml".into(), &fonts),
        ("word/comments.xml".into(), &xml.comments),
        ("word/numbering.xml".into(), &xml.numberings),
        ("word/commentsExtended.xml".into(), &xml.comments_extended),
        ("word/footnotes.xml".into(), &xml.footnotes),
    ];
    for (i, h) in xml.headers.iter().enumerate() {
        parts.push((format!("word/header{}.xml", i + 1), h));
    }
    for (i, f) in footers.iter().enumerate() {
        parts.push((format!("word/footer{}.xml", i + 1), f));
        if let Some(rels) = xml.footer_rels.get(i) {
            parts.push((format!("word/_rels/footer{}.xml.rels", i + 1), rels));
        }
    }
    zip(&parts)
}

fn invalid(e: impl std::fmt::Display) -> std::io::Error {
    std::io::Error::new(std::io::ErrorKind::InvalidData, e.to_string())
}

/// Reads `xml` event by event, handing each to `f` with the writer; `f` writes what it keeps.
fn rewrite(
    xml: &[u8],
    mut f: impl FnMut(Event<'_>, &mut Writer<Vec<u8>>) -> Result<()>,
) -> Result<Vec<u8>> {
    let mut reader = Reader::from_reader(xml);
    let mut writer = Writer::new(Vec::with_capacity(xml.len() + xml.len() / 8));
    let mut buf = Vec::new();
    loop {
        let e = reader.read_event_into(&mut buf).map_err(invalid)?;
        if matches!(e, Event::Eof) {
            break;
        }
        f(e, &mut writer)?;
        buf.clear();
    }
    Ok(writer.into_inner())
}

/// Fixes 1–3 on `word/document.xml`.
fn document(
    xml: &[u8],
    header_rows: &[usize],
    pages: &BTreeMap<String, u32>,
    para_id: &mut u32,
) -> Result<Vec<u8>> {
    let mut tbl_depth = 0usize;
    let mut table = 0usize; // top-level tables seen
    let mut row = 0usize; // rows seen in the current top-level table
    let mut in_instr = false;
    let mut pageref: Option<String> = None; // the bookmark of the PAGEREF being read
    let mut in_result: Option<String> = None; // inside its result
    rewrite(xml, |e, w| {
        match e {
            Event::Start(ref s) if s.name().as_ref() == b"w:p" => {
                *para_id += 1;
                return w.write_event(Event::Start(with_para_id(s, *para_id)?));
            }
            Event::Empty(ref s) if s.name().as_ref() == b"w:p" => {
                *para_id += 1;
                return w.write_event(Event::Empty(with_para_id(s, *para_id)?));
            }
            Event::Start(ref s) => match s.name().as_ref() {
                b"w:tbl" => {
                    tbl_depth += 1;
                    if tbl_depth == 1 {
                        table += 1;
                        row = 0;
                    }
                }
                b"w:tr" if tbl_depth == 1 => row += 1,
                b"w:trPr" if is_header(header_rows, table, row, tbl_depth) => {
                    w.write_event(e.borrow())?;
                    w.write_event(Event::Empty(BytesStart::new("w:tblHeader")))?;
                    return Ok(());
                }
                b"w:instrText" => in_instr = true,
                b"w:t" if in_result.is_some() => {
                    w.write_event(e.borrow())?;
                    if let Some(page) = in_result.as_ref().and_then(|b| pages.get(b)) {
                        w.write_event(Event::Text(BytesText::new(&page.to_string())))?;
                    }
                    return Ok(());
                }
                _ => {}
            },
            Event::Empty(ref s) => match s.name().as_ref() {
                b"w:trPr" if is_header(header_rows, table, row, tbl_depth) => {
                    w.write_event(Event::Start(s.borrow()))?;
                    w.write_event(Event::Empty(BytesStart::new("w:tblHeader")))?;
                    w.write_event(Event::End(BytesEnd::new("w:trPr")))?;
                    return Ok(());
                }
                b"w:fldChar" => match field_char(s).as_deref() {
                    Some("separate") => in_result = pageref.take(),
                    Some("end") => in_result = None,
                    _ => {}
                },
                b"w:t" if in_result.is_some() => {
                    if let Some(page) = in_result.as_ref().and_then(|b| pages.get(b)) {
                        w.write_event(Event::Start(s.borrow()))?;
                        w.write_event(Event::Text(BytesText::new(&page.to_string())))?;
                        w.write_event(Event::End(BytesEnd::new("w:t")))?;
                        return Ok(());
                    }
                }
                _ => {}
            },
            Event::End(ref s) => match s.name().as_ref() {
                b"w:tbl" => tbl_depth = tbl_depth.saturating_sub(1),
                b"w:instrText" => in_instr = false,
                _ => {}
            },
            Event::Text(ref t) if in_instr => {
                let instr = t.decode().map_err(invalid)?;
                let mut words = instr.split_whitespace();
                if words.next() == Some("PAGEREF") {
                    pageref = words.next().map(str::to_string);
                }
            }
            // The stored result of a PAGEREF: replaced above.
            Event::Text(_) if in_result.is_some() => return Ok(()),
            _ => {}
        }
        w.write_event(e)
    })
}

/// Fix 2 alone, for the footers: their paragraph ids go on from the document's.
fn para_ids(xml: &[u8], para_id: &mut u32) -> Result<Vec<u8>> {
    rewrite(xml, |e, w| match e {
        Event::Start(ref s) if s.name().as_ref() == b"w:p" => {
            *para_id += 1;
            w.write_event(Event::Start(with_para_id(s, *para_id)?))
        }
        Event::Empty(ref s) if s.name().as_ref() == b"w:p" => {
            *para_id += 1;
            w.write_event(Event::Empty(with_para_id(s, *para_id)?))
        }
        e => w.write_event(e),
    })
}

/// Whether row `row` of top-level table `table` (both counted from 1) is a header row.
fn is_header(header_rows: &[usize], table: usize, row: usize, depth: usize) -> bool {
    depth == 1
        && table
            .checked_sub(1)
            .and_then(|i| header_rows.get(i))
            .is_some_and(|n| row <= *n)
}

fn field_char(s: &BytesStart) -> Option<String> {
    s.try_get_attribute("w:fldCharType")
        .ok()
        .flatten()
        .map(|a| String::from_utf8_lossy(&a.value).into_owned())
}

/// The paragraph with its `w14:paraId` (and `w14:textId`, when present) set to `id`.
fn with_para_id(s: &BytesStart, id: u32) -> Result<BytesStart<'static>> {
    let hex = format!("{id:08X}");
    let mut out = BytesStart::new("w:p");
    for a in s.attributes() {
        let a = a.map_err(invalid)?;
        match a.key.as_ref() {
            b"w14:paraId" | b"w14:textId" => {
                out.push_attribute((a.key.as_ref(), hex.as_bytes()));
            }
            _ => out.push_attribute(a),
        }
    }
    Ok(out.into_owned())
}

/// Fix 4: `docProps/core.xml` with the document's title and author.
fn core(xml: &[u8], facts: &Facts) -> Result<Vec<u8>> {
    let mut in_person = false;
    rewrite(xml, |e, w| {
        match e {
            Event::Start(ref s)
                if matches!(s.name().as_ref(), b"dc:creator" | b"cp:lastModifiedBy") =>
            {
                in_person = true;
                w.write_event(e.borrow())?;
                return w.write_event(Event::Text(BytesText::new(&facts.creator)));
            }
            Event::End(ref s)
                if matches!(s.name().as_ref(), b"dc:creator" | b"cp:lastModifiedBy") =>
            {
                in_person = false;
            }
            Event::Text(_) if in_person => return Ok(()),
            Event::End(ref s) if s.name().as_ref() == b"cp:coreProperties" => {
                w.write_event(Event::Start(BytesStart::new("dc:title")))?;
                w.write_event(Event::Text(BytesText::new(&facts.title)))?;
                w.write_event(Event::End(BytesEnd::new("dc:title")))?;
            }
            _ => {}
        }
        w.write_event(e)
    })
}

/// The official fonts: name, the fallback Word and WPS use (`w:altName`), and the family.
const FONTS: [(&str, &str, &str); 5] = [
    (super::text::TITLE_FONT, "华文中宋", "roman"),
    (super::text::HEADING_FONT, "SimHei", "modern"),
    (super::text::BODY_FONT, "仿宋", "roman"),
    (super::text::KAI_FONT, "楷体", "roman"),
    (super::text::TABLE_FONT, "SimSun", "roman"),
];

/// Fix 5: `word/fontTable.xml` with the official fonts.
fn font_table(xml: &[u8]) -> Result<Vec<u8>> {
    rewrite(xml, |e, w| {
        if let Event::End(ref s) = e {
            if s.name().as_ref() == b"w:fonts" {
                for (name, alt, family) in FONTS {
                    let mut font = BytesStart::new("w:font");
                    font.push_attribute(("w:name", name));
                    w.write_event(Event::Start(font))?;
                    for (tag, val) in [
                        ("w:altName", alt),
                        ("w:charset", "86"),
                        ("w:family", family),
                        ("w:pitch", "variable"),
                    ] {
                        let mut el = BytesStart::new(tag);
                        el.push_attribute(("w:val", val));
                        w.write_event(Event::Empty(el))?;
                    }
                    w.write_event(Event::End(BytesEnd::new("w:font")))?;
                }
            }
        }
        w.write_event(e)
    })
}

/// Fix 6: the parts deflated, with a fixed timestamp.
fn zip(parts: &[(String, &[u8])]) -> Result<Vec<u8>> {
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .last_modified_time(zip::DateTime::default());
    for (name, bytes) in parts {
        zip.start_file(name.as_str(), options)
            .map_err(std::io::Error::other)?;
        zip.write_all(bytes)?;
    }
    let cursor = zip.finish().map_err(std::io::Error::other)?;
    Ok(cursor.into_inner())
}
