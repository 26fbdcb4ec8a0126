//! The rules a template overrides (`[rules]`): the personnel / 公用 split, the scope of
//! 机关运行经费 and the 三公 codes. Each list written replaces the catalog year's; what is not
//! written stays as the catalog says.

use super::locator::Locator;
use super::TemplateError;
use crate::diag::t;
use crate::model::rules::Rules;
use crate::model::{Source, ThreePublicKind, UnitKind};
use serde::Deserialize;
use toml::Spanned;

type Words = Vec<Spanned<String>>;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawRules {
    basic_spending: Option<RawBasic>,
    operating_cost: Option<RawOperating>,
    three_public: Option<RawThree>,
    tables: Option<RawTables>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTables {
    classes: Words,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawBasic {
    personnel: Option<Words>,
    public: Option<Words>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawOperating {
    sources: Option<Words>,
    unit_kinds: Option<Words>,
    codes: Option<Words>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawThree {
    abroad: Option<Words>,
    vehicle_purchase: Option<Words>,
    vehicle_operation: Option<Words>,
    reception: Option<Words>,
}

/// What a template says of the rules; `None` (or no entry): as the catalog says.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RuleOverrides {
    /// Economic prefixes of 人员经费.
    pub personnel: Option<Vec<String>>,
    /// Economic codes under a personnel class counted as 公用.
    pub public: Option<Vec<String>>,
    /// The sources whose basic 公用 spending is 机关运行经费.
    pub operating_sources: Option<Vec<Source>>,
    /// The unit kinds 机关运行经费 covers.
    pub operating_kinds: Option<Vec<UnitKind>>,
    /// The economic prefixes of 公用 spending 机关运行经费 counts (empty: all of them).
    pub operating_codes: Option<Vec<String>>,
    /// The 三公 items whose codes are given, with their codes.
    pub three_public: Vec<(ThreePublicKind, Vec<String>)>,
    /// The 类 lines the two-sided overview tables always list (empty: only those with
    /// spending).
    pub table_classes: Option<Vec<String>>,
}

impl RuleOverrides {
    /// True when the template overrides nothing.
    pub fn is_empty(&self) -> bool {
        *self == RuleOverrides::default()
    }

    /// The catalog's rules with the template's written over them.
    pub fn apply(&self, base: &Rules) -> Rules {
        let mut r = base.clone();
        if let Some(p) = &self.personnel {
            r.personnel_classes = p.clone();
        }
        if let Some(p) = &self.public {
            r.public_codes = p.clone();
        }
        if let Some(s) = &self.operating_sources {
            r.operating_cost_sources = s.clone();
        }
        if let Some(k) = &self.operating_kinds {
            r.operating_cost_kinds = k.clone();
        }
        if let Some(c) = &self.operating_codes {
            r.operating_cost_codes = c.clone();
        }
        if let Some(c) = &self.table_classes {
            r.table_classes = c.clone();
        }
        for (kind, codes) in &self.three_public {
            r.three_public.retain(|_, k| k != kind);
            for c in codes {
                r.three_public.insert(c.clone(), *kind);
            }
        }
        r
    }
}

/// Codes of the given lengths, digits only (functional 类 for `[rules.tables]`, economic
/// otherwise).
fn codes(at: &Locator, list: &Words, lens: &[usize]) -> Result<Vec<String>, TemplateError> {
    let mut out = Vec::new();
    for w in list {
        let c = at.text(w)?;
        if !c.bytes().all(|b| b.is_ascii_digit()) || !lens.contains(&c.len()) {
            let lens = lens
                .iter()
                .map(|n| n.to_string())
                .collect::<Vec<_>>()
                .join("/");
            return Err(at.error(
                w.span(),
                t!(
                    "`{c}` 不是 {lens} 位的编码",
                    "`{c}` is not a code of {lens} digits"
                ),
            ));
        }
        out.push(c);
    }
    Ok(out)
}

pub(super) fn raw_overrides(at: &Locator, raw: RawRules) -> Result<RuleOverrides, TemplateError> {
    let mut o = RuleOverrides::default();
    if let Some(b) = raw.basic_spending {
        o.personnel = b.personnel.map(|l| codes(at, &l, &[3, 5])).transpose()?;
        o.public = b.public.map(|l| codes(at, &l, &[3, 5])).transpose()?;
    }
    if let Some(op) = raw.operating_cost {
        if let Some(list) = op.sources {
            let mut v = Vec::new();
            for w in &list {
                let s = Source::parse(w.get_ref().trim()).ok_or_else(|| {
                    let name = w.get_ref();
                    let all = Source::ALL.map(Source::keyword).join("、");
                    at.error(
                        w.span(),
                        t!(
                            "未知的资金来源 `{name}`（可用：{all}）",
                            "unknown source `{name}` (sources: {all})"
                        ),
                    )
                })?;
                v.push(s);
            }
            o.operating_sources = Some(v);
        }
        if let Some(list) = op.unit_kinds {
            let mut v = Vec::new();
            for w in &list {
                let k = UnitKind::parse(w.get_ref().trim()).ok_or_else(|| {
                    let name = w.get_ref();
                    at.error(
                        w.span(),
                        t!(
                            "未知的单位性质 `{name}`（可用：行政、参公、事业）",
                            "unknown unit kind `{name}` (kinds: 行政, 参公, 事业)"
                        ),
                    )
                })?;
                v.push(k);
            }
            o.operating_kinds = Some(v);
        }
        o.operating_codes = op.codes.map(|l| codes(at, &l, &[3, 5])).transpose()?;
    }
    if let Some(t) = raw.three_public {
        for (kind, list) in [
            (ThreePublicKind::Abroad, t.abroad),
            (ThreePublicKind::VehiclePurchase, t.vehicle_purchase),
            (ThreePublicKind::VehicleOperation, t.vehicle_operation),
            (ThreePublicKind::Reception, t.reception),
        ] {
            if let Some(l) = list {
                o.three_public.push((kind, codes(at, &l, &[5])?));
            }
        }
    }
    if let Some(t) = raw.tables {
        o.table_classes = Some(codes(at, &t.classes, &[3])?);
    }
    Ok(o)
}
