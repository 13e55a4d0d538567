//! `shuyu serve`: the editors' live preview.
//!
//! Builds the site, serves it on 127.0.0.1 only, watches the glossary and templates folders
//! ([`watch`]) and rebuilds on every change; the open page reloads by long-polling a build
//! counter ([`live`]). A bad edit prints its diagnostics and keeps the last good site, with a
//! banner of the diagnostics injected into every page served until the next good build. The
//! built files are never changed: the script and the banner are added to HTML responses only.
//!
//! A small synchronous server (tiny_http) on a few worker threads is enough for one editor's
//! browser and holds a load test well (see the report of the serve issue); requests are
//! resolved by [`path`], which refuses anything that could leave the site, and symbolic links
//! inside the site are refused as they are met on disk.

pub mod live;
pub mod path;
pub mod watch;

use std::fs::File;
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Condvar, Mutex};
use std::time::{Duration, Instant};

use tiny_http::{Header, Method, Request, Response, Server};

use path::{Refused, SitePath};

/// Threads answering requests (the long polls of open pages have threads of their own).
const WORKERS: usize = 4;
/// Open pages waiting for the next build at most (more get 503 and retry a second later).
const MAX_WAITING: usize = 64;
/// How long a long poll is held before it is answered with the same build number.
const POLL_HOLD: Duration = Duration::from_secs(25);

/// What `shuyu serve` needs besides the build itself.
#[derive(Debug, Clone)]
pub struct Options {
    /// The site folder the build writes and the server serves.
    pub out: PathBuf,
    /// The port on 127.0.0.1; 0 picks a free one.
    pub port: u16,
    /// The folders whose changes trigger a rebuild.
    pub watch: Vec<PathBuf>,
}

/// One build attempt: a one-line summary, or the text of what went wrong (the diagnostics of
/// an invalid glossary, a template error…), shown in the terminal and the banner.
pub type Attempt = Result<String, String>;

/// The build number and the error of the last attempt, shared by the workers.
struct State {
    status: Mutex<Status>,
    changed: Condvar,
    waiting: AtomicUsize,
    root: PathBuf,
}

#[derive(Clone)]
struct Status {
    build: u64,
    error: Option<Arc<str>>,
}

impl State {
    fn status(&self) -> Status {
        self.status
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .clone()
    }

    /// Counts an attempt and wakes the open pages (a failed one too: they show the banner).
    fn record(&self, attempt: &Attempt) {
        let mut status = self.status.lock().unwrap_or_else(|e| e.into_inner());
        status.build += 1;
        status.error = attempt.as_ref().err().map(|e| Arc::from(e.as_str()));
        drop(status);
        self.changed.notify_all();
    }
}

/// Builds, serves and rebuilds on change until the process is stopped. `build` is called once
/// before the address is printed and again after every change; `after` once each build is
/// counted and shown (to prepare the next one while the editor types).
pub fn run(
    options: &Options,
    mut build: impl FnMut() -> Attempt,
    mut after: impl FnMut(),
) -> anyhow::Result<()> {
    let listener = std::net::TcpListener::bind(("127.0.0.1", options.port))
        .map_err(|e| anyhow::anyhow!("cannot listen on 127.0.0.1:{}: {e}", options.port))?;
    // Accepted connections inherit TCP_NODELAY from the listener (Linux). Without it a
    // response's last partial segment waits for the client's delayed ACK: 40 ms a request
    // (style.css held 89 requests/s under load before, see the serve report).
    rustix::net::sockopt::set_tcp_nodelay(&listener, true)?;
    let server = Server::from_listener(listener, None)
        .map_err(|e| anyhow::anyhow!("cannot serve on 127.0.0.1:{}: {e}", options.port))?;
    let address = server
        .server_addr()
        .to_ip()
        .ok_or_else(|| anyhow::anyhow!("the server has no IP address"))?;
    let watcher = watch::Watcher::new(&options.watch, std::slice::from_ref(&options.out))
        .map_err(|e| anyhow::anyhow!("cannot watch the glossary for changes: {e}"))?;
    let root = std::env::current_dir()?.join(&options.out);
    let state = Arc::new(State {
        status: Mutex::new(Status {
            build: 0,
            error: None,
        }),
        changed: Condvar::new(),
        waiting: AtomicUsize::new(0),
        root,
    });

    let started = Instant::now();
    let attempt = guarded(&mut build);
    state.record(&attempt);
    report(&attempt, started);
    after();

    let server = Arc::new(server);
    for n in 0..WORKERS {
        let (server, state) = (Arc::clone(&server), Arc::clone(&state));
        std::thread::Builder::new()
            .name(format!("serve-{n}"))
            .spawn(move || {
                while let Ok(request) = server.recv() {
                    handle(request, &state);
                }
            })?;
    }
    let mut out = io::stdout().lock();
    writeln!(out, "serving http://{address}/ (Ctrl-C to stop)")?;
    out.flush()?;
    drop(out);

    while let Some(changed) = watcher.next_change() {
        let started = Instant::now();
        eprintln!("changed: {}", describe(&changed));
        let attempt = guarded(&mut build);
        state.record(&attempt);
        report(&attempt, started);
        after();
    }
    Ok(())
}

/// Runs one build; a panic in it (a bug) is reported like a failed build, and the preview keeps
/// serving the last good site instead of stopping.
fn guarded(build: &mut impl FnMut() -> Attempt) -> Attempt {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(build)).unwrap_or_else(|panic| {
        let what = panic
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| panic.downcast_ref::<String>().cloned())
            .unwrap_or_default();
        Err(format!(
            "error: shuyu panicked while building (a bug): {what}\n"
        ))
    })
}

/// Prints the outcome of an attempt to the terminal.
fn report(attempt: &Attempt, started: Instant) {
    let ms = started.elapsed().as_millis();
    match attempt {
        Ok(summary) => eprintln!("built in {ms} ms: {summary}"),
        Err(error) => {
            eprint!("{error}");
            if !error.ends_with('\n') {
                eprintln!();
            }
            eprintln!("the site was not rebuilt ({ms} ms): still serving the last good build, with the errors above shown in the page");
        }
    }
}

fn describe(changed: &[PathBuf]) -> String {
    let mut names: Vec<String> = changed
        .iter()
        .take(3)
        .map(|p| p.display().to_string())
        .collect();
    if changed.len() > 3 {
        names.push(format!("and {} more", changed.len() - 3));
    }
    names.join(", ")
}

/// Answers one request. A client that went away is not an error worth reporting.
fn handle(request: Request, state: &Arc<State>) {
    if !matches!(request.method(), Method::Get | Method::Head) {
        let response = Response::from_string("only GET and HEAD\n")
            .with_status_code(405)
            .with_header(header("Allow", "GET, HEAD"));
        let _ = request.respond(common(response, "text/plain; charset=utf-8"));
        return;
    }
    let target = request.url().to_string();
    match path::path_part(&target) {
        live::SCRIPT_PATH => {
            let response = Response::from_string(live::SCRIPT);
            let _ = request.respond(common(response, "text/javascript; charset=utf-8"));
            return;
        }
        live::WAIT_PATH => return long_poll(request, &target, state),
        _ => {}
    }
    // The status is read before the file, so a page is never labelled newer than it is.
    let status = state.status();
    let site_path = match path::parse(&target) {
        Ok(p) => p,
        Err(refused) => {
            let (code, why) = match refused {
                Refused::Forbidden(why) => (403, why),
                Refused::Malformed => (400, "malformed path"),
            };
            let response =
                Response::from_string(format!("refused: {why}\n")).with_status_code(code);
            let _ = request.respond(common(response, "text/plain; charset=utf-8"));
            return;
        }
    };
    let _ = match locate(&state.root, &site_path) {
        Located::File(file, name) => serve_file(request, file, &name, &status),
        Located::Redirect => {
            let (path, query) = target.split_at(path::path_part(&target).len());
            let location = format!("{path}/{query}");
            match Header::from_bytes("Location", location.as_bytes()) {
                Ok(h) => request.respond(common(
                    Response::from_string("")
                        .with_status_code(301)
                        .with_header(h),
                    "text/plain; charset=utf-8",
                )),
                Err(()) => not_found(request, state, &status),
            }
        }
        Located::Symlink => {
            let response = Response::from_string("refused: symbolic link\n").with_status_code(403);
            request.respond(common(response, "text/plain; charset=utf-8"))
        }
        Located::NotFound => not_found(request, state, &status),
    };
}

/// Where a site path leads on disk.
enum Located {
    /// An open regular file, and its name (for the content type).
    File(File, String),
    /// A folder asked for without the trailing `/`: its relative links need one.
    Redirect,
    /// A symbolic link on the way: never followed.
    Symlink,
    NotFound,
}

/// Looks `site` up under `root` one segment at a time, refusing symbolic links; a folder is
/// served by its `index.html`.
fn locate(root: &Path, site: &SitePath) -> Located {
    let mut path = root.to_path_buf();
    let mut is_dir = true;
    for segment in &site.segments {
        if !is_dir {
            return Located::NotFound;
        }
        path.push(segment);
        match std::fs::symlink_metadata(&path) {
            Ok(meta) if meta.file_type().is_symlink() => return Located::Symlink,
            Ok(meta) => is_dir = meta.is_dir(),
            Err(_) => return Located::NotFound,
        }
    }
    if is_dir {
        if !site.folder {
            return Located::Redirect;
        }
        path.push("index.html");
    } else if site.folder {
        return Located::NotFound;
    }
    match open_regular(&path) {
        Ok(Some(file)) => {
            let name = path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            Located::File(file, name)
        }
        Ok(None) => Located::Symlink,
        Err(_) => Located::NotFound,
    }
}

/// Opens a regular file without following a symbolic link; `None` for a link.
fn open_regular(path: &Path) -> io::Result<Option<File>> {
    use std::os::unix::fs::OpenOptionsExt;
    let nofollow = rustix::fs::OFlags::NOFOLLOW.bits() as i32;
    match File::options().read(true).custom_flags(nofollow).open(path) {
        Ok(file) if file.metadata()?.is_file() => Ok(Some(file)),
        Ok(_) => Err(io::ErrorKind::NotFound.into()),
        Err(e) if e.raw_os_error() == Some(rustix::io::Errno::LOOP.raw_os_error()) => Ok(None),
        Err(e) => Err(e),
    }
}

fn serve_file(request: Request, mut file: File, name: &str, status: &Status) -> io::Result<()> {
    let kind = live::content_type(name);
    if !live::is_html(name) {
        return request.respond(common(Response::from_file(file), kind));
    }
    let mut bytes = Vec::new();
    file.read_to_end(&mut bytes)?;
    let body = match String::from_utf8(bytes) {
        Ok(html) => live::inject(&html, status.build, status.error.as_deref(), false).into_bytes(),
        Err(e) => e.into_bytes(),
    };
    request.respond(common(Response::from_data(body), kind))
}

/// The site's own 404 page (or a plain one) with status 404.
fn not_found(request: Request, state: &State, status: &Status) -> io::Result<()> {
    let page = match open_regular(&state.root.join("404.html")) {
        Ok(Some(mut file)) => {
            let mut text = String::new();
            file.read_to_string(&mut text).ok().map(|_| text)
        }
        _ => None,
    };
    let page = page.unwrap_or_else(|| {
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Not found</title>\
</head><body><h1>Not found</h1><p>No page lives at this address (the site may not be built \
yet).</p></body></html>\n"
            .into()
    });
    let body = live::inject(&page, status.build, status.error.as_deref(), true);
    request.respond(common(
        Response::from_string(body).with_status_code(404),
        "text/html; charset=utf-8",
    ))
}

/// `GET /__shuyu/wait?since=N`: answers with the build number once it is not `N`, or after
/// [`POLL_HOLD`]. Each waiting page has a thread of its own, so the workers stay free.
fn long_poll(request: Request, target: &str, state: &Arc<State>) {
    let since = target
        .split_once('?')
        .and_then(|(_, q)| q.split('&').find_map(|kv| kv.strip_prefix("since=")))
        .and_then(|n| n.parse::<u64>().ok());
    let busy = || {
        let response = Response::from_string("busy\n").with_status_code(503);
        common(response, "text/plain; charset=utf-8")
    };
    if state.waiting.fetch_add(1, Ordering::SeqCst) >= MAX_WAITING {
        state.waiting.fetch_sub(1, Ordering::SeqCst);
        let _ = request.respond(busy());
        return;
    }
    let waiter = Arc::clone(state);
    let answer = move |request: Request| {
        let guard = waiter.status.lock().unwrap_or_else(|e| e.into_inner());
        let (status, _) = waiter
            .changed
            .wait_timeout_while(guard, POLL_HOLD, |s| Some(s.build) == since)
            .unwrap_or_else(|e| e.into_inner());
        let build = status.build;
        drop(status);
        waiter.waiting.fetch_sub(1, Ordering::SeqCst);
        let response = Response::from_string(format!("{build}\n"));
        let _ = request.respond(common(response, "text/plain; charset=utf-8"));
    };
    // The request moves into the thread; if no thread can be had, answer at once.
    let slot = Arc::new(Mutex::new(Some(request)));
    let theirs = Arc::clone(&slot);
    let spawned = std::thread::Builder::new()
        .name("serve-wait".into())
        .spawn(move || {
            if let Some(request) = theirs.lock().unwrap_or_else(|e| e.into_inner()).take() {
                answer(request);
            }
        });
    if spawned.is_err() {
        state.waiting.fetch_sub(1, Ordering::SeqCst);
        if let Some(request) = slot.lock().unwrap_or_else(|e| e.into_inner()).take() {
            let _ = request.respond(busy());
        }
    }
}

/// The headers every response carries.
fn common<R: Read>(response: Response<R>, content_type: &str) -> Response<R> {
    response
        .with_header(header("Content-Type", content_type))
        .with_header(header("X-Content-Type-Options", "nosniff"))
        .with_header(header("Cache-Control", "no-cache"))
}

fn header(name: &str, value: &str) -> Header {
    Header::from_bytes(name, value).expect("an ASCII header")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_panicking_build_is_a_failed_attempt() {
        let mut build = || -> Attempt { panic!("boom") };
        let got = guarded(&mut build);
        assert!(got
            .unwrap_err()
            .contains("panicked while building (a bug): boom"));
        let mut fine = || -> Attempt { Ok("3 pages".into()) };
        assert_eq!(guarded(&mut fine), Ok("3 pages".into()));
    }

    #[test]
    fn folders_redirect_and_links_are_refused() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("site");
        std::fs::create_dir_all(root.join("a")).unwrap();
        std::fs::write(root.join("a/index.html"), "x").unwrap();
        std::os::unix::fs::symlink(root.join("a"), root.join("b")).unwrap();
        std::os::unix::fs::symlink(root.join("a/index.html"), root.join("c.html")).unwrap();
        let at = |t: &str| locate(&root, &path::parse(t).unwrap());
        assert!(matches!(at("/a/"), Located::File(_, n) if n == "index.html"));
        assert!(matches!(at("/a"), Located::Redirect));
        assert!(matches!(at("/a/index.html/"), Located::NotFound));
        assert!(matches!(at("/a/index.html/x"), Located::NotFound));
        assert!(matches!(at("/b/index.html"), Located::Symlink));
        assert!(matches!(at("/c.html"), Located::Symlink));
        assert!(matches!(at("/nope"), Located::NotFound));
    }
}
