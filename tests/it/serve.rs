//! `shuyu serve`: the real binary on a copy of the fixture glossary, talked to over loopback
//! with a raw HTTP client (so traversal targets reach the server exactly as written). Every wait
//! is bounded, and the server is killed when a test ends, passed or failed.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc::{channel, Receiver};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use crate::support::{copy_tree, fixtures};

/// Planted beside the site: must never come back in any response.
const SECRET: &str = "TOP-SECRET-6f1d9c the server must never send this";

/// A running `shuyu serve` on a temporary copy of `tests/fixtures/valid/`.
struct Served {
    child: Child,
    address: String,
    stderr: Arc<Mutex<String>>,
    dir: tempfile::TempDir,
}

impl Drop for Served {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Served {
    fn start() -> Served {
        Served::start_on(&fixtures().join("valid"))
    }

    /// Serves a temporary copy of the glossary folder `source`.
    fn start_on(source: &Path) -> Served {
        let dir = tempfile::tempdir().unwrap();
        copy_tree(source, &dir.path().join("glossary"));
        std::fs::write(dir.path().join("secret.txt"), SECRET).unwrap();
        let mut child = Command::new(env!("CARGO_BIN_EXE_shuyu"))
            .args([
                "--glossary",
                "glossary",
                "serve",
                "--port",
                "0",
                "--out",
                "site",
            ])
            .current_dir(dir.path())
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("start shuyu serve");
        let stderr = Arc::new(Mutex::new(String::new()));
        let err = child.stderr.take().unwrap();
        let sink = Arc::clone(&stderr);
        std::thread::spawn(move || {
            for line in BufReader::new(err).lines().map_while(Result::ok) {
                let mut s = sink.lock().unwrap();
                s.push_str(&line);
                s.push('\n');
            }
        });
        let lines = lines_of(child.stdout.take().unwrap());
        let mut served = Served {
            child,
            address: String::new(),
            stderr,
            dir,
        };
        let line = lines
            .recv_timeout(Duration::from_secs(120))
            .unwrap_or_else(|_| {
                panic!(
                    "shuyu serve printed no address; stderr:\n{}",
                    served.stderr()
                )
            });
        let address = line
            .split_whitespace()
            .find_map(|w| w.strip_prefix("http://"))
            .unwrap_or_else(|| panic!("no address in {line:?}"))
            .trim_end_matches('/');
        assert!(address.starts_with("127.0.0.1:"), "{address}");
        served.address = address.to_string();
        served
    }

    fn stderr(&self) -> String {
        self.stderr.lock().unwrap().clone()
    }

    fn site(&self) -> PathBuf {
        self.dir.path().join("site")
    }

    fn concept(&self, id: &str) -> PathBuf {
        self.dir
            .path()
            .join("glossary/concepts")
            .join(format!("{id}.yaml"))
    }

    /// Sends `GET target` (or another method) as written and returns the response.
    fn request(&self, method: &str, target: &str) -> Reply {
        let mut stream = TcpStream::connect(&self.address).expect("connect");
        stream
            .set_read_timeout(Some(Duration::from_secs(30)))
            .unwrap();
        stream
            .set_write_timeout(Some(Duration::from_secs(10)))
            .unwrap();
        write!(
            stream,
            "{method} {target} HTTP/1.1\r\nHost: {}\r\nConnection: close\r\n\r\n",
            self.address
        )
        .unwrap();
        let mut raw = Vec::new();
        stream.read_to_end(&mut raw).expect("read the response");
        Reply::parse(&raw)
    }

    fn get(&self, target: &str) -> Reply {
        self.request("GET", target)
    }

    /// Polls `target` until `done` holds (at most `limit`); returns the last reply.
    fn poll_until(&self, target: &str, limit: Duration, done: impl Fn(&Reply) -> bool) -> Reply {
        let started = Instant::now();
        loop {
            let reply = self.get(target);
            if done(&reply) {
                return reply;
            }
            assert!(
                started.elapsed() < limit,
                "gave up on {target} after {limit:?}; last reply {}:\n{}\nstderr:\n{}",
                reply.status,
                reply.body,
                self.stderr()
            );
            std::thread::sleep(Duration::from_millis(10));
        }
    }
}

/// The lines a reader gives, on a channel (so reading them can time out).
fn lines_of(reader: impl Read + Send + 'static) -> Receiver<String> {
    let (tx, rx) = channel();
    std::thread::spawn(move || {
        for line in BufReader::new(reader).lines().map_while(Result::ok) {
            if tx.send(line).is_err() {
                break;
            }
        }
    });
    rx
}

struct Reply {
    status: u16,
    headers: Vec<(String, String)>,
    body: String,
}

impl Reply {
    fn parse(raw: &[u8]) -> Reply {
        let text = String::from_utf8_lossy(raw).into_owned();
        let (head, body) = text.split_once("\r\n\r\n").unwrap_or((&text, ""));
        let mut lines = head.lines();
        let status = lines
            .next()
            .and_then(|l| l.split_whitespace().nth(1))
            .and_then(|s| s.parse().ok())
            .unwrap_or(0);
        let headers = lines
            .filter_map(|l| l.split_once(':'))
            .map(|(k, v)| (k.trim().to_ascii_lowercase(), v.trim().to_string()))
            .collect();
        Reply {
            status,
            headers,
            body: body.to_string(),
        }
    }

    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    /// The build number the page was served with (from the injected script).
    fn build(&self) -> u64 {
        let at = self.body.find("data-build=\"").expect("the live script") + 12;
        let end = self.body[at..].find('"').unwrap() + at;
        self.body[at..end].parse().unwrap()
    }
}

#[test]
fn pages_are_served_with_their_types_and_the_reload_script() {
    let s = Served::start();
    let home = s.get("/");
    assert_eq!(home.status, 200, "{}", home.body);
    assert_eq!(
        home.header("content-type"),
        Some("text/html; charset=utf-8")
    );
    assert_eq!(home.header("x-content-type-options"), Some("nosniff"));
    assert!(home
        .body
        .contains("<script src=\"/__shuyu/live.js\" data-build=\"1\"></script>"));
    assert!(!home.body.contains("shuyu-serve-error"));
    // Only served pages get the script: the built files stay as `shuyu build` writes them.
    let built = std::fs::read_to_string(s.site().join("index.html")).unwrap();
    assert!(!built.contains("__shuyu"));

    let concept = s.get("/concepts/society-work/");
    assert_eq!(concept.status, 200);
    assert!(concept.body.contains("社会工作"));
    let bare = s.get("/concepts/society-work?x=1");
    assert_eq!(bare.status, 301);
    assert_eq!(bare.header("location"), Some("/concepts/society-work/?x=1"));
    assert_eq!(s.get("/concepts/society-work/index.html").status, 200);
    assert_eq!(s.get("/index.html?q=%E7%A4%BE").status, 200);

    for (target, kind) in [
        ("/static/style.css", "text/css; charset=utf-8"),
        ("/static/site.js", "text/javascript; charset=utf-8"),
        ("/search-index.js", "text/javascript; charset=utf-8"),
        ("/__shuyu/live.js", "text/javascript; charset=utf-8"),
    ] {
        let reply = s.get(target);
        assert_eq!(reply.status, 200, "{target}");
        assert_eq!(reply.header("content-type"), Some(kind), "{target}");
        assert_eq!(reply.header("x-content-type-options"), Some("nosniff"));
    }
    std::fs::write(s.site().join("extra.svg"), "<svg/>").unwrap();
    assert_eq!(
        s.get("/extra.svg").header("content-type"),
        Some("image/svg+xml")
    );
    std::fs::write(s.site().join("glossary.tbx"), "<tbx/>").unwrap();
    assert_eq!(
        s.get("/glossary.tbx").header("content-type"),
        Some("application/xml")
    );

    let missing = s.get("/concepts/no-such-concept/");
    assert_eq!(missing.status, 404);
    assert!(missing.body.contains("Page not found"), "{}", missing.body);
    assert!(missing.body.contains("<base href=\"/\">"));
    assert!(missing.body.contains("/__shuyu/live.js"));

    let head = s.request("HEAD", "/");
    assert_eq!(head.status, 200);
    assert!(head.body.is_empty());
    assert_eq!(s.request("POST", "/").status, 405);
    assert_eq!(s.request("DELETE", "/index.html").status, 405);
}

#[test]
fn no_path_outside_the_site_can_be_read() {
    let s = Served::start();
    // Links planted inside the site after the build: one to the secret, one to its folder.
    let site = s.site();
    std::os::unix::fs::symlink(s.dir.path().join("secret.txt"), site.join("leak.txt")).unwrap();
    std::os::unix::fs::symlink(s.dir.path(), site.join("leakdir")).unwrap();
    std::os::unix::fs::symlink(s.dir.path().join("secret.txt"), site.join("static/x.css")).unwrap();
    let root = s.dir.path().display().to_string();
    let absolute = format!("{root}/secret.txt");
    let targets = [
        "/../secret.txt",
        "/../../secret.txt",
        "/concepts/../../secret.txt",
        "/static/../../secret.txt",
        "/%2e%2e/secret.txt",
        "/%2E%2E/secret.txt",
        "/.%2e/secret.txt",
        "/%2e%2e%2fsecret.txt",
        "/..%2fsecret.txt",
        "/static%2f..%2f..%2fsecret.txt",
        "/%252e%252e/secret.txt",
        "/%252e%252e%252fsecret.txt",
        "/..%252fsecret.txt",
        "/..\\secret.txt",
        "/static\\..\\..\\secret.txt",
        "/%5c..%5csecret.txt",
        "/..%5csecret.txt",
        "\\..\\secret.txt",
        "//secret.txt",
        "/..//secret.txt",
        &absolute,
        &format!("/{absolute}"),
        &format!("file://{absolute}"),
        "http://127.0.0.1/../secret.txt",
        "../secret.txt",
        "secret.txt",
        "/secret.txt%00.html",
        "/../secret.txt%00",
        "/%00../secret.txt",
        "/%c0%ae%c0%ae/secret.txt",
        "/leak.txt",
        "/leakdir/secret.txt",
        "/leakdir/",
        "/static/x.css",
        "/.site.lock",
        "/..",
        "/.",
    ];
    for target in targets {
        let reply = s.get(target);
        assert!(
            matches!(reply.status, 400 | 403 | 404),
            "{target:?} gave {}",
            reply.status
        );
        assert!(!reply.body.contains("TOP-SECRET"), "{target:?} leaked it");
        assert_eq!(reply.header("x-content-type-options"), Some("nosniff"));
    }
    // The same secret planted as a site file is served: the refusals above are not blind.
    std::fs::write(site.join("plain.txt"), SECRET).unwrap();
    let plain = s.get("/plain.txt");
    assert_eq!(plain.status, 200);
    assert_eq!(
        plain.header("content-type"),
        Some("text/plain; charset=utf-8")
    );
    assert!(plain.body.contains("TOP-SECRET"));
}

#[test]
fn edits_are_rebuilt_and_a_bad_edit_keeps_the_last_good_site_with_a_banner() {
    let s = Served::start();
    let page = "/concepts/society-work/";
    let path = s.concept("society-work");
    let original = std::fs::read_to_string(&path).unwrap();
    let build = s.get(page).build();

    // An open page's long poll is answered when the build changes.
    let waiter = {
        let address = s.address.clone();
        std::thread::spawn(move || {
            let mut stream = TcpStream::connect(&address).unwrap();
            stream
                .set_read_timeout(Some(Duration::from_secs(60)))
                .unwrap();
            write!(
                stream,
                "GET /__shuyu/wait?since={build} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
            )
            .unwrap();
            let mut raw = Vec::new();
            stream.read_to_end(&mut raw).unwrap();
            Reply::parse(&raw)
        })
    };
    std::thread::sleep(Duration::from_millis(200));

    let edited = original.replace(
        "keep social stability.",
        "keep social stability. EDITED-ONCE",
    );
    assert_ne!(edited, original);
    std::fs::write(&path, &edited).unwrap();
    let limit = Duration::from_secs(60);
    // The new page may be served just before its build is counted (labelled older, so an open
    // page reloads once more): wait for both.
    let good = s.poll_until(page, limit, |r| {
        r.body.contains("EDITED-ONCE") && r.build() > build
    });
    assert_eq!(good.status, 200);
    let woken = waiter.join().unwrap();
    assert_eq!(woken.status, 200);
    assert_ne!(woken.body.trim(), build.to_string(), "the long poll woke");

    // A broken edit: an unknown status. The last good page stays, with the banner.
    let broken = edited.replace("status: preferred", "status: <b>bogus</b>");
    std::fs::write(&path, &broken).unwrap();
    let bad = s.poll_until(page, limit, |r| r.body.contains("shuyu-serve-error"));
    assert_eq!(bad.status, 200);
    assert!(
        bad.body.contains("EDITED-ONCE"),
        "the last good site is served"
    );
    assert!(bad.body.contains("society-work.yaml"), "{}", bad.body);
    assert!(bad.body.contains("&lt;b&gt;bogus&lt;/b&gt;"), "escaped");
    assert!(!bad.body.contains("<b>bogus</b>"));
    let built = std::fs::read_to_string(s.site().join("concepts/society-work/index.html")).unwrap();
    assert!(built.contains("EDITED-ONCE") && !built.contains("shuyu-serve-error"));
    // Every page shows it, the 404 page too, and the terminal has the diagnostics.
    assert!(s.get("/").body.contains("shuyu-serve-error"));
    assert!(s.get("/nowhere").body.contains("shuyu-serve-error"));
    let stderr = s.stderr();
    assert!(stderr.contains("society-work.yaml"), "{stderr}");
    assert!(stderr.contains("last good build"), "{stderr}");

    // The fix clears the banner.
    let fixed = edited.replace("EDITED-ONCE", "EDITED-TWICE");
    std::fs::write(&path, &fixed).unwrap();
    // (As above, the new page may come a moment before its build is counted: wait for both.)
    s.poll_until(page, limit, |r| {
        r.body.contains("EDITED-TWICE") && !r.body.contains("shuyu-serve-error")
    });
    assert!(!s.get("/").body.contains("shuyu-serve-error"));
}

/// `--port` in use: a clear error and exit 2, not a hang.
#[test]
fn a_port_in_use_is_a_clear_error() {
    let s = Served::start();
    let port = s.address.rsplit(':').next().unwrap();
    let dir: &Path = s.dir.path();
    let mut child = Command::new(env!("CARGO_BIN_EXE_shuyu"))
        .args([
            "--glossary",
            "glossary",
            "serve",
            "--port",
            port,
            "--out",
            "site2",
        ])
        .current_dir(dir)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let started = Instant::now();
    let code = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status.code();
        }
        if started.elapsed() > Duration::from_secs(60) {
            let _ = child.kill();
            let _ = child.wait();
            panic!("a second server on the same port did not stop");
        }
        std::thread::sleep(Duration::from_millis(50));
    };
    let mut stderr = String::new();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut stderr)
        .unwrap();
    assert_eq!(code, Some(2), "{stderr}");
    assert!(stderr.contains("cannot listen on 127.0.0.1"), "{stderr}");
}

/// Every edit of a definition becomes visible on the served page; the time it took is printed
/// (measured, never asserted). On the repository glossary by default, 3 edits;
/// `SHUYU_SERVE_GLOSSARY=/dev/shm/g10k SHUYU_SERVE_CONCEPT=<id> SHUYU_SERVE_EDITS=10` for the
/// generator's: `cargo test --release --test it serve::edit_to_visible -- --nocapture`.
#[test]
fn edit_to_visible() {
    let source = std::env::var_os("SHUYU_SERVE_GLOSSARY").map_or_else(
        || Path::new(env!("CARGO_MANIFEST_DIR")).join("glossary"),
        PathBuf::from,
    );
    let id = std::env::var("SHUYU_SERVE_CONCEPT").unwrap_or_else(|_| "society-work".into());
    let started = Instant::now();
    let s = Served::start_on(&source);
    println!(
        "first build and start: {} ms",
        started.elapsed().as_millis()
    );
    let page = format!("/concepts/{id}/");
    let path = s.concept(&id);
    let original = std::fs::read_to_string(&path).unwrap();
    let at = original.find("definition:").expect("a definition");
    let needle = "\n  en: |\n";
    let text_at = at + original[at..].find(needle).expect("an English definition") + needle.len();
    // The end of the definition's first line.
    let first = text_at + original[text_at..].find('\n').unwrap();
    let mut times = Vec::new();
    let edits: usize = std::env::var("SHUYU_SERVE_EDITS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(3);
    std::thread::sleep(Duration::from_millis(500));
    for n in 0..edits {
        let marker = format!("EDIT-{n}-MARKER");
        let mut text = original.clone();
        text.insert_str(first, &format!(" {marker}"));
        let t0 = Instant::now();
        std::fs::write(&path, &text).unwrap();
        s.poll_until(&page, Duration::from_secs(300), |r| {
            r.body.contains(&marker)
        });
        times.push(t0.elapsed().as_millis());
        std::thread::sleep(Duration::from_millis(300));
    }
    let mut sorted = times.clone();
    sorted.sort_unstable();
    println!(
        "edit-to-visible ms: {times:?}; median {}, min {}, max {}",
        sorted[sorted.len() / 2],
        sorted[0],
        sorted[sorted.len() - 1]
    );
}

/// One request over its own connection, from a load-test client: the status, or why none
/// came (counted as an error, not a panic, so that every error of the run is reported).
fn load_request(address: &str, target: &str) -> Result<u16, String> {
    let mut stream = TcpStream::connect(address).map_err(|e| format!("connect: {e}"))?;
    let limit = Some(Duration::from_secs(30));
    stream.set_read_timeout(limit).map_err(|e| e.to_string())?;
    stream.set_write_timeout(limit).map_err(|e| e.to_string())?;
    write!(
        stream,
        "GET {target} HTTP/1.1\r\nHost: {address}\r\nConnection: close\r\n\r\n"
    )
    .map_err(|e| format!("send: {e}"))?;
    let mut raw = Vec::new();
    stream
        .read_to_end(&mut raw)
        .map_err(|e| format!("read: {e}"))?;
    let reply = Reply::parse(&raw);
    let length: Option<usize> = reply.header("content-length").and_then(|l| l.parse().ok());
    match length {
        Some(n) if n != reply.body.len() => Err(format!("{} of {n} bytes", reply.body.len())),
        _ if reply.status == 0 => Err(format!("no status line in {} bytes", raw.len())),
        _ => Ok(reply.status),
    }
}

/// Load from a second process on loopback: 8 clients × 250 requests, each on a new
/// connection, over pages, assets and a missing page, bounded to two minutes. Every request
/// gets its expected status; the rate is printed (`--nocapture` shows it).
#[test]
fn serve_holds_a_load_of_parallel_clients_without_an_error() {
    const CLIENTS: usize = 8;
    const EACH: usize = 250;
    let s = Served::start();
    let targets = [
        ("/", 200),
        ("/concepts/society-work/", 200),
        ("/search-index.js", 200),
        ("/static/style.css", 200),
        ("/concepts/no-such-concept/", 404),
    ];
    let started = Instant::now();
    let errors: Vec<String> = std::thread::scope(|scope| {
        let clients: Vec<_> = (0..CLIENTS)
            .map(|c| {
                let (address, targets) = (&s.address, &targets);
                scope.spawn(move || {
                    let mut errors = Vec::new();
                    for i in 0..EACH {
                        let (target, want) = targets[(c + i) % targets.len()];
                        match load_request(address, target) {
                            Ok(status) if status == want => {}
                            Ok(status) => errors.push(format!("{target}: {status}")),
                            Err(e) => errors.push(format!("{target}: {e}")),
                        }
                        if started.elapsed() > Duration::from_secs(120) {
                            errors.push("over two minutes".into());
                            break;
                        }
                    }
                    errors
                })
            })
            .collect();
        clients
            .into_iter()
            .flat_map(|c| c.join().unwrap())
            .collect()
    });
    let elapsed = started.elapsed();
    assert!(
        errors.is_empty(),
        "{} errors: {:?}",
        errors.len(),
        &errors[..errors.len().min(10)]
    );
    let total = CLIENTS * EACH;
    eprintln!(
        "serve load: {total} requests from {CLIENTS} clients in {:.2} s, {:.0} requests/s, 0 errors",
        elapsed.as_secs_f64(),
        total as f64 / elapsed.as_secs_f64()
    );
}
