//! Synthetic budgets for benchmarks and scale tests (`examples/generate.rs`, `benches/`).
//!
//! `department(n, projects)` is a valid, balanced budget in canonical form: header, basic
//! spending on eight lines, `projects` projects with a goal and 15 indicators each. The numbers
//! come from a fixed pseudo-random sequence seeded by `n`: the same arguments give the same text.
//!
//! `journal(bytes)` is a Ledger journal of exactly `bytes` bytes, written like a budget (Chinese
//! payees and accounts, amounts in CNY), for the side-by-side comparison with `ledger` in
//! `benches/process.rs`.

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

/// Payees of the journal: units of a department, named as the budgets name them.
const PAYEES: [&str; 8] = [
    "聊城经济技术开发区党群工作部本级",
    "聊城经济技术开发区宣传办公室",
    "聊城经济技术开发区督导考核处",
    "聊城经济技术开发区机关党委",
    "聊城经济技术开发区总工会",
    "聊城经济技术开发区人大政协处",
    "聊城经济技术开发区社会保障服务中心",
    "聊城经济技术开发区发展服务中心",
];

/// Spending accounts of the journal: functional and economic classes, as a budget line has them.
const SPENDING: [&str; 10] = [
    "支出:一般公共服务支出:行政运行:基本工资",
    "支出:一般公共服务支出:行政运行:津贴补贴",
    "支出:一般公共服务支出:行政运行:办公费",
    "支出:一般公共服务支出:一般行政管理事务:委托业务费",
    "支出:社会保障和就业支出:机关事业单位基本养老保险缴费支出",
    "支出:社会保障和就业支出:就业补助:职业技能鉴定补贴",
    "支出:卫生健康支出:行政单位医疗:职工基本医疗保险缴费",
    "支出:住房保障支出:住房公积金",
    "支出:文化旅游体育与传媒支出:宣传文化发展专项支出",
    "支出:城乡社区支出:城乡社区管理事务:劳务费",
];

/// Funding accounts of the journal: where the money comes from.
const FUNDING: [&str; 3] = [
    "资产:国库集中支付:一般公共预算",
    "资产:国库集中支付:政府性基金预算",
    "资产:单位资金:事业收入",
];

/// A Ledger journal of exactly `bytes` bytes (for any `bytes` ≥ 3): dated transactions, each
/// with a Chinese payee, one or two spending postings in CNY and the posting that pays them.
/// Its lines are as long as a budget's on average (about 80 bytes), so the two compare per
/// byte and per record.
pub fn journal(bytes: usize) -> String {
    let mut rng = Lcg(2024);
    let mut out = String::with_capacity(bytes);
    let mut tx = String::new();
    for n in 0.. {
        tx.clear();
        let day = n / 150 % 365;
        let _ = writeln!(
            tx,
            "2024/{:02}/{:02} {}",
            1 + day / 31 % 12,
            1 + day % 28,
            PAYEES[rng.next(PAYEES.len() as u64) as usize]
        );
        let mut total = 0;
        for _ in 0..1 + rng.next(2) {
            let cents = 100 + rng.next(5_000_000);
            total += cents;
            let account = SPENDING[rng.next(SPENDING.len() as u64) as usize];
            let _ = writeln!(tx, "    {account}  {} CNY", money(cents));
        }
        let funding = FUNDING[rng.next(FUNDING.len() as u64) as usize];
        let _ = writeln!(tx, "    {funding}  -{} CNY\n", money(total));
        if out.len() + tx.len() + 3 > bytes {
            break;
        }
        out.push_str(&tx);
    }
    // A comment fills the rest, so the journal is exactly as long as asked.
    let fill = bytes.saturating_sub(out.len() + 3);
    out.push_str("; ");
    out.extend(std::iter::repeat_n('-', fill));
    out.push('\n');
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_journal_has_exactly_the_size_asked() {
        for bytes in [3, 100, 1_000, 80_569] {
            assert_eq!(super::journal(bytes).len(), bytes);
        }
        assert_eq!(super::journal(10_000), super::journal(10_000));
    }
}
