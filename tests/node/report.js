// Drives headless Chromium (Debian's, through playwright-core) over a page `argmap report` wrote,
// for tests/report.rs. Usage: node report.js PAGE.html EXPECT.json
// EXPECT.json: { "hypotheses": N, "quotes": [{ "start", "end", "text" }], "axe": bool,
//                "screenshots": DIR or null, "chromium": the browser [default: chromium on PATH],
//                "layout": bool (check the map's fit, zoom and pan and the text's width),
//                "furniture": [strings of page furniture that no mark may hold] }
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
      // A passage's marks, with the page furniture between them (drawn unmarked).
      const marks = [...document.querySelectorAll(`mark[data-a~="${t.id}"]`)];
      const inside = (f) => marks.length > 1 &&
        (marks[0].compareDocumentPosition(f) & Node.DOCUMENT_POSITION_FOLLOWING) &&
        (marks[marks.length - 1].compareDocumentPosition(f) & Node.DOCUMENT_POSITION_PRECEDING);
      const parts = [...marks, ...[...document.querySelectorAll(".brief-text .furniture")].filter(inside)];
      parts.sort((a, b) => (a.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1));
      const text = parts.map((m) => m.textContent).join("");
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

// The map fits its frame; the zoom button draws it full size and a drag pans it; the text
// column is as wide as the page's main column; no mark holds page furniture.
async function checkLayout(page) {
  const fit = await page.evaluate(() => {
    const frame = document.querySelector(".map");
    const svg = frame.querySelector("svg");
    const r = svg.getBoundingClientRect();
    return { frame: frame.clientWidth, frameHeight: frame.clientHeight, svg: r.width, svgHeight: r.height,
             natural: Number(svg.getAttribute("width")), scroll: frame.scrollWidth, scrollHeight: frame.scrollHeight };
  });
  facts.map_fit = fit;
  if (fit.svg > fit.frame + 1 || fit.scroll > fit.frame + 1) fail(`the map is wider than its frame: ${JSON.stringify(fit)}`);
  if (fit.svgHeight > fit.frameHeight + 1 || fit.scrollHeight > fit.frameHeight + 1) fail(`the map is taller than its frame: ${JSON.stringify(fit)}`);
  const button = page.locator(".map-tools button.zoom");
  if (!(await button.isVisible())) fail("no zoom button by the map");
  else {
    await button.click();
    const zoomed = await page.evaluate(() => {
      const frame = document.querySelector(".map");
      return { svg: frame.querySelector("svg").getBoundingClientRect().width, scroll: frame.scrollWidth,
               frame: frame.clientWidth, pressed: document.querySelector(".map-tools button.zoom").getAttribute("aria-pressed") };
    });
    if (Math.abs(zoomed.svg - fit.natural) > 1) fail(`zoomed, the map is ${zoomed.svg}px wide, not its ${fit.natural}px`);
    if (zoomed.pressed !== "true") fail("the zoom button does not say it is pressed");
    // A drag on the drawing's background pans it.
    const spot = await page.evaluate(() => {
      const frame = document.querySelector(".map");
      const r = frame.getBoundingClientRect();
      for (let y = r.top + 10; y < Math.min(r.bottom, window.innerHeight) - 10; y += 15)
        for (let x = r.left + r.width / 2; x < r.right - 10; x += 15) {
          const el = document.elementFromPoint(x, y);
          if (el && frame.contains(el) && !el.closest("a")) return { x, y };
        }
      return null;
    });
    if (!spot) fail("no background to drag the map by");
    else {
      const before = await page.evaluate(() => document.querySelector(".map").scrollLeft);
      await page.mouse.move(spot.x, spot.y);
      await page.mouse.down();
      await page.mouse.move(spot.x - 200, spot.y, { steps: 5 });
      await page.mouse.up();
      const after = await page.evaluate(() => document.querySelector(".map").scrollLeft);
      facts.map_pan = { before, after, zoomed };
      if (!(after - before > 150)) fail(`dragging the zoomed map by 200px moved it ${after - before}px`);
    }
    await button.click();
    const back = await page.evaluate(() => document.querySelector(".map svg").getBoundingClientRect().width);
    if (Math.abs(back - fit.svg) > 1) fail(`a second press does not fit the map again (${back}px)`);
  }
  const widths = await page.evaluate(() => {
    const main = document.querySelector("main");
    const style = getComputedStyle(main);
    const inner = main.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
    return { text: document.querySelector(".brief-text").getBoundingClientRect().width, main: inner };
  });
  facts.text_width = widths;
  if (widths.text < widths.main - 2) fail(`the text column is ${widths.text}px of the ${widths.main}px available`);
  const furniture = expect.furniture || [];
  const marked = await page.evaluate((strings) =>
    [...document.querySelectorAll(".brief-text mark")].map((m) => m.textContent).filter((t) => strings.some((f) => t.includes(f))),
  furniture);
  const unmarked = await page.evaluate(() =>
    [...document.querySelectorAll(".brief-text .furniture")].map((f) => f.textContent));
  facts.furniture = unmarked;
  if (marked.length) fail(`marks hold page furniture: ${JSON.stringify(marked.slice(0, 3))}`);
  if (furniture.length && !furniture.some((f) => unmarked.some((u) => u.includes(f))))
    fail("no furniture inside a quote is drawn as furniture");
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
    if (expect.layout) await checkLayout(desktop.page);
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
