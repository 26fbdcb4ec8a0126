#!/usr/bin/env python3
"""Control totals of examples/qinghe-education-2024.bud, computed independently of budc.

Parses the .bud with its own simple regexes (only the statements the example uses) and prints
the control figures, as `# 控制数` comment lines and as `断言` lines.
Usage: python3 /work/controls-qinghe.py [FILE]
"""
import re
import os
import sys
from collections import defaultdict
from decimal import Decimal

PATH = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "examples", "qinghe-education-2024.bud")
SOURCES = ["一般公共预算", "政府性基金", "国有资本经营", "财政专户管理资金", "事业收入",
           "事业单位经营收入", "上级补助", "附属单位上缴", "其他收入", "使用非财政拨款结余", "上年结转"]
FISCAL = {"一般公共预算", "政府性基金", "国有资本经营"}
AMOUNT = re.compile(r"^-?[0-9][0-9,]*(\.[0-9]{1,2})?$")
FUNC = re.compile(r"^[0-9]{7}$")
ECON = re.compile(r"^[0-9]{5}$")
THREE_ECON = {"30212": "因公出国（境）费", "30913": "公务用车购置费", "31013": "公务用车购置费",
              "30231": "公务用车运行维护费", "30217": "公务接待费"}

def dec(s):
    return Decimal(s.replace(",", ""))

def tokens(line):
    line = line.split("#", 1)[0] if not line.lstrip().startswith(">") else line
    return line.replace("\u3000", " ").split()

default_kind = "行政"
unit_kind = {}
basic = []      # (unit, func, econ, source, amount)
projects = []   # dict(code, name, unit, default, lines=[(func, source, amount)], proc=[], three=[])
procurement = []  # (kind, func, source, amount, where)
block = None
cur_unit = None
proj = None

for raw in open(PATH, encoding="utf-8"):
    line = raw.rstrip("\n")
    if not line.strip() or line.lstrip().startswith("#"):
        continue
    indented = line.startswith(" ")
    t = tokens(line)
    if not t:
        continue
    if not indented:
        block = t[0]
        proj = None
        if t[0] == "单位性质":
            default_kind = t[1]
        elif t[0] == "二级单位":
            unit_kind[t[1]] = t[3] if len(t) > 3 else None
        elif t[0] == "基本支出":
            cur_unit = t[1] if len(t) > 1 else None
        elif t[0] == "项目":
            proj = {"code": t[1], "name": " ".join(t[2:]), "unit": None, "default": "一般公共预算",
                    "lines": [], "proc": [], "three": []}
            projects.append(proj)
        continue
    if block == "基本支出":
        if t[0] == "采购":
            kind, rest = t[1], t[2:]
            func = next(x for x in rest if FUNC.match(x))
            src = next((x for x in rest if x in SOURCES), "一般公共预算")
            procurement.append((kind, func, src, dec(rest[-1]), "basic"))
            continue
        func = t[0]
        econ = next(x for x in t[1:] if ECON.match(x))
        src = next((x for x in t if x in SOURCES), "一般公共预算")
        basic.append((cur_unit, func, econ, src, dec(t[-1])))
    elif block == "项目" and proj is not None:
        k = t[0]
        if k == "单位":
            proj["unit"] = t[1]
        elif k == "资金":
            proj["default"] = t[1]
        elif k == "支出":
            func = t[1]
            src = next((x for x in t[2:] if x in SOURCES), proj["default"])
            proj["lines"].append((func, src, dec(t[-1])))
        elif k == "采购":
            kind, rest = t[1], t[2:-1]
            func = next((x for x in rest if FUNC.match(x)), None)
            src = next((x for x in rest if x in SOURCES), None)
            if func is None:
                codes = {f for f, _, _ in proj["lines"]}
                assert len(codes) == 1, proj["name"]
                func = codes.pop()
            if src is None:
                srcs = {s for f, s, _ in proj["lines"] if f == func}
                src = srcs.pop() if len(srcs) == 1 else proj["default"]
            proj["proc"].append((kind, func, src, dec(t[-1])))
            procurement.append((kind, func, src, dec(t[-1]), proj["name"]))
        elif k == "三公":
            src = next((x for x in t[2:] if x in SOURCES), proj["default"])
            proj["three"].append((t[1], src, dec(t[-1])))

def kind_of(unit):
    return unit_kind.get(unit) or default_kind

# ---- figures
Z = Decimal("0.00")
by_source = defaultdict(lambda: Z)
func_total = defaultdict(lambda: Z)   # code prefix -> total
func_src = defaultdict(lambda: Z)     # (prefix, source)
func_basic = defaultdict(lambda: Z)
func_proj = defaultdict(lambda: Z)
def add_func(code, src, amt, is_basic):
    for p in (code[:3], code[:5], code):
        func_total[p] += amt
        func_src[(p, src)] += amt
        (func_basic if is_basic else func_proj)[p] += amt

basic_total = personnel = public = Z
general_basic_personnel = general_basic_public = Z
econ_general = defaultdict(lambda: Z)
econ_general_by_gov = defaultdict(lambda: Z)
operating_cost = Z
three = defaultdict(lambda: Z)
gov_all = defaultdict(lambda: Z)
gov_general = defaultdict(lambda: Z)
for unit, func, econ, src, amt in basic:
    by_source[src] += amt
    add_func(func, src, amt, True)
    basic_total += amt
    is_personnel = econ[:3] in ("301", "303")
    if is_personnel:
        personnel += amt
    else:
        public += amt
    k = kind_of(unit)
    if econ[:3] == "303":
        gov = "509"
    elif k in ("行政", "参公"):
        gov = {"301": "501", "302": "502", "310": "503", "309": "504"}[econ[:3]]
    else:
        gov = {"301": "50501", "302": "50502", "310": "50601", "309": "50602"}[econ[:3]]
    gov_all[gov] += amt
    if src == "一般公共预算":
        gov_general[gov] += amt
        econ_general[econ] += amt
        econ_general[econ[:3]] += amt
        # The 类 row of the basic economic tables, one per 政府经济分类 class it maps to.
        econ_general_by_gov[(econ[:3], gov[:3])] += amt
        if is_personnel:
            general_basic_personnel += amt
        else:
            general_basic_public += amt
            if k in ("行政", "参公"):
                operating_cost += amt
        if econ in THREE_ECON:
            three[THREE_ECON[econ]] += amt

project_total = Z
proj_amounts = []
for p in projects:
    amt_p = sum((a for _, _, a in p["lines"]), Z)
    proj_amounts.append((p["code"], p["name"], amt_p))
    project_total += amt_p
    for func, src, amt in p["lines"]:
        by_source[src] += amt
        add_func(func, src, amt, False)
    for kind, src, amt in p["three"]:
        if src == "一般公共预算":
            three[kind] += amt

income_total = sum(by_source.values(), Z)
general = by_source["一般公共预算"]
fiscal = sum((v for s, v in by_source.items() if s in FISCAL), Z)
proc_kind = defaultdict(lambda: Z)
for kind, func, src, amt, _ in procurement:
    proc_kind[kind] += amt
proc_total = sum(proc_kind.values(), Z)
three_total = sum(three.values(), Z)

# ---- output
def f(d):
    return f"{d:,.2f}"
out = []
c = out.append
c(f"# 控制数 (computed by /work/controls-qinghe.py from this file, independently of budc; 万元)")
c(f"# 控制数 收入合计 = 支出合计 {f(income_total)}; 财政拨款 {f(fiscal)}")
for s in SOURCES:
    if by_source[s]:
        c(f"# 控制数   收入/支出 {s} {f(by_source[s])}")
c(f"# 控制数 基本支出 {f(basic_total)} (人员 301+303 {f(personnel)}, 公用 {f(public)}); 项目支出 {f(project_total)} ({len(projects)} 个)")
c(f"# 控制数 一般公共预算基本支出 {f(general_basic_personnel + general_basic_public)} (人员 {f(general_basic_personnel)}, 公用 {f(general_basic_public)})")
c(f"# 控制数 功能分类 类/款 (合计 = 基本 + 项目):")
for p in sorted(k for k in func_total if len(k) in (3, 5)):
    c(f"# 控制数   {p:<6} {f(func_total[p]):>10} = {f(func_basic[p]):>10} + {f(func_proj[p]):>9}")
c(f"# 控制数 三公 (一般公共预算) {f(three_total)}: " + ", ".join(f"{k} {f(three[k])}" for k in
  ["因公出国（境）费", "公务用车购置费", "公务用车运行维护费", "公务接待费"]))
c(f"# 控制数 机关运行经费 (本级 行政, 一般公共预算基本支出非301/303) {f(operating_cost)}")
c(f"# 控制数 政府采购 {f(proc_total)}: 货物 {f(proc_kind['货物'])}, 工程 {f(proc_kind['工程'])}, 服务 {f(proc_kind['服务'])}")
c(f"# 控制数 政府经济分类 (基本支出, 全部来源): " + ", ".join(f"{g} {f(gov_all[g])}" for g in sorted(gov_all)))
c(f"# 控制数 政府经济分类 (一般公共预算基本支出): " + ", ".join(f"{g} {f(gov_general[g])}" for g in sorted(gov_general)))
print("\n".join(out))
print()
a = []
A = a.append
A(f"断言 收入合计 = {income_total}")
A(f"断言 支出合计 = {income_total}")
A(f"断言 基本支出 = {basic_total}")
A(f"断言 项目支出 = {project_total}")
A(f"断言 人员支出 = {personnel}")
A(f"断言 日常公用支出 = {public}")
A(f"断言 三公经费 = {three_total}")
A(f"断言 机关运行经费 = {operating_cost}")
A(f"断言 政府采购 = {proc_total}")
A(f"断言 项目数 = {len(projects)}")
col = {"一般公共预算": "general", "政府性基金": "fund", "财政专户管理资金": "special_account"}
for s, cid in col.items():
    A(f"断言 income 合计 {cid} = {by_source[s]}")
A(f"断言 income 合计 fiscal_subtotal = {fiscal}")
A(f"断言 income 合计 total = {income_total}")
A(f"断言 expenditure 合计 total = {income_total}")
A(f"断言 expenditure 合计 basic = {basic_total}")
A(f"断言 expenditure 合计 project = {project_total}")
for p in sorted(k for k in func_total if len(k) == 3):
    A(f"断言 expenditure {p} total = {func_total[p]}")
for p in sorted(k for k in func_total if len(k) == 5 and k[:3] == "205"):
    A(f"断言 expenditure {p} total = {func_total[p]}")
A(f"断言 general_expenditure 合计 total = {general}")
A(f"断言 general_basic_economic 合计 personnel = {general_basic_personnel}")
A(f"断言 general_basic_economic 合计 public = {general_basic_public}")
for (e, g) in sorted(econ_general_by_gov):
    # A class spent by 行政 and 事业 units has a row per 政府 class (301/501, 301/505).
    both = sum(1 for (e2, _) in econ_general_by_gov if e2 == e) > 1
    row = f"{e}/{g}" if both else e
    A(f"断言 general_basic_economic {row} subtotal = {econ_general_by_gov[(e, g)]}")
A(f"断言 fund_expenditure 合计 total = {by_source['政府性基金']}")
A(f"断言 basic_expenditure 合计 special_account = {sum((x[4] for x in basic if x[3] == '财政专户管理资金'), Z)}")
A(f"断言 procurement 合计 total = {proc_total}")
for code, name, amt_p in proj_amounts:
    A(f"断言 project_expenditure {code} total = {amt_p}")
print("\n".join(a))
