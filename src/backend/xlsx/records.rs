//! The sheets that carry the rest of the facts, so that `budc import` can bring a workbook
//! budc wrote back to the same budget: the projects' own lines (资金, 经济分类, 采购, 三公), the
//! department's header, its 二级单位, the texts, the 上年 figures and the stated figures
//! (收入 lines and 断言). One line per fact; none of them is summed.

use super::facts::{source_name, Fact, List};
use crate::model::{Budget, Procurement, ProcurementKind};

fn text(s: impl Into<String>) -> Fact {
    Fact::Text(s.into())
}

fn list(title: &str, header: Vec<&'static str>, lines: Vec<Vec<Fact>>, b: &Budget) -> List {
    List {
        title: title.into(),
        header,
        lines,
        unit: Some(b.unit().as_str().to_string()),
    }
}

pub fn procurement_kind(k: ProcurementKind) -> &'static str {
    match k {
        ProcurementKind::Goods => "货物",
        ProcurementKind::Works => "工程",
        ProcurementKind::Services => "服务",
    }
}

/// 项目信息: one line per project, with its 资金 (the source of the lines that name none) and
/// the 金额 it states.
pub fn projects(b: &Budget) -> List {
    let lines = b
        .projects
        .iter()
        .map(|p| {
            vec![
                text(p.code.value.clone()),
                text(p.name.value.clone()),
                text(p.unit.as_ref().map(|u| u.value.clone()).unwrap_or_default()),
                text(p.kind.as_ref().map(|k| k.value.clone()).unwrap_or_default()),
                text(source_name(p.source)),
                p.stated_amount
                    .as_ref()
                    .map_or_else(|| text(""), |m| Fact::Amount(m.value)),
            ]
        })
        .collect();
    let header = vec![
        "项目编码",
        "项目名称",
        "单位简称",
        "项目类型",
        "资金来源",
        "项目金额（核对数）",
    ];
    list("项目信息", header, lines, b)
}

/// 项目经济分类: the projects' `经济` lines.
pub fn economics(b: &Budget) -> List {
    let mut lines = Vec::new();
    for p in &b.projects {
        for e in &p.economics {
            lines.push(vec![
                text(p.code.value.clone()),
                text(e.code.code.clone()),
                text(
                    e.code
                        .written_name
                        .as_ref()
                        .map(|n| n.value.clone())
                        .unwrap_or_default(),
                ),
                Fact::Amount(e.amount.value),
            ]);
        }
    }
    let header = vec![
        "项目编码",
        "部门预算支出经济分类科目编码",
        "部门预算支出经济分类科目名称",
        "金额",
    ];
    list("项目经济分类", header, lines, b)
}

fn procurement_line(code: &str, p: &Procurement) -> Vec<Fact> {
    vec![
        text(code),
        text(procurement_kind(p.kind)),
        text(p.func.as_ref().map(|c| c.code.clone()).unwrap_or_default()),
        text(source_name(p.source)),
        Fact::Amount(p.amount.value),
    ]
}

/// 政府采购明细: the 采购 lines of 基本支出 (no 项目编码) and of the projects.
pub fn procurement(b: &Budget) -> List {
    let mut lines: Vec<Vec<Fact>> = b
        .basic_procurement
        .iter()
        .map(|p| procurement_line("", p))
        .collect();
    for project in &b.projects {
        lines.extend(
            project
                .procurement
                .iter()
                .map(|p| procurement_line(&project.code.value, p)),
        );
    }
    let header = vec![
        "项目编码",
        "采购类别",
        "支出功能分类科目编码",
        "资金来源",
        "金额",
    ];
    list("政府采购明细", header, lines, b)
}

/// 三公经费明细: the projects' `三公` lines.
pub fn three_public(b: &Budget) -> List {
    let mut lines = Vec::new();
    for p in &b.projects {
        for t in &p.three_public {
            lines.push(vec![
                text(p.code.value.clone()),
                text(t.kind.name()),
                text(source_name(t.source)),
                Fact::Amount(t.amount.value),
            ]);
        }
    }
    let header = vec!["项目编码", "三公经费种类", "资金来源", "金额"];
    list("项目三公经费", header, lines, b)
}

/// 部门信息: the header lines, and the counts of 资产 and 重点评价.
pub fn department(b: &Budget) -> List {
    let mut lines: Vec<Vec<Fact>> = Vec::new();
    let mut row = |k: &str, v: String| lines.push(vec![text(k), text(v)]);
    row("部门", b.department().to_string());
    row("年度", b.year().to_string());
    row("金额单位", b.unit().as_str().to_string());
    if let Some(c) = &b.catalog_year {
        row("科目版本", c.value.clone());
    }
    if let Some(k) = &b.unit_kind {
        row("单位性质", k.value.keyword().to_string());
    }
    if let Some((count, amount)) = &b.key_evaluation {
        row("重点评价项目数", count.value.to_string());
        row("重点评价金额", format!("{:.2}", amount.value));
    }
    if let Some(a) = &b.assets {
        row(
            "资产截至日期",
            a.as_of
                .as_ref()
                .map(|d| d.value.clone())
                .unwrap_or_default(),
        );
        for (kind, n) in &a.vehicles {
            row(&format!("车辆：{}", kind.value), n.value.to_string());
        }
        if let Some(n) = &a.equipment {
            row("大型设备", n.value.to_string());
        }
        if let Some(n) = &a.equipment_purchase {
            row("购置大型设备", n.value.to_string());
        }
    }
    List {
        title: "部门信息".into(),
        header: vec!["事项", "内容"],
        lines,
        unit: None,
    }
}

/// 二级单位: each sub-unit's short and full name, and its kind where stated.
pub fn sub_units(b: &Budget) -> List {
    let lines = b
        .sub_units
        .iter()
        .map(|u| {
            vec![
                text(u.id.value.clone()),
                text(u.name.value.clone()),
                text(
                    u.kind
                        .as_ref()
                        .map(|k| k.value.keyword())
                        .unwrap_or_default(),
                ),
            ]
        })
        .collect();
    List {
        title: "二级单位".into(),
        header: vec!["单位简称", "单位全称", "单位性质"],
        lines,
        unit: None,
    }
}

/// 文字说明: every paragraph, with the block it belongs to.
pub fn texts(b: &Budget) -> List {
    let mut lines = Vec::new();
    let mut block = |part: &str, name: &str, paragraphs: Vec<&str>| {
        for p in paragraphs {
            lines.push(vec![text(part), text(name), text(p)]);
        }
    };
    block("主要职责", "", values(&b.duties));
    block("机构设置", "", values(&b.organization));
    for r in &b.reasons {
        block("原因", &r.figure.value, values(&r.paragraphs));
    }
    for g in &b.glossary {
        block("名词", &g.term.value, values(&g.paragraphs));
    }
    for e in &b.explanations {
        block("说明", &e.title.value, values(&e.paragraphs));
    }
    if let Some(a) = &b.assets {
        block("资产", "", values(&a.notes));
    }
    List {
        title: "文字说明".into(),
        header: vec!["部分", "名称", "段落"],
        lines,
        unit: None,
    }
}

fn values(v: &[crate::source::Spanned<String>]) -> Vec<&str> {
    v.iter().map(|p| p.value.as_str()).collect()
}

/// 上年数: the 上年 block's figures.
pub fn prior(b: &Budget) -> List {
    let mut lines = Vec::new();
    let p = &b.prior;
    for (name, m) in [
        ("收支", &p.total),
        ("基本支出", &p.basic),
        ("项目支出", &p.project),
        ("机关运行经费", &p.operating_cost),
    ] {
        if let Some(m) = m {
            lines.push(vec![text(name), text(""), Fact::Amount(m.value)]);
        }
    }
    for i in &p.income {
        lines.push(vec![
            text("收入"),
            text(i.source.keyword()),
            Fact::Amount(i.amount.value),
        ]);
    }
    for (kind, m) in &p.three_public {
        lines.push(vec![text("三公"), text(kind.name()), Fact::Amount(m.value)]);
    }
    list("上年数", vec!["事项", "种类", "上年金额"], lines, b)
}

/// 核对数: the figures the budget states to be checked, 收入 lines and 断言, as written.
pub fn stated(b: &Budget) -> List {
    let mut lines: Vec<Vec<Fact>> = b
        .income
        .iter()
        .map(|i| {
            vec![
                text("收入"),
                text(i.source.keyword()),
                text(format!("{:.2}", i.amount.value)),
            ]
        })
        .collect();
    for a in &b.assertions {
        let figure: Vec<&str> = a.figure.iter().map(|w| w.value.as_str()).collect();
        lines.push(vec![
            text("断言"),
            text(figure.join(" ")),
            // As written, with its unit when printed in one (`507.25 万元`): import reads it back.
            text(match &a.printed {
                Some(p) => format!("{} {}", a.value.value, p.unit.value.as_str()),
                None => a.value.value.clone(),
            }),
        ]);
    }
    List {
        title: "核对数".into(),
        header: vec!["类别", "内容", "值"],
        lines,
        unit: Some(b.unit().as_str().to_string()),
    }
}
