//! A hand-written recogniser of `grammar/bud.pest`, one line at a time.
//!
//! The statements of words only are read from the statement table (`words_only`); each other
//! statement rule is transcribed as a function with the same PEG meaning: ordered choice
//! (the first alternative that matches is taken, never revisited), greedy repetition and
//! optionals without backtracking, lookaheads that consume nothing. When it returns a line, pest
//! would have produced the same tree; anything else (`Defer`) goes to pest, which has the last
//! word and explains bad lines. `tests::differential` and the fuzz target `parse_diff` compare
//! both parsers on generated and arbitrary input.
//!
//! All positions are byte offsets into the line; the line is never scanned twice and nothing is
//! allocated but the tree's strings.

use super::ast::*;
use super::cursor::Cur;
use super::lexical::basic_tail;
use super::statements::{by_keyword, Kind, Part, WordsOf, PRIOR_FIGURES};
use super::value;
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

/// `statement`: the alternatives in the grammar's order (the statements of words only, taken
/// together by `words_only`, match disjoint lines); the first that matches is the statement.
fn statement(c: &mut Cur) -> Option<Stmt> {
    type Alt = fn(&mut Cur) -> Option<Stmt>;
    const ALTERNATIVES: &[Alt] = &[
        indicator,
        allocation,
        paragraph,
        basic_line,
        words_only,
        |c| {
            let (source, amount) = c.keyword_word_amount(Kind::Income.keyword())?;
            Some(Stmt::Income { source, amount })
        },
        project_total,
        prior_figure,
        project,
        |c| {
            c.keyword_then(Kind::ProjectAmount.keyword(), Cur::amount)
                .map(Stmt::ProjectAmount)
        },
        economic,
        procurement,
        three_public,
        assets_block,
        vehicles,
        |c| {
            c.keyword_then(Kind::EquipmentPurchase.keyword(), Cur::integer)
                .map(Stmt::EquipmentPurchase)
        },
        |c| {
            c.keyword_then(Kind::Equipment.keyword(), Cur::integer)
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

/// A statement of words only (`words` in its row of the statement table): its keyword, then its
/// parts, one space before each; a keyword with no parts stands alone on its line. The keywords
/// of these statements are followed by a space or the end of the line, so at most one of them
/// matches a line, wherever it stands among the alternatives.
fn words_only(c: &mut Cur) -> Option<Stmt> {
    let end = c.until_space(c.pos);
    let words = by_keyword(c.line.get(c.pos..end)?)?.words.as_ref()?;
    c.pos = end;
    if words.parts.is_empty() {
        // keyword ~ &(osp ~ eol)
        return c.blank_ahead().then(|| (words.make)(Default::default()))?;
    }
    let mut out: WordsOf = Default::default();
    for (slot, part) in out.iter_mut().zip(words.parts) {
        *slot = match part {
            // (sp ~ word)?
            Part::OptionalWord => c.optional(|c| {
                c.req_sp()?;
                c.word()
            }),
            // (sp ~ name)? ~ &(osp ~ eol)
            Part::OptionalName => {
                let name = c.optional(|c| {
                    c.req_sp()?;
                    c.name()
                });
                if !c.blank_ahead() {
                    return None;
                }
                name
            }
            // sp ~ (word | year_number | nonempty_text)
            part => {
                c.req_sp()?;
                Some(match part {
                    Part::Year => c.year_number()?,
                    Part::Text => c.nonempty_text()?,
                    _ => c.word()?,
                })
            }
        };
    }
    (words.make)(out)
}

/// `指标 <一级> <二级> | <三级指标> | <指标值> | <评分标准>`
fn indicator(c: &mut Cur) -> Option<Stmt> {
    // "指标" ~ sp ~ word ~ sp ~ word ~ osp ~ sep ~ field ~ sep ~ osp ~ indicator_value ~ osp
    //   ~ sep ~ field
    c.lit(Kind::Indicator.keyword())?;
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
    // (sep ~ field)?
    let criterion = c
        .optional(|c| {
            c.sep()?;
            Some(c.field())
        })
        .unwrap_or_else(|| Word::new(String::new(), Span::new(c.base + c.pos, c.base + c.pos)));
    Some(Stmt::Indicator(Indicator {
        level1,
        level2,
        name,
        value,
        criterion,
    }))
}

/// `支出 <功能分类项> [名称] [来源] <金额>`
fn allocation(c: &mut Cur) -> Option<Stmt> {
    // "支出" ~ sp ~ code ~ (sp ~ name ~ &(sp ~ word ~ sp ~ amount ~ stmt_end))?
    //   ~ (sp ~ !(amount ~ stmt_end) ~ word)? ~ sp ~ amount
    let code = c.keyword_then(Kind::Allocation.keyword(), Cur::code)?;
    let name = c.name_before_word_amount();
    let source = c.word_before_amount();
    c.req_sp()?;
    let amount = c.amount()?;
    Some(Stmt::Allocation {
        func: CodeRef { code, name },
        source,
        amount,
    })
}

/// `经济 <部门经济分类款> [名称] <金额>`
fn economic(c: &mut Cur) -> Option<Stmt> {
    let (econ, amount) = c.keyword_code_name_amount(Kind::Economic.keyword())?;
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

/// `<功能分类项> [名称] [<部门经济分类款>] [名称] [来源] [人员经费|公用经费] <金额>`
fn basic_line(c: &mut Cur) -> Option<Stmt> {
    // code ~ (sp ~ !code ~ name)? ~ (sp ~ !(amount ~ stmt_end) ~ code)?
    //   ~ basic_word? ~ basic_word? ~ basic_word? ~ sp ~ amount
    // basic_word = sp ~ !(amount ~ stmt_end) ~ word
    let func_code = c.code()?;
    let mut func_name = c.optional(|c| {
        c.req_sp()?;
        if c.code_end(c.pos).is_some() {
            return None;
        }
        c.name()
    });
    let econ_code = c.optional(|c| {
        c.req_sp()?;
        if c.amount_ends_statement() {
            return None;
        }
        c.code()
    });
    let mut words = Vec::new();
    while words.len() < 3 {
        match c.word_before_amount() {
            Some(w) => words.push(w),
            None => break,
        }
    }
    c.req_sp()?;
    let amount = c.amount()?;
    if econ_code.is_none() {
        // One code: the word taken for its name is one of the words before the amount.
        words.splice(0..0, func_name.take());
    }
    let tail = basic_tail(words)?;
    let (func_name, econ) = match econ_code {
        Some(code) => (
            func_name,
            Some(CodeRef {
                code,
                name: tail.name,
            }),
        ),
        None => (tail.name, None),
    };
    Some(Stmt::BasicLine {
        func: CodeRef {
            code: func_code,
            name: func_name,
        },
        econ,
        source: tail.source,
        split: tail.split,
        amount,
    })
}

/// `项目支出 <功能分类项> [名称] [来源] <金额>`
fn project_total(c: &mut Cur) -> Option<Stmt> {
    // The form of `allocation`, after its own keyword.
    let code = c.keyword_then(Kind::ProjectTotal.keyword(), Cur::code)?;
    let name = c.name_before_word_amount();
    let source = c.word_before_amount();
    c.req_sp()?;
    let amount = c.amount()?;
    Some(Stmt::ProjectTotal {
        func: CodeRef { code, name },
        source,
        amount,
    })
}

/// `<收支|基本支出|项目支出|机关运行经费> <金额>`
fn prior_figure(c: &mut Cur) -> Option<Stmt> {
    let start = c.pos;
    PRIOR_FIGURES.into_iter().find_map(|k| c.lit(k))?;
    let name = c.word_between(start, c.pos);
    c.req_sp()?;
    let amount = c.amount()?;
    Some(Stmt::PriorFigure { name, amount })
}

/// `项目 <项目编码> <项目名称>`
fn project(c: &mut Cur) -> Option<Stmt> {
    c.lit(Kind::Project.keyword())?;
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

/// `采购 <货物|工程|服务> [<功能分类项>] [来源] <金额>`
fn procurement(c: &mut Cur) -> Option<Stmt> {
    // "采购" ~ sp ~ word
    //   ~ (sp ~ code ~ &(sp ~ (!(amount ~ stmt_end) ~ word ~ sp)? ~ amount ~ stmt_end))?
    //   ~ (sp ~ !(amount ~ stmt_end) ~ word)? ~ sp ~ amount
    c.lit(Kind::Procurement.keyword())?;
    c.req_sp()?;
    let kind = c.word()?;
    let func = c.optional(|c| {
        c.req_sp()?;
        let code = c.code()?;
        let mut ahead = c.clone();
        ahead.req_sp()?;
        // (!(amount ~ stmt_end) ~ word ~ sp)?
        let _ = ahead.optional(|a| {
            if a.amount_ends_statement() {
                return None;
            }
            a.pos = a.word_end(a.pos)?;
            a.req_sp()
        });
        ahead.amount_ends_statement().then_some(code)
    });
    let source = c.word_before_amount();
    c.req_sp()?;
    let amount = c.amount()?;
    Some(Stmt::Procurement {
        kind,
        func,
        source,
        amount,
    })
}

/// `三公 <kind> [来源] <金额>`
fn three_public(c: &mut Cur) -> Option<Stmt> {
    // "三公" ~ sp ~ word ~ (sp ~ !(amount ~ stmt_end) ~ word)? ~ sp ~ amount
    let kind = c.keyword_then(Kind::ThreePublic.keyword(), Cur::word)?;
    let source = c.word_before_amount();
    c.req_sp()?;
    let amount = c.amount()?;
    Some(Stmt::ThreePublic {
        kind,
        source,
        amount,
    })
}

/// `资产 [date]`
fn assets_block(c: &mut Cur) -> Option<Stmt> {
    // "资产" ~ (sp ~ date)? ~ &(osp ~ eol)
    c.lit(Kind::AssetsBlock.keyword())?;
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
    c.lit(Kind::Vehicles.keyword())?;
    c.req_sp()?;
    let kind = c.word()?;
    c.req_sp()?;
    let count = c.integer()?;
    Some(Stmt::Vehicles { kind, count })
}

/// `重点评价 <项目数> <金额>`
fn key_evaluation(c: &mut Cur) -> Option<Stmt> {
    c.lit(Kind::KeyEvaluation.keyword())?;
    c.req_sp()?;
    let count = c.integer()?;
    c.req_sp()?;
    let amount = c.amount()?;
    Some(Stmt::KeyEvaluation { count, amount })
}

/// `断言 <figure> = <金额 [unit] | text>`
fn assertion(c: &mut Cur) -> Option<Stmt> {
    // "断言" ~ sp ~ figure_ref ~ osp ~ ("=" | "＝") ~ osp
    //   ~ (amount ~ (sp ~ assert_unit)? | assert_text)
    // figure_ref = ref_word ~ (sp ~ ref_word)*
    c.lit(Kind::Assertion.keyword())?;
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
            let written = c.word_between(start, end);
            // assert_unit = !"#" ~ word
            let unit = c.optional(|c| {
                c.req_sp()?;
                if c.peek() == Some(b'#') {
                    return None;
                }
                c.word()
            });
            AssertValue::Amount(amount, written, unit)
        }
        None => AssertValue::Text(c.nonempty_text()?),
    };
    Some(Stmt::Assertion { figure, value })
}
