// budc site in a real browser (Debian's chromium, headless, driven by playwright-core).
//
// BUDC_SITE: the folder `budc site` wrote; BUDC_JSON: a folder of `budc compile --format json`
// outputs of the same budgets (<slug>.json); BUDC: the budc binary (for the live preview);
// BUDC_SCREENSHOTS: a folder to write the screenshots into (optional). `run.sh` sets them.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { spawn } from "node:child_process";
import { pathToFileURL } from "node:url";
import { chromium } from "playwright-core";

const SITE = process.env.BUDC_SITE;
const JSON_DIR = process.env.BUDC_JSON;
const BUDC = process.env.BUDC;
const SHOTS = process.env.BUDC_SCREENSHOTS;
// `budc region` of the same budgets (JSON): the index's summary tables must be its tables.
const REGION = process.env.BUDC_REGION;
const CHROMIUM = process.env.CHROMIUM || "/usr/bin/chromium";
assert.ok(SITE && JSON_DIR, "BUDC_SITE and BUDC_JSON must be set (tests/browser/run.sh)");

const budgets = fs
  .readdirSync(JSON_DIR)
  .filter((f) => f.endsWith(".json"))
  .sort()
  .map((f) => ({
    slug: f.replace(/\.json$/, ""),
    json: JSON.parse(fs.readFileSync(path.join(JSON_DIR, f), "utf8")),
  }));

let browser;
let context;
const requests = [];
const problems = [];

before(async () => {
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
  context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: "zh-CN" });
  context.on("request", (r) => requests.push(r.url()));
  context.on("page", (page) => watch(page));
});

after(async () => {
  await browser?.close();
});

/** Console errors and uncaught exceptions of a page, collected for the last test. */
function watch(page) {
  page.on("console", (m) => {
    if (m.type() === "error") problems.push(`${page.url()}: console: ${m.text()}`);
  });
  page.on("pageerror", (e) => problems.push(`${page.url()}: ${e.message}`));
}

const url = (rel) => pathToFileURL(path.join(SITE, rel)).href;
const plain = (s) => s.replace(/,/g, "").trim();

test("the index lists every department, with its totals", async () => {
  const page = await context.newPage();
  await page.goto(url("index.html"));
  assert.equal(await page.getAttribute("html", "lang"), "zh-CN");
  const rows = await page.$$eval("#department-list tbody tr", (trs) =>
    trs.map((tr) => ({
      slug: tr.dataset.slug,
      name: tr.querySelector("th").textContent,
      href: tr.querySelector("a").getAttribute("href"),
      cells: [...tr.querySelectorAll("td")].map((td) => td.textContent),
    })),
  );
  assert.deepEqual(rows.map((r) => r.slug).sort(), budgets.map((b) => b.slug));
  for (const b of budgets) {
    const row = rows.find((r) => r.slug === b.slug);
    assert.equal(row.name, b.json.department);
    assert.equal(row.href, `${b.slug}/index.html`);
    // 收入合计, 支出合计, 基本支出, 项目支出, “三公”经费 after the code, year and unit.
    const f = b.json.figures;
    assert.deepEqual(row.cells.slice(3).map(plain), [
      f.income_total,
      f.expenditure_total,
      f.basic,
      f.project,
      f.three_public_total,
    ]);
  }
  console.log(`index: ${rows.length} departments listed: ${rows.map((r) => r.name).join("、")}`);
  await page.close();
});

test("the index shows the region's tables, equal to budc region's, summing the departments", async () => {
  assert.ok(REGION, "BUDC_REGION must be set (tests/browser/run.sh)");
  const region = JSON.parse(fs.readFileSync(REGION, "utf8"));
  const page = await context.newPage();
  await page.goto(url("index.html"));
  const tables = await page.$$eval("#summary table.budget", (ts) =>
    ts.map((t) => ({
      id: t.dataset.table,
      rows: [...t.tBodies[0].rows].map((tr) => ({
        label: tr.querySelector("th.label")?.textContent ?? null,
        cells: Object.fromEntries(
          [...tr.querySelectorAll("[data-col]")].map((c) => [c.dataset.col, c.textContent]),
        ),
      })),
    })),
  );
  assert.deepEqual(tables.map((t) => t.id), region.tables.map((t) => t.id));
  let cells = 0;
  for (const [i, jt] of region.tables.entries()) {
    const ht = tables[i];
    assert.equal(ht.rows.length, jt.rows.length, `${jt.id}: rows`);
    for (const [r, jr] of jt.rows.entries()) {
      for (const col of jt.columns) {
        const want = jr.values[col.id] ?? "";
        const where = `${jt.id} row ${r} ${col.id}`;
        if (col.id in ht.rows[r].cells) {
          assert.equal(plain(ht.rows[r].cells[col.id]), want, where);
          cells++;
        } else {
          assert.equal(want, "", where);
          assert.equal(ht.rows[r].label, jr.name, where);
        }
      }
    }
  }
  // The 合计 of 部门预算汇总表 is the departments' own totals added up, in 元 (exact, in fen).
  const fen = (s) => BigInt(s.replace(".", ""));
  const sum = budgets.reduce(
    (acc, b) => acc + fen(b.json.figures.expenditure_total) * (b.json.unit === "万元" ? 10000n : 1n),
    0n,
  );
  assert.equal(region.unit, "元");
  const total = tables[0].rows[0];
  assert.equal(total.label, "合计");
  assert.equal(fen(plain(total.cells.total)), sum);
  assert.equal(plain(total.cells.total), "556395163.20");
  assert.equal(await page.$("#summary-table"), null);
  console.log(`region: ${cells} cells of ${tables.length} tables equal budc region's; 合计 ${total.cells.total} 元`);
  await page.close();
});

test("the search narrows the list by name or code", async () => {
  const page = await context.newPage();
  await page.goto(url("index.html"));
  const visible = () =>
    page.$$eval("#department-list tbody tr", (trs) => trs.filter((t) => !t.hidden).map((t) => t.dataset.slug));
  assert.equal((await visible()).length, budgets.length);
  const one = budgets[0];
  // By a part of the name.
  const word = [...one.json.department].slice(-4).join("");
  await page.fill("#q", word);
  const byName = await visible();
  assert.ok(byName.includes(one.slug) && byName.length < budgets.length, `${word}: ${byName}`);
  // By the code (the page's name), in any case.
  await page.fill("#q", one.slug.toUpperCase());
  assert.deepEqual(await visible(), [one.slug]);
  assert.match(await page.textContent("#count"), /找到 1 个部门/);
  // Nothing found: the list is empty and says so.
  await page.fill("#q", "没有这个部门");
  assert.deepEqual(await visible(), []);
  assert.equal(await page.isVisible("#none"), true);
  await page.fill("#q", "");
  assert.equal((await visible()).length, budgets.length);
  console.log(`search: "${word}" → ${byName.join(", ")}; "${one.slug.toUpperCase()}" → ${one.slug}; nothing → 0`);
  await page.close();
});

test("every table cell of every department page equals the JSON", async () => {
  const page = await context.newPage();
  let cells = 0;
  for (const b of budgets) {
    await page.goto(url(`${b.slug}/index.html`));
    assert.equal(await page.title(), `${b.json.year} 年${b.json.department}部门预算`);
    const tables = await page.$$eval("table.budget", (ts) =>
      ts.map((t) => ({
        id: t.dataset.table,
        headerRows: t.tHead.rows.length,
        rows: [...t.tBodies[0].rows].map((tr) => ({
          label: tr.querySelector("th.label")?.textContent ?? null,
          cells: Object.fromEntries(
            [...tr.querySelectorAll("[data-col]")].map((c) => [c.dataset.col, c.textContent]),
          ),
        })),
      })),
    );
    assert.deepEqual(tables.map((t) => t.id), b.json.tables.map((t) => t.id));
    for (const [i, jt] of b.json.tables.entries()) {
      const ht = tables[i];
      assert.ok(ht.headerRows >= 1);
      assert.equal(ht.rows.length, jt.rows.length, `${b.slug} ${jt.id}: rows`);
      for (const [r, jr] of jt.rows.entries()) {
        const hr = ht.rows[r];
        for (const col of jt.columns) {
          const want = jr.values[col.id] ?? "";
          const where = `${b.slug} ${jt.id} row ${r} ${col.id}`;
          if (col.id in hr.cells) {
            assert.equal(plain(hr.cells[col.id]), want, where);
            cells++;
          } else {
            // Merged into the label of a total row: blank in the JSON.
            assert.equal(want, "", where);
            assert.equal(hr.label, jr.name, where);
          }
        }
      }
    }
  }
  console.log(`tables: ${cells} cells of ${budgets.length * 12} tables equal the JSON`);
  await page.close();
});

test("the charts' values are the document's figures", async () => {
  const page = await context.newPage();
  let bars = 0;
  for (const b of budgets) {
    await page.goto(url(`${b.slug}/index.html`));
    const chart = (id) =>
      page.$$eval(`#${id} rect.bar`, (rs) =>
        rs.map((r) => ({ label: r.dataset.label, series: r.dataset.series, value: r.dataset.value })),
      );
    const f = b.json.figures;
    const num = (s) => Number(s).toFixed(2);
    const expenditure = b.json.tables.find((t) => t.id === "expenditure");
    const classes = expenditure.rows
      .filter((r) => r.level === "class" && r.values.total !== null)
      .map((r) => ({ label: r.name, series: "本年", value: num(r.values.total) }));
    assert.deepEqual(await chart("chart-class"), classes, b.slug);
    assert.deepEqual(await chart("chart-basic-project"), [
      { label: "基本支出", series: "本年", value: num(f.basic) },
      { label: "项目支出", series: "本年", value: num(f.project) },
    ]);
    const income = await chart("chart-income");
    assert.deepEqual(
      income.map((i) => i.value),
      b.json.income.map((i) => num(i.amount)),
      b.slug,
    );
    const three = await chart("chart-three-public");
    const want = [];
    const names = ["因公出国（境）费", "公务用车购置费", "公务用车运行维护费", "公务接待费"];
    for (const [k, item] of f.three_public.entries()) {
      want.push({ label: names[k], series: "本年", value: num(item.current) });
      if (item.prior !== null) want.push({ label: names[k], series: "上年", value: num(item.prior) });
    }
    want.push({ label: "合计", series: "本年", value: num(f.three_public_total) });
    if (f.three_public_change) want.push({ label: "合计", series: "上年", value: num(f.three_public_change.prior) });
    assert.deepEqual(three, want, b.slug);
    bars += classes.length + 2 + income.length + three.length;
  }
  console.log(`charts: ${bars} bars equal the JSON figures`);
  await page.close();
});

test("screenshots", { skip: !SHOTS }, async () => {
  const page = await context.newPage();
  await page.goto(url("index.html"));
  await page.screenshot({ path: path.join(SHOTS, "site-index.png") });
  const b = budgets.find((x) => x.slug.startsWith("yunxi")) ?? budgets[0];
  await page.goto(url(`${b.slug}/index.html`));
  await page.setViewportSize({ width: 1280, height: 1500 });
  await page.screenshot({ path: path.join(SHOTS, "site-department.png") });
  await page.locator("#charts").screenshot({ path: path.join(SHOTS, "site-charts.png") });
  await page.locator("#t-general_basic_economic").screenshot({ path: path.join(SHOTS, "site-table.png") });
  await page.close();
});

test("budc serve: the page shows the diagnostics and reloads on save", { skip: !BUDC }, async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "budc-serve-"));
  const b = budgets.find((x) => x.slug.startsWith("yunxi")) ?? budgets[0];
  const source = path.join(process.env.BUDC_EXAMPLES ?? "examples", `${b.slug}.bud`);
  const file = path.join(dir, `${b.slug}.bud`);
  fs.copyFileSync(source, file);
  const server = spawn(BUDC, ["serve", file, "--port", "0"], { stdio: ["ignore", "ignore", "pipe"] });
  try {
    const base = await new Promise((resolve, reject) => {
      let err = "";
      server.stderr.on("data", (d) => {
        err += d;
        const m = err.match(/http:\/\/127\.0\.0\.1:\d+\//);
        if (m) resolve(m[0]);
      });
      server.on("exit", (code) => reject(new Error(`budc serve exited ${code}: ${err}`)));
      setTimeout(() => reject(new Error(`budc serve said no address: ${err}`)), 30000);
    });
    const page = await context.newPage();
    await page.goto(`${base}${b.slug}/`);
    assert.match(await page.textContent("#diagnostics h2"), /0 个错误/);
    // A mistake saved: the page reloads by itself and shows it, with its line.
    const text = fs.readFileSync(file, "utf8");
    const broken = text.replace(/^(年度\s+)2024/m, "$1二〇二四");
    assert.notEqual(broken, text);
    const reloaded = page.waitForEvent("load", { timeout: 30000 });
    fs.writeFileSync(file, broken);
    await reloaded;
    await page.waitForSelector("#diagnostics.errors", { timeout: 30000 });
    const shown = await page.textContent("#diagnostics");
    assert.match(shown, /[1-9]\d* 个错误/);
    assert.match(shown, new RegExp(`${b.slug}\\.bud:\\d+:\\d+`));
    // Fixed again: reloads, clean.
    const again = page.waitForEvent("load", { timeout: 30000 });
    fs.writeFileSync(file, text);
    await again;
    await page.waitForSelector("#diagnostics:not(.errors)", { timeout: 30000 });
    console.log(`serve: ${base} reloaded on save, showed the error with its line, and reloaded clean`);
    await page.close();
  } finally {
    server.kill();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test("no console errors, and no request leaves the machine", () => {
  assert.deepEqual(problems, []);
  const outside = requests.filter((u) => !/^(file:|data:|http:\/\/127\.0\.0\.1[:/])/.test(u));
  assert.deepEqual(outside, []);
  console.log(`requests: ${requests.length}, all file:// or 127.0.0.1; console errors: 0`);
});
