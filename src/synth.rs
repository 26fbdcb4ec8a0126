//! Synthetic budgets for benchmarks and scale tests (`examples/generate.rs`, `benches/`).
//!
//! `department(n, projects)` is a valid, balanced budget in canonical form: header, basic
//! spending on eight lines, `projects` projects with a goal and 15 indicators each. The numbers
//! come from a fixed pseudo-random sequence seeded by `n`: the same arguments give the same text.

use std::fmt::Write as _;

const PROJECT_CODES: [&str; 10] = [
    "2013202", "2080102", "2080109", "2080116", "2080705", "2101301", "2130805", "2082602",
    "2012906", "2013302",
];
const BASIC: [(&str, &str); 8] = [
    ("2013201", "30101"),
    ("2013201", "30102"),
    ("2013201", "30201"),
    ("2013201", "31002"),
    ("2080505", "30108"),
    ("2080506", "30109"),
    ("2101101", "30110"),
    ("2210201", "30113"),
];

/// A small linear congruential generator: the same inputs give the same budgets.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self, below: u64) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (self.0 >> 33) % below
    }
}

fn money(cents: u64) -> String {
    format!("{}.{:02}", cents / 100, cents % 100)
}

/// One department's budget.
pub fn department(n: usize, projects: usize) -> String {
    let mut rng = Lcg(n as u64 + 1);
    let mut body = String::new();
    let mut total = 0u64;
    body.push_str("基本支出\n");
    let basic: Vec<u64> = BASIC.iter().map(|_| 100 + rng.next(5_000_000)).collect();
    // Canonical form: the amounts of the block right-aligned.
    let width = basic.iter().map(|c| money(*c).len()).max().unwrap_or(0);
    for ((f, e), cents) in BASIC.iter().zip(&basic) {
        total += cents;
        let _ = writeln!(body, "  {f} {e} {:>width$}", money(*cents));
    }
    for p in 0..projects {
        let code = PROJECT_CODES[rng.next(PROJECT_CODES.len() as u64) as usize];
        let cents = 100 + rng.next(50_000_000);
        total += cents;
        let _ = write!(
            body,
            "\n项目 37159124{:04}0103{:05} 项目{p}\n  单位 本级\n  类型 特定目标类\n  支出 {code} {}\n  目标 完成第{p}项工作任务，提升服务水平。\n",
            n % 10_000,
            p,
            money(cents)
        );
        for j in 0..10 {
            let _ = writeln!(
                body,
                "  指标 产出指标 数量指标 | 工作量{j} | ≥{}人 | 工作成效",
                1 + rng.next(500)
            );
        }
        let _ = writeln!(
            body,
            "  指标 成本指标 经济成本指标 | 经费 | {}万元 | 工作成效",
            money(cents)
        );
        body.push_str("  指标 产出指标 时效指标 | 完成时间 | 2024年12月底前 | 工作成效\n");
        body.push_str("  指标 效益指标 社会效益指标 | 服务水平 | 提升 | 工作成效\n");
        body.push_str("  指标 效益指标 可持续发展影响指标 | 持续影响 | 长期 | 工作成效\n");
        body.push_str("  指标 满意度指标 服务对象满意度指标 | 满意度 | ≥90% | 调查\n");
    }
    format!(
        "部门 合成部门{n}\n年度 2024\n金额单位 万元\n科目版本 2024\n二级单位 本级 合成部门{n}本级\n\n收入 一般公共预算 {}\n\n{body}",
        money(total)
    )
}
