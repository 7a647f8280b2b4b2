// Drives headless Chromium (Debian's, through playwright-core) over a page `argmap report` wrote,
// for tests/report.rs. Usage: node report.js PAGE.html EXPECT.json
// EXPECT.json: { "hypotheses": N, "quotes": [{ "start", "end", "text" }], "axe": bool,
//                "screenshots": DIR or null, "chromium": the browser [default: chromium on PATH] }
// Prints one line of JSON: { "ok": bool, "failures": [...], "facts": {...} }; exits 1 on a failure.
"use strict";
const fs = require("fs");
const path = require("path");
const { pathToFileURL } = require("url");
const { chromium } = require("playwright-core");

const [page_path, expect_path] = process.argv.slice(2);
const expect = JSON.parse(fs.readFileSync(expect_path, "utf8"));
const failures = [];
const facts = {};
const fail = (what) => failures.push(what);
const squash = (s) => s.replace(/\s+/g, " ").trim();

// Debian's Chromium, found on PATH as `chromium`.
function onPath(name) {
  for (const dir of (process.env.PATH || "").split(path.delimiter)) {
    const file = path.join(dir, name);
    try { fs.accessSync(file, fs.constants.X_OK); return file; } catch (_) { /* next */ }
  }
  throw new Error(`${name} is not on PATH (scripts/setup.sh --tests installs it)`);
}

async function inViewport(page, selector) {
  return page.evaluate((sel) => {
    const el = document.querySelector(sel);
    if (!el) return false;
    const r = el.getBoundingClientRect();
    return r.bottom > 0 && r.top < window.innerHeight && r.height > 0;
  }, selector);
}

async function open(browser, width, height) {
  const context = await browser.newContext({ viewport: { width, height } });
  const page = await context.newPage();
  const url = pathToFileURL(path.resolve(page_path)).href;
  const requests = new Set();
  // Every request the page makes is recorded and, unless it is the page itself, refused.
  await context.route("**/*", (route) => {
    requests.add(route.request().url());
    return route.request().url() === url ? route.continue() : route.abort();
  });
  page.on("request", (r) => requests.add(r.url()));
  await page.goto(url, { waitUntil: "load" });
  return { context, page, url, requests };
}

async function checkClick(page) {
  // A hypothesis's evidence, in its support tree.
  const link = page.locator("article.hypothesis ul.tree li .kind.evidence + a.to-passage").first();
  const href = await link.getAttribute("href");
  facts.clicked = href;
  await page.evaluate(() => window.scrollTo(0, 0));
  if (await inViewport(page, `mark[data-a~="${href.slice(1)}"]`)) fail(`${href} was in view before the click`);
  await link.click();
  const id = href.slice(1);
  const marks = page.locator(`mark[data-a~="${id}"]`);
  const count = await marks.count();
  if (count === 0) fail(`no marked passage for ${href}`);
  const active = await page.locator(`mark.active[data-a~="${id}"]`).count();
  if (active !== count || count === 0) fail(`${active} of ${count} segments of ${href} highlighted`);
  if (!(await inViewport(page, `mark[data-a~="${id}"]`))) fail(`the passage ${href} is not scrolled into view`);
  const background = await marks.first().evaluate((m) => getComputedStyle(m).backgroundColor);
  const idle = await page.locator("mark:not(.active)").first().evaluate((m) => getComputedStyle(m).backgroundColor);
  if (background === idle) fail(`the active passage looks like any other (${background})`);
  facts.highlight = background;
  // The keyboard: Tab to a node of the map, Enter shows its passage.
  const node = page.locator(".map a.node").first();
  if (await node.count()) {
    const nodeHref = await node.getAttribute("href");
    await node.focus();
    await page.keyboard.press("Enter");
    const nid = nodeHref.slice(1);
    const on = await page.locator(`mark.active[data-a~="${nid}"]`).count();
    if (on === 0) fail(`Enter on the map node ${nodeHref} highlighted nothing`);
    if (!(await inViewport(page, `mark[data-a~="${nid}"]`))) fail(`Enter on ${nodeHref}: passage not in view`);
    facts.keyboard = nodeHref;
  }
}

async function checkDom(page) {
  const hypotheses = await page.locator("article.hypothesis").count();
  facts.hypotheses = hypotheses;
  if (expect.hypotheses !== undefined && hypotheses !== expect.hypotheses)
    fail(`${hypotheses} hypotheses, expected ${expect.hypotheses}`);
  const found = await page.evaluate(() => {
    const out = {};
    for (const t of document.querySelectorAll("span.target")) {
      const text = [...document.querySelectorAll(`mark[data-a~="${t.id}"]`)].map((m) => m.textContent).join("");
      out[`${t.dataset.start}-${t.dataset.end}`] = text;
    }
    return out;
  });
  let missing = 0;
  for (const q of expect.quotes) {
    const got = found[`${q.start}-${q.end}`];
    if (got === undefined) { missing++; fail(`quote [${q.start}, ${q.end}) is not marked`); continue; }
    if (squash(got) !== squash(q.text)) fail(`quote [${q.start}, ${q.end}) marks "${got}", not "${q.text}"`);
  }
  facts.quotes = expect.quotes.length - missing;
  // The page's text holds each quote where its offsets say.
  const text = await page.locator(".brief-text").evaluate((d) => {
    const c = d.cloneNode(true);
    c.querySelectorAll("a.back").forEach((a) => a.remove());
    return c.textContent;
  });
  for (const q of expect.quotes) {
    if ([...text].slice(q.start, q.end).join("") !== q.text) { fail(`the text at [${q.start}, ${q.end}) is not the quote`); break; }
  }
}

async function runAxe(page, label) {
  await page.addScriptTag({ path: require.resolve("axe-core/axe.min.js") });
  const result = await page.evaluate(() =>
    window.axe.run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] } }));
  facts[`axe_${label}`] = { violations: result.violations.length, passes: result.passes.length };
  for (const v of result.violations)
    fail(`axe (${label}) ${v.id}: ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(" ")).join(", ")}`);
}

(async () => {
  const browser = await chromium.launch({ executablePath: expect.chromium || onPath("chromium"), args: ["--no-sandbox"] });
  try {
    const desktop = await open(browser, 1280, 900);
    await checkDom(desktop.page);
    await checkClick(desktop.page);
    if (expect.axe) await runAxe(desktop.page, "desktop");
    if (expect.screenshots) {
      fs.mkdirSync(expect.screenshots, { recursive: true });
      await desktop.page.evaluate(() => window.scrollTo(0, 0));
      await desktop.page.screenshot({ path: path.join(expect.screenshots, "desktop.png") });
    }
    // Print: no navigation, no back links, the map within the page's width.
    await desktop.page.emulateMedia({ media: "print" });
    const print = await desktop.page.evaluate(() => ({
      nav: getComputedStyle(document.querySelector("nav")).display,
      back: document.querySelector("a.back") ? getComputedStyle(document.querySelector("a.back")).display : "none",
      overflow: document.documentElement.scrollWidth - window.innerWidth,
    }));
    facts.print = print;
    if (print.nav !== "none" || print.back !== "none") fail(`print shows navigation or back links: ${JSON.stringify(print)}`);
    if (print.overflow > 0) fail(`the printed page is ${print.overflow}px wider than the paper`);
    if (expect.screenshots) await desktop.page.screenshot({ path: path.join(expect.screenshots, "print.png") });
    const phone = await open(browser, 390, 844);
    if (expect.axe) await runAxe(phone.page, "phone");
    const overflow = await phone.page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    if (overflow > 0) fail(`the page is ${overflow}px wider than a phone's screen`);
    if (expect.screenshots) {
      await phone.page.screenshot({ path: path.join(expect.screenshots, "phone.png") });
    }
    const requests = new Set([...desktop.requests, ...phone.requests]);
    for (const r of requests) if (r !== desktop.url) fail(`the page requested ${r}`);
    facts.requests = [...requests];
  } finally {
    await browser.close();
  }
  process.stdout.write(JSON.stringify({ ok: failures.length === 0, failures, facts }) + "\n");
  process.exit(failures.length === 0 ? 0 : 1);
})().catch((e) => {
  process.stdout.write(JSON.stringify({ ok: false, failures: [String(e && e.stack || e)], facts }) + "\n");
  process.exit(1);
});
