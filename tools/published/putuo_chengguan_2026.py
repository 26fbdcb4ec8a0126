#!/usr/bin/env python3
"""The published cells of the nine tables of 上海市普陀区城市管理行政执法局's 2026 部门预算, as
printed (text of its PDF: GitHub zxj6827111-blip/GovBudgetChecker,
tests/fixtures/chengguan_budget_page_data.json, page_tables), and the 断言 lines that state them.

Writes the block between `# ASSERTIONS-BEGIN` and `# ASSERTIONS-END` of
examples/putuo-chengguan-2026-as-published.bud. Run it from the repository's root."""
import pathlib

# 功能分类 rows of tables 2, 3 and 5: code, printed name, 合计, 基本支出, 项目支出 (表 2's
# 财政拨款收入 = 合计; every amount is 一般公共预算).
FUNCTIONAL = [
    ("208", "社会保障和就业支出", "6,397,096", "6,103,096", "294,000"),
    ("20805", "行政事业单位养老支出", "6,103,096", "6,103,096", ""),
    ("2080501", "行政单位离退休", "2,614,680", "2,614,680", ""),
    ("2080505", "机关事业单位基本养老保险缴费支出", "2,302,464", "2,302,464", ""),
    ("2080506", "机关事业单位职业年金缴费支出", "1,151,232", "1,151,232", ""),
    ("2080599", "其他行政事业单位养老支出", "34,720", "34,720", ""),
    ("20808", "抚恤", "294,000", "", "294,000"),
    ("2080801", "死亡抚恤", "294,000", "", "294,000"),
    ("210", "卫生健康支出", "1,439,040", "1,439,040", ""),
    ("21011", "行政事业单位医疗", "1,439,040", "1,439,040", ""),
    ("2101101", "行政单位医疗", "1,439,040", "1,439,040", ""),
    ("212", "城乡社区支出", "33,775,592", "22,783,399", "10,992,193"),
    ("21201", "城乡社区管理事务", "33,775,592", "22,783,399", "10,992,193"),
    ("2120104", "城管执法", "33,775,592", "22,783,399", "10,992,193"),
    ("221", "住房保障支出", "5,871,730", "5,871,730", ""),
    ("22102", "住房改革支出", "5,871,730", "5,871,730", ""),
    ("2210201", "住房公积金", "2,649,730", "2,649,730", ""),
    ("2210203", "购房补贴", "3,222,000", "3,222,000", ""),
]
FUNCTIONAL_TOTAL = ("47,483,458", "36,197,265", "11,286,193")

# 表 8: 部门预算经济分类 类/款, name, 合计, 人员经费, 公用经费.
ECONOMIC = [
    ("301", "工资福利支出", "29,045,727", "29,045,727", ""),
    ("30101", "基本工资", "3,794,196", "3,794,196", ""),
    ("30102", "津贴补贴", "16,042,750", "16,042,750", ""),
    ("30108", "机关事业单位基本养老保险缴费", "2,302,464", "2,302,464", ""),
    ("30109", "职业年金缴费", "1,151,232", "1,151,232", ""),
    ("30110", "职工基本医疗保险缴费", "1,439,040", "1,439,040", ""),
    ("30112", "其他社会保障缴费", "37,415", "37,415", ""),
    ("30113", "住房公积金", "2,649,730", "2,649,730", ""),
    ("30199", "其他工资福利支出", "1,628,900", "1,628,900", ""),
    ("302", "商品和服务支出", "4,862,538", "", "4,862,538"),
    ("30201", "办公费", "246,700", "", "246,700"),
    ("30202", "印刷费", "100,000", "", "100,000"),
    ("30204", "手续费", "2,500", "", "2,500"),
    ("30205", "水费", "10,000", "", "10,000"),
    ("30206", "电费", "250,000", "", "250,000"),
    ("30207", "邮电费", "40,000", "", "40,000"),
    ("30209", "物业管理费", "750,000", "", "750,000"),
    ("30211", "差旅费", "25,000", "", "25,000"),
    ("30213", "维修（护）费", "40,000", "", "40,000"),
    ("30214", "租赁费", "336,000", "", "336,000"),
    ("30215", "会议费", "5,000", "", "5,000"),
    ("30216", "培训费", "2,000", "", "2,000"),
    ("30217", "公务接待费", "4,600", "", "4,600"),
    ("30218", "专用材料费", "111,000", "", "111,000"),
    ("30227", "委托业务费", "429,000", "", "429,000"),
    ("30228", "工会经费", "332,298", "", "332,298"),
    ("30231", "公务用车运行维护费", "387,600", "", "387,600"),
    ("30239", "其他交通费用", "629,920", "", "629,920"),
    ("30299", "其他商品和服务支出", "1,160,920", "", "1,160,920"),
    ("303", "对个人和家庭的补助", "2,079,000", "2,079,000", ""),
    ("30302", "退休费", "2,079,000", "2,079,000", ""),
    ("310", "资本性支出", "210,000", "", "210,000"),
    ("31002", "办公设备购置", "210,000", "", "210,000"),
]
ECONOMIC_TOTAL = ("36,197,265", "31,124,727", "5,072,538")

# 表 1 and 表 4: spending by 类 (一、社会保障和就业支出 …), and the totals.
CLASSES = [("208", "6,397,096"), ("210", "1,439,040"), ("212", "33,775,592"), ("221", "5,871,730")]
INCOME_TOTAL = "47,483,458"

# 表 9 (万元): 三公 合计, 因公出国(境)费, 公务接待费, 公务用车 小计, 购置费, 运行费; 机关运行经费.
THREE_PUBLIC = [
    ("total", "114.22"), ("abroad", "0.00"), ("reception", "0.46"),
    ("vehicle_subtotal", "113.76"), ("vehicle_purchase", "75.00"),
    ("vehicle_operation", "38.76"), ("operating_cost", "507.25"),
]


def amount(printed):
    return printed.replace(",", "")


# 表 1 and 表 4: the income side's lines with an amount (printed label, amount), beside the 类
# lines of the spending side (the rows are named by their 类).
OVERVIEW_INCOME = [("一、财政拨款收入", "47,483,458"), ("1. 一般公共预算", "47,483,458")]
FISCAL_INCOME = [("一、一般公共预算", "47,483,458")]
CLASS_NAMES = ["一、社会保障和就业支出", "二、卫生健康支出", "三、城乡社区支出", "四、住房保障支出"]


def overview_lines():
    """表 1 and 表 4, two-sided: income lines on the left, spending by 类 on the right."""
    out = ["# 表1 部门财务收支预算总表 (元)"]
    for (code, value), name, income in zip(CLASSES, CLASS_NAMES, OVERVIEW_INCOME + [None] * 4):
        if income:
            out.append(f"断言 overview {code} income_item = {income[0]}")
            out.append(f"断言 overview {code} income_amount = {amount(income[1])}")
        out.append(f"断言 overview {code} expenditure_item = {name}")
        out.append(f"断言 overview {code} expenditure_amount = {amount(value)}")
    out.append(f"断言 overview 支出总计 income_item = 收入总计")
    out.append(f"断言 overview 支出总计 income_amount = {amount(INCOME_TOTAL)}")
    out.append(f"断言 overview 支出总计 expenditure_amount = {amount(INCOME_TOTAL)}")
    out.append("# 表4 部门财政拨款收支预算总表 (元)")
    for (code, value), name, income in zip(CLASSES, CLASS_NAMES, FISCAL_INCOME + [None] * 4):
        if income:
            out.append(f"断言 fiscal_overview {code} income_item = {income[0]}")
            out.append(f"断言 fiscal_overview {code} income_amount = {amount(income[1])}")
        out.append(f"断言 fiscal_overview {code} expenditure_item = {name}")
        out.append(f"断言 fiscal_overview {code} total = {amount(value)}")
        out.append(f"断言 fiscal_overview {code} general = {amount(value)}")
    out.append(f"断言 fiscal_overview 支出总计 income_item = 收入总计")
    out.append(f"断言 fiscal_overview 支出总计 income_amount = {amount(INCOME_TOTAL)}")
    out.append(f"断言 fiscal_overview 支出总计 total = {amount(INCOME_TOTAL)}")
    out.append(f"断言 fiscal_overview 支出总计 general = {amount(INCOME_TOTAL)}")
    return out


def lines():
    """The 断言 lines, table by table (the ids of the 上海 template's tables and columns)."""
    out = overview_lines()
    out.append("# 表2 部门收入预算总表 (元)")
    for code, name, total, basic, project in FUNCTIONAL:
        out.append(f"断言 income {code} name = {name}")
        out.append(f"断言 income {code} total = {amount(total)}")
        out.append(f"断言 income {code} fiscal_subtotal = {amount(total)}")
    out.append(f"断言 income 合计 total = {amount(FUNCTIONAL_TOTAL[0])}")
    out.append(f"断言 income 合计 fiscal_subtotal = {amount(FUNCTIONAL_TOTAL[0])}")
    for table, basic_col, title in (
        ("expenditure", "basic", "表3 部门支出预算总表"),
        ("general_expenditure", "basic_subtotal", "表5 部门一般公共预算支出功能分类预算表"),
    ):
        out.append(f"# {title} (元)")
        for code, name, total, basic, project in FUNCTIONAL:
            out.append(f"断言 {table} {code} name = {name}")
            out.append(f"断言 {table} {code} total = {amount(total)}")
            if basic:
                out.append(f"断言 {table} {code} {basic_col} = {amount(basic)}")
            if project:
                out.append(f"断言 {table} {code} project = {amount(project)}")
        for col, v in zip(("total", basic_col, "project"), FUNCTIONAL_TOTAL):
            out.append(f"断言 {table} 合计 {col} = {amount(v)}")
    out.append("# 表6 and 表7 (政府性基金, 国有资本经营) print no figure: 注：本年度无……预算支出，故本表无数据")
    out.append("# 表8 部门一般公共预算基本支出部门预算经济分类预算表 (元)")
    for code, name, total, personnel, public in ECONOMIC:
        out.append(f"断言 general_basic_economic {code} dept_name = {name}")
        out.append(f"断言 general_basic_economic {code} subtotal = {amount(total)}")
        if personnel:
            out.append(f"断言 general_basic_economic {code} personnel = {amount(personnel)}")
        if public:
            out.append(f"断言 general_basic_economic {code} public = {amount(public)}")
    for col, v in zip(("subtotal", "personnel", "public"), ECONOMIC_TOTAL):
        out.append(f"断言 general_basic_economic 合计 {col} = {amount(v)}")
    out.append("# 表9 部门“三公”经费和机关运行经费预算表 (万元, as printed: the template's unit)")
    for col, v in THREE_PUBLIC:
        out.append(f"断言 three_public 合计 {col} = {v}")
    out.append("# 其他相关情况说明: the figures of the prose are checked where they are written (E0225–E0227);")
    out.append("# those without a table of their own are stated here too, as printed")
    for figure, v in (("政府采购", "595.28"), ("三公经费", "114.22"), ("机关运行经费", "507.25")):
        out.append(f"断言 {figure} = {v} 万元")
    return out


def main():
    path = pathlib.Path("examples/putuo-chengguan-2026-as-published.bud")
    text = path.read_text(encoding="utf-8")
    begin, end = "# ASSERTIONS-BEGIN\n", "# ASSERTIONS-END\n"
    head, rest = text.split(begin, 1)
    _, tail = rest.split(end, 1)
    block = "\n".join(lines()) + "\n"
    path.write_text(head + begin + block + end + tail, encoding="utf-8")
    print(f"{path}: {sum(1 for l in lines() if l.startswith('断言'))} assertions")


if __name__ == "__main__":
    main()
