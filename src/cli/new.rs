//! `budc new`: the skeleton of a budget (`crate::skeleton`), written to a file that does not
//! exist yet.

use super::ui::{Ui, OK};
use crate::diag::t;
use crate::model::{MoneyUnit, UnitKind};
use crate::skeleton::Skeleton;
use std::path::Path;

/// The words of the command line, checked here.
pub struct Request {
    pub department: String,
    pub year: u16,
    pub kind: String,
    pub unit: String,
    pub units: Option<String>,
}

pub fn run(ui: &mut Ui, file: &Path, r: Request) -> i32 {
    let skeleton = match skeleton(r, file) {
        Ok(s) => s,
        Err(message) => return ui.fail(message),
    };
    // Never over an existing file (or a link, or anything else by that name).
    if std::fs::symlink_metadata(file).is_ok() {
        let f = file.display();
        return ui.fail(t!(
            "{f} 已存在：budc new 不会覆盖已有文件，请换一个文件名",
            "{f} exists: budc new never writes over a file; choose another name"
        ));
    }
    let text = skeleton.text();
    if let Err(e) = crate::files::write_output(file, text.as_bytes()) {
        return ui.file_error(&e);
    }
    let (f, n) = (file.display(), text.lines().count());
    ui.say(&t!(
        "已写入 {f}（{n} 行）。把 ×× 换成实际内容后运行 budc check {f}",
        "wrote {f} ({n} lines). Replace the ×× placeholders, then run budc check {f}"
    ));
    OK
}

fn skeleton(r: Request, file: &Path) -> Result<Skeleton, crate::diag::Text> {
    let department = r.department.trim().to_string();
    if department.is_empty() || department.contains(['\n', '\r']) {
        return Err(t!(
            "--department 须是部门名称（一行文字）",
            "--department takes the department's name (one line)"
        ));
    }
    if !(1900..=2999).contains(&r.year) {
        let y = r.year;
        return Err(t!(
            "--year {y} 不是预算年度",
            "--year {y} is not a budget year"
        ));
    }
    let Some(kind) = UnitKind::parse(r.kind.trim()) else {
        let k = &r.kind;
        return Err(t!(
            "--kind “{k}”：单位性质为 行政、参公 或 事业",
            "--kind “{k}”: the kinds are 行政, 参公 and 事业"
        ));
    };
    let Some(unit) = MoneyUnit::parse(r.unit.trim()) else {
        let u = &r.unit;
        return Err(t!(
            "--unit “{u}”：金额单位为 万元 或 元",
            "--unit “{u}”: the units are 万元 and 元"
        ));
    };
    let mut units = Vec::new();
    for pair in r.units.iter().flat_map(|u| u.split([',', '，'])) {
        let pair = pair.trim();
        if pair.is_empty() {
            continue;
        }
        let Some((id, name)) = pair.split_once(['=', '＝']) else {
            return Err(t!(
                "--units 的每一项写成 简称=全称，“{pair}” 不是",
                "--units takes id=full name pairs; “{pair}” is not one"
            ));
        };
        let (id, name) = (id.trim(), name.trim());
        let bad = |w: &str| w.is_empty() || w.contains(char::is_whitespace);
        if bad(id) || bad(name) {
            return Err(t!(
                "--units “{pair}”：简称和全称都不能为空，也不能有空格",
                "--units “{pair}”: the id and the name are non-empty and without spaces"
            ));
        }
        units.push((id.to_string(), name.to_string()));
    }
    let year = r.year.to_string();
    let catalog_year = if crate::model::catalog::embedded_years().contains(&year.as_str()) {
        year
    } else {
        crate::model::catalog::newest_embedded_year().to_string()
    };
    Ok(Skeleton {
        file: file.display().to_string(),
        department,
        year: r.year,
        catalog_year,
        kind,
        unit,
        units,
    })
}
