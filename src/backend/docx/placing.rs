//! Where a table goes: the line above it (部门(单位) and 单位) and the orientation of its page.

use super::text::{para, run, spacing, SMALL_TEXT};
use crate::document::TableId;
use docx_rs::{LineSpacingType, Paragraph, Tab, TabValueType};

/// The line above a table: 部门(单位) on the left (after the template's label for it, if any),
/// 单位 on the right. The empty fund tables print it with full-width punctuation, as the
/// template does.
pub(super) fn unit_line(
    dept: (Option<&str>, &str),
    unit: &str,
    total: u32,
    full_width: bool,
) -> Paragraph {
    let f = SMALL_TEXT;
    let (label, dept) = dept;
    let (dept_line, unit_line) = match (label, full_width) {
        (Some(l), _) => (format!("{l}：{dept}"), format!("单位：{unit}")),
        (None, true) => (format!("部门（单位）：{dept}"), format!("单位：{unit}")),
        (None, false) => (format!("部门(单位): {dept}"), format!("单位: {unit}")),
    };
    para(f)
        .add_tab(Tab::new().val(TabValueType::Right).pos(total as usize))
        .line_spacing(spacing(60, 60, 240, LineSpacingType::Auto))
        .keep_next(true)
        .add_run(run(&dept_line, f))
        .add_run(super::text::styled(f).add_tab())
        .add_run(run(&unit_line, f))
}

/// The tables printed on landscape pages (wide ones).
pub(crate) fn landscape(id: TableId) -> bool {
    matches!(
        id,
        TableId::Income
            | TableId::ThreePublic
            | TableId::BasicExpenditure
            | TableId::ProjectExpenditure
            | TableId::Procurement
            | TableId::RegionIncome
            | TableId::RegionThreePublic
    )
}
