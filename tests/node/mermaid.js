// Renders Mermaid files with Mermaid itself (pinned here) in headless Chromium (Debian's, through
// playwright-core), for tests/export_pictures.rs. Usage: node mermaid.js FILE.mmd...
// Prints one line of JSON: { "ok": bool, "failures": [...], "diagrams": [{ "file", "nodes",
// "clusters", "edges", "width", "height" }] }; exits 1 if any file fails to parse or render.
"use strict";
const fs = require("fs");
const path = require("path");
const { chromium } = require("playwright-core");

function onPath(name) {
  for (const dir of (process.env.PATH || "").split(path.delimiter)) {
    const file = path.join(dir, name);
    try { fs.accessSync(file, fs.constants.X_OK); return file; } catch (_) { /* next */ }
  }
  throw new Error(`${name} is not on PATH (scripts/setup.sh --tests installs it)`);
}

(async () => {
  const failures = [];
  const diagrams = [];
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM || onPath("chromium"), args: ["--no-sandbox"] });
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    page.on("pageerror", (e) => failures.push(`page error: ${e.message}`));
    await page.setContent("<!doctype html><html><body><div id=\"out\"></div></body></html>");
    await page.addScriptTag({ path: require.resolve("mermaid/dist/mermaid.min.js") });
    // Mermaid's own defaults, as a Markdown page renders them; only start-on-load is off.
    await page.evaluate(() => window.mermaid.initialize({ startOnLoad: false }));
    for (const [i, file] of process.argv.slice(2).entries()) {
      const text = fs.readFileSync(file, "utf8");
      const result = await page.evaluate(async ({ text, id }) => {
        try {
          const parsed = await window.mermaid.parse(text);
          const { svg } = await window.mermaid.render(id, text);
          const out = document.getElementById("out");
          out.innerHTML = svg;
          const root = out.querySelector("svg");
          const box = root.getBBox();
          const error = /Syntax error|Parse error|Maximum text size/.test(root.textContent);
          return {
            type: parsed && parsed.diagramType,
            nodes: root.querySelectorAll("g.node").length,
            clusters: root.querySelectorAll("g.cluster").length,
            edges: root.querySelectorAll("path.flowchart-link, .edgePaths path").length,
            width: box.width, height: box.height, error,
          };
        } catch (e) {
          return { thrown: String(e && e.message || e) };
        }
      }, { text, id: `diagram${i}` });
      result.file = file;
      if (result.thrown) failures.push(`${file}: ${result.thrown}`);
      else if (result.error) failures.push(`${file}: Mermaid drew an error in place of the diagram`);
      else if (result.type !== "flowchart-v2" && result.type !== "flowchart") failures.push(`${file}: read as ${result.type}`);
      else if (result.nodes === 0 || !(result.width > 0)) failures.push(`${file}: nothing drawn`);
      diagrams.push(result);
    }
  } finally {
    await browser.close();
  }
  process.stdout.write(JSON.stringify({ ok: failures.length === 0, failures, diagrams }) + "\n");
  process.exit(failures.length === 0 ? 0 : 1);
})().catch((e) => {
  process.stdout.write(JSON.stringify({ ok: false, failures: [String(e && e.stack || e)], diagrams: [] }) + "\n");
  process.exit(1);
});
