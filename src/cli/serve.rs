//! `argmap serve`: the store as a SPARQL 1.1 endpoint, read-only unless asked, with named limits.

use std::net::SocketAddr;
use std::time::Duration;

use anyhow::Result;
use argmap::serve::{
    Config, DEFAULT_MAX_BODY, DEFAULT_MAX_MEMORY, DEFAULT_MAX_ROWS, DEFAULT_QUEUE, DEFAULT_TIMEOUT,
    serve,
};
use argmap::sparql::guard::DEFAULT_MAX_DEPTH;
use clap::Args;

use super::Global;

/// Serve the store over HTTP: SPARQL 1.1 Protocol at /sparql, Graph Store Protocol at /store, a page at /
#[derive(Args)]
#[command(
    after_help = "Examples:\n  argmap serve                                  # http://127.0.0.1:7878/, read-only\n  curl -H 'Accept: text/csv' --data-urlencode 'query=SELECT * WHERE { GRAPH ?g { ?s ?p ?o } } LIMIT 5' http://127.0.0.1:7878/sparql\n  ARGMAP_SERVE_TOKEN=secret argmap serve --allow-update\n  argmap serve --bind 0.0.0.0:8080 --timeout 10 --max-rows 10000"
)]
pub struct ServeArgs {
    /// Address and port to listen on; anything but loopback must be asked for here
    #[arg(long, default_value = "127.0.0.1:7878", value_name = "ADDR:PORT")]
    bind: SocketAddr,
    /// Wall-clock limit of one request in seconds; past it the query is cancelled and answered 503
    #[arg(long, default_value_t = DEFAULT_TIMEOUT.as_secs_f64(), value_name = "SECONDS")]
    timeout: f64,
    /// Results with more rows than this are refused with an error, never cut
    #[arg(long, default_value_t = DEFAULT_MAX_ROWS, value_name = "N")]
    max_rows: usize,
    /// Request bodies over this many bytes get 413
    #[arg(long, default_value_t = DEFAULT_MAX_BODY, value_name = "BYTES")]
    max_body: usize,
    /// Queries nesting brackets deeper than this get 400 before they are parsed (chains of operators and patterns are held to 1000)
    #[arg(long, default_value_t = DEFAULT_MAX_DEPTH, value_name = "N")]
    max_depth: usize,
    /// Resident memory one query may use (bytes, or with K, M or G); past it the query's process is killed and the request answered 503
    #[arg(long, default_value_t = DEFAULT_MAX_MEMORY >> 20 << 20, value_name = "SIZE", value_parser = parse_size)]
    max_memory: u64,
    /// Queries evaluated at once [default: twice the number of CPUs, at least 4]
    #[arg(long, value_name = "N")]
    max_concurrent: Option<usize>,
    /// Requests that may wait for a free worker; past it, 503
    #[arg(long, default_value_t = DEFAULT_QUEUE, value_name = "N")]
    queue: usize,
    /// Take SPARQL Update and Graph Store writes, from requests that carry the bearer token
    #[arg(long)]
    allow_update: bool,
    /// The bearer token writes must carry (`Authorization: Bearer TOKEN`)
    #[arg(
        long,
        env = "ARGMAP_SERVE_TOKEN",
        hide_env_values = true,
        value_name = "TOKEN"
    )]
    token: Option<String>,
    /// Let updates LOAD (fetch a URL or read a local file)
    #[arg(long)]
    allow_load: bool,
    /// Let queries call other endpoints with SERVICE
    #[arg(long)]
    allow_service: bool,
    /// On a loopback bind, also answer requests whose Host is NAME (others get 403, against DNS rebinding); repeatable
    #[arg(long = "allow-host", value_name = "NAME")]
    allow_hosts: Vec<String>,
    /// Let pages from ORIGIN (such as https://example.org, or * for any) read the answers (CORS); repeatable
    #[arg(long = "cors", value_name = "ORIGIN")]
    cors: Vec<String>,
}

pub fn run(args: ServeArgs, global: &Global) -> Result<()> {
    if !(args.timeout > 0.0 && args.timeout.is_finite()) {
        anyhow::bail!(argmap::Error::NotFound(format!(
            "--timeout {} is not a positive number of seconds",
            args.timeout
        )));
    }
    let mut config = Config {
        timeout: Duration::from_secs_f64(args.timeout),
        max_rows: args.max_rows,
        max_body: args.max_body,
        max_depth: args.max_depth,
        queue: args.queue,
        max_memory: args.max_memory,
        // Each query on a store on disk runs in a child process of this
        // executable, which the deadline and the memory cap can end.
        worker: std::env::current_exe().ok(),
        allow_update: args.allow_update,
        token: args.token,
        allow_load: args.allow_load,
        allow_service: args.allow_service,
        allowed_hosts: args.allow_hosts,
        cors_origins: args.cors,
        ..Config::default()
    };
    if let Some(n) = args.max_concurrent {
        config.max_concurrent = n.max(1);
    }
    config.check()?;
    // Writes must last, so they need the store on disk; reads may use the
    // bundled brief in memory when there is no store yet.
    let kb = if config.allow_update {
        global.open_store()?
    } else {
        global.local_read_store()?
    };
    let running = serve(kb, config.clone(), args.bind)?;
    global.note(&format!(
        "serving http://{}/ ({}; {} s per request, {} rows, {} workers, queue {})",
        args.bind,
        if config.allow_update {
            "updates with the token"
        } else {
            "read-only"
        },
        config.timeout.as_secs_f64(),
        config.max_rows,
        config.max_concurrent,
        config.queue
    ));
    running.join()?;
    Ok(())
}

/// A size in bytes: a number, or one with K, M or G (powers of 1024).
fn parse_size(text: &str) -> Result<u64, String> {
    let text = text.trim();
    let (digits, shift) = match text.char_indices().last() {
        Some((i, 'k' | 'K')) => (&text[..i], 10),
        Some((i, 'm' | 'M')) => (&text[..i], 20),
        Some((i, 'g' | 'G')) => (&text[..i], 30),
        _ => (text, 0),
    };
    let n: u64 = digits
        .trim()
        .parse()
        .map_err(|_| format!("`{text}` is not a size: write bytes, or a number with K, M or G"))?;
    n.checked_shl(shift)
        .filter(|bytes| *bytes >> shift == n && *bytes > 0)
        .ok_or_else(|| format!("`{text}` is not a positive size that fits in 64 bits"))
}
