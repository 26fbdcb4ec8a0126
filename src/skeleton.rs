//! `budc new`: the skeleton of a budget, every section a publishable 部门预算 has, with Chinese
//! comments saying what each line is and what to put there. It checks with no error; the texts
//! still to be written are placeholders (××), which W0505 points at until they are replaced.

use crate::model::{MoneyUnit, UnitKind};
use rust_decimal::Decimal;

/// What the skeleton is made for.
#[derive(Debug, Clone)]
pub struct Skeleton {
    /// The file it is written to, named in its first comment.
    pub file: String,
    pub department: String,
    pub year: u16,
    /// 科目版本: the year's built-in catalog, else the newest one.
    pub catalog_year: String,
    pub kind: UnitKind,
    pub unit: MoneyUnit,
    /// Sub-units as (简称, 全称); empty for a department without any.
    pub units: Vec<(String, String)>,
}

/// Amounts of the skeleton, in 万元; in 元 they are ×10,000.
struct Amounts {
    unit: MoneyUnit,
}

impl Amounts {
    fn of(&self, wan: i64) -> String {
        let d = match self.unit {
            MoneyUnit::TenThousandYuan => Decimal::new(wan, 2),
            MoneyUnit::Yuan => Decimal::new(wan * 10_000, 2),
        };
        format!("{d:.2}")
    }
}

/// The functional codes the skeleton uses: 政府办公厅（室）及相关机构事务, the branch every
/// department can start from (the comments say to replace them with the department's own).
fn running_code(kind: UnitKind) -> (&'static str, &'static str) {
    match kind {
        UnitKind::Institution => ("2010350", "事业运行"),
        _ => ("2010301", "行政运行"),
    }
}

fn medical_code(kind: UnitKind) -> (&'static str, &'static str) {
    match kind {
        UnitKind::Institution => ("2101102", "事业单位医疗"),
        _ => ("2101101", "行政单位医疗"),
    }
}

impl Skeleton {
    /// The `.bud` text of the skeleton.
    pub fn text(&self) -> String {
        let a = Amounts { unit: self.unit };
        let (year, dept) = (self.year, &self.department);
        let prior = year.saturating_sub(1);
        let (run, run_name) = running_code(self.kind);
        let (med, med_name) = medical_code(self.kind);
        let kind = self.kind.keyword();
        let unit = self.unit.as_str();
        let mut s = String::new();
        let mut line = |t: &str| {
            s.push_str(t);
            s.push('\n');
        };
        line(&format!(
            "# {dept} {year} 年部门预算（budc new 生成的骨架）。"
        ));
        line("# 以 # 开头的是注释。把 ×× 换成实际内容，把金额换成实际数，再运行：");
        let file = &self.file;
        line(&format!("#   budc check {file}     # 检查"));
        line(&format!(
            "#   budc compile {file} --format all -o out   # 生成 DOCX、JSON（和 PDF）"
        ));
        line("");
        line(
            "# 一、文件头：部门、年度、金额单位（万元或元）、科目版本（政府收支分类科目的年度）。",
        );
        line(&format!("部门 {dept}"));
        line(&format!("年度 {year}"));
        line(&format!("金额单位 {unit}"));
        if self.catalog_year != year.to_string() {
            line(&format!(
                "# budc 还没有内置 {year} 年的科目表，先用 {} 年的；有了再改。",
                self.catalog_year
            ));
        }
        line(&format!("科目版本 {}", self.catalog_year));
        line("# 单位性质：行政、参公或事业。事业单位的支出对应政府经济分类 505/506，且没有机关运行经费。");
        line(&format!("单位性质 {kind}"));
        line("");
        if self.units.is_empty() {
            line("# 二、二级预算单位：本部门没有下属单位时不写；有时每个单位一行：");
            line("#   二级单位 <简称> <全称> [行政|参公|事业]");
        } else {
            line("# 二、二级预算单位：每个单位一行 “二级单位 <简称> <全称> [行政|参公|事业]”（不写类型即为上面的单位性质）。");
            for (id, name) in &self.units {
                line(&format!("二级单位 {id} {name}"));
            }
        }
        line("");
        line("# 三、部门概况：每段一行，以 “> ” 开头。");
        line("主要职责");
        line("  > 负责××工作；承担××职责。");
        line("机构设置");
        line(&format!("  > {dept}内设××个科室：××。"));
        line("");
        let basic_unit = self.units.first().map(|(id, _)| id.as_str());
        line("# 四、基本支出：每行 “<功能分类项> <部门经济分类款> [资金来源] <金额>”；来源不写即一般公共预算。");
        line("#   科目名称可写可不写，budc 会按科目表核对。下面的科目只是示例：换成本部门的功能分类科目。");
        match basic_unit {
            Some(id) => {
                line("#   有二级单位时，每个单位写一个 “基本支出 <简称>” 块。");
                line(&format!("基本支出 {id}"));
            }
            None => line("基本支出"),
        }
        let basic = [
            (run, run_name, "30101", "基本工资", 12000),
            (run, run_name, "30102", "津贴补贴", 8000),
            (run, run_name, "30107", "绩效工资", 6000),
            (
                "2080505",
                "机关事业单位基本养老保险缴费支出",
                "30108",
                "机关事业单位基本养老保险缴费",
                3000,
            ),
            (med, med_name, "30110", "职工基本医疗保险缴费", 1500),
            ("2210201", "住房公积金", "30113", "住房公积金", 2000),
            (run, run_name, "30201", "办公费", 1500),
            (run, run_name, "30211", "差旅费", 500),
            (run, run_name, "30217", "公务接待费", 200),
        ];
        for (f, fname, e, ename, wan) in basic {
            line(&format!("  {f} {fname} {e} {ename} {}", a.of(wan)));
        }
        line("  # 政府采购：采购 <货物|工程|服务> <功能分类项> [资金来源] <金额>");
        line(&format!("  采购 服务 {run} {}", a.of(1000)));
        line("");
        line("# 五、项目支出：每个项目一块。支出行 “支出 <功能分类项> [名称] [资金来源] <金额>”，");
        line("#   同一科目用两个来源时各写一行；“资金” 是项目各行的默认来源。");
        line(&format!("项目 ××{year}0001 ××项目"));
        if let Some(id) = basic_unit {
            line(&format!("  单位 {id}"));
        }
        line("  类型 特定目标类");
        line("  资金 一般公共预算");
        line(&format!("  支出 2010302 一般行政管理事务 {}", a.of(5000)));
        line(&format!("  采购 服务 {}", a.of(2000)));
        line("  # 绩效目标和指标：指标 <一级> <二级> | <三级指标> | <指标值> [| <评分标准>]");
        line("  目标 完成××工作，达到××效果。");
        line(&format!(
            "  指标 成本指标 经济成本指标 | ××经费 | ≤{}{unit} | 按实际支出计分",
            a.of(5000)
        ));
        line("  指标 产出指标 数量指标 | 完成××数量 | ≥1项 | 按完成比例计分");
        line("  指标 效益指标 社会效益指标 | ××水平 | 有效提升 | 按实际效果计分");
        line("  指标 满意度指标 服务对象满意度指标 | 服务对象满意度 | ≥90% | 按调查结果计分");
        line("");
        line(
            "# 六、上年数（可只写已知的，没写的不按 0 算）；也可用 “上年文件 <上年的.bud>” 代替。",
        );
        line("上年");
        line(&format!("  收支 {}", a.of(38000)));
        line(&format!("  基本支出 {}", a.of(33000)));
        line(&format!("  项目支出 {}", a.of(5000)));
        line(&format!("  三公 公务接待费 {}", a.of(200)));
        line("原因 收支");
        line("  > ××。");
        line("");
        line(&format!(
            "# 七、国有资产：截至 {prior} 年底的车辆和大型设备。"
        ));
        line(&format!("资产 {prior}-12-31"));
        line("  车辆 其他用车 0");
        line("  大型设备 0");
        line("  购置大型设备 0");
        line("");
        line("# 八、绩效管理：拟开展部门重点绩效评价的项目个数和资金。");
        line(&format!("重点评价 1 {}", a.of(5000)));
        line("");
        line("# 九、断言：财政局批复的控制数。budc 由上面的事实算出，二者不符时报错。");
        line(&format!("断言 收入合计 = {}", a.of(39700)));
        line(&format!("断言 基本支出 = {}", a.of(34700)));
        line(&format!("断言 项目支出 = {}", a.of(5000)));
        // In canonical form (amounts aligned), as `budc fmt` would leave it.
        let file = crate::source::SourceFile::new(self.file.clone(), s);
        crate::fmt::format(&file).unwrap_or(file.text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::SourceFile;

    fn codes(s: &Skeleton) -> Vec<&'static str> {
        let c = crate::compile(SourceFile::new("new.bud", s.text()), None);
        c.diagnostics.iter().map(|d| d.code).collect()
    }

    #[test]
    fn every_kind_and_unit_checks_without_errors_its_placeholders_pointed_at() {
        for kind in UnitKind::ALL {
            for unit in [MoneyUnit::TenThousandYuan, MoneyUnit::Yuan] {
                for units in [vec![], vec![("本级".to_string(), "某局本级".to_string())]] {
                    let s = Skeleton {
                        file: "new.bud".into(),
                        department: "某县某局".into(),
                        year: 2024,
                        catalog_year: "2024".into(),
                        kind,
                        unit,
                        units,
                    };
                    let codes = codes(&s);
                    assert!(
                        codes.iter().all(|c| *c == "W0505"),
                        "{kind:?} {unit:?}: {codes:?}\n{}",
                        s.text()
                    );
                    // The overview, the goal and its texts: placeholders to replace.
                    assert!(codes.len() >= 4, "{codes:?}");
                }
            }
        }
    }
}
