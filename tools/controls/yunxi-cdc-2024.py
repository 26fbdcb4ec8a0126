#!/usr/bin/env python3
"""Control totals of examples/yunxi-cdc-2024.bud, computed independently of budc.

Parses the .bud file with its own simple regexes (only the statements that carry money) and
prints the control totals. With --write it also rewrites the `# 控制数` comment table and the
`断言` lines between the CONTROLS-/ASSERTIONS- markers of the file.

Rules applied (spec-12):
  * every money line has a source; default 一般公共预算 (basic) / the project's 资金 line;
  * income of a source = spending paid from it (basic lines + project lines);
  * 人员支出 = economic 301xx + 303xx; 日常公用支出 = every other economic code;
  * 事业 unit: 301→50501, 302→50502, 310→50601, 309→50602, 303→509;
  * 三公 counts 一般公共预算 only: basic 30217 (公务接待费), 30231 (公务用车运行维护费),
    30212 (因公出国（境）费), 31013/30913 (公务用车购置费), plus project 三公 lines;
  * project 采购 defaults: code = the project's only code; source = the source of that code's
    line(s) when unique, else the project default.
"""
import re
import os
import sys
from collections import defaultdict
from decimal import Decimal

PATH = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "examples", "yunxi-cdc-2024.bud")
SOURCES = ["一般公共预算", "政府性基金", "国有资本经营", "财政专户管理资金", "事业收入",
           "事业单位经营收入", "上级补助", "附属单位上缴", "其他收入", "使用非财政拨款结余",
           "上年结转"]
FISCAL = {"一般公共预算", "政府性基金", "国有资本经营"}
GENERAL = "一般公共预算"
AMOUNT = re.compile(r"^-?\d[\d,]*(\.\d{1,2})?$")
FUNC = re.compile(r"^2\d{6}$")
ECON = re.compile(r"^3\d{4}$")
THREE_PUBLIC_ECON = {"30212": "因公出国（境）费", "30913": "公务用车购置费",
                     "31013": "公务用车购置费", "30231": "公务用车运行维护费",
                     "30217": "公务接待费"}
THREE_PUBLIC_KINDS = ["因公出国（境）费", "公务用车购置费", "公务用车运行维护费", "公务接待费"]


def money(tok):
    return Decimal(tok.replace(",", ""))


def tokens(line):
    # A trailing comment starts at " #" after the statement (statements with money end in a number).
    line = re.sub(r"\s+#.*$", "", line)
    return line.split()


def parse(text):
    basic = []        # (func, econ, source, amount)
    basic_proc = []   # (kind, func, source, amount)
    projects = []     # dicts
    block = None
    cur = None
    for raw in text.splitlines():
        if not raw.strip() or raw.lstrip().startswith("#"):
            continue
        indented = raw[0] in " \t"
        t = tokens(raw)
        if not indented:
            block = t[0]
            if block == "项目":
                cur = {"code": t[1], "name": " ".join(t[2:]), "default": GENERAL,
                       "lines": [], "proc": [], "three": [], "type": None, "stated": None}
                projects.append(cur)
            continue
        if block == "基本支出":
            if t[0] == "采购":
                kind = t[1]
                func = next((x for x in t[2:-1] if FUNC.match(x)), None)
                src = next((x for x in t[2:-1] if x in SOURCES), GENERAL)
                basic_proc.append((kind, func, src, money(t[-1])))
            else:
                assert FUNC.match(t[0]) and AMOUNT.match(t[-1]), raw
                econ = next(x for x in t[1:-1] if ECON.match(x))
                src = next((x for x in t[1:-1] if x in SOURCES), GENERAL)
                basic.append((t[0], econ, src, money(t[-1])))
        elif block == "项目":
            kw = t[0]
            if kw == "资金":
                cur["default"] = t[1]
            elif kw == "类型":
                cur["type"] = t[1]
            elif kw == "金额":
                cur["stated"] = money(t[1])
            elif kw == "支出":
                src = next((x for x in t[2:-1] if x in SOURCES), None)
                cur["lines"].append((t[1], src, money(t[-1])))
            elif kw == "采购":
                func = next((x for x in t[2:-1] if FUNC.match(x)), None)
                src = next((x for x in t[2:-1] if x in SOURCES), None)
                cur["proc"].append((t[1], func, src, money(t[-1])))
            elif kw == "三公":
                src = next((x for x in t[2:-1] if x in SOURCES), None)
                cur["three"].append((t[1], src, money(t[-1])))
    # Resolve the defaults of every project.
    for p in projects:
        p["lines"] = [(f, s or p["default"], a) for f, s, a in p["lines"]]
        codes = sorted({f for f, _, _ in p["lines"]})
        resolved = []
        for kind, func, src, a in p["proc"]:
            if func is None:
                assert len(codes) == 1, (p["code"], "采购 needs a code")
                func = codes[0]
            if src is None:
                srcs = {s for f, s, _ in p["lines"] if f == func}
                src = srcs.pop() if len(srcs) == 1 else p["default"]
            resolved.append((kind, func, src, a))
        p["proc"] = resolved
        p["three"] = [(k, s or p["default"], a) for k, s, a in p["three"]]
        p["amount"] = sum((a for _, _, a in p["lines"]), Decimal(0))
        if p["stated"] is not None:
            assert p["stated"] == p["amount"], (p["code"], p["stated"], p["amount"])
    return basic, basic_proc, projects


def compute(text):
    basic, basic_proc, projects = parse(text)
    c = {}
    by_source = defaultdict(Decimal)
    for f, e, s, a in basic:
        by_source[s] += a
    for p in projects:
        for f, s, a in p["lines"]:
            by_source[s] += a
    c["income"] = {s: by_source[s] for s in SOURCES if by_source[s]}
    c["income_total"] = sum(by_source.values(), Decimal(0))
    personnel = sum((a for f, e, s, a in basic if e[:3] in ("301", "303")), Decimal(0))
    public = sum((a for f, e, s, a in basic if e[:3] not in ("301", "303")), Decimal(0))
    c["personnel"], c["public"] = personnel, public
    c["basic"] = personnel + public
    c["project"] = sum((p["amount"] for p in projects), Decimal(0))
    c["total"] = c["basic"] + c["project"]
    assert c["total"] == c["income_total"]
    c["project_count"] = len(projects)
    # 一般公共预算 split
    gp = sum((a for f, e, s, a in basic if s == GENERAL and e[:3] in ("301", "303")), Decimal(0))
    gc = sum((a for f, e, s, a in basic if s == GENERAL and e[:3] not in ("301", "303")), Decimal(0))
    gproj = sum((a for p in projects for f, s, a in p["lines"] if s == GENERAL), Decimal(0))
    c["general"] = {"total": gp + gc + gproj, "personnel": gp, "public": gc,
                    "basic": gp + gc, "project": gproj}
    c["fiscal"] = sum((v for s, v in by_source.items() if s in FISCAL), Decimal(0))
    # functional 类 / 款 / 项: total, basic, project (all sources) and 一般公共预算
    func = defaultdict(lambda: defaultdict(Decimal))
    def add(code, key, a):
        for k in (code[:3], code[:5], code):
            func[k][key] += a
    for f, e, s, a in basic:
        add(f, "basic", a)
        add(f, "total", a)
        if s == GENERAL:
            add(f, "general", a)
        if s == "事业收入":
            add(f, "business", a)
        if s == "上年结转":
            add(f, "carryover", a)
    for p in projects:
        for f, s, a in p["lines"]:
            add(f, "project", a)
            add(f, "total", a)
            if s == GENERAL:
                add(f, "general", a)
            if s == "事业收入":
                add(f, "business", a)
            if s == "上年结转":
                add(f, "carryover", a)
    c["func"] = func
    # 三公 (一般公共预算 only)
    three = {k: Decimal(0) for k in THREE_PUBLIC_KINDS}
    three_all = {k: Decimal(0) for k in THREE_PUBLIC_KINDS}
    for f, e, s, a in basic:
        if e in THREE_PUBLIC_ECON:
            three_all[THREE_PUBLIC_ECON[e]] += a
            if s == GENERAL:
                three[THREE_PUBLIC_ECON[e]] += a
    for p in projects:
        for k, s, a in p["three"]:
            three_all[k] += a
            if s == GENERAL:
                three[k] += a
    c["three"], c["three_all"] = three, three_all
    c["three_total"] = sum(three.values(), Decimal(0))
    # 政府采购
    proc = defaultdict(Decimal)
    proc_src = defaultdict(Decimal)
    for kind, f, s, a in basic_proc + [x for p in projects for x in p["proc"]]:
        proc[kind] += a
        proc_src[s] += a
    c["proc"] = {k: proc[k] for k in ("货物", "工程", "服务")}
    c["proc_total"] = sum(proc.values(), Decimal(0))
    c["proc_src"] = dict(proc_src)
    # 政府预算支出经济分类 of basic spending (事业 unit)
    def gov(e):
        return {"301": "50501", "302": "50502", "310": "50601", "309": "50602",
                "303": "509"}[e[:3]]
    g_all, g_gen = defaultdict(Decimal), defaultdict(Decimal)
    for f, e, s, a in basic:
        g_all[gov(e)] += a
        if s == GENERAL:
            g_gen[gov(e)] += a
    c["gov_all"], c["gov_general"] = g_all, g_gen
    # economic 类 of basic spending (all sources / 一般公共预算)
    econ_all, econ_gen = defaultdict(Decimal), defaultdict(Decimal)
    for f, e, s, a in basic:
        econ_all[e[:3]] += a
        if s == GENERAL:
            econ_gen[e[:3]] += a
    c["econ_all"], c["econ_gen"] = econ_all, econ_gen
    c["basic_business"] = sum((a for f, e, s, a in basic if s == "事业收入"), Decimal(0))
    c["projects"] = [(p["code"], p["name"], p["amount"],
                      {s: sum((a for _, ss, a in p["lines"] if ss == s), Decimal(0))
                       for s in SOURCES if any(ss == s for _, ss, _ in p["lines"])})
                     for p in projects]
    return c


def fmt(d):
    return f"{d:,.2f}"


def width(s):
    import unicodedata
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in s)


def row(label, *amounts, indent=0):
    """One hand-readable line: a label padded to 34 display cells, amounts right-aligned."""
    label = " " * indent + label
    return label + " " * max(1, 34 - width(label)) + "".join(f"{fmt(a):>16}" for a in amounts)


def table(c):
    L = []
    L.append(row("收入合计 = 支出合计", c["income_total"]))
    for s, v in c["income"].items():
        L.append(row(f"收入 {s} (= 其支出)", v, indent=2))
    L.append(row("财政拨款 (= 一般公共预算)", c["fiscal"]))
    L.append(row("基本支出", c["basic"]))
    L.append(row("人员支出 (301+303)", c["personnel"], indent=2))
    L.append(row("日常公用支出 (302+310)", c["public"], indent=2))
    L.append(row(f"项目支出 ({c['project_count']} 个)", c["project"]))
    g = c["general"]
    L.append(row("一般公共预算支出", g["total"]))
    L.append(row("基本 / 人员 / 公用", g["basic"], g["personnel"], g["public"], indent=2))
    L.append(row("项目", g["project"], indent=2))
    L.append(row("功能分类 类/款: 合计 基本 项目", ))
    for k in sorted(c["func"]):
        if len(k) in (3, 5):
            v = c["func"][k]
            L.append(row(k, v["total"], v["basic"], v["project"], indent=2 if len(k) == 3 else 4))
    L.append(row("三公经费 (一般公共预算 only)", c["three_total"]))
    for k, v in c["three"].items():
        L.append(row(k, v, indent=2))
    L.append(row("(不计)事业收入 公务用车运行维护费", c["three_all"]["公务用车运行维护费"]
                 - c["three"]["公务用车运行维护费"], indent=2))
    L.append(row("(不计)事业收入 公务接待费", c["three_all"]["公务接待费"]
                 - c["three"]["公务接待费"], indent=2))
    L.append(row("政府采购", c["proc_total"]))
    for k, v in c["proc"].items():
        L.append(row(k, v, indent=2))
    for s, v in c["proc_src"].items():
        L.append(row(f"paid from {s}", v, indent=2))
    ga, gg = c["gov_all"], c["gov_general"]
    L.append(row("政府经济分类 of 基本支出: all / 一般"))
    for code, name in (("505", "对事业单位经常性补助"), ("50501", "工资福利支出"),
                       ("50502", "商品和服务支出"), ("506", "对事业单位资本性补助"),
                       ("50601", "资本性支出（一）"), ("509", "对个人和家庭的补助")):
        if code == "505":
            va, vg = ga["50501"] + ga["50502"], gg["50501"] + gg["50502"]
        elif code == "506":
            va, vg = ga["50601"] + ga["50602"], gg["50601"] + gg["50602"]
        else:
            va, vg = ga[code], gg[code]
        L.append(row(f"{code} {name}", va, vg, indent=2 if len(code) == 3 else 4))
    L.append(row("项目: 合计 / by source"))
    for code, name, a, srcs in c["projects"]:
        L.append(row(code, a, indent=2) + "  " + ", ".join(f"{s} {fmt(v)}" for s, v in srcs.items()))
    return ["# " + x.rstrip() for x in L]


def plain(d):
    return f"{d:.2f}"


def assertions(c):
    A = []
    A.append(f"断言 收入合计 = {plain(c['income_total'])}")
    A.append(f"断言 支出合计 = {plain(c['total'])}")
    A.append(f"断言 基本支出 = {plain(c['basic'])}")
    A.append(f"断言 人员支出 = {plain(c['personnel'])}")
    A.append(f"断言 日常公用支出 = {plain(c['public'])}")
    A.append(f"断言 项目支出 = {plain(c['project'])}")
    A.append(f"断言 项目数 = {c['project_count']}")
    A.append(f"断言 三公经费 = {plain(c['three_total'])}")
    A.append(f"断言 政府采购 = {plain(c['proc_total'])}")
    A.append(f"断言 income 合计 total = {plain(c['income_total'])}")
    A.append(f"断言 income 合计 fiscal_subtotal = {plain(c['fiscal'])}")
    A.append(f"断言 income 合计 general = {plain(c['income'].get(GENERAL, Decimal(0)))}")
    A.append(f"断言 income 合计 business = {plain(c['income'].get('事业收入', Decimal(0)))}")
    A.append(f"断言 income 合计 carryover = {plain(c['income'].get('上年结转', Decimal(0)))}")
    for k in sorted(c["func"]):
        if len(k) in (3, 5):
            A.append(f"断言 expenditure {k} total = {plain(c['func'][k]['total'])}")
    for k in ("21004", "2100401"):
        A.append(f"断言 expenditure {k} basic = {plain(c['func'][k]['basic'])}")
        A.append(f"断言 expenditure {k} project = {plain(c['func'][k]['project'])}")
    A.append(f"断言 expenditure 2100409 project = {plain(c['func']['2100409']['project'])}")
    g = c["general"]
    A.append(f"断言 general_expenditure 合计 total = {plain(g['total'])}")
    A.append(f"断言 general_expenditure 合计 personnel = {plain(g['personnel'])}")
    A.append(f"断言 general_expenditure 合计 public = {plain(g['public'])}")
    A.append(f"断言 general_expenditure 合计 project = {plain(g['project'])}")
    A.append(f"断言 general_expenditure 210 total = {plain(c['func']['210']['general'])}")
    A.append(f"断言 general_basic_economic 合计 subtotal = {plain(g['basic'])}")
    for e in ("301", "302", "303", "310"):
        A.append(f"断言 general_basic_economic {e} subtotal = {plain(c['econ_gen'][e])}")
    A.append(f"断言 basic_expenditure 合计 total = {plain(c['basic'])}")
    # 基本支出预算情况表 / 项目支出预算情况表 have one 单位资金 column (事业收入 here).
    A.append(f"断言 basic_expenditure 合计 general = {plain(g['basic'])}")
    A.append(f"断言 basic_expenditure 合计 unit_funds = {plain(c['basic_business'])}")
    A.append(f"断言 project_expenditure 合计 total = {plain(c['project'])}")
    A.append(f"断言 project_expenditure 合计 general = {plain(g['project'])}")
    A.append(f"断言 project_expenditure 合计 unit_funds = "
             f"{plain(c['income'].get('事业收入', Decimal(0)) - c['basic_business'])}")
    A.append(f"断言 project_expenditure 合计 carryover = "
             f"{plain(c['income'].get('上年结转', Decimal(0)))}")
    for code, name, a, srcs in c["projects"]:
        A.append(f"断言 project_expenditure {code} total = {plain(a)}")
    A.append(f"断言 procurement 合计 total = {plain(c['proc_total'])}")
    return A


def main():
    text = open(PATH, encoding="utf-8").read()
    c = compute(text)
    T, A = table(c), assertions(c)
    print("\n".join(T))
    print()
    print("\n".join(A))
    if "--write" in sys.argv:
        text = re.sub(r"(# CONTROLS-BEGIN\n).*?(# CONTROLS-END)",
                      lambda m: m.group(1) + "\n".join(T) + "\n" + m.group(2), text, flags=re.S)
        text = re.sub(r"(# ASSERTIONS-BEGIN\n).*?(# ASSERTIONS-END)",
                      lambda m: m.group(1) + "\n".join(A) + "\n" + m.group(2), text, flags=re.S)
        open(PATH, "w", encoding="utf-8").write(text)


if __name__ == "__main__":
    main()
