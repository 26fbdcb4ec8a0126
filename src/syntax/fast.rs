//! A hand-written recogniser of `grammar/bud.pest`, one line at a time.
//!
//! Each statement rule is transcribed as a function with the same PEG meaning: ordered choice
//! (the first alternative that matches is taken, never revisited), greedy repetition and
//! optionals without backtracking, lookaheads that consume nothing. When it returns a line, pest
//! would have produced the same tree; anything else (`Defer`) goes to pest, which has the last
//! word and explains bad lines. `tests::differential` and the fuzz target `parse_diff` compare
//! both parsers on generated and arbitrary input.
//!
//! All positions are byte offsets into the line; the line is never scanned twice and nothing is
//! allocated but the tree's strings.

use super::ast::*;
use super::{amount_value, trimmed_word, value};
use crate::source::Span;

/// What became of one line. (Returned and moved at once: boxing the line would cost an
/// allocation per line for nothing.)
#[allow(clippy::large_enum_variant)]
pub(super) enum Outcome {
    /// Nothing but spaces and a comment.
    Blank,
    Line(Line),
    /// Not recognised here: pest decides.
    Defer,
}

/// Parses `text[start..end]`, one line without its line break.
pub(super) fn line(text: &str, start: usize, end: usize) -> Outcome {
    let Some(s) = text.get(start..end) else {
        return Outcome::Defer;
    };
    let mut c = Cur {
        s: s.as_bytes(),
        line: s,
        base: start,
        pos: 0,
    };
    // line = indent? ~ (statement ~ osp ~ (comment ~ osp)? ~ &eol | comment | bad_line)?
    let indented = c.sp();
    if c.at_end() || c.peek() == Some(b'#') {
        return Outcome::Blank;
    }
    let from = c.pos;
    let Some(stmt) = statement(&mut c) else {
        return Outcome::Defer;
    };
    let to = c.pos;
    c.osp();
    if !(c.at_end() || c.peek() == Some(b'#')) {
        return Outcome::Defer;
    }
    Outcome::Line(Line {
        indented,
        stmt,
        span: Span::new(start + from, start + to),
    })
}

/// `statement`: the alternatives in the grammar's order; the first that matches is the
/// statement.
fn statement(c: &mut Cur) -> Option<Stmt> {
    type Alt = fn(&mut Cur) -> Option<Stmt>;
    const ALTERNATIVES: &[Alt] = &[
        indicator,
        allocation,
        paragraph,
        basic_line,
        |c| c.keyword_text("部门").map(Stmt::Department),
        |c| c.keyword_then("年度", Cur::year_number).map(Stmt::Year),
        |c| c.keyword_then("金额单位", Cur::word).map(Stmt::MoneyUnit),
        |c| {
            c.keyword_then("科目版本", Cur::year_number)
                .map(Stmt::CatalogYear)
        },
        sub_unit,
        |c| c.keyword_alone("主要职责").then_some(Stmt::DutiesBlock),
        |c| {
            c.keyword_alone("机构设置")
                .then_some(Stmt::OrganizationBlock)
        },
        |c| c.keyword_then("原因", Cur::word).map(Stmt::ReasonBlock),
        |c| c.keyword_text("名词").map(Stmt::GlossaryBlock),
        |c| {
            let (source, amount) = c.keyword_word_amount("收入")?;
            Some(Stmt::Income { source, amount })
        },
        |c| c.keyword_alone("基本支出").then_some(Stmt::BasicBlock),
        |c| c.keyword_alone("上年").then_some(Stmt::PriorBlock),
        prior_figure,
        project,
        |c| c.keyword_then("单位", Cur::word).map(Stmt::ProjectUnit),
        |c| c.keyword_then("类型", Cur::word).map(Stmt::ProjectKind),
        |c| c.keyword_then("资金", Cur::word).map(Stmt::ProjectSource),
        |c| c.keyword_then("金额", Cur::amount).map(Stmt::ProjectAmount),
        economic,
        procurement,
        |c| {
            let (kind, amount) = c.keyword_word_amount("三公")?;
            Some(Stmt::ThreePublic { kind, amount })
        },
        |c| c.keyword_text("目标").map(Stmt::Goal),
        assets_block,
        vehicles,
        |c| {
            c.keyword_then("购置大型设备", Cur::integer)
                .map(Stmt::EquipmentPurchase)
        },
        |c| {
            c.keyword_then("大型设备", Cur::integer)
                .map(Stmt::Equipment)
        },
        key_evaluation,
        assertion,
    ];
    let start = c.pos;
    for alternative in ALTERNATIVES {
        if let Some(stmt) = alternative(c) {
            return Some(stmt);
        }
        c.pos = start;
    }
    None
}

/// `指标 <一级> <二级> | <三级指标> | <指标值> | <评分标准>`
fn indicator(c: &mut Cur) -> Option<Stmt> {
    // "指标" ~ sp ~ word ~ sp ~ word ~ osp ~ sep ~ field ~ sep ~ osp ~ indicator_value ~ osp
    //   ~ sep ~ field
    c.lit("指标")?;
    c.req_sp()?;
    let level1 = c.word()?;
    c.req_sp()?;
    let level2 = c.word()?;
    c.osp();
    c.sep()?;
    let name = c.field();
    c.sep()?;
    c.osp();
    // indicator_value always reaches the next separator or the end of the line.
    let value_start = c.pos;
    let value_end = c.field_end(value_start);
    let text = c.word_between(value_start, value_end);
    let kind = if text.value.is_empty() {
        ValueKind::Empty
    } else {
        value::kind(c.line.get(value_start..value_end)?)
    };
    let value = IndicatorValue { text, kind };
    c.pos = value_end;
    c.osp();
    c.sep()?;
    let criterion = c.field();
    Some(Stmt::Indicator(Indicator {
        level1,
        level2,
        name,
        value,
        criterion,
    }))
}

/// `支出 <功能分类项> [名称] <金额>`
fn allocation(c: &mut Cur) -> Option<Stmt> {
    let (func, amount) = c.keyword_code_name_amount("支出")?;
    Some(Stmt::Allocation { func, amount })
}

/// `经济 <部门经济分类款> [名称] <金额>`
fn economic(c: &mut Cur) -> Option<Stmt> {
    let (econ, amount) = c.keyword_code_name_amount("经济")?;
    Some(Stmt::Economic { econ, amount })
}

/// `> text`
fn paragraph(c: &mut Cur) -> Option<Stmt> {
    // (">" | "＞") ~ (space? ~ text)?
    if c.lit(">").is_none() {
        c.lit("＞")?;
    }
    c.space();
    Some(Stmt::Paragraph(c.text_to_end()))
}

/// `<功能分类项> [名称] <部门经济分类款> [名称] [来源] <金额>`
fn basic_line(c: &mut Cur) -> Option<Stmt> {
    // code ~ (sp ~ !code ~ name)? ~ sp ~ code
    //   ~ (sp ~ name ~ &(sp ~ word ~ sp ~ amount ~ stmt_end))?
    //   ~ (sp ~ !(amount ~ stmt_end) ~ word)? ~ sp ~ amount
    let func_code = c.code()?;
    let func_name = c.optional(|c| {
        c.req_sp()?;
        if c.code_end(c.pos).is_some() {
            return None;
        }
        c.name()
    });
    c.req_sp()?;
    let econ_code = c.code()?;
    let econ_name = c.optional(|c| {
        c.req_sp()?;
        let name = c.name()?;
        let mut ahead = c.clone();
        ahead.req_sp()?;
        ahead.pos = ahead.word_end(ahead.pos)?;
        ahead.req_sp()?;
        ahead.pos = ahead.amount_end(ahead.pos)?;
        ahead.stmt_end().then_some(name)
    });
    let source = c.optional(|c| {
        c.req_sp()?;
        if let Some(end) = c.amount_end(c.pos) {
            let mut ahead = c.clone();
            ahead.pos = end;
            if ahead.stmt_end() {
                return None;
            }
        }
        c.word()
    });
    c.req_sp()?;
    let amount = c.amount()?;
    Some(Stmt::BasicLine {
        func: CodeRef {
            code: func_code,
            name: func_name,
        },
        econ: CodeRef {
            code: econ_code,
            name: econ_name,
        },
        source,
        amount,
    })
}

/// `二级单位 <id> <full name> [kind]`
fn sub_unit(c: &mut Cur) -> Option<Stmt> {
    c.lit("二级单位")?;
    c.req_sp()?;
    let id = c.word()?;
    c.req_sp()?;
    let name = c.word()?;
    let kind = c.optional(|c| {
        c.req_sp()?;
        c.word()
    });
    Some(Stmt::SubUnit { id, name, kind })
}

/// `<收支|基本支出|项目支出|机关运行经费> <金额>`
fn prior_figure(c: &mut Cur) -> Option<Stmt> {
    let start = c.pos;
    ["收支", "基本支出", "项目支出", "机关运行经费"]
        .into_iter()
        .find_map(|k| c.lit(k))?;
    let name = c.word_between(start, c.pos);
    c.req_sp()?;
    let amount = c.amount()?;
    Some(Stmt::PriorFigure { name, amount })
}

/// `项目 <项目编码> <项目名称>`
fn project(c: &mut Cur) -> Option<Stmt> {
    c.lit("项目")?;
    c.req_sp()?;
    // project_code = (!(space | eol) ~ ANY)+
    let start = c.pos;
    let end = c.until_space(start);
    if end == start {
        return None;
    }
    let code = c.word_between(start, end);
    c.pos = end;
    c.req_sp()?;
    let name = c.nonempty_text()?;
    Some(Stmt::Project { code, name })
}

/// `采购 <货物|工程|服务> [<功能分类项>] <金额>`
fn procurement(c: &mut Cur) -> Option<Stmt> {
    // "采购" ~ sp ~ word ~ (sp ~ code ~ &(sp ~ amount))? ~ sp ~ amount
    c.lit("采购")?;
    c.req_sp()?;
    let kind = c.word()?;
    let func = c.optional(|c| {
        c.req_sp()?;
        let code = c.code()?;
        let mut ahead = c.clone();
        ahead.req_sp()?;
        ahead.amount_end(ahead.pos)?;
        Some(code)
    });
    c.req_sp()?;
    let amount = c.amount()?;
    Some(Stmt::Procurement { kind, func, amount })
}

/// `资产 [date]`
fn assets_block(c: &mut Cur) -> Option<Stmt> {
    // "资产" ~ (sp ~ date)? ~ &(osp ~ eol)
    c.lit("资产")?;
    let date = c.optional(|c| {
        c.req_sp()?;
        let start = c.pos;
        c.pos = c.date_end(start)?;
        Some(c.word_between(start, c.pos))
    });
    c.blank_ahead().then_some(Stmt::AssetsBlock(date))
}

/// `车辆 <用途> <数量>`
fn vehicles(c: &mut Cur) -> Option<Stmt> {
    c.lit("车辆")?;
    c.req_sp()?;
    let kind = c.word()?;
    c.req_sp()?;
    let count = c.integer()?;
    Some(Stmt::Vehicles { kind, count })
}

/// `重点评价 <项目数> <金额>`
fn key_evaluation(c: &mut Cur) -> Option<Stmt> {
    c.lit("重点评价")?;
    c.req_sp()?;
    let count = c.integer()?;
    c.req_sp()?;
    let amount = c.amount()?;
    Some(Stmt::KeyEvaluation { count, amount })
}

/// `断言 <figure> = <金额 | text>`
fn assertion(c: &mut Cur) -> Option<Stmt> {
    // "断言" ~ sp ~ figure_ref ~ osp ~ ("=" | "＝") ~ osp ~ (amount | assert_text)
    // figure_ref = ref_word ~ (sp ~ ref_word)*
    c.lit("断言")?;
    c.req_sp()?;
    let mut figure = vec![c.ref_word()?];
    while let Some(w) = c.optional(|c| {
        c.req_sp()?;
        c.ref_word()
    }) {
        figure.push(w);
    }
    c.osp();
    if c.lit("=").is_none() {
        c.lit("＝")?;
    }
    c.osp();
    let value = match c.amount_end(c.pos) {
        Some(end) => {
            let start = c.pos;
            let amount = c.amount()?;
            AssertValue::Amount(amount, c.word_between(start, end))
        }
        None => AssertValue::Text(c.nonempty_text()?),
    };
    Some(Stmt::Assertion { figure, value })
}

/// The length of the grammar's `space` at `p`: ASCII space, tab, U+3000 (E3 80 80).
pub(super) fn space_len(s: &[u8], p: usize) -> usize {
    match s.get(p) {
        Some(b' ' | b'\t') => 1,
        Some(0xE3) if s.get(p + 1..p + 3) == Some(&[0x80, 0x80]) => 3,
        _ => 0,
    }
}

/// The end of `space*` from `p`.
pub(super) fn spaces_end(s: &[u8], mut p: usize) -> usize {
    loop {
        match space_len(s, p) {
            0 => return p,
            n => p += n,
        }
    }
}

/// A cursor over one line.
#[derive(Clone)]
struct Cur<'a> {
    line: &'a str,
    s: &'a [u8],
    /// Offset of the line in the file.
    base: usize,
    pos: usize,
}

impl Cur<'_> {
    fn at_end(&self) -> bool {
        self.pos >= self.s.len()
    }

    fn peek(&self) -> Option<u8> {
        self.s.get(self.pos).copied()
    }

    fn space_len(&self, p: usize) -> usize {
        space_len(self.s, p)
    }

    /// The length of the grammar's `sep` at `p`: `|` or `｜` (EF BD 9C).
    fn sep_len(&self, p: usize) -> usize {
        match self.s.get(p) {
            Some(b'|') => 1,
            Some(0xEF) if self.s.get(p + 1..p + 3) == Some(&[0xBD, 0x9C]) => 3,
            _ => 0,
        }
    }

    /// `boundary = &(space | eol)`
    fn boundary(&self, p: usize) -> bool {
        p >= self.s.len() || self.space_len(p) > 0
    }

    fn spaces_end(&self, p: usize) -> usize {
        spaces_end(self.s, p)
    }

    /// `sp = space+`
    fn sp(&mut self) -> bool {
        let end = self.spaces_end(self.pos);
        let any = end > self.pos;
        self.pos = end;
        any
    }

    fn req_sp(&mut self) -> Option<()> {
        self.sp().then_some(())
    }

    /// `osp = space*`
    fn osp(&mut self) {
        self.pos = self.spaces_end(self.pos);
    }

    /// `space?`
    fn space(&mut self) {
        self.pos += self.space_len(self.pos);
    }

    /// `&(osp ~ eol)`, consuming nothing.
    fn blank_ahead(&self) -> bool {
        self.spaces_end(self.pos) >= self.s.len()
    }

    /// `stmt_end = osp ~ ("#" | eol)`, as a lookahead.
    fn stmt_end(&self) -> bool {
        let p = self.spaces_end(self.pos);
        p >= self.s.len() || self.s[p] == b'#'
    }

    fn lit(&mut self, k: &str) -> Option<()> {
        let k = k.as_bytes();
        if self.s.get(self.pos..self.pos + k.len()) == Some(k) {
            self.pos += k.len();
            Some(())
        } else {
            None
        }
    }

    fn sep(&mut self) -> Option<()> {
        match self.sep_len(self.pos) {
            0 => None,
            n => {
                self.pos += n;
                Some(())
            }
        }
    }

    /// Runs `f`; where it fails, puts the cursor back (`e?` in the grammar).
    fn optional<T>(&mut self, f: impl FnOnce(&mut Self) -> Option<T>) -> Option<T> {
        let start = self.pos;
        let r = f(self);
        if r.is_none() {
            self.pos = start;
        }
        r
    }

    fn word_between(&self, a: usize, b: usize) -> Word {
        trimmed_word(self.line.get(a..b).unwrap_or_default(), self.base + a)
    }

    /// The end of `(!(space | eol) ~ ANY)*` from `p`.
    fn until_space(&self, mut p: usize) -> usize {
        while p < self.s.len() && self.space_len(p) == 0 {
            p += 1;
        }
        p
    }

    /// The end of a `word` (`(!(space | eol | sep) ~ ANY)+`) from `p`.
    fn word_end(&self, mut p: usize) -> Option<usize> {
        let start = p;
        while p < self.s.len() && self.space_len(p) == 0 && self.sep_len(p) == 0 {
            p += 1;
        }
        (p > start).then_some(p)
    }

    fn word(&mut self) -> Option<Word> {
        let start = self.pos;
        self.pos = self.word_end(start)?;
        Some(self.word_between(start, self.pos))
    }

    /// `name = !(amount) ~ (!(space | eol | sep) ~ ANY)+`
    fn name(&mut self) -> Option<Word> {
        if self.amount_end(self.pos).is_some() {
            return None;
        }
        self.word()
    }

    /// `ref_word = (!(space | eol | "=" | "＝") ~ ANY)+`
    fn ref_word(&mut self) -> Option<Word> {
        let start = self.pos;
        let mut p = start;
        while p < self.s.len()
            && self.space_len(p) == 0
            && self.s[p] != b'='
            && self.s.get(p..p + 3) != Some("＝".as_bytes())
        {
            p += 1;
        }
        if p == start {
            return None;
        }
        self.pos = p;
        Some(self.word_between(start, p))
    }

    /// `field = (!(sep | eol) ~ ANY)*`: the end of the field from `p`.
    fn field_end(&self, mut p: usize) -> usize {
        while p < self.s.len() && self.sep_len(p) == 0 {
            p += 1;
        }
        p
    }

    fn field(&mut self) -> Word {
        let start = self.pos;
        self.pos = self.field_end(start);
        self.word_between(start, self.pos)
    }

    /// `text = (!eol ~ ANY)*`
    fn text_to_end(&mut self) -> Word {
        let start = self.pos;
        self.pos = self.s.len();
        self.word_between(start, self.pos)
    }

    /// `nonempty_text = !(space* ~ eol) ~ (!eol ~ ANY)+`
    fn nonempty_text(&mut self) -> Option<Word> {
        if self.blank_ahead() {
            return None;
        }
        Some(self.text_to_end())
    }

    fn digits_end(&self, mut p: usize) -> usize {
        while self.s.get(p).is_some_and(u8::is_ascii_digit) {
            p += 1;
        }
        p
    }

    /// The end of `amount = "-"? ~ ASCII_DIGIT+ ~ ("," ~ ASCII_DIGIT{3})* ~ ("." ~
    /// ASCII_DIGIT+)? ~ boundary` from `p`.
    fn amount_end(&self, mut p: usize) -> Option<usize> {
        if self.s.get(p) == Some(&b'-') {
            p += 1;
        }
        let d = self.digits_end(p);
        if d == p {
            return None;
        }
        p = d;
        while self.s.get(p) == Some(&b',')
            && self
                .s
                .get(p + 1..p + 4)
                .is_some_and(|g| g.iter().all(u8::is_ascii_digit))
        {
            p += 4;
        }
        if self.s.get(p) == Some(&b'.') {
            let d = self.digits_end(p + 1);
            if d > p + 1 {
                p = d;
            }
        }
        self.boundary(p).then_some(p)
    }

    fn amount(&mut self) -> Option<Amount> {
        let start = self.pos;
        let end = self.amount_end(start)?;
        // Out of range: pest's path reports it.
        let (value, scale) = amount_value(self.line.get(start..end)?)?;
        self.pos = end;
        Some(Amount {
            value,
            span: Span::new(self.base + start, self.base + end),
            scale,
        })
    }

    /// `code = ASCII_DIGIT+ ~ boundary` (also `integer`).
    fn code_end(&self, p: usize) -> Option<usize> {
        let d = self.digits_end(p);
        (d > p && self.boundary(d)).then_some(d)
    }

    fn code(&mut self) -> Option<Word> {
        let start = self.pos;
        self.pos = self.code_end(start)?;
        Some(self.word_between(start, self.pos))
    }

    fn integer(&mut self) -> Option<Spanned<u32>> {
        let start = self.pos;
        let end = self.code_end(start)?;
        // Too large: pest's path reports it.
        let value = self.line.get(start..end)?.parse::<u32>().ok()?;
        self.pos = end;
        Some(Spanned::new(
            value,
            Span::new(self.base + start, self.base + end),
        ))
    }

    /// `year_number = ASCII_DIGIT{4} ~ boundary`
    fn year_number(&mut self) -> Option<Word> {
        let start = self.pos;
        let all_digits = self
            .s
            .get(start..start + 4)
            .is_some_and(|d| d.iter().all(u8::is_ascii_digit));
        if !(all_digits && self.boundary(start + 4)) {
            return None;
        }
        self.pos = start + 4;
        Some(self.word_between(start, self.pos))
    }

    /// `ASCII_DIGIT{lo,hi}` from `p`, greedy.
    fn digits_between(&self, p: usize, lo: usize, hi: usize) -> Option<usize> {
        let mut e = p;
        while e - p < hi && self.s.get(e).is_some_and(u8::is_ascii_digit) {
            e += 1;
        }
        (e - p >= lo).then_some(e)
    }

    /// The end of `date` from `p`: `2023-12-31` or `2023年12月31日`.
    fn date_end(&self, p: usize) -> Option<usize> {
        let lit = |p: usize, k: &str| {
            (self.s.get(p..p + k.len()) == Some(k.as_bytes())).then_some(p + k.len())
        };
        let y = self.digits_between(p, 4, 4)?;
        let dashed = || {
            let m = self.digits_between(lit(y, "-")?, 1, 2)?;
            self.digits_between(lit(m, "-")?, 1, 2)
        };
        let chinese = || {
            let m = self.digits_between(lit(y, "年")?, 1, 2)?;
            let d = self.digits_between(lit(m, "月")?, 1, 2)?;
            lit(d, "日")
        };
        dashed().or_else(chinese)
    }

    /// `keyword ~ sp ~ <part>`
    fn keyword_then<T>(&mut self, k: &str, part: fn(&mut Self) -> Option<T>) -> Option<T> {
        self.lit(k)?;
        self.req_sp()?;
        part(self)
    }

    /// `keyword ~ sp ~ nonempty_text`
    fn keyword_text(&mut self, k: &str) -> Option<Word> {
        self.keyword_then(k, Self::nonempty_text)
    }

    /// `keyword ~ &(osp ~ eol)`
    fn keyword_alone(&mut self, k: &str) -> bool {
        self.lit(k).is_some() && self.blank_ahead()
    }

    /// `keyword ~ sp ~ word ~ sp ~ amount`
    fn keyword_word_amount(&mut self, k: &str) -> Option<(Word, Amount)> {
        let w = self.keyword_then(k, Self::word)?;
        self.req_sp()?;
        Some((w, self.amount()?))
    }

    /// `keyword ~ sp ~ code ~ (sp ~ name)? ~ sp ~ amount`
    fn keyword_code_name_amount(&mut self, k: &str) -> Option<(CodeRef, Amount)> {
        let code = self.keyword_then(k, Self::code)?;
        let name = self.optional(|c| {
            c.req_sp()?;
            c.name()
        });
        self.req_sp()?;
        let amount = self.amount()?;
        Some((CodeRef { code, name }, amount))
    }
}
