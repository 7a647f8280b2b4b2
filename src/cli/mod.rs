//! The command line: global options, one file per subcommand, and how errors become exit codes.
//!
//! Exit codes: 0 success, 1 a problem with the user's input or store, 2 a
//! usage error (from clap), 255 an internal error. A closed pipe
//! (`argmap … | head`) is not an error.

mod backup;
mod check;
mod compile;
mod completions;
mod draft;
mod drop;
mod evaluate;
mod export;
mod gen_corpus;
mod import;
mod indicators;
mod init;
mod link;
mod lint;
mod list;
mod load;
mod man;
mod matrix;
mod output;
mod pull;
mod push;
mod query;
mod reanchor;
mod report;
mod restore;
mod schema;
mod serve;
mod serve_worker;
mod trace;

use std::io::{self, IsTerminal, Write};
use std::path::PathBuf;

use anyhow::Result;
use argmap::KnowledgeBase;
use argmap::sparql::Backend;
use argmap::sparql::remote::{Auth, EndpointConfig, Remote};
use argmap::vocab::{DEFAULT_BASE, Iris};
use clap::{Parser, Subcommand};

/// argmap: argument maps of policy briefs, checked against the text, stored as RDF, queried with SPARQL.
#[derive(Parser)]
#[command(name = "argmap", version, about, long_about = None, after_help = "Start with `argmap trace`: it traces the bundled brief when no store exists yet.")]
pub struct Cli {
    #[command(subcommand)]
    command: Command,
    #[command(flatten)]
    global: Global,
}

/// Options every command takes.
#[derive(clap::Args, Clone)]
pub struct Global {
    /// The store's folder [default: $XDG_DATA_HOME/argmap/store, else ~/.local/share/argmap/store]
    #[arg(long, global = true, env = "ARGMAP_STORE", value_name = "DIR")]
    store: Option<PathBuf>,
    /// The base of data IRIs
    #[arg(long, global = true, default_value = DEFAULT_BASE, value_name = "IRI", value_parser = parse_base)]
    base: String,
    /// Print no progress or notes
    #[arg(long, short, global = true)]
    quiet: bool,
    #[command(flatten)]
    remote: RemoteArgs,
}

/// Where the remote store answers and how to reach it: the options under
/// "Remote store", read by every command that reads (`--endpoint`) and by
/// `push` and `pull`.
#[derive(clap::Args, Clone)]
pub struct RemoteArgs {
    /// Read from this SPARQL 1.1 query endpoint instead of the local store (trace, matrix, report, export, query, list), and push to or pull from it
    #[arg(
        long,
        global = true,
        env = "ARGMAP_ENDPOINT",
        value_name = "URL",
        help_heading = "Remote store"
    )]
    endpoint: Option<String>,
    /// The SPARQL update endpoint, where the server keeps it apart [default: --endpoint]
    #[arg(
        long,
        global = true,
        env = "ARGMAP_UPDATE_ENDPOINT",
        value_name = "URL",
        help_heading = "Remote store"
    )]
    update_endpoint: Option<String>,
    /// The Graph Store Protocol endpoint; `push` replaces each graph with one PUT there, else it uses SPARQL Update
    #[arg(
        long,
        global = true,
        env = "ARGMAP_GRAPH_STORE",
        value_name = "URL",
        help_heading = "Remote store"
    )]
    graph_store: Option<String>,
    /// The user name for HTTP basic or digest authentication; the password is read from ARGMAP_PASSWORD
    #[arg(
        long,
        global = true,
        env = "ARGMAP_USER",
        value_name = "NAME",
        help_heading = "Remote store"
    )]
    user: Option<String>,
    /// How to send --user and its password
    #[arg(long, global = true, value_enum, default_value_t = AuthScheme::Basic, env = "ARGMAP_AUTH", help_heading = "Remote store")]
    auth: AuthScheme,
    /// The password for --user (an environment variable keeps it out of the process list and shell history)
    #[arg(
        long,
        global = true,
        env = "ARGMAP_PASSWORD",
        hide_env_values = true,
        value_name = "SECRET",
        help_heading = "Remote store"
    )]
    password: Option<String>,
    /// A bearer token for the remote store, sent as `Authorization: Bearer …`
    #[arg(
        long,
        global = true,
        env = "ARGMAP_TOKEN",
        hide_env_values = true,
        value_name = "SECRET",
        help_heading = "Remote store",
        conflicts_with = "user"
    )]
    endpoint_token: Option<String>,
    /// Give up on a remote request after this many seconds
    #[arg(
        long,
        global = true,
        env = "ARGMAP_TIMEOUT",
        default_value_t = 300,
        value_name = "SECONDS",
        help_heading = "Remote store"
    )]
    endpoint_timeout: u64,
}

/// How credentials are sent.
#[derive(Clone, Copy, clap::ValueEnum)]
enum AuthScheme {
    /// HTTP basic (use it over HTTPS only)
    Basic,
    /// HTTP digest with MD5 (RFC 7616), as Virtuoso's /sparql-auth asks
    Digest,
}

fn parse_base(text: &str) -> Result<String, String> {
    oxigraph::model::NamedNode::new(format!("{text}x")).map_err(|e| format!("not an IRI: {e}"))?;
    if !(text.ends_with('/') || text.ends_with('#')) {
        return Err("the base must end with `/` or `#`".into());
    }
    Ok(text.to_string())
}

#[derive(Subcommand)]
enum Command {
    Init(init::InitArgs),
    Check(check::CheckArgs),
    Draft(draft::DraftArgs),
    Lint(lint::LintArgs),
    Compile(compile::CompileArgs),
    Load(load::LoadArgs),
    Drop(drop::DropArgs),
    Import(import::ImportArgs),
    Export(export::ExportArgs),
    Evaluate(evaluate::EvaluateArgs),
    GenCorpus(gen_corpus::GenCorpusArgs),
    Trace(trace::TraceArgs),
    Matrix(matrix::MatrixArgs),
    Indicators(indicators::IndicatorsArgs),
    Report(report::ReportArgs),
    Query(query::QueryArgs),
    Link(link::LinkArgs),
    List(list::ListArgs),
    Backup(backup::BackupArgs),
    Restore(restore::RestoreArgs),
    Serve(serve::ServeArgs),
    #[command(hide = true)]
    ServeWorker(serve_worker::ServeWorkerArgs),
    Push(push::PushArgs),
    Pull(pull::PullArgs),
    Reanchor(reanchor::ReanchorArgs),
    Completions(completions::CompletionsArgs),
    Man(man::ManArgs),
    Schema(schema::SchemaArgs),
}

/// An error that has been reported already and only sets the exit code.
#[derive(Debug)]
struct Reported(i32);

impl std::fmt::Display for Reported {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "exit {}", self.0)
    }
}

impl std::error::Error for Reported {}

/// Runs the command line and returns the process's exit code.
pub fn main() -> i32 {
    // A file-size limit (RLIMIT_FSIZE) kills a process that writes past it
    // with SIGXFSZ, in the middle of a write. Ignored, the write fails with
    // EFBIG instead, and the store reports it like a full disk.
    // SAFETY: setting a signal's disposition to SIG_IGN installs no handler.
    unsafe {
        libc::signal(libc::SIGXFSZ, libc::SIG_IGN);
    }
    // A panic is a bug: say so and ask for a report, then exit 255 (from
    // `main`'s catch below) rather than with Rust's raw panic message. A
    // panic in a server's worker thread is reported the same way and ends
    // only that request.
    std::panic::set_hook(Box::new(|info| {
        let place = info
            .location()
            .map(|l| format!(" at {}:{}", l.file(), l.line()))
            .unwrap_or_default();
        let what = info
            .payload()
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| info.payload().downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "a panic".into());
        eprintln!(
            "error: internal error{place}: {what}\nThis is a bug in argmap; please report it with the command that caused it and its input."
        );
    }));
    guarded(parse_and_run)
}

/// Runs `f`, and turns a panic (which the hook has reported) into exit 255.
fn guarded(f: impl FnOnce() -> i32 + std::panic::UnwindSafe) -> i32 {
    std::panic::catch_unwind(f).unwrap_or(255)
}

/// Parses the command line and runs it; returns the exit code.
fn parse_and_run() -> i32 {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return if e.use_stderr() { 2 } else { 0 };
        }
    };
    match run(cli) {
        Ok(()) => 0,
        Err(e) => exit_code(&e),
    }
}

fn exit_code(e: &anyhow::Error) -> i32 {
    if let Some(Reported(code)) = e.downcast_ref::<Reported>() {
        return *code;
    }
    if e.chain().any(|c| {
        c.downcast_ref::<io::Error>()
            .is_some_and(|io| io.kind() == io::ErrorKind::BrokenPipe)
    }) {
        return 0;
    }
    let internal = matches!(
        e.downcast_ref::<argmap::Error>(),
        Some(argmap::Error::Internal(_))
    );
    if internal {
        eprintln!(
            "error: {e:#}\nThis is a bug in argmap; please report it with the command that caused it."
        );
        return 255;
    }
    if let Some(argmap::Error::Invalid(diagnostics)) = e.downcast_ref::<argmap::Error>() {
        for d in diagnostics {
            eprintln!("{d}");
        }
    }
    eprintln!("error: {e:#}");
    1
}

fn run(cli: Cli) -> Result<()> {
    let g = &cli.global;
    match cli.command {
        Command::Check(args) => check::run(args, g),
        Command::Draft(args) => draft::run(args, g),
        Command::Lint(args) => lint::run(args, g),
        Command::Compile(args) => compile::run(args, g),
        Command::Load(args) => load::run(args, g),
        Command::Drop(args) => drop::run(args, g),
        Command::Import(args) => import::run(args, g),
        Command::Export(args) => export::run(args, g),
        Command::Evaluate(args) => evaluate::run(args, g),
        Command::GenCorpus(args) => gen_corpus::run(args, g),
        Command::Trace(args) => trace::run(args, g),
        Command::Matrix(args) => matrix::run(args, g),
        Command::Indicators(args) => indicators::run(args, g),
        Command::Report(args) => report::run(args, g),
        Command::Query(args) => query::run(args, g),
        Command::Link(args) => link::run(args, g),
        Command::List(args) => list::run(args, g),
        Command::Backup(args) => backup::run(args, g),
        Command::Restore(args) => restore::run(args, g),
        Command::Serve(args) => serve::run(args, g),
        Command::ServeWorker(args) => serve_worker::run(args, g),
        Command::Push(args) => push::run(args, g),
        Command::Pull(args) => pull::run(args, g),
        Command::Reanchor(args) => reanchor::run(args, g),
        Command::Completions(args) => completions::run(args, g),
        Command::Man(args) => man::run(args, g),
        Command::Schema(args) => schema::run(args, g),
        Command::Init(args) => init::run(args, g),
    }
}

impl Global {
    fn iris(&self) -> Iris {
        Iris::new(&self.base)
    }

    /// The store folder: `--store`, `$ARGMAP_STORE`, or the default.
    fn store_path(&self) -> PathBuf {
        if let Some(p) = &self.store {
            return p.clone();
        }
        let data = std::env::var_os("XDG_DATA_HOME")
            .filter(|v| !v.is_empty())
            .map(PathBuf::from)
            .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".local/share")))
            .unwrap_or_else(|| PathBuf::from("."));
        data.join("argmap").join("store")
    }

    /// Opens the store for writing.
    fn open_store(&self) -> Result<KnowledgeBase> {
        Ok(KnowledgeBase::open(&self.store_path())?)
    }

    /// What reads go to: the remote endpoint when `--endpoint` is given,
    /// else the local store.
    fn read_store(&self) -> Result<Box<dyn Backend>> {
        if self.remote.endpoint.is_some() {
            return Ok(Box::new(self.remote.open()?));
        }
        Ok(Box::new(self.local_read_store()?))
    }

    /// Opens the local store for reading; with no store yet, the bundled brief in memory.
    ///
    /// Reading takes no lock, so it works while another process writes (it
    /// sees the store as of the last completed write) and on a store the
    /// user may not write.
    fn local_read_store(&self) -> Result<KnowledgeBase> {
        let path = self.store_path();
        if KnowledgeBase::exists(&path)? {
            let kb = KnowledgeBase::open_read_only(&path)?;
            refuse_invalid_graphs(&kb, &path)?;
            return Ok(kb);
        }
        if self.store.is_some() {
            anyhow::bail!(argmap::Error::NotFound(format!(
                "there is no store at {}; create it with `argmap load --store {} FILE…`",
                path.display(),
                path.display()
            )));
        }
        self.note(&format!(
            "no store at {} yet: using the bundled brief {}",
            path.display(),
            argmap::map::seed::ID
        ));
        let checked = argmap::map::seed::bundled();
        let Some(map) = checked.map else {
            return Err(argmap::Error::Invalid(checked.diagnostics).into());
        };
        let kb = KnowledgeBase::in_memory()?;
        let iris = self.iris();
        let graphs = vec![
            argmap::store::GraphData {
                graph: oxigraph::model::NamedNode::new_unchecked(iris.graph(&map.id)),
                quads: argmap::store::compile::compile(&map, &iris),
            },
            argmap::store::GraphData {
                graph: oxigraph::model::NamedNode::new_unchecked(argmap::vocab::ONTOLOGY),
                quads: KnowledgeBase::ontology_quads()?,
            },
        ];
        kb.replace_graphs(&graphs)?;
        Ok(kb)
    }

    /// A note on stderr, unless quiet.
    fn note(&self, text: &str) {
        if !self.quiet {
            eprintln!("note: {text}");
        }
    }

    /// Whether progress should be drawn: on a terminal and not quiet.
    fn show_progress(&self) -> bool {
        !self.quiet && io::stderr().is_terminal()
    }
}

/// Refuses a store holding a graph whose name is not a valid IRI (see
/// [`KnowledgeBase::invalid_graphs`]), saying how to remove it, since any
/// query that met the graph would fail halfway through its answer.
fn refuse_invalid_graphs(kb: &KnowledgeBase, path: &std::path::Path) -> Result<()> {
    let bad = kb.invalid_graphs()?;
    if bad.is_empty() {
        return Ok(());
    }
    let drops: Vec<String> = bad
        .iter()
        .map(|g| format!("argmap --store '{}' drop --graph '{g}'", path.display()))
        .collect();
    anyhow::bail!(argmap::Error::Refused(format!(
        "the store at {} holds {} whose name is not a valid IRI ({}), which no query can read; \
         nothing was read. Remove it with `{}`, then load the brief again from a folder whose name \
         is a valid id, or with `[brief] id = \"…\"` in its map",
        path.display(),
        if bad.len() == 1 { "a graph" } else { "graphs" },
        bad.iter()
            .map(|g| format!("<{g}>"))
            .collect::<Vec<_>>()
            .join(", "),
        drops.join("` and `")
    )));
}

impl RemoteArgs {
    /// The remote store of `--endpoint`.
    fn open(&self) -> Result<Remote> {
        let Some(query) = &self.endpoint else {
            anyhow::bail!(argmap::Error::NotFound(
                "no remote store: give --endpoint URL (or set ARGMAP_ENDPOINT)".into()
            ));
        };
        Ok(Remote::new(EndpointConfig {
            query: query.clone(),
            update: self.update_endpoint.clone(),
            graph_store: self.graph_store.clone(),
            auth: self.credentials(),
            timeout: Some(self.timeout()),
        })?)
    }

    /// The credentials: a bearer token, or a user with the password and
    /// scheme given, or none.
    fn credentials(&self) -> Auth {
        let (user, password) = match (&self.endpoint_token, &self.user) {
            (Some(token), _) => return Auth::Bearer(token.clone()),
            (None, Some(user)) => (user.clone(), self.password.clone().unwrap_or_default()),
            (None, None) => return Auth::None,
        };
        match self.auth {
            AuthScheme::Basic => Auth::Basic { user, password },
            AuthScheme::Digest => Auth::Digest { user, password },
        }
    }

    /// The longest one request may take (`--endpoint-timeout`, at least a second).
    fn timeout(&self) -> std::time::Duration {
        std::time::Duration::from_secs(self.endpoint_timeout.max(1))
    }
}

/// Writes `text` to stdout, treating a closed pipe as success.
fn print(text: &str) -> Result<()> {
    let mut out = io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Ok(()),
        other => Ok(other?),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_panic_exits_255() {
        assert_eq!(super::guarded(|| panic!("a test of the panic path")), 255);
        assert_eq!(super::guarded(|| 1), 1);
    }
}
