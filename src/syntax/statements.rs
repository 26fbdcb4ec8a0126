//! The statement table: every statement of the language, once. Its keyword as spelled, the
//! grammar rule that defines it, the form shown in help texts, and where it may stand (top level,
//! the block it opens, the blocks it belongs in).
//!
//! The fast parser, the pest lowering, `fmt`, the block rules of `model::build`, the help texts
//! of bad lines and the language server read it from here. `grammar/bud.pest` stays the
//! definition: a test checks that every row names a rule of the grammar that starts with the
//! row's keyword.

use super::ast::{Stmt, Word};

/// A block: the indented lines under a statement that opens one belong to it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum BlockKind {
    /// 主要职责
    Duties,
    /// 机构设置
    Organization,
    /// 原因 — why a figure changed from the year before
    Reason,
    /// 名词 — a glossary entry
    Glossary,
    /// 说明 — a section of the 说明 as published
    Explanation,
    /// 基本支出 — basic spending
    Basic,
    /// 上年 — the figures of the year before
    Prior,
    /// 项目 — a project
    Project,
    /// 资产 — state assets
    Assets,
}

/// How the words after a statement's keyword are laid out in canonical form (`fmt`): words one
/// space apart, but text fields are kept as written and amounts and counts are normalised.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Layout {
    /// Words (codes, names, a year, a date), as written.
    Words,
    /// Words; the last is an amount, aligned in a column with the amounts of the lines around.
    Amount,
    /// Words; the last is a count.
    Count,
    /// A count, then an amount (重点评价).
    CountAmount,
    /// This many words, then text to the end of the statement, as written (名称, 目标, a
    /// paragraph).
    Text(usize),
    /// Words, then text fields between separators, as written (指标).
    Fields,
    /// Words, `=`, then an amount or text (断言).
    Equation,
}

/// What follows the keyword of a statement made of words only (a name, a year, a text to the
/// end of the line), one space before each; the fast parser and the pest lowering read these
/// statements from here instead of one arm each.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part {
    /// `word`
    Word,
    /// `(sp ~ word)?`: a last word that may be left out.
    OptionalWord,
    /// `(sp ~ name)? ~ &(osp ~ eol)`: a last word that may be left out and is not an amount.
    OptionalName,
    /// `year_number`
    Year,
    /// `nonempty_text`
    Text,
}

/// The words of a words-only statement, in order (a word left out is `None`).
pub type WordsOf = [Option<Word>; MAX_WORDS];

/// At most this many parts follow a words-only statement's keyword.
pub const MAX_WORDS: usize = 3;

/// A statement made of its keyword and words only: the grammar's parts after the keyword (none:
/// the keyword stands alone on its line, `keyword ~ &(osp ~ eol)`), and how its words make the
/// statement.
pub struct Words {
    pub parts: &'static [Part],
    pub make: fn(WordsOf) -> Option<Stmt>,
}

impl std::fmt::Debug for Words {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Words").field("parts", &self.parts).finish()
    }
}

/// One row of the table.
#[derive(Debug)]
pub struct Statement {
    pub kind: Kind,
    /// The word the line starts with; `None` for lines that start with a code (基本支出 lines)
    /// or a figure's name (上年 figures).
    pub keyword: Option<&'static str>,
    /// The rule of `grammar/bud.pest` that defines the statement.
    pub rule: &'static str,
    /// The statement's form, for help texts and completion.
    pub form: &'static str,
    /// Whether it may stand at the top level, unindented.
    pub top_level: bool,
    /// The block it opens, if any (then it stands at the top level).
    pub opens: Option<BlockKind>,
    /// The blocks it may stand in, indented.
    pub member_of: &'static [BlockKind],
    /// The blocks a help text names when the line stands elsewhere (in this order): those it
    /// may stand in, unless the row says fewer.
    pub named_in_help: &'static [BlockKind],
    /// How `fmt` lays out its words.
    pub layout: Layout,
    /// For a statement of words only: its parts (the fast parser and the lowering read them).
    pub words: Option<Words>,
}

use BlockKind as B;
use Layout as L;
use Part as P;

/// A row of the table without its kind (`statements!` adds it).
pub struct Row {
    keyword: Option<&'static str>,
    rule: &'static str,
    form: &'static str,
    top_level: bool,
    opens: Option<BlockKind>,
    member_of: &'static [BlockKind],
    named_in_help: &'static [BlockKind],
    layout: Layout,
    words: Option<Words>,
}

impl Row {
    const fn of(self, kind: Kind) -> Statement {
        Statement {
            kind,
            keyword: self.keyword,
            rule: self.rule,
            form: self.form,
            top_level: self.top_level,
            opens: self.opens,
            member_of: self.member_of,
            named_in_help: self.named_in_help,
            layout: self.layout,
            words: self.words,
        }
    }

    /// A statement of words only: these parts follow its keyword, and `make` builds it from
    /// their words.
    const fn words(self, parts: &'static [Part], make: fn(WordsOf) -> Option<Stmt>) -> Row {
        Row {
            words: Some(Words { parts, make }),
            ..self
        }
    }

    /// Lays the statement out otherwise than as words (`Layout::Words`).
    const fn laid_out(self, layout: Layout) -> Row {
        Row { layout, ..self }
    }

    /// A top-level statement that may also stand in blocks (收入 in 上年).
    const fn and_member_of(self, blocks: &'static [BlockKind]) -> Row {
        Row {
            member_of: blocks,
            named_in_help: blocks,
            ..self
        }
    }

    /// A member of blocks that may also stand at the top level (in a 公开稿: 三公, 采购).
    const fn also_top_level(self) -> Row {
        Row {
            top_level: true,
            ..self
        }
    }

    /// Names fewer blocks in help texts than the statement may stand in.
    const fn named_in_help(self, blocks: &'static [BlockKind]) -> Row {
        Row {
            named_in_help: blocks,
            ..self
        }
    }
}

/// A statement that stands at the top level.
const fn top(keyword: &'static str, rule: &'static str, form: &'static str) -> Row {
    Row {
        keyword: Some(keyword),
        rule,
        form,
        top_level: true,
        opens: None,
        member_of: &[],
        named_in_help: &[],
        layout: Layout::Words,
        words: None,
    }
}

/// A top-level statement that opens a block.
const fn opens(
    keyword: &'static str,
    rule: &'static str,
    form: &'static str,
    block: BlockKind,
) -> Row {
    Row {
        opens: Some(block),
        ..top(keyword, rule, form)
    }
}

/// A statement that stands, indented, in blocks.
const fn member(
    keyword: Option<&'static str>,
    rule: &'static str,
    form: &'static str,
    blocks: &'static [BlockKind],
) -> Row {
    Row {
        keyword,
        rule,
        form,
        top_level: false,
        opens: None,
        member_of: blocks,
        named_in_help: blocks,
        layout: Layout::Words,
        words: None,
    }
}

/// The table: one line per statement makes its `Kind`, its row of `STATEMENTS` and the arm of
/// `Stmt::kind`, in one order (the order of the keyword list in help texts).
macro_rules! statements {
    ($($kind:ident: $row:expr,)*) => {
        /// What a statement line is: one per statement rule of `grammar/bud.pest`.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum Kind {
            $($kind,)*
        }

        /// Every statement, in the order of `Kind`.
        pub const STATEMENTS: &[Statement] = &[$($row.of(Kind::$kind),)*];

        impl Stmt {
            /// The statement's row in the statement table (`None` for a line that did not parse).
            pub fn kind(&self) -> Option<Kind> {
                match self {
                    $(Stmt::$kind { .. } => Some(Kind::$kind),)*
                    Stmt::Invalid => None,
                }
            }
        }
    };
}

statements! {
    Department: top("部门", "department", "部门 <部门名称>").words(&[P::Text], |[w, ..]| Some(Stmt::Department(w?))).laid_out(L::Text(0)),
    Year: top("年度", "year", "年度 2024").words(&[P::Year], |[w, ..]| Some(Stmt::Year(w?))),
    MoneyUnit: top("金额单位", "money_unit", "金额单位 万元（或 元）").words(&[P::Word], |[w, ..]| Some(Stmt::MoneyUnit(w?))),
    CatalogYear: top("科目版本", "catalog_year", "科目版本 2024").words(&[P::Year], |[w, ..]| Some(Stmt::CatalogYear(w?))),
    Template: top("模板", "template", "模板 <标准|上海|模板文件 .toml 的路径>").words(&[P::Text], |[w, ..]| Some(Stmt::Template(w?))).laid_out(L::Text(0)),
    UnitKind: top("单位性质", "unit_kind", "单位性质 <行政|参公|事业>").words(&[P::Word], |[w, ..]| Some(Stmt::UnitKind(w?))),
    SubUnit: top("二级单位", "sub_unit", "二级单位 <简称> <全称> [行政|参公|事业]").words(&[P::Word, P::Word, P::OptionalWord], |[id, name, kind]| Some(Stmt::SubUnit { id: id?, name: name?, kind })),
    Published: top("公开稿", "published", "公开稿（单独一行：本文件转录公开的预算文本，供审核）").words(&[], |_| Some(Stmt::Published)),
    DutiesBlock: opens("主要职责", "duties_block", "主要职责（单独一行，下面每段一行 “> 文字”）", B::Duties).words(&[], |_| Some(Stmt::DutiesBlock)),
    OrganizationBlock: opens("机构设置", "organization_block", "机构设置（单独一行，下面每段一行 “> 文字”）", B::Organization).words(&[], |_| Some(Stmt::OrganizationBlock)),
    ReasonBlock: opens("原因", "reason_block", "原因 <上年数名称>（下面每段一行 “> 文字”）", B::Reason).words(&[P::Word], |[w, ..]| Some(Stmt::ReasonBlock(w?))),
    GlossaryBlock: opens("名词", "glossary_block", "名词 <名词>（下面每段一行 “> 文字”）", B::Glossary).words(&[P::Text], |[w, ..]| Some(Stmt::GlossaryBlock(w?))).laid_out(L::Text(0)),
    ExplanationBlock: opens("说明", "explanation_block", "说明 <标题>（如 部门预算编制说明；下面每段一行 “> 文字”）", B::Explanation).words(&[P::Text], |[w, ..]| Some(Stmt::ExplanationBlock(w?))).laid_out(L::Text(0)),
    Paragraph: member(Some(">"), "paragraph", "> <一段文字>", &[B::Duties, B::Organization, B::Reason, B::Glossary, B::Explanation, B::Assets]).laid_out(L::Text(0)),
    Income: top("收入", "income", "收入 <来源> <金额>，例如 收入 一般公共预算 16028.22").and_member_of(&[B::Prior]).laid_out(L::Amount),
    BasicBlock: opens("基本支出", "basic_block", "基本支出 [<二级单位简称>]（下面每行 “<功能分类项> [名称] <经济分类款> [名称] [来源] <金额>”）", B::Basic).words(&[P::OptionalName], |[w, ..]| Some(Stmt::BasicBlock(w))),
    BasicLine: member(None, "basic_line", "<功能分类项> [名称] <经济分类款> [名称] [来源] [人员经费|公用经费] <金额>", &[B::Basic]).laid_out(L::Amount),
    Procurement: member(Some("采购"), "procurement", "采购 <货物|工程|服务> [<功能分类项>] [来源] <金额>", &[B::Project, B::Basic]).named_in_help(&[B::Project]).also_top_level().laid_out(L::Amount),
    PriorFile: top("上年文件", "prior_file", "上年文件 <上年的 .bud 文件路径>").words(&[P::Text], |[w, ..]| Some(Stmt::PriorFile(w?))).laid_out(L::Text(0)),
    PriorBlock: opens("上年", "prior_block", "上年（单独一行，下面每行 “收支|基本支出|项目支出|机关运行经费 <金额>” 或 “三公 <种类> <金额>”）", B::Prior).words(&[], |_| Some(Stmt::PriorBlock)),
    ProjectTotal: top("项目支出", "project_total", "项目支出 <功能分类项> [名称] [来源] <金额>（公开稿：按科目公开的项目支出）").laid_out(L::Amount),
    PriorFigure: member(None, "prior_figure", "收支|基本支出|项目支出|机关运行经费 <金额>", &[B::Prior]).laid_out(L::Amount),
    Project: opens("项目", "project", "项目 <项目编码> <项目名称>", B::Project).laid_out(L::Text(1)),
    ProjectUnit: member(Some("单位"), "project_unit", "单位 <二级单位简称>", &[B::Project]).words(&[P::Word], |[w, ..]| Some(Stmt::ProjectUnit(w?))),
    ProjectKind: member(Some("类型"), "project_kind", "类型 <项目类型>，例如 类型 特定目标类", &[B::Project]).words(&[P::Word], |[w, ..]| Some(Stmt::ProjectKind(w?))),
    ProjectSource: member(Some("资金"), "project_source", "资金 <来源>，例如 资金 一般公共预算", &[B::Project]).words(&[P::Word], |[w, ..]| Some(Stmt::ProjectSource(w?))),
    Allocation: member(Some("支出"), "allocation", "支出 <功能分类项编码> [名称] [来源] <金额>，例如 支出 2013202 4153.00", &[B::Project]).laid_out(L::Amount),
    ProjectAmount: member(Some("金额"), "project_amount", "金额 <金额>", &[B::Project]).laid_out(L::Amount),
    Economic: member(Some("经济"), "economic", "经济 <经济分类款编码> [名称] <金额>", &[B::Project]).laid_out(L::Amount),
    ThreePublic: member(Some("三公"), "three_public", "三公 <因公出国（境）费|公务用车购置费|公务用车运行维护费|公务接待费> [来源] <金额>", &[B::Project, B::Prior]).also_top_level().laid_out(L::Amount),
    Goal: member(Some("目标"), "goal", "目标 <绩效目标文字>", &[B::Project]).words(&[P::Text], |[w, ..]| Some(Stmt::Goal(w?))).laid_out(L::Text(0)),
    Indicator: member(Some("指标"), "indicator", "指标 <一级指标> <二级指标> | <三级指标> | <指标值> [| <评分标准>]", &[B::Project]).laid_out(L::Fields),
    AssetsBlock: opens("资产", "assets_block", "资产 [截至日期，如 2023-12-31]", B::Assets),
    Vehicles: member(Some("车辆"), "vehicles", "车辆 <用途> <数量>", &[B::Assets]).laid_out(L::Count),
    Equipment: member(Some("大型设备"), "equipment", "大型设备 <数量>", &[B::Assets]).laid_out(L::Count),
    EquipmentPurchase: member(Some("购置大型设备"), "equipment_purchase", "购置大型设备 <数量>", &[B::Assets]).laid_out(L::Count),
    KeyEvaluation: top("重点评价", "key_evaluation", "重点评价 <项目数> <金额>").laid_out(L::CountAmount),
    Assertion: top("断言", "assertion", "断言 <数名或 表 行 列> = <金额> [元|万元]，例如 断言 项目支出 = 15018.07").laid_out(L::Equation),
}

/// The figures of the 上年 block (`prior_figure_name`): a 上年 line starts with one of them.
pub const PRIOR_FIGURES: [&str; 4] = ["收支", "基本支出", "项目支出", "机关运行经费"];

impl Kind {
    /// The kind's row of the table.
    pub const fn statement(self) -> &'static Statement {
        // `statements!` makes the kinds and the rows from one list, in one order.
        &STATEMENTS[self as usize]
    }

    /// The keyword the statement starts with ("" for lines that start with a code or a name).
    pub const fn keyword(self) -> &'static str {
        match self.statement().keyword {
            Some(k) => k,
            None => "",
        }
    }

    /// How `fmt` lays out the statement's words.
    pub const fn layout(self) -> Layout {
        self.statement().layout
    }

    /// Whether the statement may stand at the top level.
    pub const fn top_level(self) -> bool {
        self.statement().top_level
    }

    /// The block the statement opens.
    pub const fn opens(self) -> Option<BlockKind> {
        self.statement().opens
    }

    /// Whether the statement may stand, indented, in a block.
    pub fn member_of(self, block: BlockKind) -> bool {
        self.statement().member_of.contains(&block)
    }

    /// The blocks the statement belongs in, for help texts: `项目或上年`.
    pub fn home(self) -> String {
        let names: Vec<&str> = self
            .statement()
            .named_in_help
            .iter()
            .map(|b| b.keyword())
            .collect();
        match names.split_last() {
            Some((last, [])) => (*last).to_string(),
            Some((last, rest)) => format!("{}或{last}", rest.join("、")),
            None => String::new(),
        }
    }
}

impl BlockKind {
    /// The keyword of the statement that opens the block: `基本支出`.
    pub fn keyword(self) -> &'static str {
        STATEMENTS
            .iter()
            .find(|s| s.opens == Some(self))
            .and_then(|s| s.keyword)
            .unwrap_or_default()
    }
}

/// Every keyword and the form of its statement, for help texts (in the table's order).
pub fn keywords() -> impl Iterator<Item = (&'static str, &'static str)> {
    STATEMENTS
        .iter()
        .filter_map(|s| s.keyword.map(|k| (k, s.form)))
}

/// The statement a keyword starts: `采购` → `Procurement`. (A line that starts with a code is a
/// 基本支出 line; the names of 上年 figures are not keywords.)
pub fn by_keyword(keyword: &str) -> Option<&'static Statement> {
    STATEMENTS.iter().find(|s| s.keyword == Some(keyword))
}

/// The statement a rule of the grammar defines: `department` → `Department`.
pub fn by_rule(rule: &str) -> Option<&'static Statement> {
    STATEMENTS.iter().find(|s| s.rule == rule)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_are_in_the_order_of_kind() {
        for (i, s) in STATEMENTS.iter().enumerate() {
            assert_eq!(s.kind as usize, i, "{:?}", s.kind);
        }
    }

    #[test]
    fn every_row_is_a_rule_of_the_grammar_that_starts_with_its_keyword() {
        let grammar = include_str!("../../grammar/bud.pest");
        let statement_rule = grammar
            .split("\nstatement = _{")
            .nth(1)
            .and_then(|r| r.split('}').next())
            .expect("the grammar has a statement rule");
        let alternatives: Vec<&str> = statement_rule
            .split('|')
            .map(|a| a.trim())
            .filter(|a| !a.is_empty())
            .collect();
        assert_eq!(alternatives.len(), STATEMENTS.len(), "{alternatives:?}");
        for s in STATEMENTS {
            assert!(
                alternatives.contains(&s.rule),
                "{} is not a statement",
                s.rule
            );
            let head = format!("\n{} = {{", s.rule);
            let body = grammar
                .split(head.as_str())
                .nth(1)
                .unwrap_or_else(|| panic!("no rule {}", s.rule));
            if let Some(k) = s.keyword.filter(|k| *k != ">") {
                assert!(
                    body.trim_start().starts_with(&format!("\"{k}\"")),
                    "{} does not start with “{k}”",
                    s.rule
                );
            }
        }
    }

    #[test]
    fn every_layout_is_the_shape_of_its_rule_in_the_grammar() {
        let grammar = include_str!("../../grammar/bud.pest");
        for s in STATEMENTS {
            let head = format!("\n{} = {{", s.rule);
            let body = grammar
                .split(head.as_str())
                .nth(1)
                .and_then(|b| b.split('}').next())
                .unwrap_or_else(|| panic!("no rule {}", s.rule))
                .trim();
            let expected = |layout: Layout| match layout {
                Layout::Words => !["amount", "integer", "text", "sep", "\"=\""]
                    .iter()
                    .any(|w| body.contains(w)),
                Layout::Amount => body.ends_with("amount") && !body.contains("integer"),
                Layout::Count => body.ends_with("integer"),
                Layout::CountAmount => body.ends_with("integer ~ sp ~ amount"),
                Layout::Text(_) => body.ends_with("nonempty_text") || body.ends_with("text)?"),
                Layout::Fields => body.contains("sep ~ field"),
                Layout::Equation => body.contains("(\"=\" | \"＝\")"),
            };
            assert!(expected(s.layout), "{:?}: {body}", s.kind);
        }
        // The words before the text: 项目 <编码> <名称>.
        assert_eq!(Kind::Project.layout(), Layout::Text(1));
        assert_eq!(Kind::Goal.layout(), Layout::Text(0));
    }

    /// One line of every statement (add a line for a new statement).
    const EVERY_STATEMENT: &str = "部门 甲\n年度 2024\n金额单位 万元\n科目版本 2024\n模板 上海\n单位性质 行政\n上年文件 甲-2023.bud\n二级单位 本级 甲 行政\n主要职责\n  > 文字\n机构设置\n原因 收支\n名词 三公\n说明 部门预算编制说明\n收入 一般公共预算 1\n公开稿\n基本支出\n  2013201 30101 1\n  采购 货物 2013201 1\n项目支出 2013202 1\n上年\n  收支 1\n项目 P1 名\n  单位 本级\n  类型 特定目标类\n  资金 一般公共预算\n  支出 2013202 1\n  金额 1\n  经济 30201 1\n  三公 公务接待费 1\n  目标 文字\n  指标 产出指标 数量指标 | 人数 | ≥10人 | 工作成效\n资产\n  车辆 其他用车 1\n  大型设备 1\n  购置大型设备 1\n重点评价 1 1\n断言 项目支出 = 1\n";

    #[test]
    fn every_statement_has_its_row_and_stands_where_the_row_says() {
        let file = crate::source::SourceFile::new("t.bud", EVERY_STATEMENT);
        let (ast, diags) = crate::syntax::parse(&file);
        assert!(diags.is_empty(), "{diags:?}");
        let mut seen = std::collections::BTreeSet::new();
        let mut block = None;
        for line in ast.lines {
            let kind = line.stmt.kind().expect("a statement");
            assert_eq!(kind.statement().kind, kind);
            if line.indented {
                let b = block.expect("a block above");
                assert!(kind.member_of(b), "{kind:?} in {b:?}");
            } else {
                assert!(kind.top_level(), "{kind:?}");
                block = kind.opens();
            }
            seen.insert(kind);
        }
        assert_eq!(seen.len(), STATEMENTS.len());
    }

    #[test]
    fn the_parts_of_every_statement_of_words_only_are_its_rule_in_the_grammar() {
        let grammar = include_str!("../../grammar/bud.pest");
        let mut n = 0;
        for s in STATEMENTS {
            let Some(words) = &s.words else { continue };
            let head = format!("\n{} = {{", s.rule);
            let body = grammar
                .split(head.as_str())
                .nth(1)
                .and_then(|b| b.split('}').next())
                .unwrap_or_else(|| panic!("no rule {}", s.rule))
                .trim();
            let mut expected = format!("\"{}\"", s.keyword.expect("a keyword"));
            if words.parts.is_empty() {
                expected.push_str(" ~ &(osp ~ eol)");
            }
            for (i, part) in words.parts.iter().enumerate() {
                expected.push_str(match part {
                    Part::Word => " ~ sp ~ word",
                    Part::Year => " ~ sp ~ year_number",
                    Part::Text => " ~ sp ~ nonempty_text",
                    Part::OptionalWord => " ~ (sp ~ word)?",
                    // Not an amount, and nothing after it (`基本支出 1816.79` is a 上年 figure).
                    Part::OptionalName => " ~ (sp ~ name)? ~ &(osp ~ eol)",
                });
                // A word left out is the last (the lowering fills the words in order).
                let last = i + 1 == words.parts.len();
                let optional = matches!(part, Part::OptionalWord | Part::OptionalName);
                assert!(!optional || last, "{:?}", s.kind);
            }
            assert!(words.parts.len() <= MAX_WORDS, "{:?}", s.kind);
            assert_eq!(body, expected, "{:?}", s.kind);
            n += 1;
        }
        assert!(n >= 15, "{n}");
    }

    /// Pest is for bad lines: the fast parser takes a line of every statement.
    #[test]
    fn the_fast_parser_takes_every_statement() {
        for ((start, end), path) in crate::syntax::paths(EVERY_STATEMENT) {
            assert!(
                matches!(path, crate::syntax::Path::Fast | crate::syntax::Path::Blank),
                "{:?}: {path:?}",
                &EVERY_STATEMENT[start..end]
            );
        }
    }

    #[test]
    fn blocks_are_opened_once_and_named_by_their_keyword() {
        assert_eq!(BlockKind::Basic.keyword(), "基本支出");
        assert_eq!(
            Kind::Paragraph.home(),
            "主要职责、机构设置、原因、名词、说明或资产"
        );
        assert_eq!(Kind::ThreePublic.home(), "项目或上年");
        assert_eq!(Kind::Goal.home(), "项目");
        // 采购 stands in 项目 and in 基本支出; help texts have always named 项目 only.
        assert_eq!(Kind::Procurement.home(), "项目");
    }
}
