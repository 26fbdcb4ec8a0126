#!/usr/bin/env python3
"""Transcribe the published 2024 部门预算 of 聊城经济技术开发区党群工作部 into .bud.

Usage: python3 tools/ref2bud.py <reference.txt> <out.bud>

The reference is the text extracted from the published PDF (tables tab-separated,
amounts in 万元). Every figure and every piece of prose in the output is taken from
that text; the few inferred facts (project -> functional code, procurement split per
project, which project carries the 公务接待费) are stated as data below and checked
against the published totals. Stdlib only; amounts are handled with decimal.Decimal.

The output is then put in canonical form with `budc fmt` (the examples are kept canonical,
and a test checks it).
"""
import re
import sys
from collections import Counter, OrderedDict
from decimal import Decimal as D

SRC, OUT = sys.argv[1], sys.argv[2]
with open(SRC, encoding='utf-8') as fh:
    LINES = fh.read().split('\n')

QUIRKS = []          # (line number, description)
CHECKS = []          # printed self-check results


def fail(msg):
    sys.exit('SELF-CHECK FAILED: ' + msg)


def check(cond, msg):
    if not cond:
        fail(msg)
    CHECKS.append('ok  ' + msg)


def amt(s):
    s = s.strip().replace(',', '')
    return D(s) if s else None


def fmt(d):
    return '%s' % d.quantize(D('0.01'))


def find_line(text, start=0):
    for i in range(start, len(LINES)):
        if LINES[i].strip() == text:
            return i
    fail('line not found: %r' % text)


def cells(i):
    return LINES[i].split('\t')


# --------------------------------------------------------------------------
# Prose of 第一部分
i_duty = find_line('一、主要职责', 30)
DUTY = next(LINES[j].strip() for j in range(i_duty + 1, len(LINES)) if LINES[j].strip())
i_org = find_line('二、机构设置情况', i_duty)
ORG = next(LINES[j].strip() for j in range(i_org + 1, len(LINES)) if LINES[j].strip())
check(ORG.startswith('聊城经济技术开发区党群工作部部门预算包括：') and ORG.endswith('。'),
      '机构设置 paragraph found')

UNIT_SHORT = ['本级', '宣传办', '督导考核处', '机关党委', '总工会', '人大政协处', '社保中心', '发展服务中心']
UNITS = []
for j in range(i_org + 1, i_org + 20):
    m = re.match(r'^- \(([一二三四五六七八])\)\s*(\S+)$', LINES[j].strip())
    if m:
        UNITS.append(m.group(2))
check(len(UNITS) == 8, '8 sub-units listed (一)…(八)')
check(UNITS[1].endswith('宣传办公室') and UNITS[6].endswith('社会保障服务中心'), 'sub-unit order')

# --------------------------------------------------------------------------
# Functional classification: 支出总体情况表 (合计 / 基本支出 / 项目支出)


def parse_functional(title, ncode=3):
    """Rows of a functional table -> OrderedDict code -> (name, [amount cells])."""
    i = find_line(title, 50)
    rows = OrderedDict()
    cur = ['', '', '']
    j = i + 1
    while j < len(LINES) and not (LINES[j].strip() and '\t' not in LINES[j]
                                  and not LINES[j].startswith('部门') and not LINES[j].startswith('单位')):
        c = cells(j)
        j += 1
        if len(c) < 5 or c[0] in ('科目编码', '类') or c[0].replace(' ', '') == '合计':
            if c[0].replace(' ', '') == '合计':
                rows['合计'] = ('合计', c[4:])
            continue
        if c[0]:
            cur = [c[0], '', '']
            code = c[0]
        elif c[1]:
            cur = [cur[0], c[1], '']
            code = cur[0] + c[1]
        else:
            code = cur[0] + cur[1] + c[2]
        rows[code] = (c[3], c[4:])
    return rows


T3 = parse_functional('支出总体情况表')
check(len(T3) == 50, '支出总体情况表: 合计 + 49 functional rows')
FNAME = {k: v[0] for k, v in T3.items()}
T3_PROJ = {k: amt(v[1][2]) for k, v in T3.items() if len(k) == 7 and amt(v[1][2])}
T3_BASIC = {k: amt(v[1][1]) for k, v in T3.items() if len(k) == 7 and amt(v[1][1])}
check(sum(T3_PROJ.values()) == amt(T3['合计'][1][2]) == D('15018.07'),
      '支出总体情况表 项目支出 项 rows sum to 合计 15018.07')

# T12 政府采购预算表 (column 一般公共预算)
T12_i = find_line('政府采购预算表', 50)
T12 = {}
cur = ['', '']
for j in range(T12_i + 1, T12_i + 40):
    c = cells(j)
    if not LINES[j].strip():
        if T12:
            break
        continue
    if len(c) < 7 or c[0] in ('科目编码', '类') or not (c[0] or c[1] or c[2]):
        continue
    if c[0].replace(' ', '') == '合计':
        T12['合计'] = [amt(x) for x in c[3:6]]
        continue
    if c[0]:
        cur = [c[0], '']
        code = c[0]
    elif c[1]:
        cur = [cur[0], c[1]]
        code = cur[0] + c[1]
    else:
        code = cur[0] + cur[1] + c[2]
    T12[code] = [amt(x) for x in c[4:7]]      # 合计, 小计, 一般公共预算
    v = T12[code]
    if not (v[0] == v[1] == v[2]):
        QUIRKS.append((j + 1, '政府采购预算表 row %s prints 合计/小计 %s but 一般公共预算 %s'
                       ' (this file follows 一般公共预算)' % (code, fmt(v[0]), fmt(v[2]))))

# --------------------------------------------------------------------------
# Economic classification: 一般公共预算基本支出情况表
i6 = find_line('一般公共预算基本支出情况表', 50)
ECON = []     # (code, name, amount)
for j in range(i6 + 1, i6 + 40):
    c = cells(j)
    if LINES[j].strip() and '\t' not in LINES[j] and j > i6 + 5:
        break
    if len(c) >= 9 and re.fullmatch(r'3\d\d', c[0]) and re.fullmatch(r'\d\d', c[1]):
        ECON.append((c[0] + c[1], c[2], amt(c[6])))
    elif len(c) >= 9 and c[0].replace(' ', '') == '合计':
        T6_TOTAL = amt(c[6])
check(len(ECON) == 21, '一般公共预算基本支出情况表: 21 economic 款 rows')
check(sum(e[2] for e in ECON) == T6_TOTAL == D('1010.15'), 'basic lines sum to 1010.15')

BASIC_FUNC = {'30108': '2080505', '30109': '2080506', '30110': '2101101', '30113': '2210201'}
basic_by_func = Counter()
for code, name, a in ECON:
    basic_by_func[BASIC_FUNC.get(code, '2013201')] += a
check(dict(basic_by_func) == T3_BASIC, 'basic lines per functional code equal 支出总体情况表 基本支出')

# --------------------------------------------------------------------------
# T11 项目支出预算情况表
i11 = find_line('项目支出预算情况表', 50)
T11 = OrderedDict()
for j in range(i11 + 1, i11 + 60):
    c = cells(j)
    if LINES[j].strip() and '\t' not in LINES[j] and j > i11 + 5:
        break
    if len(c) >= 5 and c[1] == '特定目标类':
        T11[c[0]] = amt(c[2])
    elif c[0].replace(' ', '') == '合计':
        T11_TOTAL = amt(c[2])
check(len(T11) == 38, '38 projects in 项目支出预算情况表')
check(sum(T11.values()) == T11_TOTAL == D('15018.07'), 'T11 projects sum to 合计 15018.07')

# Inferred project -> functional 项 allocations (INVENTORY A.6); checked below.
ALLOC = {
    '总工会-群团工作经费': [('2012902', '5.00')],
    '总工会-机关工会经费': [('2012906', '140.57')],
    '总工会-劳模春节走访慰问经费': [('2012906', '1.50')],
    '组织科-村级组织运转经费': [('2013202', '1486.00')],
    '组织科-党建工作经费': [('2013202', '400.00')],
    '干部科-干部教育培训费用': [('2013202', '50.00')],
    '干部科-公开招聘': [('2013202', '40.00')],
    '发展服务中心-人才服务项目': [('2013202', '4153.00')],
    '综合科-评比达标表彰工作经费': [('2013202', '33.00')],
    '统战科-统战工作经费': [('2013402', '5.00')],
    '督导考核处-社情民意调查费用': [('2013402', '20.00')],
    '社保中心-人力资源工作经费': [('2080102', '22.00')],
    '社保中心-档案数字化及管理服务费': [('2080102', '93.64')],
    '社保中心-人社医保大厅服务项目': [('2080102', '55.00')],
    '社保中心-定点医疗机构协议管理稽核费和基金监督审计': [('2080102', '17.00')],
    '社保中心-就业创业资金': [('2080102', '14.00'), ('2080702', '51.70'), ('2080704', '66.98'),
                        ('2080709', '9.60'), ('2080711', '109.20'), ('2080713', '57.50'),
                        ('2130804', '50.56'), ('2130805', '200.00')],
    '社保中心-社会保险经办机构': [('2080109', '47.20')],
    '社保中心-城镇职工长期护理保险': [('2080109', '60.00')],
    '社保中心-农民工欠薪应急周转金': [('2080110', '300.00')],
    '人才科-人才工作专项经费': [('2080116', '230.00')],
    '人才科-人才发展专项经费': [('2080116', '500.00')],
    '人才科-人才公寓租金': [('2080116', '100.00')],
    '社保中心-城乡公益性岗位补贴资金': [('2080705', '2162.53')],
    '老干部科-老干部、关工委工作经费': [('2081002', '85.00')],
    '社保中心-企业新增退休人员取暖费': [('2082601', '221.00')],
    '社保中心-居民基本养老保险区级财政补助': [('2082602', '1090.90'), ('2083001', '9.00')],
    '社保中心-城乡居民医疗保险区级财政补助': [('2083099', '350.00'), ('2101202', '1842.50')],
    '社保中心-医疗救助区级兜底资金': [('2101301', '200.00')],
}
for name in T11:
    if name.startswith('宣传办-'):
        ALLOC[name] = [('2013302', fmt(T11[name]))]
check(set(ALLOC) == set(T11), 'every T11 project has an allocation and vice versa')
proj_by_func = Counter()
for name, al in ALLOC.items():
    s = sum(D(a) for _, a in al)
    if s != T11[name]:
        fail('allocations of %s sum to %s, T11 says %s' % (name, s, T11[name]))
    for code, a in al:
        proj_by_func[code] += D(a)
check(True, 'per-project allocations equal the T11 amount (38 projects)')
check(sum(proj_by_func.values()) == D('15018.07'), 'sum of all project allocations = 15018.07')
check(dict(proj_by_func) == T3_PROJ, 'per functional code, allocations equal 支出总体情况表 项目支出')

# Procurement (split per project inferred; see header comment of the projects)
PROC = {
    '总工会-群团工作经费': [('服务', '1.00')],
    '干部科-干部教育培训费用': [('服务', '9.00')],
    '宣传办-精神文明': [('服务', '100.00')],
    '宣传办-宣传专项': [('服务', '35.00')],
    '统战科-统战工作经费': [('货物', '1.00')],
    '社保中心-人社医保大厅服务项目': [('服务', '55.00')],
    '社保中心-社会保险经办机构': [('货物', '0.65'), ('服务', '15.00')],
    '人才科-人才工作专项经费': [('服务', '3.00')],
    '老干部科-老干部、关工委工作经费': [('货物', '1.00')],
}
BASIC_PROC = [('货物', '2013201', '10.24'), ('服务', '2013201', '22.99')]
kind_tot = Counter()
proc_by_func = Counter()
for k, code, a in BASIC_PROC:
    kind_tot[k] += D(a)
    proc_by_func[code] += D(a)
for name, lst in PROC.items():
    assert len(ALLOC[name]) == 1
    for k, a in lst:
        kind_tot[k] += D(a)
        proc_by_func[ALLOC[name][0][0]] += D(a)
check(kind_tot['货物'] == D('12.89'), 'procurement goods = 12.89')
check(kind_tot['服务'] == D('240.99'), 'procurement services = 240.99')
t12_leaf = {k: v[2] for k, v in T12.items() if len(k) == 7}
check(dict(proc_by_func) == t12_leaf,
      'procurement per functional code = 政府采购预算表 一般公共预算 column (2080109 = 15.65)')
check(sum(proc_by_func.values()) == T12['合计'][0] == D('253.88'), 'procurement total = 253.88')

# --------------------------------------------------------------------------
# Performance-goal tables
L1 = ['成本指标', '产出指标', '效益指标', '满意度指标']
L2 = {'经济成本指标': '成本指标', '社会成本指标': '成本指标', '生态环境成本指标': '成本指标',
      '数量指标': '产出指标', '质量指标': '产出指标', '时效指标': '产出指标',
      '经济效益指标': '效益指标', '社会效益指标': '效益指标', '生态效益指标': '效益指标',
      '可持续发展影响指标': '效益指标', '服务对象满意度指标': '满意度指标'}

i_goal0 = find_line('(二) 部门预算项目绩效目标表', 500)
i_end = find_line('第四部分', i_goal0)
starts = [j for j in range(i_goal0, i_end) if re.match(r'^项目编[码号]\t', LINES[j])]
check(len(starts) == 38, '38 goal tables (lines starting 项目编码/项目编号)')
GOALS = {}
for n, s in enumerate(starts):
    e = starts[n + 1] if n + 1 < len(starts) else i_end
    c = cells(s)
    if len(c) != 5 or c[2] != '':
        fail('goal-table header at line %d' % (s + 1))
    code, name = c[1].strip(), c[4].strip()
    if c[0] == '项目编号':
        QUIRKS.append((s + 1, '项目编号 instead of 项目编码 (%s)' % name))
    if not re.fullmatch(r'37159124[0-9A-Z]{4}0103[0-9A-Z]{5}', code):
        fail('project code %r at line %d' % (code, s + 1))
    goal = None
    rows = []
    one = two = None
    header_seen = False
    for j in range(s + 1, e):
        raw = LINES[j]
        if not raw.strip():
            continue
        c = [x.strip() for x in raw.split('\t')]
        if '|' in raw or '｜' in raw:
            fail('a cell contains | at line %d' % (j + 1))
        if len(c) == 1:
            QUIRKS.append((j + 1, 'stray page-number glyph %r between goal tables, skipped' % c[0]))
            continue
        if len(c) != 5:
            fail('goal-table line %d has %d cells' % (j + 1, len(c)))
        if c[0] == '主管部门':
            if c[1] != '聊城经济技术开发区党群工作部':
                fail('主管部门 at line %d' % (j + 1))
            continue
        if c[0] == '绩效目标':
            if any(c[2:]) or goal is not None:
                fail('绩效目标 at line %d' % (j + 1))
            goal = c[1]
            continue
        if c[0] == '一级指标':
            if c[1:4] != ['二级指标', '三级指标', '指标值'] or c[4] not in ('评扣分标准', '评分标准'):
                fail('indicator header at line %d' % (j + 1))
            if c[4] == '评分标准':
                QUIRKS.append((j + 1, 'header says 评分标准 instead of 评扣分标准 (%s)' % name))
            header_seen = True
            continue
        if not header_seen:
            fail('row before header at line %d' % (j + 1))
        if c[0] in L1:                                    # regular row, new 一级
            if c[1] not in L2 or L2[c[1]] != c[0]:
                fail('一级 without matching 二级 at line %d' % (j + 1))
            one, two, rest = c[0], c[1], c[2:]
        elif c[0] == '' and c[1] in L2:                   # regular row, new 二级
            if L2[c[1]] != one:
                fail('二级 %s under %s at line %d' % (c[1], one, j + 1))
            two, rest = c[1], c[2:]
        elif c[0] == '' and c[1] == '':                   # regular row, carry both
            rest = c[2:]
        elif c[0] == '' and c[1] in L1 and c[2] in L2 and L2[c[2]] == c[1]:
            # shifted one cell to the right: 一级 二级 三级 指标值, 评分 lost
            one, two = c[1], c[2]
            rest = [c[3], c[4], '']
            QUIRKS.append((j + 1, 'row shifted right by one cell (一级 in column 2); 评扣分标准 '
                           'cell missing in the extraction, kept empty: %r' % raw))
        elif c[0] in L2:
            # shifted left: 二级 in column 1, then 三级 指标值 评分 after an empty cell
            if L2[c[0]] != one:
                fail('shifted 二级 at line %d' % (j + 1))
            two = c[0]
            rest = [x for x in c[1:] if x]
            if len(rest) != 3:
                fail('shifted row at line %d' % (j + 1))
            QUIRKS.append((j + 1, 'row shifted left (二级 label in column 1): %r' % raw))
        elif c[0]:
            # shifted left: 三级 in column 1, then 指标值 评分 after empty cell(s)
            rest = [c[0]] + [x for x in c[1:] if x]
            if len(rest) != 3:
                fail('shifted row at line %d' % (j + 1))
            QUIRKS.append((j + 1, 'row shifted left (三级 in column 1): %r' % raw))
        else:
            fail('unrecognised goal-table row at line %d: %r' % (j + 1, raw))
        if one is None or two is None:
            fail('no 一级/二级 to carry at line %d' % (j + 1))
        if not rest[0] or not rest[1]:
            fail('empty 三级/指标值 at line %d' % (j + 1))
        rows.append((one, two) + tuple(rest))
    if goal is None:
        fail('no goal text for %s' % name)
    if name in GOALS:
        fail('duplicate goal table %s' % name)
    GOALS[name] = (code, goal, rows, s + 1)

check(set(GOALS) == set(T11), 'goal-table names = T11 names')
check(len({g[0] for g in GOALS.values()}) == 38, '38 distinct project codes')
check(all(g[1] for g in GOALS.values()), 'every project has a goal text')
all_rows = [r for g in GOALS.values() for r in g[2]]
c1 = Counter(r[0] for r in all_rows)
c2 = Counter(r[1] for r in all_rows)
print('indicator rows: %d' % len(all_rows))
for k in L1:
    print('  %s %d' % (k, c1[k]))
for k in L2:
    if c2[k]:
        print('  %s %d' % (k, c2[k]))
check(len(all_rows) == 578, '578 indicator rows')
check(dict(c1) == {'成本指标': 115, '产出指标': 290, '效益指标': 133, '满意度指标': 40},
      '一级 counts 115/290/133/40')
check(dict(c2) == {'经济成本指标': 113, '社会成本指标': 2, '数量指标': 133, '质量指标': 79,
                   '时效指标': 78, '社会效益指标': 77, '可持续发展影响指标': 56,
                   '服务对象满意度指标': 40}, '二级 counts 113/2/133/79/78/77/56/40')

# --------------------------------------------------------------------------
# 第三部分 prose
BODY = '\n'.join(LINES)
m = re.search(r'收支预算增加的主要原因，(.+?)\n', BODY)
R_SHOUZHI = m.group(1).strip()
check(R_SHOUZHI.startswith('一是职能划转下放，') and R_SHOUZHI.endswith('三是人数增加，增加相关预算。'),
      '原因 收支 extracted')
m = re.search(r'下降 3\.55%，主要原因是(.+?)。', BODY)
R_SANGONG = m.group(1)
check(R_SANGONG == '压缩三公经费支出预算', '原因 三公 extracted')
m = re.search(r'下降 10\.00%，主要原因是(.+?)。', BODY)
R_CAR = m.group(1)
check(R_CAR == '压缩公务用车购置及运行费支出预算', '原因 公务用车运行维护费 extracted')
m = re.search(r'增长 21\.68%。主要原因是：(.+?)\n', BODY)
R_JIGUAN = m.group(1).strip()
check(R_JIGUAN == '职能划转下放，新增人员，增加相关预算支出。', '原因 机关运行经费 extracted')
check('其他按照规定配备的公务用车主要是外出拍摄宣传活动用。' in LINES, 'asset paragraph present')
check(re.search(r'拟对 0 个项目开展部门重点绩效评价，涉及预算资金 0\.00 万元', BODY) is not None,
      '重点评价 0 / 0.00')

# 第四部分 名词解释
NUMS = '一二三四五六七八九十'
gl = []
for j in range(i_end + 1, len(LINES)):
    t = LINES[j].strip()
    if not t or t == '名词解释':
        continue
    mm = re.match(r'^([一二三四五六七八九十]+)、(.+)$', t)
    if mm:
        gl.append([mm.group(1), mm.group(2), j + 1])
    else:
        gl[-1][1] += t          # continuation after a page break: join, no separator
        QUIRKS.append((j + 1, '名词解释 entry %s continues after a page break; joined' % gl[-1][0]))
GLOSS = []
for num, text, ln in gl:
    mm = re.match(r'^(.+?)[：:](.+)$', text)
    GLOSS.append((mm.group(1), mm.group(2)))
    if '：' not in text.split(mm.group(2))[0]:
        QUIRKS.append((ln, '名词解释 %s uses a half-width colon after the term' % num))
check(len(GLOSS) == 17, '17 名词解释 entries')

# --------------------------------------------------------------------------
# Output
out = []
w = out.append
w('# 聊城经济技术开发区党群工作部 2024 年部门预算, in the .bud language.')
w('# Transcribed from the published 2024 部门预算 of 聊城经济技术开发区党群工作部')
w('# (text extracted from the published PDF; amounts in 万元) by tools/ref2bud.py.')
w('#')
w('# Where the published document contradicts itself or the catalog (budc derives the right')
w('# figure from the facts below; tests/published.rs checks every other published cell):')
w('#   1. 政府采购预算表 rows 208 / 20801 / 2080109 print 合计 and 小计 as 74.64 / 73.64 / 15.64')
w('#      but 一般公共预算 as 74.65 / 73.65 / 15.65. The table\'s own 合计 253.88 and the prose')
w('#      split (货物 12.89 + 服务 240.99 = 253.88) only add up with 15.65, so this file states')
w('#      15.65 for 2080109.')
w('#   2. 一般公共预算支出情况表 names 2080110 "劳动关系的维权"; the catalog (and the other')
w('#      tables) say 劳动关系和维权.')
w('#   3. 一般公共预算支出情况表 prints the 款 codes 10, 26 and 30 of 208 in the 类 column.')
w('#   4. Both economic tables name 政府经济分类 503 "机关资本性支出"; the 2024 catalog name is')
w('#      机关资本性支出（一）.')
w('')
w('# 部门')
w('部门 聊城经济技术开发区党群工作部')
w('年度 2024')
w('金额单位 万元')
w('科目版本 2024')
w('')
w('# 二级预算单位 (the document gives no unit kind)')
for short, full in zip(UNIT_SHORT, UNITS):
    w('二级单位 %s %s' % (short, full))
w('')
w('# 第一部分 部门概况')
w('主要职责')
w('  > ' + DUTY)
w('机构设置')
w('  > ' + ORG)
w('')
w('# 收入')
w('收入 一般公共预算 %s' % fmt(amt(T3['合计'][1][0])))
w('')
w('# 基本支出 (一般公共预算基本支出情况表)')
w('基本支出')
for code, name, a in ECON:
    f = BASIC_FUNC.get(code, '2013201')
    w('  %s %s %s %s %s' % (f, FNAME[f], code, name, fmt(a)))
for k, code, a in BASIC_PROC:
    w('  采购 %s %s %s' % (k, code, a))
w('')
w('# 项目支出 (项目支出预算情况表, in its order). The document gives no functional code per')
w('# project; the allocations below are the one assignment that reproduces every 项目支出 row')
w('# of the functional tables.')
w('# Procurement: the split per project is inferred (the document gives procurement only per')
w('# functional code, and the goods/services split only in total).')
UNIT_OF = {'宣传办': '宣传办', '社保中心': '社保中心', '发展服务中心': '发展服务中心', '总工会': '总工会',
           '督导考核处': '督导考核处', '组织科': '本级', '干部科': '本级', '人才科': '本级',
           '老干部科': '本级', '统战科': '本级', '综合科': '本级'}
first = True
for name, total in T11.items():
    code, goal, rows, ln = GOALS[name]
    if not first:
        w('')
    first = False
    w('项目 %s %s' % (code, name))
    w('  单位 %s' % UNIT_OF[name.split('-')[0]])
    w('  类型 特定目标类')
    for f, a in ALLOC[name]:
        w('  支出 %s %s %s' % (f, FNAME[f], a))
    if len(ALLOC[name]) > 1:
        w('  金额 %s' % fmt(total))
    for k, a in PROC.get(name, []):
        w('  采购 %s %s' % (k, a))
    if name == '组织科-党建工作经费':
        w('  # The published 三公 table has 公务接待费 2.00 but no 30217 basic line, so it sits inside')
        w('  # project spending; the document does not say which project.')
        w('  三公 公务接待费 2.00')
    w('  目标 ' + goal)
    for r in rows:
        line = '  指标 %s %s | %s | %s | %s' % r
        w(line.rstrip())
w('')
w('# 上年: the prior-year figures are implied by the published prose (2024 figure minus the')
w('# stated change).')
w('上年')
for s in ['收支 13085.19', '收入 一般公共预算 13085.19', '基本支出 1816.79', '项目支出 11268.40',
          '机关运行经费 123.18', '三公 因公出国（境）费 0.00', '三公 公务用车购置费 0.00',
          '三公 公务用车运行维护费 1.10', '三公 公务接待费 2.00']:
    w('  ' + s)
w('')
w('# 增减变化原因 (第三部分)')
for fig, txt in [('收支', R_SHOUZHI), ('三公', R_SANGONG), ('公务用车运行维护费', R_CAR),
                 ('机关运行经费', R_JIGUAN)]:
    w('原因 ' + fig)
    w('  > ' + txt)
w('')
w('# 国有资产占有使用情况')
w('资产 2023-12-31')
for k, v in [('机要通信用车', 0), ('应急保障用车', 0), ('执法执勤用车', 0), ('特种专业技术用车', 0),
             ('其他用车', 1)]:
    w('  车辆 %s %d' % (k, v))
w('  大型设备 0')
w('  购置大型设备 0')
w('  > 其他按照规定配备的公务用车主要是外出拍摄宣传活动用。')
w('')
w('# 绩效管理')
w('重点评价 0 0.00')
w('')
w('# 第四部分 名词解释')
for term, text in GLOSS:
    w('名词 ' + term)
    w('  > ' + text)
w('')
w('# approved control totals')
w('断言 收入合计 = 16028.22')
w('断言 基本支出 = 1010.15')
w('断言 项目支出 = 15018.07')
w('断言 支出合计 = 16028.22')

for l in out:
    if l != l.rstrip() or '\r' in l:
        fail('trailing whitespace: %r' % l)
n_ind = sum(1 for l in out if l.startswith('  指标 '))
check(n_ind == 578, '578 指标 lines written')
check(sum(1 for l in out if l.startswith('项目 ')) == 38, '38 项目 blocks written')
with open(OUT, 'w', encoding='utf-8', newline='\n') as fh:
    fh.write('\n'.join(out) + '\n')

print('self-checks:')
for c in CHECKS:
    print('  ' + c)
print('extraction quirks handled (reference line numbers):')
for ln, q in sorted(QUIRKS):
    print('  line %d: %s' % (ln, q))
print('wrote %s (%d lines)' % (OUT, len(out)))
