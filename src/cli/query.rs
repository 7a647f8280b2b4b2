//! `argmap query`: run a named query, a `.rq` file or inline SPARQL, with safely bound parameters.

use std::io::Write;
use std::path::Path;
use std::sync::mpsc::{RecvTimeoutError, channel};
use std::time::Duration;

use anyhow::{Result, bail};
use argmap::map::diagnostic::{Diagnostic, Position};
use argmap::render::table;
use argmap::sparql::{Answer, NamedQuery, QUERIES, lexical, named_query, parse_param};
use argmap::vocab::PREFIXES;
use clap::{Args, ValueEnum};
use oxigraph::io::{RdfFormat, RdfSerializer};
use oxigraph::model::{NamedNode, Term, Variable};
use oxigraph::sparql::results::{QueryResultsFormat, QueryResultsSerializer};

use super::{Global, print};

/// Run SPARQL: a named query from queries/, a .rq file, or --sparql text
#[derive(Args)]
#[command(
    after_help = "Examples:\n  argmap query --list\n  argmap query motives --brief kinu-co-17-32\n  argmap query briefs-relying-on-source --param source=https://w3id.org/argmap/kb/source/kyodo-report\n  argmap query --sparql 'SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }' --format csv\n  argmap query --sparql 'SELECT ?a WHERE { GRAPH ?g { ?a a arg:Actor } }'   # arg: and the others of --prefixes need no PREFIX\n  argmap query linked-birth-dates --brief kinu-co-17-32   # SERVICE: asks Wikidata"
)]
pub struct QueryArgs {
    /// A named query (see --list) or a path to a .rq file
    #[arg(value_name = "NAME|FILE.rq", required_unless_present_any = ["sparql", "list", "prefixes"], conflicts_with = "sparql")]
    query: Option<String>,
    /// The query text itself
    #[arg(long, value_name = "TEXT")]
    sparql: Option<String>,
    /// Bind a variable: name=value, where value is <iri>, an absolute IRI, an integer, true/false, or a string
    #[arg(long = "param", value_name = "NAME=VALUE")]
    params: Vec<String>,
    /// Bind ?graph to this brief's named graph
    #[arg(long, value_name = "ID")]
    brief: Option<String>,
    /// Output format [default: table for SELECT and ASK, turtle for CONSTRUCT and DESCRIBE]
    #[arg(long, value_enum)]
    format: Option<QueryFormat>,
    /// List the named queries with what each answers
    #[arg(long)]
    list: bool,
    /// List the prefixes that --sparql text and .rq files may use without declaring them
    #[arg(long)]
    prefixes: bool,
    /// Refuse SERVICE: never call another endpoint
    #[arg(long)]
    no_service: bool,
    /// Give up on a SERVICE call after this many seconds
    #[arg(long, default_value_t = 60, value_name = "SECONDS")]
    service_timeout: u64,
    /// Give up on the query after this many seconds: exit 1 with a message, and nothing written
    #[arg(long, value_name = "SECONDS")]
    timeout: Option<f64>,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum QueryFormat {
    Table,
    Csv,
    Tsv,
    Json,
    Xml,
    Turtle,
    Ntriples,
}

pub fn run(args: QueryArgs, global: &Global) -> Result<()> {
    if args.list {
        let mut out = String::new();
        for q in QUERIES {
            out.push_str(&format!("{}\n", q.name));
            for line in q.description().lines() {
                out.push_str(&format!("    {line}\n"));
            }
        }
        return print(&out);
    }
    if args.prefixes {
        let width = PREFIXES.iter().map(|(p, _)| p.len()).max().unwrap_or(0) + 1;
        let out: String = PREFIXES
            .iter()
            .map(|(prefix, iri)| format!("PREFIX {:width$} <{iri}>\n", format!("{prefix}:")))
            .collect();
        return print(&out);
    }
    // Where the query's text comes from, for its syntax errors.
    let origin = match (&args.sparql, &args.query) {
        (Some(_), _) => "--sparql".to_string(),
        (None, Some(name)) => name.clone(),
        (None, None) => String::new(),
    };
    let text = match (&args.sparql, &args.query) {
        (Some(text), _) => text.clone(),
        (None, Some(name)) if name.ends_with(".rq") || Path::new(name).is_file() => {
            let bytes = std::fs::read(name).map_err(|e| {
                argmap::Error::Io(format!(
                    "cannot read the query file {name}: {e}; give a named query (argmap query --list) or the path of a .rq file"
                ))
            })?;
            match argmap::map::text::text_of(bytes) {
                Ok(text) => text,
                Err(e) => bail!(argmap::Error::Invalid(vec![
                    Diagnostic::error(
                        Path::new(name),
                        argmap::map::text::read_error_position(&e),
                        e.to_string()
                    )
                    .with_help(
                        argmap::map::text::not_text_help(&e)
                            .unwrap_or_else(|| "save the query as UTF-8".into())
                    )
                ])),
            }
        }
        (None, Some(name)) => match named_query(name) {
            Some(q) => q.text.to_string(),
            None => {
                let names: Vec<&str> = QUERIES.iter().map(|q| q.name).collect();
                let near = argmap::map::diagnostic::nearest(name, &names)
                    .map(|n| format!("did you mean `{n}`? "))
                    .unwrap_or_default();
                bail!(argmap::Error::NotFound(format!(
                    "no named query `{name}`: {near}`argmap query --list` shows them all"
                )));
            }
        },
        (None, None) => unreachable!("clap requires a query"),
    };
    let mut bindings: Vec<(String, Term)> = Vec::new();
    for p in &args.params {
        let binding =
            parse_param(p).map_err(|e| argmap::Error::NotFound(format!("bad --param: {e}")))?;
        bindings.push(binding);
    }
    if let Some(brief) = &args.brief {
        let graph = NamedNode::new(global.iris().graph(brief))
            .map_err(|e| argmap::Error::NotFound(format!("bad brief id `{brief}`: {e}")))?;
        bindings.push(("graph".into(), graph.into()));
    }
    if let (None, Some(name)) = (&args.sparql, &args.query) {
        if let Some(q) = named_query(name).filter(|_| !name.ends_with(".rq")) {
            refuse_missing_parameters(q, &bindings)?;
        }
    }
    // The prefixes of `--prefixes` go before the text on one line of their
    // own, so that a syntax error's column is the user's and its line is one
    // less; the text's own PREFIX comes later and wins.
    let user_text = text;
    let text = format!("{}\n{user_text}", declarations());
    // SERVICE calls out from the local store only: a remote store decides
    // for itself whether its SERVICE may.
    let federated = global.remote.endpoint.is_none() && !args.no_service;
    let service_timeout = Duration::from_secs(args.service_timeout.max(1));
    let run_query = {
        let global = global.clone();
        move || -> Result<std::result::Result<Answer, argmap::Error>> {
            Ok(if federated {
                global
                    .local_read_store()?
                    .run_federated(&text, &bindings, service_timeout)
            } else {
                global.read_store()?.run(&text, &bindings)
            })
        }
    };
    let answer =
        within(args.timeout, run_query)?.map_err(|e| located(e, &user_text, Path::new(&origin)))?;
    let mut buffer = Vec::new();
    write_answer(&answer, args.format, &mut buffer)?;
    print(&String::from_utf8(buffer)?)
}

/// Runs `work` on a thread with a large stack (the parser and the
/// evaluator recurse), waiting no longer than `timeout` seconds. Past it the
/// command fails and writes nothing; the query's thread ends with the
/// process, which gives its memory back.
fn within<T: Send + 'static>(
    timeout: Option<f64>,
    work: impl FnOnce() -> Result<T> + Send + 'static,
) -> Result<T> {
    let limit = match timeout {
        None => None,
        Some(t) => Some(
            Duration::try_from_secs_f64(t)
                .ok()
                .filter(|d| !d.is_zero())
                .ok_or_else(|| {
                    argmap::Error::NotFound(format!(
                        "--timeout {t} is not a positive number of seconds"
                    ))
                })?,
        ),
    };
    let (send, receive) = channel();
    std::thread::Builder::new()
        .name("argmap query".into())
        .stack_size(16 << 20)
        .spawn(move || {
            let _ = send.send(work());
        })?;
    let received = match limit {
        Some(limit) => receive.recv_timeout(limit),
        None => receive.recv().map_err(|_| RecvTimeoutError::Disconnected),
    };
    match received {
        Ok(result) => result,
        Err(RecvTimeoutError::Timeout) => bail!(argmap::Error::Refused(format!(
            "the query ran past --timeout {} s and was stopped; narrow it (a LIMIT does not bound a sort), or raise --timeout",
            limit.map_or(0.0, |l| l.as_secs_f64())
        ))),
        Err(RecvTimeoutError::Disconnected) => bail!(argmap::Error::Internal(
            "the query's thread ended without an answer".into()
        )),
    }
}

/// A syntax error placed in the query's file (or `--sparql`) at the line
/// and column the parser gives (less the line of prefixes), with advice; a query that cannot run here
/// with why; other errors as they are.
/// The `PREFIX` declarations of every prefix argmap knows, on one line.
fn declarations() -> String {
    PREFIXES
        .iter()
        .map(|(prefix, iri)| format!("PREFIX {prefix}: <{iri}>"))
        .collect::<Vec<_>>()
        .join(" ")
}

/// A named query run without a parameter its header requires is refused,
/// naming the parameter and showing the header, rather than run with the
/// variable unbound (which matches everything, or fails in words about
/// something else).
fn refuse_missing_parameters(q: &NamedQuery, bindings: &[(String, Term)]) -> Result<()> {
    let bound: Vec<&str> = bindings
        .iter()
        .map(|(name, _)| name.trim_start_matches(['?', '$']))
        .collect();
    let missing = q.missing_parameters(&bound);
    if missing.is_empty() {
        return Ok(());
    }
    let how = |name: &str| {
        if name == "graph" {
            "--brief ID".to_string()
        } else {
            format!("--param {name}=VALUE")
        }
    };
    let names: Vec<String> = missing.iter().map(|p| format!("?{}", p.name)).collect();
    let header: String = q
        .description()
        .lines()
        .map(|l| format!("\n    {l}").trim_end().to_string())
        .collect();
    bail!(argmap::Error::NotFound(format!(
        "the query `{}` needs {}, which {} not bound: give {}. Its header says:{header}",
        q.name,
        names.join(" and "),
        if missing.len() == 1 { "is" } else { "are" },
        missing
            .iter()
            .map(|p| how(&p.name))
            .collect::<Vec<_>>()
            .join(" and "),
    )));
}

/// The parser's message with its `error at LINE:COLUMN` counted in the
/// user's text: the line of prefixes argmap puts first is taken off.
fn without_prefix_line(message: &str) -> String {
    let Some(rest) = message.strip_prefix("error at ") else {
        return message.to_string();
    };
    let Some((line, after)) = rest.split_once(':') else {
        return message.to_string();
    };
    match line.parse::<usize>() {
        Ok(line) => format!("error at {}:{after}", line.saturating_sub(1).max(1)),
        Err(_) => message.to_string(),
    }
}

fn located(e: argmap::Error, text: &str, origin: &Path) -> argmap::Error {
    let (position, what, help) = match e {
        argmap::Error::Syntax(message) => {
            let message = without_prefix_line(&message);
            let (place, what) = argmap::sparql::describe_syntax_error(text, &message);
            let help = if place.is_some() {
                "fix the query at that place (SPARQL 1.1); `argmap query --list` names working queries to start from"
            } else if what.contains("nests brackets") || what.contains("chains") {
                "write the query flatter: no query a person writes nests that deep"
            } else {
                "write a SPARQL 1.1 query; `argmap query --list` names working queries to start from"
            };
            let position = place.map(|(line, column)| Position { line, column });
            (position, format!("SPARQL syntax error: {what}"), help)
        }
        argmap::Error::TooComplex(message) => (
            None,
            format!("the query is refused unparsed: {message}"),
            "no query a person writes nests or chains that far; parsing it could overflow the stack",
        ),
        argmap::Error::Query(message) if message.contains("custom function") => (
            None,
            format!("the query cannot run: {message}"),
            "argmap has no functions beyond SPARQL 1.1's own: use a built-in function instead",
        ),
        argmap::Error::Query(message) if message.contains("is not supported") => (
            None,
            format!("the query cannot run: {message}"),
            "SERVICE calls are off with --no-service: drop it to let the query call other endpoints, or leave the SERVICE out",
        ),
        // Any other failure of a query that calls out is most likely the call.
        argmap::Error::Query(message) if text.to_ascii_uppercase().contains("SERVICE") => (
            None,
            format!("the query failed, most likely in a SERVICE call: {message}"),
            "check that the endpoint's URL is right and that it answers SPARQL 1.1 queries (try it with curl), or add SILENT after SERVICE to go on without it",
        ),
        other => return other,
    };
    argmap::Error::Invalid(vec![
        Diagnostic::error(origin, position, what).with_help(help),
    ])
}

fn write_answer(answer: &Answer, format: Option<QueryFormat>, out: &mut Vec<u8>) -> Result<()> {
    match answer {
        Answer::Boolean(b) => match format.unwrap_or(QueryFormat::Table) {
            QueryFormat::Table => writeln!(out, "{b}")?,
            f => {
                QueryResultsSerializer::from_format(results_format(f)?)
                    .serialize_boolean_to_writer(&mut *out, *b)?;
            }
        },
        Answer::Solutions(s) => match format.unwrap_or(QueryFormat::Table) {
            QueryFormat::Table => {
                let header: Vec<&str> = s.variables.iter().map(String::as_str).collect();
                let rows: Vec<Vec<String>> = s
                    .rows
                    .iter()
                    .map(|r| {
                        r.iter()
                            .map(|t| {
                                t.as_ref()
                                    .map(lexical)
                                    .unwrap_or_default()
                                    .split_whitespace()
                                    .collect::<Vec<_>>()
                                    .join(" ")
                            })
                            .collect()
                    })
                    .collect();
                out.extend_from_slice(table(&header, &rows).as_bytes());
                writeln!(
                    out,
                    "{} row{}",
                    rows.len(),
                    if rows.len() == 1 { "" } else { "s" }
                )?;
            }
            f => {
                let variables: Vec<Variable> = s
                    .variables
                    .iter()
                    .map(|v| Variable::new_unchecked(v.clone()))
                    .collect();
                let mut w = QueryResultsSerializer::from_format(results_format(f)?)
                    .serialize_solutions_to_writer(&mut *out, variables.clone())?;
                for row in &s.rows {
                    w.serialize(
                        variables
                            .iter()
                            .zip(row)
                            .filter_map(|(v, t)| Some((v.as_ref(), t.as_ref()?.as_ref()))),
                    )?;
                }
                w.finish()?;
            }
        },
        Answer::Graph(triples) => {
            let rdf = match format.unwrap_or(QueryFormat::Turtle) {
                QueryFormat::Turtle => RdfFormat::Turtle,
                QueryFormat::Ntriples => RdfFormat::NTriples,
                _ => bail!(argmap::Error::NotFound(
                    "a CONSTRUCT or DESCRIBE gives a graph: use --format turtle or ntriples".into()
                )),
            };
            let mut serializer = RdfSerializer::from_format(rdf);
            for (prefix, iri) in argmap::vocab::PREFIXES {
                serializer = serializer.with_prefix(*prefix, *iri)?;
            }
            let mut w = serializer.for_writer(&mut *out);
            for t in triples {
                w.serialize_triple(t)?;
            }
            w.finish()?;
        }
    }
    Ok(())
}

fn results_format(format: QueryFormat) -> Result<QueryResultsFormat> {
    Ok(match format {
        QueryFormat::Csv => QueryResultsFormat::Csv,
        QueryFormat::Tsv => QueryResultsFormat::Tsv,
        QueryFormat::Json => QueryResultsFormat::Json,
        QueryFormat::Xml => QueryResultsFormat::Xml,
        _ => bail!(argmap::Error::NotFound(
            "SELECT and ASK results are written as table, csv, tsv, json or xml".into()
        )),
    })
}
