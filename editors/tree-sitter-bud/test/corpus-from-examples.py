#!/usr/bin/env python3
"""Writes test/corpus/<example>.txt: excerpts of each bundled example (examples/*.bud), one test
per block of lines that opens with a kind of statement not yet seen in that example, at most
MAX_LINES lines each. The expected trees are then filled in by `tree-sitter test --update` and
read by a person before they are committed; `tree-sitter test` checks them from then on."""
import pathlib
import re

MAX_LINES = 12
here = pathlib.Path(__file__).resolve().parent
examples = here.parents[2] / "examples"
corpus = here / "corpus"
corpus.mkdir(exist_ok=True)

for path in sorted(examples.glob("*.bud")):
    lines = path.read_text(encoding="utf-8").splitlines()
    groups, group = [], []
    for line in lines + [""]:
        if line.strip():
            group.append(line)
        elif group:
            groups.append(group)
            group = []
    seen, tests = set(), []
    for g in groups:
        statements = [l for l in g if not l.lstrip().startswith("#")]
        if not statements:
            continue
        first = re.split(r"[ \t\u3000]", statements[0].strip(), maxsplit=1)[0]
        kind = "code" if first.isdigit() else first
        if kind in seen:
            continue
        seen.add(kind)
        tests.append((kind, g[:MAX_LINES]))
    out = []
    for kind, body in tests:
        name = f"{path.stem}: {kind}"
        out.append("=" * 80 + "\n" + name + "\n" + "=" * 80 + "\n\n" + "\n".join(body) + "\n\n---\n\n")
    (corpus / f"{path.stem}.txt").write_text("".join(out), encoding="utf-8")
    print(f"{path.stem}: {len(tests)} tests")
