// Opens Cytoscape.js JSON files with Cytoscape.js itself (pinned here), headless, for
// tests/export_pictures.rs. Usage: node cytoscape.js FILE.cyjs...
// Checks that the file's preset layout places every node where the file says, and that no two
// hypothesis groups' boxes, and no two nodes' boxes, overlap.
// Prints one line of JSON: { "ok": bool, "failures": [...], "maps": [{ "file", "layout", "nodes",
// "placed", "groups", "boxes" }] }; exits 1 on a failure.
"use strict";
const fs = require("fs");
const cytoscape = require("cytoscape");

const failures = [];
const maps = [];
const overlap = (a, b) => a.x1 < b.x2 && b.x1 < a.x2 && a.y1 < b.y2 && b.y1 < a.y2;

for (const file of process.argv.slice(2)) {
  const json = JSON.parse(fs.readFileSync(file, "utf8"));
  const cy = cytoscape({ headless: true, styleEnabled: true, ...json });
  const members = cy.nodes().not(".group");
  const given = new Map(json.elements.nodes.filter((n) => n.position).map((n) => [n.data.id, n.position]));
  let placed = 0;
  members.forEach((n) => {
    const want = given.get(n.id());
    const got = n.position();
    if (want && Math.abs(got.x - want.x) < 0.01 && Math.abs(got.y - want.y) < 0.01) placed++;
    else failures.push(`${file}: ${n.id()} is at ${JSON.stringify(got)}, the file says ${JSON.stringify(want)}`);
  });
  const box = (e) => e.boundingBox({ includeLabels: false, includeOverlays: false });
  const groups = cy.nodes(".group").filter((g) => g.children().length > 0);
  const boxes = groups.map((g) => ({ id: g.id(), label: g.data("label"), ...box(g) }));
  for (let i = 0; i < boxes.length; i++)
    for (let j = i + 1; j < boxes.length; j++)
      if (overlap(boxes[i], boxes[j])) failures.push(`${file}: the boxes of ${boxes[i].label} and ${boxes[j].label} overlap`);
  const nodes = members.map((n) => ({ id: n.id(), ...box(n) }));
  for (let i = 0; i < nodes.length; i++)
    for (let j = i + 1; j < nodes.length; j++)
      if (overlap(nodes[i], nodes[j])) { failures.push(`${file}: nodes ${nodes[i].id} and ${nodes[j].id} overlap`); break; }
  // A group's box holds its members and no node of another group.
  groups.forEach((g) => {
    const b = box(g);
    cy.nodes(".group").not(g).children().forEach((n) => {
      if (overlap(b, box(n))) failures.push(`${file}: ${n.id()} of ${n.parent().data("label")} lies in ${g.data("label")}`);
    });
  });
  maps.push({ file, layout: json.layout && json.layout.name, nodes: members.length, placed, groups: groups.length, boxes });
}
process.stdout.write(JSON.stringify({ ok: failures.length === 0, failures, maps }) + "\n");
process.exit(failures.length === 0 ? 0 : 1);
