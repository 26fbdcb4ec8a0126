//! The rules of a catalog year or region (`rules.toml`, beside the code lists): which economic
//! codes are 人员支出, the 三公 codes, where basic and project money normally sits, what counts as
//! 机关运行经费, which sources fit which codes, the 类 lines of the overview tables, the 项目类型,
//! the indicator framework of 财预〔2021〕101号 (with the roles the goal checks give its
//! indicators) and the built-in 名词解释.
//!
//! Read once into the typed `Rules`; checks, views and writers ask it, never a constant. A file
//! that does not parse or holds a wrong value is a `CatalogError` with its line.

use super::catalog_error::{toml_message, CatalogError};
use super::{BasicKind, Source, ThreePublicKind, UnitKind};
use crate::diag::{t, Text};
use serde::Deserialize;
use std::collections::{BTreeMap, BTreeSet};
use std::ops::Range;
use toml::Spanned;

/// The name of the rules file in a catalog folder.
pub const RULES_FILE: &str = "rules.toml";

/// The rules of one catalog.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Rules {
    /// 人员支出: economic code prefixes; every other economic code is 日常公用支出.
    pub personnel_classes: Vec<String>,
    /// Economic codes counted as 日常公用支出 although a personnel class holds them (the longer
    /// prefix decides).
    pub public_codes: Vec<String>,
    /// The unit kinds whose basic 公用 spending is 机关运行经费.
    pub operating_cost_kinds: Vec<UnitKind>,
    /// The economic prefixes of the 公用 spending 机关运行经费 counts (empty: all of it).
    pub operating_cost_codes: Vec<String>,
    /// W0307: words in the name of a functional 项 that normally holds basic spending.
    pub basic_code_names: Vec<String>,
    /// W0307: functional code prefixes that normally hold basic spending.
    pub basic_code_prefixes: Vec<String>,
    /// W0308: names of the functional 项 that hold basic spending only.
    pub basic_only_names: Vec<String>,
    /// 机关运行经费: the sources whose basic 日常公用支出 it is.
    pub operating_cost_sources: Vec<Source>,
    /// “三公”: economic 款 → the item it pays for.
    pub three_public: BTreeMap<String, ThreePublicKind>,
    /// E0309: a source whose money sits only on functional codes with one of these prefixes.
    pub source_codes: Vec<(Source, Vec<String>)>,
    /// The 类 lines the two-sided overview tables always list.
    pub table_classes: Vec<String>,
    /// 项目类型.
    pub project_kinds: Vec<String>,
    /// The indicator framework, in order.
    pub indicators: Vec<IndicatorClass>,
    /// What the goal checks take an indicator for, by its 一级 or 二级.
    pub indicator_roles: IndicatorRoles,
    /// 名词解释, in order.
    pub glossary: Vec<GlossaryTerm>,
}

/// 一级指标 with its 二级指标.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IndicatorClass {
    pub level1: String,
    pub level2: Vec<String>,
    /// Every performance goal needs an indicator of this 一级 (W0402).
    pub required: bool,
}

/// What the goal checks take an indicator for.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct IndicatorRoles {
    /// W0405, W0406: its value is a number with a unit.
    pub measured: Role,
    /// W0408: its target is a lower bound (≥).
    pub lower_bound: Role,
    /// W0210: a money value in it is money of the project.
    pub money: Role,
    /// W0211, W0212: it says what the project's money is spent on (a sum or a unit cost).
    pub cost: Role,
    /// W0212: it counts what a unit cost is paid for.
    pub count: Role,
    /// W0215: money in it is an outcome (investment attracted, income raised), not money the
    /// project spends: it is not held against the project amount.
    pub outcome: Role,
}

/// The indicators that have a role: those whose 一级 or whose 二级 is listed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Role {
    pub level1: Vec<String>,
    pub level2: Vec<String>,
}

impl Role {
    /// True when an indicator of this 一级 and 二级 has the role.
    pub fn covers(&self, level1: &str, level2: &str) -> bool {
        self.level1.iter().any(|l| l == level1) || self.level2.iter().any(|l| l == level2)
    }
}

/// One entry of the built-in 名词解释.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GlossaryTerm {
    pub term: String,
    pub text: String,
}

impl Rules {
    /// 人员支出 or 日常公用支出, by the economic code.
    pub fn basic_kind(&self, econ: &str) -> BasicKind {
        let longest = |codes: &[String]| {
            codes
                .iter()
                .filter(|p| econ.starts_with(p.as_str()))
                .map(String::len)
                .max()
        };
        match (
            longest(&self.personnel_classes),
            longest(&self.public_codes),
        ) {
            (Some(p), Some(q)) if p > q => BasicKind::Personnel,
            (Some(_), None) => BasicKind::Personnel,
            _ => BasicKind::Public,
        }
    }

    /// Whether 机关运行经费 covers a unit of this kind.
    pub fn has_operating_cost(&self, kind: UnitKind) -> bool {
        self.operating_cost_kinds.contains(&kind)
    }

    /// The 三公 item an economic code pays for, if any.
    pub fn three_public_kind(&self, econ: &str) -> Option<ThreePublicKind> {
        self.three_public.get(econ).copied()
    }

    /// True when basic spending normally sits on this functional 项 (W0307).
    pub fn holds_basic_spending(&self, code: &str, name: &str) -> bool {
        self.basic_code_names
            .iter()
            .any(|n| name.contains(n.as_str()))
            || self.basic_code_prefixes.iter().any(|p| code.starts_with(p))
    }

    /// True when a functional 项 of this name holds basic spending only (W0308).
    pub fn basic_only(&self, name: &str) -> bool {
        self.basic_only_names.iter().any(|n| n == name)
    }

    /// True when 机关运行经费 counts the 公用 spending of this economic code.
    pub fn operating_cost_code(&self, econ: &str) -> bool {
        self.operating_cost_codes.is_empty()
            || self
                .operating_cost_codes
                .iter()
                .any(|p| econ.starts_with(p.as_str()))
    }

    /// True when the basic 日常公用支出 of this source is 机关运行经费.
    pub fn operating_cost_source(&self, source: Source) -> bool {
        self.operating_cost_sources.contains(&source)
    }

    /// The functional prefixes the money of a source must sit under, when restricted (E0309).
    pub fn source_codes(&self, source: Source) -> Option<&[String]> {
        self.source_codes
            .iter()
            .find(|(s, _)| *s == source)
            .map(|(_, codes)| codes.as_slice())
    }

    /// 一级 → its 二级, in order.
    pub fn framework(&self) -> impl Iterator<Item = (&str, &[String])> {
        self.indicators
            .iter()
            .map(|c| (c.level1.as_str(), c.level2.as_slice()))
    }

    /// Reads `rules.toml`; `file` names it in errors.
    pub fn parse(file: &str, text: &str) -> Result<Rules, CatalogError> {
        let at = Locator { file, text };
        let raw: RawRules = toml::from_str(text)
            .map_err(|e| at.error(e.span().unwrap_or(0..0), toml_message(e.message())))?;
        at.rules(raw)
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRules {
    basic_spending: RawBasicSpending,
    project_spending: RawProjectSpending,
    operating_cost: RawOperatingCost,
    three_public: RawThreePublic,
    source_codes: Vec<RawSourceCodes>,
    tables: RawTables,
    projects: RawProjects,
    indicators: Vec<RawIndicator>,
    indicator_roles: RawIndicatorRoles,
    glossary: Vec<RawGlossary>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawIndicatorRoles {
    measured: Words,
    lower_bound: Words,
    money: Words,
    cost: Words,
    count: Words,
    /// Optional (a catalog written before it has none).
    #[serde(default)]
    outcome: Words,
}

type Words = Vec<Spanned<String>>;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawBasicSpending {
    personnel: Words,
    /// Economic codes under a personnel class that a region counts as 公用 (optional).
    #[serde(default)]
    public: Words,
    names: Words,
    codes: Words,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawProjectSpending {
    not_on: Words,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawOperatingCost {
    sources: Words,
    /// The unit kinds 机关运行经费 covers (optional: 行政 and 参公).
    #[serde(default)]
    unit_kinds: Words,
    /// The economic prefixes of the 公用 spending it counts (optional: all of it).
    #[serde(default)]
    codes: Words,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawThreePublic {
    abroad: Words,
    vehicle_purchase: Words,
    vehicle_operation: Words,
    reception: Words,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSourceCodes {
    source: Spanned<String>,
    codes: Words,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTables {
    classes: Words,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawProjects {
    kinds: Words,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawIndicator {
    level1: Spanned<String>,
    level2: Spanned<Words>,
    required: bool,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawGlossary {
    term: Spanned<String>,
    text: Spanned<String>,
}

/// Turns byte spans of the rules file into located errors while checking its values.
struct Locator<'a> {
    file: &'a str,
    text: &'a str,
}

impl Locator<'_> {
    fn error(&self, span: Range<usize>, message: Text) -> CatalogError {
        let line = self
            .text
            .get(..span.start)
            .map_or(1, |before| before.matches('\n').count() + 1);
        CatalogError {
            file: self.file.to_string(),
            line,
            message,
        }
    }

    fn rules(&self, raw: RawRules) -> Result<Rules, CatalogError> {
        let mut three_public = BTreeMap::new();
        let t = raw.three_public;
        for (kind, codes) in [
            (ThreePublicKind::Abroad, t.abroad),
            (ThreePublicKind::VehiclePurchase, t.vehicle_purchase),
            (ThreePublicKind::VehicleOperation, t.vehicle_operation),
            (ThreePublicKind::Reception, t.reception),
        ] {
            for code in codes {
                self.code(&code, &[5])?;
                if three_public.insert(code.get_ref().clone(), kind).is_some() {
                    let c = code.get_ref();
                    return Err(self.error(
                        code.span(),
                        t!(
                            "编码 `{c}` 列在两项三公经费下",
                            "code `{c}` pays for two items"
                        ),
                    ));
                }
            }
        }
        let mut source_codes: Vec<(Source, Vec<String>)> = Vec::new();
        for s in raw.source_codes {
            let source = self.source(&s.source)?;
            if source_codes.iter().any(|(x, _)| *x == source) {
                let name = s.source.get_ref();
                return Err(self.error(
                    s.source.span(),
                    t!(
                        "资金来源 `{name}` 出现了两次",
                        "source `{name}` appears twice"
                    ),
                ));
            }
            source_codes.push((source, self.codes(s.codes, &[3, 5, 7])?));
        }
        let indicators = self.indicators(raw.indicators)?;
        Ok(Rules {
            personnel_classes: self.codes(raw.basic_spending.personnel, &[3, 5])?,
            public_codes: self.codes(raw.basic_spending.public, &[3, 5])?,
            operating_cost_kinds: self.unit_kinds(&raw.operating_cost.unit_kinds)?,
            operating_cost_codes: self.codes(raw.operating_cost.codes, &[3, 5])?,
            basic_code_names: self.words(raw.basic_spending.names)?,
            basic_code_prefixes: self.codes(raw.basic_spending.codes, &[3, 5, 7])?,
            basic_only_names: self.words(raw.project_spending.not_on)?,
            operating_cost_sources: raw
                .operating_cost
                .sources
                .iter()
                .map(|s| self.source(s))
                .collect::<Result<_, _>>()?,
            three_public,
            source_codes,
            table_classes: self.codes(raw.tables.classes, &[3])?,
            project_kinds: self.words(raw.projects.kinds)?,
            indicator_roles: self.roles(raw.indicator_roles, &indicators)?,
            indicators,
            glossary: self.glossary(raw.glossary)?,
        })
    }

    fn roles(
        &self,
        raw: RawIndicatorRoles,
        framework: &[IndicatorClass],
    ) -> Result<IndicatorRoles, CatalogError> {
        Ok(IndicatorRoles {
            measured: self.role(raw.measured, framework)?,
            lower_bound: self.role(raw.lower_bound, framework)?,
            money: self.role(raw.money, framework)?,
            cost: self.role(raw.cost, framework)?,
            count: self.role(raw.count, framework)?,
            outcome: self.role(raw.outcome, framework)?,
        })
    }

    /// A role's names, each a 一级 or a 二级 of the framework.
    fn role(&self, names: Words, framework: &[IndicatorClass]) -> Result<Role, CatalogError> {
        let mut role = Role::default();
        for name in names {
            let n = self.word(&name)?;
            if framework.iter().any(|c| c.level1 == n) {
                role.level1.push(n);
            } else if framework.iter().any(|c| c.level2.contains(&n)) {
                role.level2.push(n);
            } else {
                return Err(self.error(
                    name.span(),
                    t!(
                        "`{n}` 既不是 [[indicators]] 的一级指标，也不是二级指标",
                        "`{n}` is neither a 一级 nor a 二级 indicator of [[indicators]]"
                    ),
                ));
            }
        }
        Ok(role)
    }

    /// Non-empty words, each once.
    fn words(&self, list: Words) -> Result<Vec<String>, CatalogError> {
        let mut seen = BTreeSet::new();
        let mut out = Vec::new();
        for w in list {
            let word = self.word(&w)?;
            if !seen.insert(word.clone()) {
                return Err(self.error(w.span(), twice(&word)));
            }
            out.push(word);
        }
        Ok(out)
    }

    /// A non-empty word, trimmed.
    fn word(&self, w: &Spanned<String>) -> Result<String, CatalogError> {
        let word = w.get_ref().trim();
        if word.is_empty() {
            return Err(self.error(w.span(), Text::fixed("值为空", "empty value")));
        }
        Ok(word.to_string())
    }

    /// Codes of the given lengths, each once.
    fn codes(&self, list: Words, lens: &[usize]) -> Result<Vec<String>, CatalogError> {
        for c in &list {
            self.code(c, lens)?;
        }
        self.words(list)
    }

    fn code(&self, code: &Spanned<String>, lens: &[usize]) -> Result<(), CatalogError> {
        let c = code.get_ref();
        if c.bytes().all(|b| b.is_ascii_digit()) && lens.contains(&c.len()) {
            return Ok(());
        }
        let lens: Vec<String> = lens.iter().map(usize::to_string).collect();
        let (zh, en) = (lens.join("、"), lens.join(", "));
        Err(self.error(
            code.span(),
            t!(
                "`{c}` 不是 {zh} 位的编码",
                "`{c}` is not a code of {en} digits"
            ),
        ))
    }

    fn source(&self, s: &Spanned<String>) -> Result<Source, CatalogError> {
        Source::parse(s.get_ref()).ok_or_else(|| {
            let list = Source::ALL.map(Source::keyword).join("、");
            let name = s.get_ref();
            self.error(
                s.span(),
                t!(
                    "未知的资金来源 `{name}`（可用：{list}）",
                    "unknown source `{name}` (sources: {list})"
                ),
            )
        })
    }

    /// Unit kinds by their words; none written: 行政 and 参公.
    fn unit_kinds(&self, words: &[Spanned<String>]) -> Result<Vec<UnitKind>, CatalogError> {
        if words.is_empty() {
            return Ok(vec![
                UnitKind::Administrative,
                UnitKind::CivilServiceManaged,
            ]);
        }
        words
            .iter()
            .map(|w| {
                UnitKind::parse(w.get_ref()).ok_or_else(|| {
                    let name = w.get_ref();
                    self.error(
                        w.span(),
                        t!(
                            "未知的单位性质 `{name}`（可用：行政、参公、事业）",
                            "unknown unit kind `{name}` (kinds: 行政, 参公, 事业)"
                        ),
                    )
                })
            })
            .collect()
    }

    fn indicators(&self, raw: Vec<RawIndicator>) -> Result<Vec<IndicatorClass>, CatalogError> {
        let mut out: Vec<IndicatorClass> = Vec::new();
        for i in raw {
            let level1 = self.word(&i.level1)?;
            if out.iter().any(|c| c.level1 == level1) {
                return Err(self.error(i.level1.span(), twice(&level1)));
            }
            let span = i.level2.span();
            let level2 = self.words(i.level2.into_inner())?;
            if level2.is_empty() {
                return Err(self.error(
                    span,
                    t!(
                        "`{level1}` 没有二级指标",
                        "`{level1}` has no 二级 indicators"
                    ),
                ));
            }
            out.push(IndicatorClass {
                level1,
                level2,
                required: i.required,
            });
        }
        Ok(out)
    }

    fn glossary(&self, raw: Vec<RawGlossary>) -> Result<Vec<GlossaryTerm>, CatalogError> {
        let terms = self.words(raw.iter().map(|g| g.term.clone()).collect())?;
        let mut out = Vec::new();
        for (term, g) in terms.into_iter().zip(raw) {
            let text = self.word(&g.text)?;
            out.push(GlossaryTerm { term, text });
        }
        Ok(out)
    }
}

/// A word written twice where each is once.
fn twice(word: &str) -> Text {
    t!("`{word}` 出现了两次", "`{word}` appears twice")
}

#[cfg(test)]
mod tests;
