#!/usr/bin/env python3
"""Control totals of examples/songling-sasac-2024.bud, computed without budc.

A deliberately small, independent reading of the .bud file (own regexes, own sums, exact
decimals): it reads the header, the sub-units and their kinds, the 基本支出 blocks, the projects
(支出 / 采购 / 三公 lines with their sources) and derives the control totals. Then it compares
them with the `收入` lines and the `断言` lines of the file, and prints `# 控制数` lines.

Usage: python3 controls-songling.py [FILE]
"""
import re
import os
import sys
from collections import defaultdict
from decimal import Decimal

PATH = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "examples", "songling-sasac-2024.bud")

SOURCES = ["一般公共预算", "政府性基金", "国有资本经营", "财政专户管理资金", "事业收入",
           "事业单位经营收入", "上级补助", "附属单位上缴", "其他收入", "使用非财政拨款结余", "上年结转"]
FISCAL = {"一般公共预算", "政府性基金", "国有资本经营"}
THREE_PUBLIC_ECON = {"30212": "因公出国（境）费", "30913": "公务用车购置费", "31013": "公务用车购置费",
                     "30231": "公务用车运行维护费", "30217": "公务接待费"}
THREE_PUBLIC_KINDS = ["因公出国（境）费", "公务用车购置费", "公务用车运行维护费", "公务接待费"]
# 部门经济分类 类 -> 政府经济分类 类, for 行政/参公 units (事业 units would map to 505/506).
GOV_CLASS_ADMIN = {"301": "501", "302": "502", "303": "509", "310": "503", "309": "504"}
GOV_CLASS_INST = {"301": "505", "302": "505", "303": "509", "310": "506", "309": "506"}
CLASS_NAMES = {"208": "社会保障和就业支出", "210": "卫生健康支出", "215": "资源勘探工业信息等支出",
               "221": "住房保障支出", "223": "国有资本经营预算支出"}  # display only

AMOUNT = re.compile(r"^-?\d[\d,]*(\.\d{1,2})?$")
FUNC = re.compile(r"^\d{7}$")
ECON = re.compile(r"^3\d{4}$")


def dec(s):
    return Decimal(s.replace(",", ""))


def strip_comment(line):
    # A trailing comment after an amount or code (the grammar's rule, simplified).
    m = re.match(r"^(.*?\S)\s+#.*$", line)
    if m and not line.lstrip().startswith(("目标", "指标", ">")):
        return m.group(1)
    return line


def main():
    units = {}                 # 简称 -> kind
    dept_kind = "行政"
    basic = []                 # (unit, func, econ, source, amount)
    projects = []              # dicts
    procurement = []           # (kind, func, source, amount, where)
    three_public_proj = []     # (kind, source, amount)
    income_lines = {}
    assertions = []
    block, cur = None, None

    for raw in open(PATH, encoding="utf-8"):
        line = raw.rstrip("\n")
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        indented = line.startswith(" ")
        text = strip_comment(line).strip()
        tok = text.split()
        if not indented:
            block, cur = None, None
            kw = tok[0]
            if kw == "单位性质":
                dept_kind = tok[1]
            elif kw == "二级单位":
                units[tok[1]] = tok[3] if len(tok) > 3 and tok[3] in ("行政", "参公", "事业") else None
            elif kw == "收入":
                income_lines[tok[1]] = dec(tok[2])
            elif kw == "基本支出":
                block, cur = "basic", (tok[1] if len(tok) > 1 else None)
            elif kw == "项目":
                cur = {"code": tok[1], "name": " ".join(tok[2:]), "unit": None,
                       "source": "一般公共预算", "lines": [], "stated": None}
                projects.append(cur)
                block = "project"
            elif kw == "上年":
                block = "prior"
            elif kw == "断言":
                assertions.append(text)
            continue
        if block == "basic":
            if tok[0] == "采购":
                src = next((t for t in tok[2:-1] if t in SOURCES), "一般公共预算")
                func = next((t for t in tok[2:-1] if FUNC.match(t)), None)
                procurement.append((tok[1], func, src, dec(tok[-1]), "basic"))
            else:
                assert FUNC.match(tok[0]) and AMOUNT.match(tok[-1]), line
                econ = next(t for t in tok[1:-1] if ECON.match(t))
                src = next((t for t in tok[1:-1] if t in SOURCES), "一般公共预算")
                basic.append((cur, tok[0], econ, src, dec(tok[-1])))
        elif block == "project":
            kw = tok[0]
            if kw == "单位":
                cur["unit"] = tok[1]
            elif kw == "资金":
                cur["source"] = tok[1]
            elif kw == "金额":
                cur["stated"] = dec(tok[1])
            elif kw == "支出":
                src = next((t for t in tok[2:-1] if t in SOURCES), None)
                cur["lines"].append((tok[1], src, dec(tok[-1])))
            elif kw == "采购":
                func = next((t for t in tok[2:-1] if FUNC.match(t)), None)
                src = next((t for t in tok[2:-1] if t in SOURCES), None)
                procurement.append((tok[1], func, src, dec(tok[-1]), cur))
            elif kw == "三公":
                src = next((t for t in tok[2:-1] if t in SOURCES), None)
                three_public_proj.append((tok[1], src or cur["source"], dec(tok[-1])))

    kind_of = {u: (k or dept_kind) for u, k in units.items()}
    kind_of[None] = dept_kind

    # Resolve project line sources (default: the project's 资金).
    proj_lines = []  # (project, func, source, amount)
    for p in projects:
        for func, src, amt in p["lines"]:
            proj_lines.append((p, func, src or p["source"], amt))
        total = sum(a for _, _, a in p["lines"])
        if p["stated"] is not None and p["stated"] != total:
            print(f"!! project {p['code']} 金额 {p['stated']} != sum {total}")
        p["total"] = total

    zero = Decimal("0.00")
    by_source = defaultdict(lambda: zero)
    for _, _, _, src, amt in basic:
        by_source[src] += amt
    for _, _, src, amt in proj_lines:
        by_source[src] += amt

    basic_total = sum(a for *_, a in basic)
    personnel = sum(a for _, _, e, _, a in basic if e[:3] in ("301", "303"))
    public = basic_total - personnel
    project_total = sum(a for *_, a in proj_lines)
    total = basic_total + project_total

    # Functional: 类 / 款 / 项 totals, all sources; also general-only and state-capital-only.
    func_all = defaultdict(lambda: zero)
    func_general = defaultdict(lambda: zero)
    func_capital = defaultdict(lambda: zero)
    spending = [(f, s, a) for _, f, _, s, a in basic] + [(f, s, a) for _, f, s, a in proj_lines]
    for f, s, a in spending:
        for key in (f[:3], f[:5], f):
            func_all[key] += a
            if s == "一般公共预算":
                func_general[key] += a
            if s == "国有资本经营":
                func_capital[key] += a
    general_basic = sum(a for *_, s, a in basic if s == "一般公共预算")
    general_project = sum(a for _, _, s, a in proj_lines if s == "一般公共预算")
    personnel_general = sum(a for _, _, e, s, a in basic if s == "一般公共预算" and e[:3] in ("301", "303"))
    public_general = general_basic - personnel_general

    # 三公 (一般公共预算 only): basic lines on the 三公 economic codes + project 三公 lines.
    tp = {k: zero for k in THREE_PUBLIC_KINDS}
    for _, _, e, s, a in basic:
        if s == "一般公共预算" and e in THREE_PUBLIC_ECON:
            tp[THREE_PUBLIC_ECON[e]] += a
    for k, s, a in three_public_proj:
        if s == "一般公共预算":
            tp[k] += a
    tp_total = sum(tp.values())

    # 机关运行经费: 日常公用支出 of 一般公共预算 basic spending of 行政/参公 units.
    operating = sum(a for u, _, e, s, a in basic
                    if s == "一般公共预算" and kind_of[u] in ("行政", "参公")
                    and e[:3] not in ("301", "303"))

    proc = {k: zero for k in ("货物", "工程", "服务")}
    for k, *_, a, _ in procurement:
        proc[k] += a
    proc_total = sum(proc.values())

    econ_class = defaultdict(lambda: zero)   # 一般公共预算 basic, by 部门经济分类 类
    gov_class = defaultdict(lambda: zero)
    for u, _, e, s, a in basic:
        if s != "一般公共预算":
            continue
        econ_class[e[:3]] += a
        mapping = GOV_CLASS_INST if kind_of[u] == "事业" else GOV_CLASS_ADMIN
        gov_class[mapping[e[:3]]] += a

    fiscal = sum(v for s, v in by_source.items() if s in FISCAL)

    # ---- report --------------------------------------------------------------------------
    def row(label, value, note=""):
        print(f"# 控制数 {label} {value}" + (f"  ({note})" if note else ""))

    row("收入合计 / 支出合计", total)
    for s in SOURCES:
        if by_source.get(s):
            row(f"收入 {s}", by_source[s])
    row("财政拨款 (一般公共预算+国有资本经营)", fiscal)
    row("基本支出", basic_total,
        f"人员 {personnel} = 301 {sum(a for *_, e, _, a in basic if e[:3]=='301')} + "
        f"303 {sum(a for *_, e, _, a in basic if e[:3]=='303')}; 公用 {public}")
    row("项目支出", project_total, f"{len(projects)} 个项目")
    row("一般公共预算支出", by_source["一般公共预算"], f"基本 {general_basic} + 项目 {general_project}")
    capital_items = "; ".join(f"{k} {v}" for k, v in sorted(func_capital.items()) if len(k) == 7)
    row("国有资本经营预算支出", by_source["国有资本经营"], capital_items)
    for c in sorted(k for k in func_all if len(k) == 3):
        sections = "; ".join(f"{k} {func_all[k]}" for k in sorted(func_all) if len(k) == 5 and k.startswith(c))
        row(f"类 {c} {CLASS_NAMES.get(c, '')}", func_all[c], sections)
    row("三公 (一般公共预算)", tp_total, "; ".join(f"{k} {v}" for k, v in tp.items()))
    row("机关运行经费", operating)
    row("政府采购", proc_total, "; ".join(f"{k} {v}" for k, v in proc.items()))
    print("# 控制数 政府经济分类 (基本支出): " + "; ".join(f"{k} {v}" for k, v in sorted(gov_class.items())))
    print("# 控制数 部门经济分类 类 (一般公共预算基本支出): " + "; ".join(f"{k} {v}" for k, v in sorted(econ_class.items())))
    print("# 项目: " + "; ".join(f"{p['name']} {p['total']}" for p in projects))

    # ---- check the file's own 收入 and 断言 lines against these figures ------------------
    named = {"收入合计": total, "支出合计": total, "基本支出": basic_total, "项目支出": project_total,
             "人员支出": personnel, "日常公用支出": public, "三公经费": tp_total,
             "机关运行经费": operating, "政府采购": proc_total, "项目数": Decimal(len(projects))}
    col_source = {"general": "一般公共预算", "state_capital": "国有资本经营", "carryover": "上年结转",
                  "fund": "政府性基金"}
    bad = 0
    for s, v in income_lines.items():
        if by_source.get(s, zero) != v:
            bad += 1
            print(f"!! 收入 {s} {v} != {by_source.get(s, zero)}")
    checked = 0
    for a in assertions:
        m = re.match(r"断言 (\S+)(?: (\S+) (\S+))? = (\S+)$", a)
        name, r, col, val = m.groups()
        val = dec(val)
        got = None
        if r is None:
            got = named.get(name)
        elif name == "income" and r == "合计":
            got = fiscal if col == "fiscal_subtotal" else by_source.get(col_source.get(col), zero)
        elif name == "expenditure":
            if r == "合计":
                got = {"total": total, "basic": basic_total, "project": project_total}[col]
            elif col == "total":
                got = func_all.get(r, zero)
        elif name == "general_expenditure" and r == "合计":
            got = {"total": by_source["一般公共预算"], "basic_subtotal": general_basic,
                   "personnel": personnel_general, "public": public_general,
                   "project": general_project}[col]
        elif name == "state_capital_expenditure" and col == "total":
            got = by_source["国有资本经营"] if r == "合计" else func_capital.get(r, zero)
        elif name == "general_basic_economic" and col == "subtotal":
            got = general_basic if r == "合计" else econ_class.get(r, zero)
        elif name == "procurement" and r == "合计" and col == "total":
            got = proc_total
        if got is None:
            print(f"?? not computed here: {a}")
            continue
        checked += 1
        if got != val:
            bad += 1
            print(f"!! {a}  (computed {got})")
    print(f"# checked {checked} assertions and {len(income_lines)} 收入 lines: {bad} differ")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
