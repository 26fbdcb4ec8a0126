//! A 公开稿's two lists of basic spending (by function, by economic class) against each other:
//! two splits of the same money, equal for each unit and source (E0216).

use super::fmt;
use crate::diag::t;
use crate::diag::Diagnostic;
use crate::model::{Budget, Source};
use rust_decimal::Decimal;
use std::collections::BTreeMap;

pub fn run(b: &Budget, out: &mut Vec<Diagnostic>) {
    if b.published.is_none() || !b.basic.iter().any(|l| l.is_marginal()) {
        return;
    }
    // (unit, source) → (Σ lines with a functional code, Σ lines with an economic code). A pair
    // counts on both sides, so only the marginal lines can differ.
    let mut sums: BTreeMap<(Option<&str>, Source), (Decimal, Decimal)> = BTreeMap::new();
    for l in &b.basic {
        let s = sums.entry((l.unit.as_deref(), l.source)).or_default();
        if l.func.is_some() {
            s.0 += l.amount.value;
        }
        if l.econ.is_some() {
            s.1 += l.amount.value;
        }
    }
    for ((unit, source), (func, econ)) in sums {
        if func == econ {
            continue;
        }
        let blocks: Vec<_> = b
            .basic_blocks
            .iter()
            .filter(|(u, _)| u.as_deref() == unit)
            .map(|(_, span)| *span)
            .collect();
        let Some((first, rest)) = blocks.split_first() else {
            continue;
        };
        let (f, e, d, src) = (fmt(func), fmt(econ), fmt(func - econ), source.keyword());
        let mut diag = Diagnostic::new(
            "E0216",
            t!(
                "{src}基本支出按功能分类合计 {f}，按经济分类合计 {e}，不等（差 {d}）",
                "{src} basic spending is {f} by function and {e} by economic class (difference {d})"
            ),
        )
        .at(
            *first,
            t!("这个块的两张清单不等", "the two lists of this block differ"),
        );
        for span in rest {
            diag = diag.also(*span, Default::default());
        }
        out.push(diag.with_help(t!(
            "两张清单是同一笔基本支出的两种分法，合计必须相等：对照公开的表核对转录；若转录无误，是公开文本的错误。",
            "the two lists split the same basic spending and must add up to the same: check the transcription against the published tables; if it is right, the published document is wrong."
        )));
    }
}
