//! The servers the tests start and stop: a free loopback port, a process killed on drop, `argmap serve`, the oxigraph server and Virtuoso.
//!
//! Every server listens on 127.0.0.1 only, on a port the system just gave
//! out, and is killed when its value drops, so a failing test leaves
//! nothing running. `scripts/setup.sh --tests` installs the programs.

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use crate::common::TempStore;

/// A port of 127.0.0.1 that nothing listens on (the system's next free one).
pub fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .expect("a free port")
        .port()
}

/// A listener on a free loopback port, for a stand-in server written in the test itself.
pub fn listener() -> (TcpListener, u16) {
    let listener = TcpListener::bind("127.0.0.1:0").expect("a free port");
    let port = listener.local_addr().expect("its address").port();
    (listener, port)
}

/// Waits until something accepts connections on `port`, failing the test after `within`.
pub fn wait_for_port(port: u16, within: Duration, what: &str) {
    let until = Instant::now() + within;
    while TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(
            Instant::now() < until,
            "{what} did not listen on port {port} within {within:?}"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// A child process, killed (and reaped) when dropped.
pub struct Process {
    pub child: Child,
}

impl Process {
    /// Spawns `command` and waits until it listens on `port`.
    pub fn listening(command: &mut Command, port: u16, what: &str) -> Process {
        let child = command.stdin(Stdio::null()).spawn().unwrap_or_else(|e| {
            panic!("{what} does not start ({e}); scripts/setup.sh --tests installs it")
        });
        let process = Process { child };
        wait_for_port(port, Duration::from_secs(20), what);
        process
    }

    /// Whether the process is still running (a crash would have ended it).
    pub fn alive(&mut self) -> bool {
        self.child.try_wait().expect("the child's state").is_none()
    }
}

impl Drop for Process {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A running `argmap serve` on a free port.
pub struct ArgmapServer {
    pub process: Process,
    pub port: u16,
    /// The store it serves, when the server made its own.
    _store: Option<TempStore>,
}

impl ArgmapServer {
    /// Serves a fresh store holding the bundled brief, with `args` added.
    pub fn start(args: &[&str]) -> ArgmapServer {
        let store = TempStore::with_seed();
        let mut server = ArgmapServer::on(&store.path(), args);
        server._store = Some(store);
        server
    }

    /// Serves the store at `store`, with `args` added.
    pub fn on(store: &Path, args: &[&str]) -> ArgmapServer {
        let port = free_port();
        let mut command = Command::new(assert_cmd::cargo::cargo_bin("argmap"));
        command
            .env_remove("ARGMAP_STORE")
            .arg("--store")
            .arg(store)
            .args(["serve", "--quiet", "--bind", &format!("127.0.0.1:{port}")])
            .args(args)
            .stdout(Stdio::null());
        ArgmapServer {
            process: Process::listening(&mut command, port, "argmap serve"),
            port,
            _store: None,
        }
    }

    pub fn url(&self, path: &str) -> String {
        format!("http://127.0.0.1:{}{path}", self.port)
    }

    /// Runs curl with `args` and the URL of `path`; returns (status, content type, body).
    pub fn curl(&self, path: &str, args: &[&str]) -> (u16, String, String) {
        let out = Command::new("curl")
            .args([
                "-sS",
                "--max-time",
                "60",
                "-o",
                "-",
                "-w",
                "\n%{http_code} %{content_type}",
            ])
            .args(args)
            .arg(self.url(path))
            .output()
            .expect("curl runs (scripts/setup.sh --tests installs it)");
        assert!(
            out.status.success(),
            "curl failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let text = String::from_utf8(out.stdout).expect("UTF-8");
        let (body, last) = text.rsplit_once('\n').expect("curl's status line");
        let (code, media) = last.split_once(' ').unwrap_or((last, ""));
        (
            code.parse().expect("a status"),
            media.to_string(),
            body.to_string(),
        )
    }

    /// Whether the server still runs (a stack overflow would have killed it).
    pub fn alive(&mut self) -> bool {
        self.process.alive()
    }
}

/// The SPARQL servers the remote-store tests run against.
#[derive(Clone, Copy, PartialEq, Debug)]
pub enum Engine {
    /// The oxigraph server (the `oxigraph` package on PyPI).
    Oxigraph,
    /// Virtuoso 7 (Debian's `virtuoso-opensource`).
    Virtuoso,
}

/// A SPARQL server running in a scratch folder, killed on drop; [`SparqlServer::kill`]
/// and [`SparqlServer::launch`] stop and restart it on the same data.
pub struct SparqlServer {
    engine: Engine,
    child: Option<Child>,
    dir: tempfile::TempDir,
    pub http_port: u16,
    sql_port: u16,
    /// The oxigraph server's `--timeout-s`, when it has one.
    timeout: Option<u32>,
}

impl SparqlServer {
    /// An empty server of `engine`. The oxigraph server stops a query after
    /// 3 s and answers 200 with a cut body, which a client must notice;
    /// Virtuoso is granted SPARQL Update on its anonymous endpoint.
    pub fn start(engine: Engine) -> SparqlServer {
        let mut server = SparqlServer::new(engine, Some(3));
        if engine == Engine::Virtuoso {
            server.write_virtuoso_ini();
        }
        server.launch();
        if engine == Engine::Virtuoso {
            server.grant_update();
        }
        server
    }

    /// An oxigraph server holding `file` in its default graph, as a public
    /// knowledge base holds its data; no time limit.
    pub fn oxigraph_holding(file: &Path) -> SparqlServer {
        let mut server = SparqlServer::new(Engine::Oxigraph, None);
        let loaded = Command::new("oxigraph")
            .arg("load")
            .arg("--location")
            .arg(server.data())
            .arg("--file")
            .arg(file)
            .output()
            .expect("oxigraph runs (scripts/setup.sh --tests installs it)");
        assert!(loaded.status.success(), "{loaded:?}");
        server.launch();
        server
    }

    fn new(engine: Engine, timeout: Option<u32>) -> SparqlServer {
        SparqlServer {
            engine,
            child: None,
            dir: tempfile::tempdir().expect("a scratch folder"),
            http_port: free_port(),
            sql_port: free_port(),
            timeout,
        }
    }

    fn data(&self) -> PathBuf {
        self.dir.path().join("data")
    }

    fn ini(&self) -> PathBuf {
        self.dir.path().join("virtuoso.ini")
    }

    /// A copy of Debian's virtuoso.ini with its database in the scratch folder and both ports on 127.0.0.1.
    fn write_virtuoso_ini(&self) {
        let ini = std::fs::read_to_string("/etc/virtuoso-opensource-7/virtuoso.ini")
            .expect("virtuoso-opensource is installed (scripts/setup.sh --tests)");
        let dir = self.dir.path().display().to_string();
        let mut out = String::new();
        let mut section = String::new();
        for line in ini.lines() {
            let trimmed = line.trim();
            if trimmed.starts_with('[') {
                section = trimmed.to_string();
            }
            let key = trimmed.split('=').next().unwrap_or("").trim();
            let line = match (section.as_str(), key) {
                ("[Parameters]", "ServerPort") => {
                    format!("ServerPort = 127.0.0.1:{}", self.sql_port)
                }
                ("[HTTPServer]", "ServerPort") => {
                    format!("ServerPort = 127.0.0.1:{}", self.http_port)
                }
                _ => line.replace("/var/lib/virtuoso-opensource-7/db", &dir),
            };
            out.push_str(&line);
            out.push('\n');
        }
        std::fs::write(self.ini(), out).unwrap();
    }

    fn grant_update(&self) {
        let grant = Command::new("isql-vt")
            .arg(format!("127.0.0.1:{}", self.sql_port))
            .args(["dba", "dba", "exec=GRANT SPARQL_UPDATE TO \"SPARQL\";"])
            .output()
            .expect("isql-vt runs (scripts/setup.sh --tests installs it)");
        assert!(grant.status.success(), "the grant failed: {grant:?}");
    }

    /// Starts the server on its data and waits until its query endpoint answers.
    pub fn launch(&mut self) {
        let log = std::fs::File::create(self.dir.path().join("server.log")).unwrap();
        let mut command = match self.engine {
            Engine::Oxigraph => {
                let mut c = Command::new("oxigraph");
                c.arg("serve")
                    .arg("--location")
                    .arg(self.data())
                    .arg("--bind")
                    .arg(format!("127.0.0.1:{}", self.http_port));
                if let Some(seconds) = self.timeout {
                    c.args(["--timeout-s", &seconds.to_string()]);
                }
                c
            }
            Engine::Virtuoso => {
                // A SIGKILLed server leaves its lock file behind.
                let _ = std::fs::remove_file(self.dir.path().join("virtuoso.lck"));
                let mut c = Command::new("virtuoso-t");
                c.arg("+configfile").arg(self.ini()).arg("+foreground");
                c.current_dir(self.dir.path());
                c
            }
        };
        let child = command
            .stdin(Stdio::null())
            .stdout(log.try_clone().unwrap())
            .stderr(log)
            .spawn()
            .expect("the server starts (scripts/setup.sh --tests installs it)");
        self.child = Some(child);
        let started = Instant::now();
        while !self.answers() {
            if let Some(status) = self.child.as_mut().unwrap().try_wait().unwrap() {
                panic!("the server exited with {status}: {}", self.log());
            }
            assert!(
                started.elapsed() < Duration::from_secs(90),
                "the server did not answer within 90 s: {}",
                self.log()
            );
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    fn log(&self) -> String {
        let mut text =
            std::fs::read_to_string(self.dir.path().join("server.log")).unwrap_or_default();
        text.push_str(
            &std::fs::read_to_string(self.dir.path().join("virtuoso.log")).unwrap_or_default(),
        );
        text
    }

    fn query_path(&self) -> &'static str {
        match self.engine {
            Engine::Oxigraph => "/query",
            Engine::Virtuoso => "/sparql",
        }
    }

    /// Whether the query endpoint answers an ASK with 200.
    fn answers(&self) -> bool {
        let Ok(mut stream) = TcpStream::connect(("127.0.0.1", self.http_port)) else {
            return false;
        };
        let _ = stream.set_read_timeout(Some(Duration::from_secs(5)));
        let request = format!(
            "GET {}?query=ASK%7B%7D HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: application/sparql-results+json\r\nConnection: close\r\n\r\n",
            self.query_path()
        );
        if stream.write_all(request.as_bytes()).is_err() {
            return false;
        }
        let mut head = [0u8; 12];
        stream.read_exact(&mut head).is_ok() && head.ends_with(b"200")
    }

    /// Kills the server (SIGKILL), as a crash would; its data stays for [`SparqlServer::launch`].
    pub fn kill(&mut self) {
        if let Some(mut child) = self.child.take() {
            let _ = child.kill();
            let _ = child.wait();
        }
    }

    pub fn url(&self, path: &str) -> String {
        format!("http://127.0.0.1:{}{path}", self.http_port)
    }

    /// The query endpoint's URL.
    pub fn query_url(&self) -> String {
        self.url(self.query_path())
    }

    /// The options that point argmap at this server for reading.
    pub fn endpoint(&self) -> Vec<String> {
        vec!["--endpoint".into(), self.query_url()]
    }

    /// The options for writing: the update endpoint, and the graph store when `gsp`.
    pub fn writer(&self, gsp: bool) -> Vec<String> {
        let mut args = self.endpoint();
        match self.engine {
            Engine::Oxigraph => {
                args.extend(["--update-endpoint".into(), self.url("/update")]);
                if gsp {
                    args.extend(["--graph-store".into(), self.url("/store")]);
                }
            }
            Engine::Virtuoso => {
                if gsp {
                    args.extend(["--graph-store".into(), self.url("/sparql-graph-crud")]);
                }
            }
        }
        args
    }
}

impl Drop for SparqlServer {
    fn drop(&mut self) {
        self.kill();
    }
}
