//! What a sheet is, by its columns: the lists of budc's own workbook and the layouts of
//! 一体化 exports.

use super::super::sheet::{Role, Table};
use crate::diag::{t, Text};

/// What a sheet is read as.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Layout {
    Department,
    SubUnits,
    Texts,
    Prior,
    Stated,
    Goals,
    Procurement,
    ThreePublic,
    ProjectLines,
    ProjectEconomics,
    Projects,
    Basic,
}

impl Layout {
    pub(super) fn name(self) -> Text {
        match self {
            Layout::Department => t!("部门信息", "department"),
            Layout::SubUnits => t!("二级单位", "sub-units"),
            Layout::Texts => t!("文字说明", "texts"),
            Layout::Prior => t!("上年数", "prior-year figures"),
            Layout::Stated => t!("核对数", "stated figures"),
            Layout::Goals => t!("绩效目标", "performance goals"),
            Layout::Procurement => t!("政府采购", "procurement"),
            Layout::ThreePublic => t!("项目三公经费", "projects' 三公"),
            Layout::ProjectLines => t!("项目支出明细", "project lines"),
            Layout::ProjectEconomics => t!("项目经济分类", "projects' economic lines"),
            Layout::Projects => t!("项目信息", "projects"),
            Layout::Basic => t!("基本支出明细", "basic-expenditure lines"),
        }
    }
}

/// What a table's columns make it.
pub(super) fn layout(t: &Table) -> Option<Layout> {
    let has = |r| t.has(r);
    let name = t.sheet.name.as_str();
    Some(
        if has(Role::Item) && has(Role::Content) && name.contains("部门信息") {
            Layout::Department
        } else if has(Role::UnitId) && has(Role::UnitName) {
            Layout::SubUnits
        } else if has(Role::Part) && has(Role::Paragraph) {
            Layout::Texts
        } else if has(Role::Item) && has(Role::PriorAmount) {
            Layout::Prior
        } else if has(Role::Category) && has(Role::Stated) {
            Layout::Stated
        } else if has(Role::ProjectCode) && has(Role::Level1) && has(Role::Level3) {
            Layout::Goals
        } else if has(Role::Procurement) && has(Role::Amount) {
            Layout::Procurement
        } else if has(Role::ThreePublic) && has(Role::ProjectCode) && has(Role::Amount) {
            Layout::ThreePublic
        } else if has(Role::ProjectCode) && has(Role::Func) && has(Role::Amount) {
            Layout::ProjectLines
        } else if has(Role::ProjectCode) && has(Role::Econ) && has(Role::Amount) {
            Layout::ProjectEconomics
        } else if has(Role::ProjectCode) && has(Role::ProjectName) && !has(Role::Func) {
            Layout::Projects
        } else if has(Role::Func) && has(Role::Econ) && has(Role::Amount) {
            Layout::Basic
        } else {
            return None;
        },
    )
}
