//! Reading RDF files: the format of a file by its extension, and any of the six formats read into named graphs (or as a bag of quads), all or nothing, with file:line:col diagnostics and a JSON depth limit.

use std::collections::BTreeMap;
use std::path::Path;

use oxigraph::io::{JsonLdProfileSet, RdfFormat, RdfParser, RdfSyntaxError};
use oxigraph::model::{GraphName, NamedNode, Quad};

use crate::map::diagnostic::{Diagnostic, Position};
use crate::store::GraphData;

/// JSON-LD deeper than this is refused before parsing: the parser recurses
/// and a few thousand levels overflow the stack.
const MAX_JSON_DEPTH: usize = 256;

/// The RDF format of a file name's extension, if it has one argmap reads.
pub fn format_of(path: &Path) -> Option<RdfFormat> {
    let ext = path.extension()?.to_str()?.to_ascii_lowercase();
    Some(match ext.as_str() {
        "ttl" => RdfFormat::Turtle,
        "trig" => RdfFormat::TriG,
        "nt" => RdfFormat::NTriples,
        "nq" => RdfFormat::NQuads,
        "rdf" | "owl" | "xml" => RdfFormat::RdfXml,
        "jsonld" | "json" => RdfFormat::JsonLd {
            profile: JsonLdProfileSet::empty(),
        },
        _ => return None,
    })
}

/// Parses the RDF file `path` (its bytes `data`) and returns all its quads,
/// whatever graph each is in: for reading another dataset (`argmap link`)
/// rather than loading it. A problem is a diagnostic with its place.
pub fn read_all(path: &Path, data: &[u8], format: RdfFormat) -> Result<Vec<Quad>, Diagnostic> {
    if let RdfFormat::JsonLd { .. } = format {
        if let Some(at) = too_deep(data) {
            return Err(Diagnostic::error(
                path,
                Some(at),
                format!("JSON nested more than {MAX_JSON_DEPTH} levels deep"),
            ));
        }
    }
    if format == RdfFormat::RdfXml {
        if let Some((at, message)) =
            crate::interchange::entities::over_budget(&String::from_utf8_lossy(data))
        {
            return Err(Diagnostic::error(path, Some(at), message));
        }
    }
    RdfParser::from_format(format)
        .for_slice(data)
        .map(|q| q.map_err(|e| syntax(path, format, e)))
        .collect()
}

/// Parses the RDF file `path` (its bytes `data`) and sorts its quads into
/// named graphs. With `graph`, every triple of the file goes into that graph
/// (a file holding more than one graph is refused); without it, a dataset's
/// named graphs are kept and triples outside any named graph are refused.
/// Any problem is a diagnostic with its place, and nothing is returned.
pub fn read(
    path: &Path,
    data: &[u8],
    format: RdfFormat,
    graph: Option<&NamedNode>,
) -> Result<Vec<(NamedNode, Vec<Quad>)>, Diagnostic> {
    refuse_unparsable(path, data, format)?;
    // A UTF-8 byte-order mark is no part of the RDF; some editors write one.
    let data = data.strip_prefix(b"\xef\xbb\xbf").unwrap_or(data);
    let by_graph = quads_by_graph(path, data, format)?;
    match graph {
        Some(target) => into_one_graph(path, by_graph, target),
        None => named_graphs_only(path, by_graph),
    }
}

/// The quads of a file, by the name of their graph.
type ByGraph = BTreeMap<String, (GraphName, Vec<Quad>)>;

/// Refuses, before parsing, what the parser should not be given: JSON-LD
/// deep enough to overflow its stack, and a file that is not text at all.
fn refuse_unparsable(path: &Path, data: &[u8], format: RdfFormat) -> Result<(), Diagnostic> {
    if let RdfFormat::JsonLd { .. } = format {
        if let Some(at) = too_deep(data) {
            return Err(Diagnostic::error(
                path,
                Some(at),
                format!("JSON nested more than {MAX_JSON_DEPTH} levels deep"),
            )
            .with_help(
                "JSON-LD for argmap is shallow; flatten the document (jsonld.flatten does it)",
            ));
        }
    }
    if format == RdfFormat::RdfXml {
        if let Some((at, message)) =
            crate::interchange::entities::over_budget(&String::from_utf8_lossy(data))
        {
            return Err(Diagnostic::error(path, Some(at), message).with_help(
                "declare entities that expand to less (or write the values out); argmap expands at most a megabyte of entities in one file",
            ));
        }
    }
    // A PDF, an image or UTF-16 under an RDF name is named for what it is,
    // not reported as a syntax error at its first byte.
    if let Some(kind) = crate::map::text::kind_of(data) {
        return Err(Diagnostic::error(
            path,
            None,
            format!("the file is {kind}, not {}", format.name()),
        )
        .with_help(match kind {
            "UTF-16 text" => "convert it to UTF-8 (e.g. `iconv -f utf-16 -t utf-8`)".to_string(),
            _ => format!(
                "give the path of the {} file itself, not of {kind}",
                format.name()
            ),
        }));
    }
    Ok(())
}

/// Parses the whole file and sorts its quads by graph; a file with no
/// triples is refused.
fn quads_by_graph(path: &Path, data: &[u8], format: RdfFormat) -> Result<ByGraph, Diagnostic> {
    let mut by_graph = ByGraph::new();
    for quad in RdfParser::from_format(format).for_slice(data) {
        let quad = quad.map_err(|e| syntax(path, format, e))?;
        by_graph
            .entry(quad.graph_name.to_string())
            .or_insert_with(|| (quad.graph_name.clone(), Vec::new()))
            .1
            .push(quad);
    }
    if by_graph.is_empty() {
        return Err(Diagnostic::error(
            path,
            None,
            format!(
                "the file holds no triples: it is empty, or {} with nothing in it",
                format.name()
            ),
        )
        .with_help(extension_help(format)));
    }
    Ok(by_graph)
}

/// Every triple of a file that holds one graph, moved into `target`
/// (`--graph`).
fn into_one_graph(
    path: &Path,
    by_graph: ByGraph,
    target: &NamedNode,
) -> Result<Vec<(NamedNode, Vec<Quad>)>, Diagnostic> {
    if by_graph.len() > 1 {
        let names: Vec<String> = by_graph
            .values()
            .map(|(g, _)| match g {
                GraphName::DefaultGraph => "the default graph".to_string(),
                other => other.to_string(),
            })
            .collect();
        return Err(Diagnostic::error(
            path,
            None,
            format!(
                "the file holds {} graphs ({}), and --graph names one",
                names.len(),
                names.join(", ")
            ),
        )
        .with_help(
            "load it without --graph to keep its named graphs, or split it into one file per graph",
        ));
    }
    let quads: Vec<Quad> = by_graph
        .into_values()
        .flat_map(|(_, q)| q)
        .map(|q| Quad::new(q.subject, q.predicate, q.object, target.clone()))
        .collect();
    Ok(vec![(target.clone(), quads)])
}

/// A dataset's named graphs; triples outside any named graph are refused.
fn named_graphs_only(
    path: &Path,
    by_graph: ByGraph,
) -> Result<Vec<(NamedNode, Vec<Quad>)>, Diagnostic> {
    let mut out = Vec::new();
    for (name, quads) in by_graph.into_values() {
        match name {
            GraphName::NamedNode(n) => out.push((n, quads)),
            _ => {
                return Err(Diagnostic::error(
                    path,
                    None,
                    if quads.len() == 1 {
                        "1 triple is outside any named graph".to_string()
                    } else {
                        format!("{} triples are outside any named graph", quads.len())
                    },
                )
                .with_help("name the graph to load them into with --graph IRI"));
            }
        }
    }
    Ok(out)
}

/// Reads the file `file` for `argmap load` when it is RDF (by `format`,
/// else by its extension): its graphs, or the diagnostic that explains why
/// it cannot be read. `None` when it is not RDF, so the caller reads it as
/// a map.
pub fn read_file(
    file: &Path,
    format: Option<RdfFormat>,
    graph: Option<&NamedNode>,
) -> Option<Result<Vec<GraphData>, Diagnostic>> {
    let format = format.or_else(|| format_of(file))?;
    let data = match std::fs::read(file) {
        Ok(data) => data,
        Err(e) => {
            return Some(Err(Diagnostic::error(
                file,
                None,
                format!("cannot read the file: {e}"),
            )));
        }
    };
    Some(read(file, &data, format, graph).map(|graphs| {
        graphs
            .into_iter()
            .map(|(graph, quads)| GraphData { graph, quads })
            .collect()
    }))
}

fn syntax(path: &Path, format: RdfFormat, error: RdfSyntaxError) -> Diagnostic {
    let position = error.location().map(|l| {
        // The parser counts lines and columns from 0.
        Position {
            line: l.start.line as usize + 1,
            column: l.start.column as usize + 1,
        }
    });
    // The parser repeats the place in its message; the diagnostic gives it.
    let message = error.to_string();
    let message = match message.strip_prefix("Parser error at line ") {
        Some(rest) => rest.split_once(": ").map_or(message.as_str(), |(_, m)| m),
        None => message.as_str(),
    };
    let fix = match (position, format) {
        (Some(_), _) => "fix the file at that place; nothing was loaded",
        (None, RdfFormat::RdfXml) => {
            "fix the file (this parser gives no place: `xmllint --noout FILE` finds XML errors); nothing was loaded"
        }
        (None, _) => "fix the file; nothing was loaded",
    };
    Diagnostic::error(
        path,
        position,
        format!("not valid {}: {message}", format.name()),
    )
    .with_help(format!("{fix}\n{}", extension_help(format)))
}

/// Where the format came from, and how to give another.
fn extension_help(format: RdfFormat) -> String {
    format!(
        "the file was read as {} (by its extension, or --format): if it holds another format, rename it or give --format",
        format.name()
    )
}

/// The place where JSON text first nests deeper than [`MAX_JSON_DEPTH`].
fn too_deep(data: &[u8]) -> Option<Position> {
    let (mut depth, mut line, mut column) = (0usize, 1usize, 0usize);
    let (mut in_string, mut escaped) = (false, false);
    for &b in data {
        if b == b'\n' {
            line += 1;
            column = 0;
        } else if b & 0xC0 != 0x80 {
            column += 1;
        }
        if in_string {
            match (escaped, b) {
                (true, _) => escaped = false,
                (false, b'\\') => escaped = true,
                (false, b'"') => in_string = false,
                _ => {}
            }
            continue;
        }
        match b {
            b'"' => in_string = true,
            b'[' | b'{' => {
                depth += 1;
                if depth > MAX_JSON_DEPTH {
                    return Some(Position { line, column });
                }
            }
            b']' | b'}' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn deep_json_is_found_with_its_place() {
        let deep = format!("{{\n{}", "[".repeat(300));
        let at = too_deep(deep.as_bytes()).unwrap();
        assert_eq!((at.line, at.column), (2, 256));
        assert!(too_deep(b"{\"a\": \"[[[[\"}").is_none());
    }
}
