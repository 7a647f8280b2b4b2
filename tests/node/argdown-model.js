// Prints, as JSON, what Argdown 1.7's own parser finds in one Argdown file,
// in the terms argmap's round trip is checked in: the frontmatter, the
// statements (title, canonical text without its tags, tags), the arguments
// (title, text, tags, and the premise-conclusion structure with its roles,
// inference rules and data), the relations (from, to, their kinds, type) and
// the sections with their nesting. Usage: node argdown-model.js FILE.argdown
"use strict";
const { argdown } = require("@argdown/node");

// A text as a reader sees it: tags taken out, white space made one space.
function plain(text, ranges) {
  let out = text || "";
  const tags = (ranges || []).filter(r => r.type === "tag").sort((a, b) => b.start - a.start);
  for (const r of tags) {
    out = out.slice(0, r.start) + out.slice(r.stop + 1);
  }
  return out.split(/\s+/).filter(w => w.length > 0).join(" ");
}

// The last member that is not a reference, as Argdown's own
// getCanonicalMember chooses (no member here is marked isCanonical).
function canonical(node) {
  const members = node.members || [];
  for (let i = members.length - 1; i >= 0; i--) {
    if (!members[i].isReference) return members[i];
  }
  return undefined;
}

function sortedTags(node) {
  return [...(node.tags || [])].sort();
}

function sectionTitle(node) {
  return node.section ? node.section.title : null;
}

function statement(ec) {
  const c = canonical(ec);
  return {
    text: c ? plain(c.text, c.ranges) : "",
    tags: sortedTags(ec),
    section: sectionTitle(ec)
  };
}

function pcsItem(s) {
  const item = { title: s.title, role: s.role };
  if (s.inference) {
    item.rules = [...(s.inference.inferenceRules || [])];
    item.inferenceData = s.inference.data || null;
  }
  return item;
}

function argument(a) {
  const c = canonical(a);
  return {
    text: c ? plain(c.text, c.ranges) : "",
    tags: sortedTags(a),
    section: sectionTitle(a),
    pcs: (a.pcs || []).map(pcsItem)
  };
}

function sections(list) {
  return (list || []).map(s => ({ title: s.title, level: s.level, children: sections(s.children) }));
}

function byTitle(dict, f) {
  const out = {};
  for (const title of Object.keys(dict || {}).sort()) out[title] = f(dict[title]);
  return out;
}

async function main() {
  const file = process.argv[2];
  const response = await argdown.runAsync({
    inputPath: file,
    process: ["load-file", "parse-input", "build-model"],
    logLevel: "error"
  });
  const relations = (response.relations || [])
    .map(r => [r.from.title, r.from.type, r.to.title, r.to.type, r.relationType].join("\t"))
    .sort();
  const model = {
    parserErrors: (response.parserErrors || []).map(e => e.message),
    frontMatter: response.frontMatter || null,
    statements: byTitle(response.statements, statement),
    arguments: byTitle(response.arguments, argument),
    relations,
    sections: sections(response.sections)
  };
  process.stdout.write(JSON.stringify(model, null, 1) + "\n");
}

main().catch(e => {
  process.stderr.write(String(e && e.stack ? e.stack : e) + "\n");
  process.exit(1);
});
