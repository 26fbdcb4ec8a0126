//! Every diagnostic code: its family, severity, title and long explanation with a wrong and a
//! right example (`budc explain CODE`). The README's table of codes is generated from `ALL`
//! (`budc explain --list`), and a test keeps the two identical.

use super::{Severity, Text};

/// The families codes are grouped in; the first digits of a code name its family.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Family {
    /// E00xx: text that is not valid `.bud`.
    Syntax,
    /// E01xx: statements in the wrong place, missing or repeated.
    Structure,
    /// E02xx / W02xx: sums, totals and assertions.
    Arithmetic,
    /// E03xx / W03xx: classification codes and names, kinds, sources.
    Classification,
    /// E04xx / W04xx: performance goals and indicators.
    Goals,
    /// E05xx / W05xx: prose, duplicates, placeholders.
    Content,
    /// E06xx / W06xx: a region's departments together (`budc region`).
    Region,
    /// E07xx: the template a budget follows (`模板`).
    Template,
}

impl Family {
    pub fn name(self) -> Text {
        match self {
            Family::Syntax => Text::fixed("语法", "syntax"),
            Family::Structure => Text::fixed("结构", "structure"),
            Family::Arithmetic => Text::fixed("算术", "arithmetic"),
            Family::Classification => Text::fixed("分类", "classification"),
            Family::Goals => Text::fixed("绩效目标", "goals"),
            Family::Content => Text::fixed("内容", "content"),
            Family::Region => Text::fixed("区域", "region"),
            Family::Template => Text::fixed("模板", "template"),
        }
    }
}

/// What budc knows about one code.
#[derive(Debug, Clone)]
pub struct CodeInfo {
    pub code: &'static str,
    pub family: Family,
    pub severity: Severity,
    /// Short title.
    pub title: Text,
    /// Why this is a problem and how to fix it.
    pub explanation: Text,
    /// A `.bud` fragment that triggers it.
    pub wrong: &'static str,
    /// The same fragment, fixed.
    pub right: &'static str,
}

use Family::*;
use Severity::{Error, Warning};

/// The header every example is shown (and tested) with.
pub const EXAMPLE_HEADER: &str = "部门 示例部门\n年度 2024\n金额单位 万元\n";

macro_rules! code {
    ($code:literal, $fam:expr, $sev:expr, $tzh:literal, $ten:literal, $ezh:literal, $een:literal, $wrong:literal, $right:literal) => {
        CodeInfo {
            code: $code,
            family: $fam,
            severity: $sev,
            title: Text::fixed($tzh, $ten),
            explanation: Text::fixed($ezh, $een),
            wrong: $wrong,
            right: $right,
        }
    };
}

/// Every code, in order.
pub const ALL: &[CodeInfo] = &[
    code!("E0001", Syntax, Error, "无法解析的行", "line does not parse",
        "这一行不是任何一种 .bud 语句。每行以关键字开头（部门、项目、支出、指标……），其后各部分用空格分开。budc 逐行解析：一行写错不影响其他行，所有错误一次报告。",
        "The line is not any .bud statement. Every line starts with a keyword (部门, 项目, 支出, 指标 …) followed by its parts separated by spaces. budc parses line by line: one bad line does not hide the others.",
        "项目 P1 某项目\n  支出2013202 5.00", "项目 P1 某项目\n  支出 2013202 5.00"),
    code!("E0002", Syntax, Error, "文件不是 UTF-8 编码", "file is not UTF-8",
        "budc 只读 UTF-8 文本。Windows 上的编辑器常把中文存成 GBK/GB18030；请“另存为 UTF-8”。带 BOM 的 UTF-8 和 CRLF 换行都可以。",
        "budc reads UTF-8 text only. Windows editors often save Chinese as GBK/GB18030; save the file as UTF-8. UTF-8 with a BOM and CRLF line ends are fine.",
        "(a file saved as GBK)", "(the same file saved as UTF-8)"),
    code!("E0003", Syntax, Error, "数字超出范围", "number out of range",
        "金额的整数部分最多 15 位（10^15 元是全国预算的 25 倍；这样任何合计都不会溢出），有效数字最多 28 位；数量不超过 4294967295。多半是多输了数字。",
        "Amounts have at most 15 digits before the point (10^15 元 is 25 times the national budget, and so no total can overflow) and 28 significant digits; counts at most 4294967295. Most likely a digit was typed twice.",
        "收入 一般公共预算 1602822000000000000.00", "收入 一般公共预算 16028.22"),
    code!("E0004", Syntax, Error, "全角字符", "full-width characters",
        "中文输入法会输入全角的数字、逗号、冒号、小数点和减号（０１２，：．－）。金额、编码和分隔符须用半角字符：切换到英文或半角后重写。全角空格可以作分隔符。",
        "Chinese input methods type full-width digits, commas, colons, points and minus signs (０１２，：．－). Amounts, codes and separators need their ASCII forms: switch the input method to English or half-width. The ideographic space is accepted as a separator.",
        "收入 一般公共预算 １６０２８．２２", "收入 一般公共预算 16028.22"),
    code!("E0005", Syntax, Error, "文件无法读取", "file cannot be read",
        "budc 读不到这个文件：不存在、没有权限、是一个目录，或超过了 --max-input-size。消息说明操作系统给出的原因。在 JSON 和 SARIF 报告中它也是一条诊断，计入错误数；命令以 2 退出。",
        "budc cannot read this file: it does not exist, is not readable, is a folder, or is larger than --max-input-size. The message gives the operating system's reason. In the JSON and SARIF reports it is a diagnostic too, counted among the errors; the command exits 2.",
        "", ""),
    code!("E0101", Structure, Error, "语句位置不对", "statement in the wrong place",
        "块的成员（支出、指标、> 段落……）缩进写在块的开头行（项目、基本支出、主要职责……）下面；顶层语句写在行首。",
        "Block members (支出, 指标, > paragraphs …) are indented under the line that opens their block (项目, 基本支出, 主要职责 …); top-level statements start at the beginning of the line.",
        "项目 P1 某项目\n支出 2013202 5.00", "项目 P1 某项目\n  支出 2013202 5.00"),
    code!("E0102", Structure, Error, "同一事实写了两次", "fact stated twice",
        "每个事实只写一次（一个事实，一个地方）：年度、部门、项目的类型、目标、金额……重复的两行若不同，budc 无从判断哪个对。",
        "Each fact is stated once (one fact, one place): the year, the department, a project's type, goal, amount … When two lines differ budc cannot tell which is right.",
        "年度 2024\n年度 2025", "年度 2024"),
    code!("E0103", Structure, Error, "缺少文件头", "missing header",
        "每个预算文件都要写部门、年度和金额单位。",
        "Every budget states its department, year and money unit.",
        "年度 2024", "部门 示例部门\n年度 2024\n金额单位 万元"),
    code!("E0104", Structure, Error, "未知的关键字取值", "unknown keyword value",
        "资金来源、金额单位、采购种类、“三公”种类、单位类型和二级单位简称只能取规定的值；help 列出可用的值。",
        "Funding sources, money units, procurement kinds, 三公 kinds, unit kinds and sub-unit ids take fixed values; the help lists them.",
        "收入 财政拨款 100.00", "收入 一般公共预算 100.00"),
    code!("E0105", Structure, Error, "没有这一年的科目表", "no catalog for this year",
        "budc 内置的政府收支分类科目年度在 help 中列出（文件未写年度时用最新的一年）。其他年度或地区的科目表（科目和规则）放在一个目录里（格式见 catalog/README.md），用 --catalog 指定。",
        "budc embeds the classification of the years the help lists (the newest when a file states no year). For another year or region put the catalog files, codes and rules, in a folder (format in catalog/README.md) and pass --catalog.",
        "科目版本 2019", "科目版本 2024"),
    code!("E0106", Structure, Error, "资产块缺少截至日期", "assets block without a date",
        "国有资产（车辆、大型设备）是某一天的存量，公开的部门预算写明“截至某年某月某日”。“资产”块须带日期，通常是上年末。",
        "State assets (vehicles, large equipment) are counted on a day, and the published budget says “as of” that day. The 资产 block needs its date, usually the end of last year.",
        "资产\n  车辆 其他用车 1", "资产 2023-12-31\n  车辆 其他用车 1"),
    code!("E0107", Structure, Error, "上年文件不可用", "prior-year file unusable",
        "“上年文件”引用上年的 .bud 文件，上年数全部由它推算。该文件须能读到（路径相对于本文件所在目录）、没有错误、是上一年度的预算，且本文件不能再写“上年”块。",
        "上年文件 names last year's .bud file, from which every prior-year figure is derived. It must be readable (the path is relative to this file's folder), free of errors, the budget of the year before, and this file must not also have a 上年 block.",
        "上年文件 不存在-2023.bud", "上年\n  收支 100.00"),
    code!("E0201", Arithmetic, Error, "断言与推算不符", "assertion does not hold",
        "断言写的数（批复的控制数、公开表格的单元格）与由事实推出的数不一致：要么事实有误（某个支出行或项目金额），要么断言有误。数后写了单位（`= 507.25 万元`）时按印出的数核对：推出的数换算成该单位，四舍五入（五入远离零）到所写的小数位数后比较。",
        "A stated figure (an approved control total, a published table cell) differs from what the facts derive: either a fact is wrong (a spending line, a project amount) or the assertion is. With a unit after the number (`= 507.25 万元`) the figure is compared as printed: the derived figure in that unit, rounded half away from zero to the decimals written.",
        "基本支出\n  2013201 30101 100.00\n断言 基本支出 = 110.00", "基本支出\n  2013201 30101 110.00\n断言 基本支出 = 110.00"),
    code!("E0202", Arithmetic, Error, "项目金额与各支出行之和不符", "project amount differs from its allocations",
        "项目的“金额”是批复的项目总额，必须等于各功能科目“支出”行之和。",
        "A project's 金额 is its approved total and must equal the sum of its 支出 allocations.",
        "项目 P1 某项目\n  支出 2080102 14.00\n  支出 2080702 50.00\n  金额 65.00", "项目 P1 某项目\n  支出 2080102 15.00\n  支出 2080702 50.00\n  金额 65.00"),
    code!("E0203", Arithmetic, Error, "收入与支出不平衡", "income differs from spending",
        "部门预算收支平衡：每一资金来源的收入等于用这一来源安排的基本支出和项目支出之和，所以 budc 由支出推算收入，“收入”行可以不写。写了的“收入”行是断言，须与推算的数相符；写了来源（如上年结转）却没有一笔支出使用它，也是这个错误。",
        "A departmental budget balances: the income of each source equals the basic and project spending funded by it, so budc derives income from spending and 收入 lines are optional. A stated 收入 line is an assertion and must match; a source stated (上年结转, say) with no spending paid from it is this error too.",
        "收入 一般公共预算 100.00\n项目 P1 某项目\n  支出 2013202 90.00", "收入 一般公共预算 90.00\n项目 P1 某项目\n  支出 2013202 90.00"),
    code!("E0204", Arithmetic, Error, "小数位超过金额单位", "more decimals than the unit allows",
        "万元和元的金额最多两位小数（百元、分）。多出的位数多半是输错或未四舍五入。",
        "Amounts in 万元 or 元 have at most two decimals; more is a typo or a missing rounding.",
        "项目 P1 某项目\n  类型 特定目标类\n  支出 2013202 12.345", "项目 P1 某项目\n  类型 特定目标类\n  支出 2013202 12.35"),
    code!("E0205", Arithmetic, Error, "负数金额", "negative amount",
        "预算金额不能为负。与上年比的增减由 budc 根据“上年”数计算。",
        "Budget amounts are never negative; changes against last year are computed from the 上年 figures.",
        "项目 P1 某项目\n  类型 特定目标类\n  支出 2013202 -5.00", "项目 P1 某项目\n  类型 特定目标类\n  支出 2013202 5.00"),
    code!("E0206", Arithmetic, Error, "断言指向不明", "unknown assertion target",
        "断言的对象是命名的数（收入合计、基本支出、项目支出……）或表格单元格“<表> <行> <列>”：表用编号或标题，行用编码或名称，列用编号或表头。名称对应多行或多列时须用编号区分。",
        "An assertion names a figure (收入合计, 基本支出, 项目支出 …) or a table cell `<table> <row> <column>`: the table by id or title, the row by code or name, the column by id or header. Use ids when a name matches several rows or columns.",
        "断言 三公 合计 合计 = 2.99", "断言 three_public 合计 total = 2.99"),
    code!("E0207", Arithmetic, Error, "项目没有支出行", "project without allocations",
        "项目的钱写在“支出 <功能分类项> <金额>”行上，每个功能科目一行；没有支出行的项目没有金额。",
        "A project's money is written on `支出 <functional code> <amount>` lines, one per functional code; without them it has no amount.",
        "项目 P1 某项目\n  类型 特定目标类", "项目 P1 某项目\n  类型 特定目标类\n  支出 2013202 5.00"),
    code!("E0208", Arithmetic, Error, "采购科目不明", "procurement code missing or wrong",
        "政府采购按功能科目汇总：跨多个科目的项目和基本支出中的采购行须写明科目，且须是有支出的科目。",
        "Procurement is summed by functional code: in a project spanning several codes, and in the 基本支出 block, each procurement line names its code, one that has spending.",
        "项目 P1 某项目\n  支出 2080102 14.00\n  支出 2080702 50.00\n  采购 服务 10.00", "项目 P1 某项目\n  支出 2080102 14.00\n  支出 2080702 50.00\n  采购 服务 2080102 10.00"),
    code!("E0209", Arithmetic, Error, "采购金额超过项目金额", "procurement above the project amount",
        "一个项目（或一个科目上）的政府采购不能多于它的预算。",
        "A project's procurement (on a code) cannot exceed its budget there.",
        "项目 P1 某项目\n  支出 2013202 5.00\n  采购 服务 6.00", "项目 P1 某项目\n  支出 2013202 5.00\n  采购 服务 5.00"),
    code!("W0210", Arithmetic, Warning, "成本指标合计超过项目金额", "cost indicators above the project amount",
        "以金额表示的成本指标（或产出指标）之和超过项目预算。指标可能包含其他资金，但多半是单位写错（元与万元）或指标抄自别处。",
        "The money-valued cost (or output) indicators add up to more than the project amount. Indicators may count co-funding, but usually a unit is wrong (元 vs 万元) or the indicators were copied.",
        "项目 P1 某项目\n  支出 2013202 5.00\n  指标 成本指标 经济成本指标 | 经费 | 50万元 | 工作成效", "项目 P1 某项目\n  支出 2013202 5.00\n  指标 成本指标 经济成本指标 | 经费 | 5万元 | 工作成效"),
    code!("W0211", Arithmetic, Warning, "成本指标合计不足项目金额", "cost indicators below the project amount",
        "项目的成本指标都是金额，但合计少于项目预算：成本指标应当说明钱用在哪里。",
        "All cost indicators of the project are amounts, yet they add up to less than the project amount: cost indicators should account for the money.",
        "项目 P1 某项目\n  支出 2013202 50.00\n  指标 成本指标 经济成本指标 | 经费 | 5万元 | 工作成效", "项目 P1 某项目\n  支出 2013202 50.00\n  指标 成本指标 经济成本指标 | 经费 | 50万元 | 工作成效"),
    code!("W0212", Arithmetic, Warning, "数量×标准与金额矛盾", "quantity × unit cost contradicts the money",
        "成本指标给出单价标准（如 0.1万元/人），产出指标给出数量（如 600人），二者之积超过了项目预算。",
        "A unit-cost indicator (e.g. 0.1万元/人) times a quantity indicator in the same unit (e.g. 600人) exceeds the project amount.",
        "项目 P1 就业补贴\n  支出 2013202 50.00\n  指标 成本指标 经济成本指标 | 就业补贴标准 | 0.1万元/人 | 标准\n  指标 产出指标 数量指标 | 就业补贴人数 | 600人 | 人数", "项目 P1 就业补贴\n  支出 2013202 60.00\n  指标 成本指标 经济成本指标 | 就业补贴标准 | 0.1万元/人 | 标准\n  指标 产出指标 数量指标 | 就业补贴人数 | 600人 | 人数"),
    code!("W0213", Arithmetic, Warning, "指标金额与对应科目的支出不符", "indicator amount differs from the matching allocation",
        "指标名称对应项目的某个功能科目（如“创业担保贷款基金”对应 2130805 补充创业担保贷款基金），但指标金额与该科目的支出不同。",
        "An indicator names what one of the project's functional codes pays for (创业担保贷款基金 ~ 2130805 补充创业担保贷款基金) but its amount differs from that allocation.",
        "项目 P1 就业创业资金\n  支出 2130804 50.56\n  支出 2130805 200.00\n  指标 成本指标 经济成本指标 | 创业担保贷款基金 | 1000000元 | 基金金额", "项目 P1 就业创业资金\n  支出 2130804 50.56\n  支出 2130805 200.00\n  指标 成本指标 经济成本指标 | 创业担保贷款基金 | 2000000元 | 基金金额"),
    code!("W0214", Arithmetic, Warning, "金额为零的行", "zero amount",
        "金额为零的支出行不影响任何表格，多半是漏填了金额。",
        "A spending line of zero changes no table; most likely the amount was left out.",
        "项目 P1 某项目\n  类型 特定目标类\n  支出 2013202 0.00", "项目 P1 某项目\n  类型 特定目标类\n  支出 2013202 5.00"),
    code!("W0215", Arithmetic, Warning, "指标中的金额超过项目金额", "an indicator's money exceeds the project amount",
        "指标写出的金额是项目的钱（效益指标的带动投资、增收之类除外）。一个指标的金额就超过了项目金额，多半是单位写错（元与万元）或数值有误。",
        "Money an indicator states is the project's money (outcomes such as investment attracted are not). One indicator above the project amount is usually a unit slip (元 vs 万元) or a wrong value.",
        "项目 P1 某项目\n  类型 特定目标类\n  支出 2013202 5.00\n  目标 完成工作。\n  指标 产出指标 数量指标 | 场次 | 4场\n  指标 效益指标 社会效益指标 | 服务水平 | 提升\n  指标 满意度指标 服务对象满意度指标 | 服务经费 | 8万元", "项目 P1 某项目\n  类型 特定目标类\n  支出 2013202 5.00\n  目标 完成工作。\n  指标 产出指标 数量指标 | 场次 | 4场\n  指标 效益指标 社会效益指标 | 服务水平 | 提升\n  指标 满意度指标 服务对象满意度指标 | 满意度 | ≥90%"),
    code!("E0216", Arithmetic, Error, "按功能和按经济分类的基本支出不等", "basic spending by function and by economic class differ",
        "公开稿分别公开按功能分类和按经济分类的基本支出：两张清单是同一笔钱的两种分法，每个资金来源（和每个单位）的合计必须相等。不等说明公开的表有错，或转录有误；报告两个合计和差额。",
        "A 公开稿 publishes basic spending by function and by economic class apart: two splits of the same money, so for each source (and each unit) their sums must be equal. A difference is an error in the published tables or in the transcription; both sums and the difference are reported.",
        "公开稿\n基本支出\n  2013101 100.00\n  30101 90.00", "公开稿\n基本支出\n  2013101 100.00\n  30101 100.00"),
    code!("E0217", Arithmetic, Error, "公开稿的语句写在了普通预算中", "a statement of a 公开稿 in an ordinary budget",
        "只有一个科目的基本支出行（按功能分类或按经济分类）和按科目的“项目支出”合计，只是公开文本的写法：它们只能写在标明“公开稿”的文件中。普通预算写成对的基本支出行（功能分类项 × 经济分类款）和带项目的项目支出。",
        "Basic lines with one code (by function or by economic class) and 项目支出 totals by code are how a published document states spending: they belong in a file marked 公开稿. An ordinary budget writes basic lines as pairs (functional × economic) and project spending under its projects.",
        "基本支出\n  2013101 100.00", "基本支出\n  2013101 30101 100.00"),
    code!("E0218", Arithmetic, Error, "公开稿混用成对的行和单科目的行", "a 公开稿 mixes pairs and marginal lines",
        "公开稿照公开的表转录基本支出：要么全写成对的行，要么分别写按功能分类和按经济分类的两张清单。混用时，成对的行同时算在两边，两张清单无法核对。",
        "A 公开稿 transcribes basic spending as the document publishes it: pairs only, or the two lists by function and by economic class. With a mix, the pairs count on both sides and the lists cannot be checked.",
        "公开稿\n基本支出\n  2013101 30101 50.00\n  2013101 50.00\n  30101 50.00", "公开稿\n基本支出\n  2013101 100.00\n  30101 100.00"),
    code!("E0219", Arithmetic, Error, "按功能分类的行不分人员经费和公用经费", "人员经费/公用经费 on a line by function",
        "“人员经费”“公用经费”把一行基本支出算作人员或公用，不论其经济分类（有的地区把 303 退休费算作公用）。按功能分类的行没有经济分类，人员和公用由按经济分类的行决定：这个词写在那里。",
        "人员经费 and 公用经费 put a basic line on that side whatever its economic class (some regions count 303 retirement pay as 公用). A line by functional code has no economic class; the lines by economic code decide the split, so the word goes there.",
        "公开稿\n基本支出\n  2013101 人员经费 100.00\n  30101 100.00", "公开稿\n基本支出\n  2013101 100.00\n  30101 人员经费 100.00"),
    code!("E0225", Arithmetic, Error, "说明中的金额与算得的数不符", "an amount of the 说明 differs from the figures",
        "“说明 <标题>”块是公开稿的说明原文。其中带已知名称的金额（收入预算、财政拨款收入、支出预算、基本支出、项目支出、“三公”经费及其各项、机关运行经费、政府采购预算及货物/工程/服务）和“<类名>（类）<款名>（款）<项名>（项）”后的金额（该项的财政拨款支出），按所写的单位和小数位数与由事实算得的数核对：算得的数换算成所写单位，四舍五入（五入远离零）到所写的位数后应与之相同。不认识的名称不核对。",
        "A `说明 <标题>` block is the 说明 of the published document as written. Amounts after a name budc knows (收入预算, 财政拨款收入, 支出预算, 基本支出, 项目支出, “三公”经费 and its items, 机关运行经费, 政府采购预算 and 货物/工程/服务) and after `<类名>（类）<款名>（款）<项名>（项）` (that 项's 财政拨款 spending) are checked against the derived figures as printed: the figure in the written unit, rounded half away from zero to the decimals written, must equal the amount. Names budc does not know are not checked.",
        "项目 P1 某项目\n  类型 特定目标类\n  支出 2013202 100.00\n说明 部门预算编制说明\n  > 支出预算120.00万元。", "项目 P1 某项目\n  类型 特定目标类\n  支出 2013202 100.00\n说明 部门预算编制说明\n  > 支出预算100.00万元。"),
    code!("E0226", Arithmetic, Error, "金额被截断而不是四舍五入", "amount truncated instead of rounded",
        "印出的金额（说明中的金额，或带单位的断言）等于算得的数直接舍去多余的位数，而不是四舍五入：例如 93,750 元是 9.375 万元，两位小数应印 9.38，印成 9.37 是截断。",
        "A printed amount (in the 说明, or an assertion with a unit) is the derived figure with its extra digits cut off instead of rounded: 93,750 元 is 9.375 万元, printed with two decimals 9.38; 9.37 is truncation.",
        "项目 P1 某项目\n  类型 特定目标类\n  支出 2013202 9.38\n说明 部门预算编制说明\n  > 支出预算9.3万元。", "项目 P1 某项目\n  类型 特定目标类\n  支出 2013202 9.38\n说明 部门预算编制说明\n  > 支出预算9.4万元。"),
    code!("E0227", Arithmetic, Error, "说明中总数的增减与各部分的增减之和不符", "a stated change differs from the sum of its parts' changes",
        "说明中一个总数写了与上年比的增减（“……为114.22万元，比2025年预算增加27万元。其中：”），其下各部分（（一）（二）（三）或 1. 2. 3.）也各写了增减（“比2025年预算增加/减少N万元”，“与2025年预算持平”算 0）：各部分增减额之和必须等于总数的增减额。部分之内再有“其中：”时，只计部分自己的增减，其下各分项（以“；”分隔）另与该部分核对。上年数不公开，这里只核对说明自身是否一致；结构认不出时不报告。",
        "A total in the 说明 states its change against last year (……为114.22万元，比2025年预算增加27万元。其中：) and its parts ((一)(二)(三) or 1. 2. 3.) state theirs (比2025年预算增加/减少N万元; 与2025年预算持平 is 0): the parts' changes must add up to the total's. Within a part with its own 其中, only the part's own change counts, and its items (separated by ；) are checked against the part. The prior figures are not published: the 说明 is checked against itself, and nothing is said when its structure is not recognised.",
        "说明 其他相关情况说明\n  > 2024年“三公”经费预算数为0万元，比2023年预算增加3万元。其中：\n  > （一）因公出国（境）费0万元，与2023年预算持平。\n  > （二）公务接待费0万元，比2023年预算增加2万元。", "说明 其他相关情况说明\n  > 2024年“三公”经费预算数为0万元，比2023年预算增加2万元。其中：\n  > （一）因公出国（境）费0万元，与2023年预算持平。\n  > （二）公务接待费0万元，比2023年预算增加2万元。"),
    code!("E0301", Classification, Error, "未知的科目编码", "unknown classification code",
        "编码不在科目表中，而科目表的这一分支是完整的（complete.tsv 列出的分支：其下每个科目都已在来源中核实）：编码写错了。help 给出最接近的编码（按数字和按名称）。",
        "The code is not in the catalog, and that branch of the catalog is complete (listed in complete.tsv: every code under it was confirmed in a source): the code is wrong. The help suggests the nearest codes, by digits and by name.",
        "基本支出\n  2013201 30115 5.00", "基本支出\n  2013201 30101 5.00"),
    code!("W0302", Classification, Warning, "内置科目表中查不到", "code not in the built-in catalog",
        "编码不在内置科目表中，但这一分支没有标为完整：可能是编码写错，也可能是科目表不全。用 --catalog 指定完整的科目表可消除此警告。同一编码用在几行上只报一次，每一行都标出。",
        "The code is not in the built-in catalog, whose branch is not marked complete: either the code is wrong or the catalog lacks it. A complete catalog (--catalog) removes the warning. A code used on several lines is reported once, with every line marked.",
        "项目 P1 某项目\n  类型 特定目标类\n  支出 2019998 5.00", "项目 P1 某项目\n  类型 特定目标类\n  支出 2013202 5.00"),
    code!("E0303", Classification, Error, "科目级次不对", "code at the wrong level",
        "支出落在功能分类的“项”（7 位）和经济分类的“款”（5 位）上；类、款级编码只是汇总。",
        "Spending sits on functional 项 codes (7 digits) and economic 款 codes (5 digits); 类 and 款 codes are only roll-ups.",
        "项目 P1 某项目\n  类型 特定目标类\n  支出 20132 5.00", "项目 P1 某项目\n  类型 特定目标类\n  支出 2013202 5.00"),
    code!("E0304", Classification, Error, "科目名称与编码不符", "name does not match the code",
        "编码后写的名称与科目表不一致（全角、半角括号视为相同），而科目表的这一行已在来源中核实（推定的行见 W0312）。改正名称，或删去名称由 budc 查出。",
        "The name written after a code differs from the catalog (full- and half-width brackets count as equal), whose row was confirmed in a source (for a recalled row see W0312). Fix the name, or leave it out and budc looks it up.",
        "项目 P1 某项目\n  类型 特定目标类\n  支出 2080110 劳动关系的维权 300.00", "项目 P1 某项目\n  类型 特定目标类\n  支出 2080110 劳动关系和维权 300.00"),
    code!("E0305", Classification, Error, "经济分类没有对应的政府经济分类", "economic code without a government mapping",
        "部门预算支出经济分类的每个款都对应一个政府预算支出经济分类款，机关（行政、参公单位）和事业单位各一套（如 30101 → 50101 或 50501）；科目表中没有这一行，基本支出表无法生成。内置科目表两侧都齐全，这个错误出自缺行的用户科目表（--catalog）。",
        "Every 部门预算支出经济分类 款 maps to a 政府预算支出经济分类 款, one mapping for 机关 (行政 and 参公 units) and one for 事业单位 (30101 → 50101 or 50501); without the mapping row the basic-expenditure tables cannot be made. The built-in catalog maps every 款 on both sides: this error comes from a user catalog (--catalog) that lacks the row.",
        "基本支出\n  2013201 30907 5.00", "基本支出\n  2013201 30201 5.00"),
    code!("E0306", Classification, Error, "“三公”经济科目与“三公”数不符", "三公 economic codes disagree with the 三公 figures",
        "项目的经济分类写了 30212、30217、30231、30913 或 31013，但与该项目的“三公”行金额不同。",
        "A project's economic lines on 30212, 30217, 30231, 30913 or 31013 differ from its 三公 lines.",
        "项目 P1 某项目\n  类型 特定目标类\n  支出 2013202 3.00\n  经济 30217 3.00\n  三公 公务接待费 2.00", "项目 P1 某项目\n  类型 特定目标类\n  支出 2013202 3.00\n  经济 30217 2.00\n  三公 公务接待费 2.00"),
    code!("W0307", Classification, Warning, "基本支出落在项目类科目", "basic spending on a project code",
        "基本支出（人员和日常公用）通常列在行政运行、机关服务、事业运行及社保缴费、医疗、住房公积金科目；一般行政管理事务和补助类科目用于项目。",
        "Basic spending usually sits on 行政运行, 机关服务, 事业运行 and the pension, medical and housing-fund codes; 一般行政管理事务 and subsidy codes are for projects.",
        "基本支出\n  2013202 30101 5.00", "基本支出\n  2013201 30101 5.00"),
    code!("W0308", Classification, Warning, "项目支出落在行政运行", "project spending on 行政运行",
        "行政运行科目反映机构运转的基本支出；项目支出通常列在一般行政管理事务或专项科目。",
        "行政运行 holds the basic spending of running the body; projects usually sit on 一般行政管理事务 or a specific code.",
        "项目 P1 某项目\n  支出 2013201 5.00", "项目 P1 某项目\n  支出 2013202 5.00"),
    code!("E0309", Classification, Error, "资金来源与科目不符", "funding source does not fit the code",
        "政府性基金预算的钱只能列在基金科目上，一般公共预算的钱不能列在基金科目上；国有资本经营预算的钱列在 223 类。",
        "政府性基金 money sits only on fund codes and 一般公共预算 money never on them; 国有资本经营 money sits under 223.",
        "项目 P1 某项目\n  资金 政府性基金\n  支出 2013202 5.00", "项目 P1 某项目\n  支出 2013202 5.00"),
    code!("E0310", Classification, Error, "指标不在指标体系中", "indicator outside the framework",
        "一级指标为成本指标、产出指标、效益指标、满意度指标；二级指标按财预〔2021〕101号：成本（经济、社会、生态环境成本指标），产出（数量、质量、时效指标），效益（经济、社会、生态效益指标，可持续（发展）影响指标），满意度（服务对象满意度指标）。",
        "一级 indicators are 成本指标, 产出指标, 效益指标, 满意度指标, with the 二级 of 财预〔2021〕101号 under each.",
        "项目 P1 某项目\n  类型 特定目标类\n  支出 2013202 5.00\n  指标 产出指标 成本指标 | 人数 | 10人 | 工作成效", "项目 P1 某项目\n  类型 特定目标类\n  支出 2013202 5.00\n  指标 产出指标 数量指标 | 人数 | 10人 | 工作成效"),
    code!("E0311", Classification, Error, "未知的项目类型", "unknown project type",
        "项目类型为人员类、公用经费类、其他运转类或特定目标类。",
        "Project types are 人员类, 公用经费类, 其他运转类 and 特定目标类.",
        "项目 P1 某项目\n  类型 专项类\n  支出 2013202 5.00", "项目 P1 某项目\n  类型 特定目标类\n  支出 2013202 5.00"),
    code!("W0312", Classification, Warning, "科目名称与推定的科目表不符", "name differs from a recalled catalog row",
        "编码后写的名称与内置科目表不一致，而内置科目表的这一行是推定的（confidence 为 recalled：凭对正式科目表的了解写出，未在可核对的来源中见到）：可能是预算写错，也可能是科目表的名称不准。请对照正式的《政府收支分类科目》核对；help 给出科目表中的名称。名称已核实的行写错名称是 E0304。",
        "The name written after a code differs from the built-in catalog, whose row is recalled (confidence `recalled`: written from knowledge of the official catalog, not seen in a source): either the budget or the catalog's wording is wrong. Check against the official 《政府收支分类科目》; the help gives the catalog's name. A wrong name on a confirmed row is E0304.",
        "项目 P1 某项目\n  类型 特定目标类\n  支出 2070109 群众文化活动 5.00", "项目 P1 某项目\n  类型 特定目标类\n  支出 2070109 群众文化 5.00"),
    code!("E0401", Goals, Error, "项目没有绩效目标", "project without a performance goal",
        "项目支出全面实施绩效目标管理：每个项目写“目标”和指标。",
        "Every project has a performance goal (目标) and indicators.",
        "项目 P1 某项目\n  支出 2013202 5.00", "项目 P1 某项目\n  支出 2013202 5.00\n  目标 完成年度工作任务。"),
    code!("W0402", Goals, Warning, "缺少产出、效益或满意度指标", "goal without output, outcome or satisfaction indicators",
        "绩效目标至少要有产出指标、效益指标和满意度指标。",
        "A goal needs 产出, 效益 and 满意度 indicators.",
        "项目 P1 某项目\n  类型 特定目标类\n  支出 2013202 5.00\n  目标 完成培训。\n  指标 产出指标 数量指标 | 人数 | 10人 | 工作成效", "项目 P1 某项目\n  类型 特定目标类\n  支出 2013202 5.00\n  目标 完成培训。\n  指标 产出指标 数量指标 | 人数 | 10人 | 工作成效\n  指标 效益指标 社会效益指标 | 服务水平 | 提升 | 工作成效\n  指标 满意度指标 服务对象满意度指标 | 满意度 | ≥90% | 调查"),
    code!("W0403", Goals, Warning, "不同项目的绩效目标相同", "the same goal text on different projects",
        "两个项目的绩效目标一字不差，多半是复制后忘了改。",
        "Two projects have the very same goal text; usually one was copied and not adapted.",
        "项目 P1 甲\n  目标 提升服务水平。\n项目 P2 乙\n  目标 提升服务水平。", "项目 P1 甲\n  目标 提升服务水平。\n项目 P2 乙\n  目标 按时发放补贴。"),
    code!("W0404", Goals, Warning, "指标行抄自无关项目", "indicator row copied from an unrelated project",
        "同一条具体的指标（三级指标和指标值都相同）出现在没有共同功能科目的两个项目中。",
        "The same specific indicator (name and value) appears in two projects that share no functional code.",
        "项目 P1 甲\n  支出 2082602 5.00\n  指标 产出指标 数量指标 | 享受基础养老金补助人数 | 16933人 | 人数\n项目 P2 乙\n  支出 2013202 5.00\n  指标 产出指标 数量指标 | 享受基础养老金补助人数 | 16933人 | 人数", "项目 P1 甲\n  支出 2082602 5.00\n  指标 产出指标 数量指标 | 享受基础养老金补助人数 | 16933人 | 人数\n项目 P2 乙\n  支出 2013202 5.00\n  指标 产出指标 数量指标 | 培训干部人数 | 120人 | 人数"),
    code!("W0405", Goals, Warning, "指标值不是数", "indicator value is not a number",
        "成本指标和数量指标要有可衡量的数值；“是否完成”“提升”之类的文字无法评价。",
        "Cost and quantity indicators need a measurable number; words such as 是否完成 or 提升 cannot be assessed.",
        "项目 P1 某项目\n  类型 特定目标类\n  支出 2013202 5.00\n  指标 产出指标 数量指标 | 培训人数 | 是否完成 | 工作成效", "项目 P1 某项目\n  类型 特定目标类\n  支出 2013202 5.00\n  指标 产出指标 数量指标 | 培训人数 | ≥200人 | 工作成效"),
    code!("W0406", Goals, Warning, "指标单位不规范", "malformed indicator unit",
        "单位中同一量纲重复（天/人/天）、复合单位缺少“/”（元人/月），或金额、数量没有单位（4019.73）。",
        "The unit repeats a dimension (天/人/天), lacks a `/` (元人/月), or a money or count value has no unit (4019.73).",
        "项目 P1 某项目\n  类型 特定目标类\n  支出 2013202 5.00\n  指标 成本指标 经济成本指标 | 经费成本 | 4019.73 | 工作成效", "项目 P1 某项目\n  类型 特定目标类\n  支出 2013202 5.00\n  指标 成本指标 经济成本指标 | 经费成本 | 5万元 | 工作成效"),
    code!("W0407", Goals, Warning, "指标单位与名称矛盾", "indicator unit contradicts its name",
        "人数、次数等计数用了金额单位，或时间、时限指标用了百分比。",
        "A count (人数, 次数 …) measured in money, or a time indicator given as a percentage.",
        "项目 P1 某项目\n  类型 特定目标类\n  支出 2013202 5.00\n  指标 产出指标 时效指标 | 完成时间 | 100% | 工作成效", "项目 P1 某项目\n  类型 特定目标类\n  支出 2013202 5.00\n  指标 产出指标 时效指标 | 完成时间 | 2024年12月底前 | 工作成效"),
    code!("W0408", Goals, Warning, "数量目标写成了上限", "quantity target written as an upper bound",
        "数量、质量和满意度指标是要达到的下限（≥）；写成 ≤ 意味着越少越好。",
        "Quantity, quality and satisfaction targets are minimums (≥); ≤ says the fewer the better.",
        "项目 P1 某项目\n  类型 特定目标类\n  支出 2013202 5.00\n  指标 产出指标 数量指标 | 培训人数 | ≤30 | 工作成效", "项目 P1 某项目\n  类型 特定目标类\n  支出 2013202 5.00\n  指标 产出指标 数量指标 | 培训人数 | ≥30人 | 工作成效"),
    code!("W0501", Content, Warning, "“三公”经费变化没有说明原因", "三公 change without a reason",
        "“三公”经费比上年有增减时，须说明原因：写“原因 三公”（或具体的“原因 公务接待费”等）。",
        "When a 三公 figure changes against last year, give the reason: `原因 三公` (or `原因 公务接待费` …).",
        "上年\n  三公 公务接待费 3.00", "上年\n  三公 公务接待费 3.00\n原因 三公\n  > 压缩公务接待支出。"),
    code!("E0502", Content, Error, "项目编码重复", "duplicate project code",
        "项目编码在预算中唯一。",
        "A project code is unique in a budget.",
        "项目 P1 甲\n项目 P1 乙", "项目 P1 甲\n项目 P2 乙"),
    code!("E0503", Content, Error, "项目名称重复", "duplicate project name",
        "两个项目同名，表格和绩效目标表中无法区分。",
        "Two projects with one name cannot be told apart in the tables and goal tables.",
        "项目 P1 甲\n项目 P2 甲", "项目 P1 甲\n项目 P2 乙"),
    code!("E0504", Content, Error, "项目编码的年度不对", "project code of another year",
        "预算一体化的 21 位项目编码第 7、8 位是年度（37159124… 为 2024 年）；与预算年度不同的编码多半抄自上年。",
        "Characters 7–8 of a 21-character project code are the year (37159124… is 2024); a code of another year was probably copied from last year's budget.",
        "年度 2024\n项目 37159123980801030002L 某项目", "年度 2024\n项目 37159124980801030002L 某项目"),
    code!("W0505", Content, Warning, "占位文字未替换", "placeholder text left in",
        "文字中留有 XX、××、待填写、待定之类的占位符。",
        "The text still holds a placeholder such as XX, ××, 待填写 or 待定.",
        "项目 P1 某项目\n  类型 特定目标类\n  支出 2013202 5.00\n  目标 完成XX项工作。", "项目 P1 某项目\n  类型 特定目标类\n  支出 2013202 5.00\n  目标 完成12项工作。"),
    code!("W0506", Content, Warning, "说明与计算的增减方向相反", "prose direction contradicts the computed change",
        "原因说明中的增加／减少／持平与由“上年”数算出的变化方向相反。",
        "The reason says 增加 / 减少 / 持平 while the change computed from the 上年 figures goes the other way.",
        "上年\n  机关运行经费 200.00\n原因 机关运行经费\n  > 人员增加，经费增加。", "上年\n  机关运行经费 200.00\n原因 机关运行经费\n  > 压减公用经费，经费减少。"),
    code!("W0507", Content, Warning, "缺少主要职责或机构设置", "duties or organisation missing",
        "公开的部门预算以“部门概况”开篇：主要职责和机构设置。缺了或为空，文档就不完整。",
        "The published budget opens with the department's overview: its duties (主要职责) and organisation (机构设置). Missing or empty, the document is incomplete.",
        "主要职责\n机构设置\n  > 本部门由本级组成。", "主要职责\n  > 负责本行政区域的有关工作。\n机构设置\n  > 本部门由本级组成。"),
    code!("W0508", Content, Warning, "词语重复", "a word written twice",
        "同一个词连写了两遍（“增加增加”“的的”），多是改稿时留下的。单字只查“的、了、和”之类的虚词：“人人”“层层”是词。",
        "The same word written twice in a row (增加增加, 的的), usually left by an edit. Single characters are checked only for function words like 的, 了, 和: 人人 and 层层 are words.",
        "主要职责\n  > 负责全县群众文化活动的的组织实施。\n机构设置\n  > 本部门由本级组成。", "主要职责\n  > 负责全县群众文化活动的组织实施。\n机构设置\n  > 本部门由本级组成。"),
    code!("W0509", Content, Warning, "模板中未选定的增减写法", "a template's direction left unmade",
        "模板写作“增加（减少）”或“增加/减少”，要求按实际选一种；“增加持平”之类是选了又没删干净。",
        "Templates offer 增加（减少） or 增加/减少 to choose from; 增加持平 and the like are a choice made without deleting the rest.",
        "上年\n  机关运行经费 200.00\n原因 机关运行经费\n  > 与上年相比增加持平。", "上年\n  机关运行经费 200.00\n原因 机关运行经费\n  > 压减公用经费，经费减少。"),
    code!("W0510", Content, Warning, "说明中的年度不对", "another year in a reason",
        "说明增减原因的文字中出现了预算年度和上年以外的年份（2026 年的预算写“2025年无公车购置计划”），多是抄自另一年的说明。年份区间（2024-2026年）和书名号中的标题不算。",
        "A reason speaks of a year that is neither the budget year nor the year before (a 2026 budget saying 2025年无公车购置计划), usually copied from another year's text. A span of years (2024-2026年) and titles in 《》 are not counted.",
        "上年\n  机关运行经费 200.00\n原因 机关运行经费\n  > 2021年压减公用经费，经费减少。", "上年\n  机关运行经费 200.00\n原因 机关运行经费\n  > 2024年压减公用经费，经费减少。"),
    code!("W0511", Content, Warning, "金额中有全角字符", "full-width characters in an amount",
        "金额用了全角的逗号、小数点或数字（1，234.56万元），检索和转换都会出错。列举（第1，2项）不算。",
        "An amount written with a full-width comma, point or digits (1，234.56万元) defeats search and conversion. A list (第1，2项) is not counted.",
        "主要职责\n  > 负责管理本级1，234.56万元专项资金。\n机构设置\n  > 本部门由本级组成。", "主要职责\n  > 负责管理本级1,234.56万元专项资金。\n机构设置\n  > 本部门由本级组成。"),
    code!("W0512", Content, Warning, "模板的填写说明未删除", "a template's instruction left in",
        "文字中留有模板的填写说明（“请填写……”“（如有）”“根据实际情况填写”），公开前应删去并写上实际内容。",
        "The text still holds a template's instruction (请填写……, （如有）, 根据实际情况填写), to be replaced by the content before publication.",
        "主要职责\n  > 请填写本部门主要职责。\n机构设置\n  > 本部门由本级组成。", "主要职责\n  > 负责本行政区域的有关工作。\n机构设置\n  > 本部门由本级组成。"),
    code!("W0513", Content, Warning, "说明中的功能分类项在科目表中查不到", "a functional 项 of the 说明 not in the catalog",
        "说明中“<类名>（类）<款名>（款）<项名>（项）”后的金额与该项的财政拨款支出核对；三级名称在科目表中对不上（错字、旧名称、类款项错位）时无从核对。",
        "The amount after `<类名>（类）<款名>（款）<项名>（项）` in the 说明 is checked against that 项's 财政拨款 spending; when the three names do not match the catalog (a typo, an old name, 类 and 款 mixed up), it cannot be.",
        "说明 部门预算编制说明\n  > 1. “一般公共服务支出（类）政府办公厅（室）及相关机构事务（款）行政远行（项）”0万元。", "说明 部门预算编制说明\n  > 1. “一般公共服务支出（类）政府办公厅（室）及相关机构事务（款）行政运行（项）”0万元。"),
    code!("E0601", Region, Error, "项目编码在两个部门中重复", "project code in two departments",
        "budc region 汇总一个区域的全部部门预算。项目编码由预算管理一体化系统分配，在全区唯一；两个部门列出同一编码，多半是抄错了编码，或同一个项目被两个部门重复列入（资金算了两次）。",
        "budc region sums all the departments of a region. Project codes are assigned by the 一体化 system and unique in the region; the same code in two departments is a miscopied code, or one project entered by two departments (its money counted twice).",
        "==> 甲.bud <==\n部门 甲部门\n年度 2024\n金额单位 万元\n项目 P1 培训项目\n  类型 特定目标类\n  支出 2013202 5.00\n  目标 培训干部 200 人次。\n==> 乙.bud <==\n部门 乙部门\n年度 2024\n金额单位 万元\n项目 P1 宣传项目\n  类型 特定目标类\n  支出 2013202 3.00\n  目标 开展宣传活动 12 场。\n", "==> 甲.bud <==\n部门 甲部门\n年度 2024\n金额单位 万元\n项目 P1 培训项目\n  类型 特定目标类\n  支出 2013202 5.00\n  目标 培训干部 200 人次。\n==> 乙.bud <==\n部门 乙部门\n年度 2024\n金额单位 万元\n项目 P2 宣传项目\n  类型 特定目标类\n  支出 2013202 3.00\n  目标 开展宣传活动 12 场。\n"),
    code!("E0602", Region, Error, "二级单位在两个部门中重复", "sub-unit in two departments",
        "一个预算单位只属于一个主管部门。同一全称的二级单位列在两个部门下，它的预算就被汇总了两次。",
        "A budget unit belongs to one department. A sub-unit of the same full name under two departments has its budget summed twice.",
        "==> 甲.bud <==\n部门 甲部门\n年度 2024\n金额单位 万元\n二级单位 中心 云溪县信息中心\n==> 乙.bud <==\n部门 乙部门\n年度 2024\n金额单位 万元\n二级单位 中心 云溪县信息中心\n", "==> 甲.bud <==\n部门 甲部门\n年度 2024\n金额单位 万元\n二级单位 中心 云溪县信息中心\n==> 乙.bud <==\n部门 乙部门\n年度 2024\n金额单位 万元\n"),
    code!("E0603", Region, Error, "部门的年度或科目版本与区域不同", "department of another year or catalog",
        "区域汇总只收同一年度、按同一版科目编制的部门预算；混进去的上年文件或用另一版科目的文件会使汇总失真。区域的年度和科目版本取控制数文件所写的，没有时取多数部门的。",
        "A region sums budgets of one year, checked against one catalog; last year's file or one of another catalog mixed in distorts the sums. The region's year and catalog are the control file's, else those of most departments.",
        "==> 甲.bud <==\n部门 甲部门\n年度 2024\n金额单位 万元\n==> 乙.bud <==\n部门 乙部门\n年度 2025\n金额单位 万元\n", "==> 甲.bud <==\n部门 甲部门\n年度 2024\n金额单位 万元\n==> 乙.bud <==\n部门 乙部门\n年度 2024\n金额单位 万元\n"),
    code!("E0604", Region, Error, "控制数与预算不符", "approved total differs from the budgets",
        "控制数文件（region.ctl）写明财政批复的各部门本级支出合计和全区合计；与部门预算算出的合计不符，不是预算编错就是控制数抄错，须核对到分。",
        "The control file (region.ctl) states the approved totals of each department and of the region; a budget that adds up to another figure, or a miscopied approved figure, must be checked to the cent.",
        "==> region.ctl <==\n金额单位 万元\n合计 6.00\n部门 甲部门 6.00\n==> 甲.bud <==\n部门 甲部门\n年度 2024\n金额单位 万元\n项目 P1 培训项目\n  类型 特定目标类\n  支出 2013202 5.00\n  目标 培训干部 200 人次。\n", "==> region.ctl <==\n金额单位 万元\n合计 5.00\n部门 甲部门 5.00\n==> 甲.bud <==\n部门 甲部门\n年度 2024\n金额单位 万元\n项目 P1 培训项目\n  类型 特定目标类\n  支出 2013202 5.00\n  目标 培训干部 200 人次。\n"),
    code!("E0605", Region, Error, "控制数中的部门不在区域中", "department of the control file not in the region",
        "控制数文件列出的部门在目录中没有预算：名称与预算文件的“部门”行不一致，或该部门的文件缺了。",
        "A department of the control file has no budget in the folder: its name differs from the budget's 部门 line, or its file is missing.",
        "==> region.ctl <==\n金额单位 万元\n部门 甲部门 5.00\n部门 丙部门 1.00\n==> 甲.bud <==\n部门 甲部门\n年度 2024\n金额单位 万元\n项目 P1 培训项目\n  类型 特定目标类\n  支出 2013202 5.00\n  目标 培训干部 200 人次。\n", "==> region.ctl <==\n金额单位 万元\n部门 甲部门 5.00\n==> 甲.bud <==\n部门 甲部门\n年度 2024\n金额单位 万元\n项目 P1 培训项目\n  类型 特定目标类\n  支出 2013202 5.00\n  目标 培训干部 200 人次。\n"),
    code!("W0606", Region, Warning, "部门没有控制数", "department without an approved total",
        "控制数文件列出了各部门，却没有这个部门：它的预算无从核对，也可能是别的区域的文件混了进来。",
        "The control file lists the departments but not this one: its budget cannot be checked against an approved figure, or it is a file of another region.",
        "==> region.ctl <==\n金额单位 万元\n部门 甲部门 5.00\n==> 甲.bud <==\n部门 甲部门\n年度 2024\n金额单位 万元\n项目 P1 培训项目\n  类型 特定目标类\n  支出 2013202 5.00\n  目标 培训干部 200 人次。\n==> 乙.bud <==\n部门 乙部门\n年度 2024\n金额单位 万元\n项目 P2 宣传项目\n  类型 特定目标类\n  支出 2013202 3.00\n  目标 开展宣传活动 12 场。\n", "==> region.ctl <==\n金额单位 万元\n部门 甲部门 5.00\n部门 乙部门 3.00\n==> 甲.bud <==\n部门 甲部门\n年度 2024\n金额单位 万元\n项目 P1 培训项目\n  类型 特定目标类\n  支出 2013202 5.00\n  目标 培训干部 200 人次。\n==> 乙.bud <==\n部门 乙部门\n年度 2024\n金额单位 万元\n项目 P2 宣传项目\n  类型 特定目标类\n  支出 2013202 3.00\n  目标 开展宣传活动 12 场。\n"),
    code!("E0701", Template, Error, "模板不可用", "template unusable",
        "“模板”选定文档的版式：内置模板（标准、上海）按名称写，自己的模板写 .toml 文件的路径（相对于本文件所在目录）。名称不是内置模板、文件读不到或不是 UTF-8 时，文档按“标准”模板生成。",
        "模板 chooses the layout of the document: a built-in template (标准, 上海) by name, a template of one's own by the path of its .toml file (relative to this file's folder). A name that is no built-in template, or a file that cannot be read or is not UTF-8, leaves the document in the 标准 layout.",
        "模板 北京", "模板 上海"),
    code!("E0702", Template, Error, "模板文件有误", "wrong template file",
        "模板文件（TOML）须能读懂：每个 [[table]] 有 kind（内置表的编号，如 three_public），unit 为 元 或 万元，decimals 为 0 到 4，columns 与 headers 只写该表有的列（列名即 JSON 输出中的列 id），[rules] 中的编码为经济分类编码。消息给出文件中的行和列。",
        "A template file (TOML) must make sense: each [[table]] has a kind (a built-in table's id, such as three_public), unit is 元 or 万元, decimals 0 to 4, columns and headers name only columns the table has (the column ids of the JSON output), and the codes of [rules] are economic codes. The message gives the line and column in the file.",
        "模板 tests/fixtures/template/wrong-unit.toml", "模板 tests/fixtures/template/shanghai-copy.toml"),
];

/// An example as a whole file: the example header first, unless the example writes its own.
pub fn with_header(example: &str) -> String {
    let own = example
        .lines()
        .any(|l| l.starts_with("部门 ") || l.starts_with("年度 "));
    if own {
        format!("{example}\n")
    } else {
        format!("{EXAMPLE_HEADER}{example}\n")
    }
}

/// The registered information of a code.
pub fn info(code: &str) -> Option<&'static CodeInfo> {
    ALL.iter().find(|c| c.code.eq_ignore_ascii_case(code))
}

/// The severity a code is registered with (an unregistered code is an error: a budc defect
/// that tests catch).
pub fn severity(code: &str) -> Severity {
    info(code).map(|c| c.severity).unwrap_or(Severity::Error)
}

/// Whether a code is of the syntax family (a file with one has no model to compare or format).
pub fn is_syntax(code: &str) -> bool {
    info(code).is_some_and(|c| c.family == Family::Syntax)
}

/// The long explanation of a code, as `budc explain` prints it.
pub fn explain(code: &str, lang: super::Lang) -> Option<String> {
    let c = info(code)?;
    let (title, expl, fam) = (c.title.get(lang), c.explanation.get(lang), c.family.name());
    let (wrong, right) = (
        Text::fixed("错误的写法", "Wrong"),
        Text::fixed("正确的写法", "Right"),
    );
    let (wrong, right, fam) = (wrong.get(lang), right.get(lang), fam.get(lang));
    let severity = match c.severity {
        Severity::Error => Text::fixed("错误", "error"),
        Severity::Warning => Text::fixed("警告", "warning"),
        Severity::Note => Text::fixed("提示", "note"),
    };
    let severity = severity.get(lang);
    let head = format!("{} [{fam}, {severity}]: {title}\n\n{expl}\n", c.code);
    // A code about a file, not its text (E0005), has no example to show.
    if c.wrong.is_empty() && c.right.is_empty() {
        return Some(head);
    }
    let indent = |s: &str| s.lines().map(|l| format!("    {l}\n")).collect::<String>();
    Some(format!(
        "{head}\n{wrong}:\n\n{}\n{right}:\n\n{}",
        indent(&with_header(c.wrong)),
        indent(&with_header(c.right)),
    ))
}

/// The Markdown table of all codes, as in the README.
pub fn markdown_table() -> String {
    let mut s =
        String::from("| code | family | severity | 问题 | problem |\n|---|---|---|---|---|\n");
    for c in ALL {
        s.push_str(&format!(
            "| {} | {} | {} | {} | {} |\n",
            c.code,
            c.family.name().en,
            c.severity.word(),
            c.title.zh,
            c.title.en
        ));
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_unique_sorted_and_prefixed_by_severity() {
        let mut seen = std::collections::BTreeSet::new();
        for c in ALL {
            assert!(seen.insert(&c.code[1..]), "number of {} used twice", c.code);
            let prefix = match c.severity {
                Severity::Error => 'E',
                _ => 'W',
            };
            assert!(c.code.starts_with(prefix), "{}", c.code);
        }
        let numbers: Vec<&str> = ALL.iter().map(|c| &c.code[1..]).collect();
        let mut sorted = numbers.clone();
        sorted.sort();
        assert_eq!(numbers, sorted);
    }

    #[test]
    fn explain_prints_both_examples() {
        let text = explain("e0304", crate::diag::Lang::Zh).unwrap();
        assert!(text.contains("劳动关系的维权") && text.contains("劳动关系和维权"));
        assert!(explain("E9999", crate::diag::Lang::En).is_none());
    }
}
