//! The facts read from a workbook, written as the statements of a budget: the whole budget, or
//! a base budget with its 基本支出 and 项目 blocks replaced.

use super::super::out::{cell, one_line, word, Out, Word};
use super::super::sheet::{one_word, At};
use super::super::Options;
use super::{Basic, Procurement, Project, Records, SubUnit, V};
use crate::model::{MoneyUnit, Source};
use rust_decimal::Decimal;

fn money(d: Decimal) -> String {
    format!("{:.2}", d)
}

/// The source word of a line, when it is not the default.
fn source_word(s: Source, at: Option<At>, default: Source) -> Word {
    if s == default {
        return word("");
    }
    match at {
        Some(at) => cell(s.keyword(), at),
        None => word(s.keyword()),
    }
}

fn v(x: &V) -> Word {
    cell(x.0.clone(), x.1)
}

fn ov(x: &Option<V>) -> Word {
    x.as_ref().map_or_else(|| word(""), v)
}

impl Records {
    /// The budget's text. With a base, the base's text with its 基本支出 and 项目 blocks
    /// replaced by the workbook's (those the workbook has).
    pub fn write(&mut self, options: &Options) -> Out {
        let mut o = Out::default();
        match options.base.clone() {
            Some(base) => self.write_into(&mut o, &base),
            None => self.write_whole(&mut o, options),
        }
        o
    }

    fn write_whole(&mut self, o: &mut Out, options: &Options) {
        let name = &options.name;
        o.comment(&format!("由 budc import 从 {name} 生成"));
        o.blank();
        let dept = self.department.clone();
        match &dept {
            Some((d, Some(at))) => o.line(0, vec![word("部门"), cell(one_line(d), *at)]),
            Some((d, None)) => o.line(0, vec![word("部门"), word(one_line(d))]),
            None => o.line(0, vec![word("部门"), word("××")]),
        }
        if let Some((y, at)) = &self.year {
            let y = match at {
                Some(at) => cell(one_word(y), *at),
                None => word(one_word(y)),
            };
            o.line(0, vec![word("年度"), y]);
        }
        let unit = self.unit.unwrap_or(MoneyUnit::Yuan);
        o.line(0, vec![word("金额单位"), word(unit.as_str())]);
        for (k, x) in &self.header {
            o.line(0, vec![word(*k), cell(one_word(&x.0), x.1)]);
        }
        self.write_sub_units(o);
        for (part, keyword) in [("主要职责", "主要职责"), ("机构设置", "机构设置")]
        {
            let paragraphs: Vec<&V> = self
                .texts
                .iter()
                .filter(|t| t.0 == part)
                .map(|t| &t.2)
                .collect();
            if !paragraphs.is_empty() {
                o.blank();
                o.line(0, vec![word(keyword)]);
                for p in paragraphs {
                    o.line(1, vec![word(">"), v(p)]);
                }
            }
        }
        let income: Vec<_> = self.stated.iter().filter(|s| s.0 == "收入").collect();
        if !income.is_empty() {
            o.blank();
            for (_, source, amount) in income {
                o.line(0, vec![word("收入"), word(one_word(source)), v(amount)]);
            }
        }
        self.write_basic(o);
        self.write_projects(o);
        self.write_prior(o);
        for part in ["原因", "名词", "说明"] {
            let mut last: Option<&str> = None;
            for (p, name, para) in self.texts.iter().filter(|t| t.0 == part) {
                if last != Some(name.as_str()) {
                    o.blank();
                    o.line(0, vec![word(part), word(one_line(name))]);
                    last = Some(name.as_str());
                }
                let _ = p;
                o.line(1, vec![word(">"), v(para)]);
            }
        }
        self.write_assets(o);
        if let [(_, count), (_, amount)] = self.key_evaluation.as_slice() {
            o.blank();
            o.line(0, vec![word("重点评价"), v(count), v(amount)]);
        }
        let assertions: Vec<_> = self.stated.iter().filter(|s| s.0 == "断言").collect();
        if !assertions.is_empty() {
            o.blank();
            for (_, figure, value) in assertions {
                o.line(
                    0,
                    vec![word("断言"), word(figure.clone()), word("="), v(value)],
                );
            }
        }
    }

    fn write_sub_units(&self, o: &mut Out) {
        let new: Vec<&SubUnit> = self.sub_units.iter().filter(|u| u.at.is_some()).collect();
        if new.is_empty() {
            return;
        }
        o.blank();
        for u in new {
            let at = u.at.unwrap_or(At {
                sheet: 0,
                row: 0,
                col: 0,
            });
            o.line(
                0,
                vec![
                    word("二级单位"),
                    cell(u.id.clone(), at),
                    cell(u.name.clone(), at),
                    ov(&u.kind.as_ref().map(|k| (one_word(&k.0), k.1))),
                ],
            );
        }
    }

    fn write_basic(&self, o: &mut Out) {
        // Blocks of consecutive lines of one unit; the 采购 lines end the first.
        let mut blocks: Vec<(Option<&str>, Vec<&Basic>)> = Vec::new();
        for b in &self.basic {
            match blocks.last_mut() {
                Some((u, lines)) if *u == b.unit.as_deref() => lines.push(b),
                _ => blocks.push((b.unit.as_deref(), vec![b])),
            }
        }
        if blocks.is_empty() && !self.basic_procurement.is_empty() {
            blocks.push((None, Vec::new()));
        }
        for (i, (unit, lines)) in blocks.iter().enumerate() {
            o.blank();
            o.line(0, vec![word("基本支出"), word(unit.unwrap_or_default())]);
            for b in lines {
                basic_line(o, b);
            }
            if i == 0 {
                for p in &self.basic_procurement {
                    procurement(o, p, Source::GeneralPublic);
                }
            }
        }
    }
}

fn basic_line(o: &mut Out, b: &Basic) {
    o.line(
        1,
        vec![
            v(&b.func),
            ov(&b.func_name),
            v(&b.econ),
            ov(&b.econ_name),
            source_word(b.source, b.source_at, Source::GeneralPublic),
            cell(money(b.amount), b.at),
        ],
    );
}

impl Records {
    fn write_projects(&self, o: &mut Out) {
        for p in &self.projects {
            let Some(code) = &p.code else { continue };
            o.blank();
            o.line(0, vec![word("项目"), v(code), ov(&p.name)]);
            if let Some((u, at)) = &p.unit {
                o.line(1, vec![word("单位"), cell(u.clone(), *at)]);
            }
            if let Some(k) = &p.kind {
                o.line(1, vec![word("类型"), v(k)]);
            }
            // 资金: as stated, else the source of most of the lines.
            let default = p.source.map(|s| s.0).unwrap_or_else(|| most_common(p));
            match p.source {
                Some((s, at)) => o.line(1, vec![word("资金"), cell(s.keyword(), at)]),
                None => o.line(1, vec![word("资金"), word(default.keyword())]),
            }
            for a in &p.allocations {
                o.line(
                    1,
                    vec![
                        word("支出"),
                        v(&a.func),
                        ov(&a.name),
                        source_word(a.source, a.source_at, default),
                        cell(money(a.amount), a.at),
                    ],
                );
            }
            if let Some((d, at)) = &p.stated {
                o.line(1, vec![word("金额"), cell(money(*d), *at)]);
            }
            for e in &p.economics {
                o.line(
                    1,
                    vec![
                        word("经济"),
                        v(&e.econ),
                        ov(&e.name),
                        cell(money(e.amount), e.at),
                    ],
                );
            }
            for pr in &p.procurement {
                procurement(o, pr, default);
            }
            for (kind, kat, source, amount, at) in &p.three_public {
                let s =
                    source.map_or_else(|| word(""), |(s, sat)| source_word(s, Some(sat), default));
                o.line(
                    1,
                    vec![
                        word("三公"),
                        cell(kind.name(), *kat),
                        s,
                        cell(money(*amount), *at),
                    ],
                );
            }
            if let Some(g) = &p.goal {
                o.line(1, vec![word("目标"), v(g)]);
            }
            for i in &p.indicators {
                let [l1, l2, l3, value, criterion] = &i.fields;
                let mut words = vec![
                    word("指标"),
                    v(l1),
                    v(l2),
                    word("|"),
                    v(l3),
                    word("|"),
                    v(value),
                ];
                if !criterion.0.is_empty() {
                    words.extend([word("|"), v(criterion)]);
                }
                o.line(1, words);
            }
        }
    }

    fn write_prior(&self, o: &mut Out) {
        if self.prior.is_empty() {
            return;
        }
        o.blank();
        o.line(0, vec![word("上年")]);
        for (item, kind, amount, at) in &self.prior {
            let mut words = vec![word(one_word(item))];
            if !kind.is_empty() {
                words.push(word(one_word(kind)));
            }
            words.push(cell(money(*amount), *at));
            o.line(1, words);
        }
    }

    fn write_assets(&self, o: &mut Out) {
        let notes: Vec<&V> = self
            .texts
            .iter()
            .filter(|t| t.0 == "资产")
            .map(|t| &t.2)
            .collect();
        if self.assets.is_empty() && notes.is_empty() {
            return;
        }
        o.blank();
        let date = self.assets.iter().find(|(k, _)| k == "资产截至日期");
        o.line(
            0,
            vec![
                word("资产"),
                date.map_or_else(|| word(""), |(_, d)| v(&(one_word(&d.0), d.1))),
            ],
        );
        for (k, n) in &self.assets {
            match k.strip_prefix("车辆：") {
                Some(kind) => o.line(1, vec![word("车辆"), word(one_word(kind)), v(n)]),
                None if k == "大型设备" || k == "购置大型设备" => {
                    o.line(1, vec![word(k.clone()), v(n)])
                }
                None => {}
            }
        }
        for n in notes {
            o.line(1, vec![word(">"), v(n)]);
        }
    }

    /// The base's text with its 基本支出 and 项目 blocks replaced, where the workbook has them,
    /// and the workbook's new sub-units added after the base's header.
    fn write_into(&self, o: &mut Out, base: &str) {
        let mut dropping = false;
        let mut placed = false;
        let mut facts = Out::default();
        self.write_sub_units(&mut facts);
        if self.basic_read {
            self.write_basic(&mut facts);
        }
        if self.projects_read {
            self.write_projects(&mut facts);
        }
        // Comments and blank lines at the top level wait for the statement they stand before:
        // kept with it, dropped with a dropped block (but for the first, which the facts
        // replace).
        let mut pending: Vec<&str> = Vec::new();
        let flush = |o: &mut Out, pending: &mut Vec<&str>| {
            for l in pending.drain(..) {
                if l.trim().is_empty() && (o.text.ends_with("\n\n") || o.text.is_empty()) {
                    continue;
                }
                o.text.push_str(l);
                o.text.push('\n');
            }
        };
        for line in base.lines() {
            let blank = line.trim().is_empty();
            let indented = line.starts_with([' ', '\t']);
            if blank || (!indented && line.starts_with('#')) {
                pending.push(line);
                continue;
            }
            if !indented {
                let first = line.split_whitespace().next().unwrap_or_default();
                dropping = (first == "基本支出" && self.basic_read)
                    || (first == "项目" && self.projects_read);
                if dropping && !placed {
                    flush(o, &mut pending);
                    append(o, &facts);
                    o.blank();
                    placed = true;
                }
            }
            if dropping {
                pending.clear();
            } else {
                flush(o, &mut pending);
                o.text.push_str(line);
                o.text.push('\n');
            }
        }
        flush(o, &mut pending);
        if !placed {
            o.blank();
            append(o, &facts);
        }
    }
}

/// Appends a text written elsewhere, with its cells.
fn append(o: &mut Out, other: &Out) {
    let shift = o.text.len();
    o.text.push_str(other.text.trim_start_matches('\n'));
    let cut = other.text.len() - other.text.trim_start_matches('\n').len();
    o.parts.extend(other.parts.iter().filter_map(|(r, at)| {
        let start = (r.start + shift).checked_sub(cut)?;
        let end = (r.end + shift).checked_sub(cut)?;
        Some((start..end, *at))
    }));
}

fn procurement(o: &mut Out, p: &Procurement, default: Source) {
    let s = p
        .source
        .map_or_else(|| word(""), |(s, at)| source_word(s, Some(at), default));
    o.line(
        1,
        vec![
            word("采购"),
            v(&p.kind),
            ov(&p.func),
            s,
            cell(money(p.amount), p.at),
        ],
    );
}

/// The source of most of a project's money (一般公共预算 for a project without lines).
fn most_common(p: &Project) -> Source {
    let mut best: Option<(Source, Decimal)> = None;
    for s in Source::ALL {
        let sum: Decimal = p
            .allocations
            .iter()
            .filter(|a| a.source == s)
            .map(|a| a.amount)
            .sum();
        if sum > Decimal::ZERO && best.is_none_or(|(_, b)| sum > b) {
            best = Some((s, sum));
        }
    }
    best.map_or(Source::GeneralPublic, |b| b.0)
}
