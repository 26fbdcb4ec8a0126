//! The WordprocessingML writer: escaping, runs, paragraphs, headings and sections, and the page
//! geometry and fonts they use. Kept plain on purpose: a later issue moves the DOCX to docx-rs.

use std::fmt::Write as _;

// Page geometry in twentieths of a point (A4).
const A4_W: u32 = 11906;
const A4_H: u32 = 16838;
const MARGIN: u32 = 1247; // 2.2 cm
pub(super) const PORTRAIT_TEXT: u32 = A4_W - 2 * MARGIN;
pub(super) const LANDSCAPE_TEXT: u32 = A4_H - 2 * MARGIN;

// Fonts: the official families, with fallbacks declared in fontTable.xml.
pub(super) const TITLE_FONT: &str = "方正小标宋简体";
pub(super) const HEADING_FONT: &str = "黑体";
pub(super) const BODY_FONT: &str = "仿宋_GB2312";
pub(super) const TABLE_FONT: &str = "宋体";

/// Escapes text for XML.
pub(super) fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            // Control characters are not allowed in XML 1.0.
            c if (c as u32) < 0x20 && !matches!(c, '\t' | '\n' | '\r') => {}
            c => out.push(c),
        }
    }
    out
}

#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Align {
    Left,
    Center,
    Right,
    Both,
}

impl Align {
    pub(super) fn val(self) -> &'static str {
        match self {
            Align::Left => "left",
            Align::Center => "center",
            Align::Right => "right",
            Align::Both => "both",
        }
    }
}

/// Run properties: font, size in half-points, bold.
#[derive(Clone, Copy)]
pub(super) struct Font {
    pub(super) east_asia: &'static str,
    pub(super) size: u32,
    pub(super) bold: bool,
}

const BODY: Font = Font {
    east_asia: BODY_FONT,
    size: 32, // 三号 16pt
    bold: false,
};
pub(super) const TABLE_TEXT: Font = Font {
    east_asia: TABLE_FONT,
    size: 18, // 小五 9pt
    bold: false,
};

pub(super) fn rpr(f: Font) -> String {
    format!(
        "<w:rPr><w:rFonts w:ascii=\"Times New Roman\" w:hAnsi=\"Times New Roman\" w:eastAsia=\"{}\" w:cs=\"Times New Roman\"/>{}<w:sz w:val=\"{}\"/><w:szCs w:val=\"{}\"/></w:rPr>",
        f.east_asia,
        if f.bold { "<w:b/><w:bCs/>" } else { "" },
        f.size,
        f.size
    )
}

pub(super) fn run(text: &str, f: Font) -> String {
    format!(
        "<w:r>{}<w:t xml:space=\"preserve\">{}</w:t></w:r>",
        rpr(f),
        esc(text)
    )
}

/// The body being built: paragraphs and tables, with unique paragraph ids and bookmarks.
pub(super) struct Body {
    pub(super) xml: String,
    pub(super) para_id: u32,
    pub(super) bookmark: u32,
    /// Contents entries: (level, text, bookmark name).
    pub(super) toc: Vec<(u8, String, String)>,
}

impl Body {
    pub(super) fn new() -> Self {
        Body {
            xml: String::new(),
            para_id: 0,
            bookmark: 0,
            toc: Vec::new(),
        }
    }

    pub(super) fn next_id(&mut self) -> String {
        self.para_id += 1;
        format!("{:08X}", self.para_id)
    }

    /// A paragraph with properties `ppr` (inside `<w:pPr>`) and inner runs.
    pub(super) fn para(&mut self, ppr: &str, runs: &str) {
        let id = self.next_id();
        let _ = write!(
            self.xml,
            "<w:p w14:paraId=\"{id}\" w14:textId=\"{id}\"><w:pPr>{ppr}</w:pPr>{runs}</w:p>"
        );
    }

    pub(super) fn text(&mut self, text: &str, f: Font, align: Align, indent_first: bool) {
        let ind = if indent_first {
            "<w:ind w:firstLineChars=\"200\" w:firstLine=\"640\"/>"
        } else {
            ""
        };
        let ppr = format!(
            "<w:spacing w:line=\"560\" w:lineRule=\"exact\"/>{ind}<w:jc w:val=\"{}\"/>",
            align.val()
        );
        self.para(&ppr, &run(text, f));
    }

    /// A body paragraph (仿宋 三号, first-line indent, justified).
    pub(super) fn prose(&mut self, text: &str) {
        self.text(text, BODY, Align::Both, true);
    }

    /// A heading with a bookmark, listed in the contents at `level` (0 = part, 1 = section).
    pub(super) fn heading(&mut self, text: &str, level: u8, f: Font, align: Align, in_toc: bool) {
        let ppr = format!(
            "<w:keepNext/><w:spacing w:before=\"240\" w:after=\"120\" w:line=\"560\" w:lineRule=\"exact\"/><w:jc w:val=\"{}\"/><w:outlineLvl w:val=\"{level}\"/>",
            align.val()
        );
        if !in_toc {
            return self.para(&ppr, &run(text, f));
        }
        self.bookmark += 1;
        let name = format!("_Toc{:05}", self.bookmark);
        let runs = format!(
            "<w:bookmarkStart w:id=\"{id}\" w:name=\"{name}\"/>{}<w:bookmarkEnd w:id=\"{id}\"/>",
            run(text, f),
            id = self.bookmark
        );
        self.para(&ppr, &runs);
        self.toc.push((level, text.to_string(), name));
    }

    /// A heading listed in the contents under another text (the tables are numbered there).
    pub(super) fn heading_toc_as(
        &mut self,
        text: &str,
        toc: &str,
        level: u8,
        f: Font,
        align: Align,
        in_toc: bool,
    ) {
        self.heading(text, level, f, align, in_toc);
        if let Some(last) = self.toc.last_mut() {
            last.1 = toc.to_string();
        }
    }

    pub(super) fn page_break(&mut self) {
        self.para("", "<w:r><w:br w:type=\"page\"/></w:r>");
    }

    /// Ends a section: the section properties go into an empty paragraph.
    pub(super) fn section_end(&mut self, landscape: bool) {
        self.para(&sect_pr(landscape), "");
    }
}

pub(super) fn sect_pr(landscape: bool) -> String {
    let (w, h, orient) = if landscape {
        (A4_H, A4_W, " w:orient=\"landscape\"")
    } else {
        (A4_W, A4_H, "")
    };
    format!(
        "<w:sectPr><w:footerReference w:type=\"default\" r:id=\"rIdFooter\"/><w:pgSz w:w=\"{w}\" w:h=\"{h}\"{orient}/><w:pgMar w:top=\"{m}\" w:right=\"{m}\" w:bottom=\"{m}\" w:left=\"{m}\" w:header=\"851\" w:footer=\"851\" w:gutter=\"0\"/><w:cols w:space=\"425\"/><w:docGrid w:type=\"lines\" w:linePitch=\"312\"/></w:sectPr>",
        m = MARGIN
    )
}

/// The contents: one line per heading, with a dot leader and the page number (PAGEREF).
pub(super) fn contents(body: &mut Body) -> String {
    let mut x = String::new();
    let mut inner = Body {
        xml: String::new(),
        para_id: body.para_id + 100_000,
        bookmark: 0,
        toc: Vec::new(),
    };
    inner.heading(
        "目 录",
        0,
        Font {
            east_asia: HEADING_FONT,
            size: 36,
            bold: false,
        },
        Align::Center,
        false,
    );
    let right = PORTRAIT_TEXT;
    for (level, text, name) in &body.toc {
        let f = Font {
            east_asia: if *level == 0 { HEADING_FONT } else { BODY_FONT },
            size: 28,
            bold: false,
        };
        let indent = u32::from(*level) * 420;
        let ppr = format!(
            "<w:tabs><w:tab w:val=\"right\" w:leader=\"dot\" w:pos=\"{right}\"/></w:tabs><w:spacing w:before=\"40\" w:after=\"40\"/><w:ind w:left=\"{indent}\"/>"
        );
        let runs = format!(
            "<w:hyperlink w:anchor=\"{name}\" w:history=\"1\">{}<w:r>{}<w:tab/></w:r><w:r>{}<w:fldChar w:fldCharType=\"begin\"/></w:r><w:r>{}<w:instrText xml:space=\"preserve\"> PAGEREF {name} \\h </w:instrText></w:r><w:r>{}<w:fldChar w:fldCharType=\"separate\"/></w:r><w:r>{}<w:t>1</w:t></w:r><w:r>{}<w:fldChar w:fldCharType=\"end\"/></w:r></w:hyperlink>",
            run(text, f),
            rpr(f),
            rpr(f),
            rpr(f),
            rpr(f),
            rpr(f),
            rpr(f)
        );
        inner.para(&ppr, &runs);
    }
    x.push_str(&inner.xml);
    body.para_id = inner.para_id;
    x
}
