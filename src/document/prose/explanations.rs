//! 第三部分 说明 as data: the six sections, their sentences built from `Figures`.

use super::{
    date_words, paragraph, plain, section, sentence, text, Definition, Paragraph, Part, Section,
    Spacing,
};
use crate::document::figures::{Change, Figures};
use crate::model::{Budget, MoneyUnit, ThreePublicKind};
use rust_decimal::Decimal;

/// The reason written under one of `keys` (`原因 三公`), its paragraphs joined.
fn reason_text(b: &Budget, keys: &[&str]) -> Option<String> {
    b.reasons
        .iter()
        .find(|r| keys.contains(&r.figure.value.as_str()))
        .map(|r| r.paragraphs.iter().map(|p| p.value.as_str()).collect())
}

/// Builds the parts of sentences in the budget's unit.
struct Words {
    unit: MoneyUnit,
}

impl Words {
    fn tight(&self, value: Decimal) -> Part {
        Part::Amount {
            value,
            unit: self.unit,
            spacing: Spacing::Tight,
        }
    }

    fn spaced(&self, value: Decimal) -> Part {
        Part::Amount {
            value,
            unit: self.unit,
            spacing: Spacing::Spaced,
        }
    }

    fn change(&self, c: &Change) -> Part {
        Part::Change {
            change: c.change,
            unit: self.unit,
        }
    }

    /// `，比上年减少0.11万元，下降3.55%` (the percentage only when there is one).
    fn against_last_year(&self, c: &Change, parts: &mut Vec<Part>) {
        parts.push(text("，比上年"));
        parts.push(self.change(c));
        push_percent(c, parts);
    }
}

/// `，增长21.68%`, when last year was not zero and the change is not.
fn push_percent(c: &Change, parts: &mut Vec<Part>) {
    if let Some(p) = c.percent.filter(|p| !p.is_zero()) {
        parts.push(text("，"));
        parts.push(Part::Percent(p));
    }
}

/// The sections of 第三部分, in order. The goal tables follow the last subsection.
pub fn explanations(b: &Budget, f: &Figures, glossary: &[Definition]) -> Vec<Section> {
    let w = Words { unit: b.unit() };
    vec![
        changes(b, f, &w),
        three_public(b, f, &w),
        operating_cost(b, f, &w, glossary),
        procurement(b, f, &w),
        assets(b, f),
        performance(b, f, &w),
    ]
}

/// 一、预算收支增减变化情况说明
fn changes(b: &Budget, f: &Figures, w: &Words) -> Section {
    let year = b.year();
    let mut paras = vec![plain(
        "按照综合预算的原则，本部门所有收入和支出均纳入部门预算管理，部门本级和所属单位的收入和支出均包含在部门预算中。",
    )];
    let mut parts = vec![
        text(format!("（一）收入预算：{year}年收入预算")),
        w.tight(f.income_total),
        text("，其中："),
    ];
    for (i, (s, d)) in f.income.iter().enumerate() {
        if i > 0 {
            parts.push(text("，"));
        }
        parts.push(text(s.income_name()));
        parts.push(w.tight(*d));
    }
    parts.push(text("。"));
    paras.push(paragraph(vec![sentence(parts)]));
    paras.push(paragraph(vec![sentence(vec![
        text(format!("（二）支出预算：{year}年支出预算")),
        w.tight(f.expenditure_total),
        text("，其中：基本支出"),
        w.tight(f.basic),
        text("，项目支出"),
        w.tight(f.project),
        text("。"),
    ])]));
    if let Some(total) = &f.total_change {
        paras.extend(change_paragraphs(b, f, w, total));
    }
    section("一、预算收支增减变化情况说明", paras)
}

/// （三）增减变化情况 and its points 1–3.
fn change_paragraphs(b: &Budget, f: &Figures, w: &Words, total: &Change) -> Vec<Paragraph> {
    let year = b.year();
    let mut paras = vec![paragraph(vec![sentence(vec![
        text(format!("（三）增减变化情况：{year}年收支预算")),
        w.tight(total.current),
        text("，较上年预算"),
        w.change(total),
        text("，其中："),
    ])])];
    let mut income = vec![text("1. 收入预算"), w.change(total)];
    if let Some(changes) = &f.income_changes {
        income.push(text("，其中："));
        for (i, (source, c)) in changes.iter().enumerate() {
            if i > 0 {
                income.push(text("，"));
            }
            income.push(text(source.income_name()));
            income.push(w.change(c));
        }
    }
    income.push(text("。"));
    paras.push(paragraph(vec![sentence(income)]));
    let mut spending = vec![text("2. 支出预算"), w.change(total), text("，其中：")];
    for (name, c) in [
        ("基本支出", &f.basic_change),
        ("项目支出", &f.project_change),
    ] {
        if let Some(c) = c {
            spending.push(text(name));
            spending.push(w.change(c));
            spending.push(text("，"));
        }
    }
    spending.push(text("结转下年与上年持平。"));
    paras.push(paragraph(vec![sentence(spending)]));
    if let Some(reason) = reason_text(b, &["收支", "收入", "支出"]) {
        let dir = if total.change >= Decimal::ZERO {
            "增加"
        } else {
            "减少"
        };
        paras.push(plain(format!("3. 收支预算{dir}的主要原因，{reason}")));
    }
    paras
}

/// 二、“三公”经费支出情况
fn three_public(b: &Budget, f: &Figures, w: &Words) -> Section {
    let t = &f.three_public;
    let mut first = vec![
        text(format!(
            "{}年通过一般公共预算财政拨款安排的“三公”经费预算共 ",
            b.year()
        )),
        w.spaced(t.current_total()),
    ];
    if let Some(c) = t.total_change() {
        w.against_last_year(&c, &mut first);
        if let Some(r) = reason_text(b, &["三公", "三公经费", "“三公”经费"]) {
            first.push(text(format!("，主要原因是{}", r.trim_end_matches('。'))));
        }
    }
    first.push(text("。"));
    let intro = paragraph(vec![sentence(first), sentence(vec![text("其中：")])]);
    let item = |k: ThreePublicKind, parts: &mut Vec<Part>| {
        parts.push(text(format!("{} ", k.name())));
        parts.push(w.spaced(t.current(k)));
        let Some(c) = t.change(k) else {
            return;
        };
        if c.change.is_zero() {
            parts.push(text("，与上年基本持平"));
            return;
        }
        w.against_last_year(&c, parts);
        if let Some(r) = reason_text(b, &[k.name()]) {
            parts.push(text(format!("，主要原因是{}", r.trim_end_matches('。'))));
        }
    };
    let mut abroad = vec![text("1. ")];
    item(ThreePublicKind::Abroad, &mut abroad);
    abroad.push(text("。"));
    let mut vehicles = vec![
        text("2. 公务用车购置及运行费 "),
        w.spaced(t.vehicle_total()),
        text("，包括"),
    ];
    item(ThreePublicKind::VehiclePurchase, &mut vehicles);
    vehicles.push(text("；"));
    item(ThreePublicKind::VehicleOperation, &mut vehicles);
    vehicles.push(text("。"));
    let mut reception = vec![text("3. ")];
    item(ThreePublicKind::Reception, &mut reception);
    reception.push(text("。"));
    section(
        "二、“三公”经费支出情况",
        [intro]
            .into_iter()
            .chain([abroad, vehicles, reception].map(|p| paragraph(vec![sentence(p)])))
            .collect(),
    )
}

/// The term 机关运行经费 with its definition from the 名词解释 (the file's own, else the
/// catalog's), in full-width punctuation: the published sentence lists what it covers
/// (包括办公及印刷费、邮电费……以及其他费用).
fn operating_cost_definition(glossary: &[Definition]) -> String {
    const TERM: &str = "机关运行经费";
    let definition = glossary
        .iter()
        .find(|d| d.term == TERM)
        .map(|d| d.text.as_str())
        .unwrap_or(
            "指为保障行政单位（包括参照公务员法管理的事业单位）运行用于购买货物和服务的各项资金。",
        );
    let full_width: String = definition
        .chars()
        .map(|c| match c {
            '(' => '（',
            ')' => '）',
            ',' => '，',
            ';' => '；',
            ':' => '：',
            c => c,
        })
        .collect();
    format!("{TERM}{full_width}")
}

/// 三、机关运行经费情况
fn operating_cost(b: &Budget, f: &Figures, w: &Words, glossary: &[Definition]) -> Section {
    let year = b.year();
    let definition = sentence(vec![text(operating_cost_definition(glossary))]);
    let Some(cost) = f.operating_cost else {
        // No 行政 or 参公 unit: worded as published budgets of 事业单位 word it.
        let who = if b.sub_units.len() > 1 {
            "本部门所属单位均为事业单位"
        } else {
            "本部门为事业单位"
        };
        let none = sentence(vec![text(format!(
            "{who}，不涉及机关运行经费，{year} 年未安排机关运行经费预算。"
        ))]);
        return section(
            "三、机关运行经费情况",
            vec![paragraph(vec![definition, none])],
        );
    };
    let mut sentences = vec![
        definition,
        sentence(vec![
            text(format!("{year} 年本部门机关运行经费安排 ")),
            w.spaced(cost),
            text("。"),
        ]),
    ];
    if let Some(c) = &f.operating_cost_change {
        let mut parts = vec![
            text(format!("较 {} 年预算", year.saturating_sub(1))),
            w.change(c),
        ];
        push_percent(c, &mut parts);
        parts.push(text("。"));
        sentences.push(sentence(parts));
        if let Some(r) = reason_text(b, &["机关运行经费"]) {
            sentences.push(sentence(vec![text(format!("主要原因是：{r}"))]));
        }
    }
    section("三、机关运行经费情况", vec![paragraph(sentences)])
}

/// 四、政府采购情况
fn procurement(b: &Budget, f: &Figures, w: &Words) -> Section {
    let p = paragraph(vec![sentence(vec![
        text(format!("{} 年政府采购预算 ", b.year())),
        w.spaced(f.procurement_total()),
        text("，其中：政府采购货物预算 "),
        w.spaced(f.procurement_goods),
        text("，政府采购工程预算 "),
        w.spaced(f.procurement_works),
        text("，政府采购服务预算 "),
        w.spaced(f.procurement_services),
        text("。"),
    ])]);
    section("四、政府采购情况", vec![p])
}

/// 五、国有资产占有使用情况
fn assets(b: &Budget, f: &Figures) -> Section {
    let mut paras = Vec::new();
    if let Some(a) = &b.assets {
        let as_of = a
            .as_of
            .as_ref()
            .map(|d| date_words(&d.value))
            .unwrap_or_default();
        let mut parts = vec![
            text(format!("截至 {as_of}，本部门共有车辆 ")),
            Part::Count {
                value: u64::from(f.vehicles),
                unit: "辆",
            },
        ];
        let (others, last) = match a.vehicles.split_last() {
            Some((l, rest)) => (rest, Some(l)),
            None => (&a.vehicles[..], None),
        };
        for (i, (k, n)) in others.iter().enumerate() {
            parts.push(text(if i == 0 { "，其中" } else { "、" }));
            parts.push(text(format!("{} ", k.value)));
            parts.push(vehicles(n.value));
        }
        if let Some((k, n)) = last {
            // The template's words for the last use, 其他用车.
            let name = if k.value == "其他用车" {
                "其他按照规定配备的公务用车"
            } else {
                k.value.as_str()
            };
            parts.push(text(format!("，{name} ")));
            parts.push(vehicles(n.value));
        }
        parts.push(text("。"));
        paras.push(paragraph(vec![sentence(parts)]));
        paras.extend(a.notes.iter().map(|n| plain(n.value.as_str())));
        if let Some(e) = &a.equipment {
            paras.push(paragraph(vec![sentence(vec![
                text("单位价值 100 万元以上的设备 "),
                equipment(e.value),
                text("。"),
            ])]));
        }
        if let Some(p) = &a.equipment_purchase {
            let year = b.year();
            paras.push(if p.value == 0 {
                plain(format!(
                    "{year} 年预算未安排购置单位价值 100 万元以上大型设备。"
                ))
            } else {
                paragraph(vec![sentence(vec![
                    text(format!(
                        "{year} 年预算安排购置单位价值 100 万元以上大型设备 "
                    )),
                    equipment(p.value),
                    text("。"),
                ])])
            });
        }
    }
    section("五、国有资产占有使用情况", paras)
}

fn vehicles(n: u32) -> Part {
    Part::Count {
        value: u64::from(n),
        unit: "辆",
    }
}

fn equipment(n: u32) -> Part {
    Part::Count {
        value: u64::from(n),
        unit: "台（件、套）",
    }
}

/// 六、绩效目标情况说明
fn performance(b: &Budget, f: &Figures, w: &Words) -> Section {
    let year = b.year();
    let (count, amount) = b
        .key_evaluation
        .as_ref()
        .map(|(c, a)| (c.value, a.value))
        .unwrap_or_default();
    let p = paragraph(vec![
        sentence(vec![
            text(format!(
                "{} {year} 年项目支出全面实施绩效目标管理，涉及预算项目支出 ",
                b.department()
            )),
            Part::Count {
                value: f.project_count as u64,
                unit: "个",
            },
            text("，预算资金 "),
            w.spaced(f.project),
            text("，其中财政拨款 "),
            w.spaced(f.project_fiscal),
            text("。"),
        ]),
        sentence(vec![
            text("拟对 "),
            Part::Count {
                value: u64::from(count),
                unit: "个",
            },
            text("项目开展部门重点绩效评价，涉及预算资金 "),
            w.spaced(amount),
            text("，其中财政拨款 "),
            w.spaced(amount),
            text("。"),
        ]),
    ]);
    Section {
        title: "六、绩效目标情况说明".to_string(),
        paragraphs: Vec::new(),
        subsections: vec![
            section("（一）预算绩效管理情况", vec![p]),
            section("（二）部门预算项目绩效目标表", Vec::new()),
        ],
    }
}
