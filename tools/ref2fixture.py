#!/usr/bin/env python3
"""Transcribes the published tables of the reference document into normalized TSV fixtures.

Usage: tools/ref2fixture.py REFERENCE.txt OUT_DIR

Each fixture holds the data rows of one published table exactly as printed (figures keep their
thousands separators), with the classification codes written out in full (款 29 under 类 201 is
20129). tests/published.rs compares every derived table row against these files. Nothing here
comes from budc's output.
"""
import re
import sys

FUNCTIONAL = {
    "income": (60, 120, ["total", "fiscal_subtotal", "general", "fund", "state_capital",
                         "special_account", "business", "operating", "other", "superior",
                         "affiliated", "non_fiscal_balance", "carryover"]),
    "expenditure": (122, 182, ["total", "basic", "project", "carry_forward"]),
    "general_expenditure": (222, 285, ["total", "basic_subtotal", "personnel", "public", "project"]),
    "fund_expenditure": (335, 345, ["total", "basic_subtotal", "personnel", "public", "project"]),
    "state_capital_expenditure": (347, 357, ["total", "basic_subtotal", "personnel", "public", "project"]),
    "procurement": (445, 471, ["total", "fiscal_subtotal", "general", "fund", "special_account",
                               "unit_funds", "non_fiscal_balance", "carryover"]),
}
ECONOMIC = {
    "general_basic_economic": (287, 322, ["subtotal", "personnel", "public"]),
    "basic_expenditure": (359, 392, ["total", "fiscal_subtotal", "general", "fund", "state_capital",
                                     "special_account", "unit_funds", "non_fiscal_balance",
                                     "carryover"]),
}


def lines(text, a, b):
    return text.split("\n")[a - 1:b]


def write(path, header, rows):
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write("\t".join(header) + "\n")
        for r in rows:
            f.write("\t".join(r) + "\n")


def functional(text, a, b, cols):
    """Rows: full code, the 类/款/项 cells as printed (joined by "/"), name, figures."""
    rows, cls, sec = [], "", ""
    notes = []
    for line in lines(text, a, b):
        cells = line.split("\t")
        printed = "/".join(cells[0:3]) if len(cells) >= 3 else ""
        if cells[0].replace(" ", "") == "合计":
            # Extraction quirk (政府采购预算表): the merged 合计 label lost one cell, so the
            # figures start in the 科目名称 column. Re-align them.
            if len(cells) > 3 and re.fullmatch(r"[\d,.]+", cells[3] or "-"):
                cells = cells[:3] + [""] + cells[3:]
            rows.append(["", "//", "合计"] + cells[4:4 + len(cols)])
        elif re.fullmatch(r"\d{3}", cells[0]):
            cls = cells[0]
            rows.append([cls, printed, cells[3]] + cells[4:4 + len(cols)])
        elif re.fullmatch(r"\d{2}", cells[0]):
            # A 款 printed in the 类 column (a mistake of the published table): keep it as printed.
            sec = cls + cells[0]
            rows.append([sec, printed, cells[3]] + cells[4:4 + len(cols)])
        elif len(cells) > 1 and re.fullmatch(r"\d{2}", cells[1]):
            sec = cls + cells[1]
            rows.append([sec, printed, cells[3]] + cells[4:4 + len(cols)])
        elif len(cells) > 2 and re.fullmatch(r"\d{2}", cells[2]):
            rows.append([sec + cells[2], printed, cells[3]] + cells[4:4 + len(cols)])
        elif line.startswith("注："):
            notes.append(line)
    for r in rows:
        r.extend([""] * (3 + len(cols) - len(r)))
    return rows, notes


def economic(text, a, b, cols):
    rows = []
    for line in lines(text, a, b):
        cells = line.split("\t")
        if cells[0].replace(" ", "") == "合计":
            rows.append(["", "合计", "", ""] + cells[6:6 + len(cols)])
        elif re.fullmatch(r"\d{3}", cells[0]):
            code = cells[0] + cells[1]
            gov = cells[3] + cells[4]
            rows.append([code, cells[2], gov, cells[5]] + cells[6:6 + len(cols)])
    for r in rows:
        r.extend([""] * (4 + len(cols) - len(r)))
    return rows


def main():
    ref, out = sys.argv[1], sys.argv[2]
    text = open(ref, encoding="utf-8").read()
    for tid, (a, b, cols) in FUNCTIONAL.items():
        rows, notes = functional(text, a, b, cols)
        write(f"{out}/{tid}.tsv", ["code", "printed_code", "name"] + cols, rows)
        if notes:
            open(f"{out}/{tid}.note", "w", encoding="utf-8").write(notes[0] + "\n")
    for tid, (a, b, cols) in ECONOMIC.items():
        write(f"{out}/{tid}.tsv", ["code", "name", "gov_code", "gov_name"] + cols,
              economic(text, a, b, cols))
    # 财政拨款收支总体情况表: seven columns, rows in printed order (repeated headers dropped).
    rows = []
    for line in lines(text, 184, 221):
        cells = line.split("\t")
        if len(cells) == 7 and not cells[0].startswith("项目") and cells[0] != "收 入" \
                and not (cells[0] == "" and cells[3] == "总计"):
            rows.append(cells)
    write(f"{out}/fiscal_overview.tsv",
          ["income_item", "income_amount", "expenditure_item", "total", "general", "fund",
           "state_capital"], rows)
    # 三公: the single data row.
    row = [l for l in lines(text, 324, 333) if re.match(r"^\d+\.\d\d\t", l)]
    write(f"{out}/three_public.tsv",
          ["prior_total", "prior_abroad", "prior_vehicle_subtotal", "prior_vehicle_purchase",
           "prior_vehicle_operation", "prior_reception", "total", "abroad", "vehicle_subtotal",
           "vehicle_purchase", "vehicle_operation", "reception"], [row[0].split("\t")])
    # 项目支出预算情况表: keyed by project name.
    rows = []
    for line in lines(text, 394, 443):
        cells = line.split("\t")
        if cells[0].replace(" ", "") == "合计" or (len(cells) > 1 and cells[1] == "特定目标类"):
            name = "合计" if cells[0].replace(" ", "") == "合计" else cells[0]
            rows.append([name] + cells[1:10])
    write(f"{out}/project_expenditure.tsv",
          ["name", "project_type", "total", "fiscal_subtotal", "general", "fund",
           "special_account", "unit_funds", "non_fiscal_balance", "carryover"], rows)


if __name__ == "__main__":
    main()
