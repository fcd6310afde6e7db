//! One window per user: a later `ficshelf FILE` hands its file to the running window and
//! exits 0; the window opens it. A window killed with SIGKILL leaves a socket the next
//! start replaces, and `--screenshot` always runs a window of its own.
// The socket is a Unix-domain one; elsewhere every start opens its own window.
#![cfg(unix)]

mod common;

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use ficshelf::app::Launch;
use ficshelf::instance::{self, Claim};

const STORY: &str =
    "Title: Handed Over\nRating: G\n\nThe lamp was lit at six and the tide came in.\n";

#[test]
fn the_window_opens_files_a_later_start_hands_over() {
    let dir = tempfile::tempdir().expect("temp folder");
    let story = dir.path().join("handed.txt");
    std::fs::write(&story, STORY).expect("write the story");
    let mut h = common::window::harness(
        &dir.path().join("app"),
        Launch::default(),
        egui::vec2(1280.0, 800.0),
    );
    let socket = dir.path().join("run").join("window.sock");
    let Ok(Claim::Serve(inbox)) = instance::claim(&socket, &[]) else {
        panic!("the window listens");
    };
    h.state_mut().listen(inbox);
    assert!(h.state().reader().is_none());
    assert!(matches!(
        instance::claim(&socket, std::slice::from_ref(&story)),
        Ok(Claim::HandedOff)
    ));
    h.run_steps(2);
    assert_eq!(
        h.state().reader().map(|r| r.story.title.as_str()),
        Some("Handed Over")
    );
    assert_eq!(
        common::window::notice(&h),
        "This story is not in your collection.",
        "as for a file named on the window's own command line"
    );
}

/// A process started under `xvfb-run`, killed (SIGKILL, as a crash would) when dropped.
struct Window {
    xvfb: Child,
    pid_file: PathBuf,
}

impl Window {
    /// `ficshelf ARGS` in a virtual X server of its own, with `runtime` as its runtime dir.
    fn start(runtime: &Path, pid_file: &Path, args: &[&Path]) -> Window {
        let xvfb = Command::new("xvfb-run")
            .args(["-a", "-s", "-screen 0 1280x800x24", "sh", "-c"])
            // The shell's pid becomes ficshelf's, so the test can kill ficshelf itself.
            .arg(r#"echo $$ > "$0"; exec "$@""#)
            .arg(pid_file)
            .arg(env!("CARGO_BIN_EXE_ficshelf"))
            .args(args)
            .env("XDG_RUNTIME_DIR", runtime)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("xvfb-run starts");
        Window {
            xvfb,
            pid_file: pid_file.to_path_buf(),
        }
    }

    fn running(&mut self) -> bool {
        matches!(self.xvfb.try_wait(), Ok(None))
    }

    /// Kills ficshelf (not xvfb-run, which then cleans up its X server and exits).
    fn kill(&mut self) {
        if let Ok(pid) = std::fs::read_to_string(&self.pid_file) {
            let _ = Command::new("kill").args(["-KILL", pid.trim()]).status();
        }
        let _ = self.xvfb.wait();
    }
}

impl Drop for Window {
    fn drop(&mut self) {
        if self.running() {
            self.kill();
        }
    }
}

/// Waits until something listens on the socket in `folder` (the window is up).
fn wait_for_listener(folder: &Path, window: &mut Window) -> PathBuf {
    let start = Instant::now();
    while start.elapsed() < Duration::from_secs(60) {
        assert!(window.running(), "the window exited early");
        let sockets = std::fs::read_dir(folder).into_iter().flatten().flatten();
        for socket in sockets.map(|e| e.path()) {
            if std::os::unix::net::UnixStream::connect(&socket).is_ok() {
                return socket;
            }
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    panic!("no window listened within 60 s");
}

/// `dirs` then `extra`.
fn with<'a>(dirs: &[&'a Path], extra: &[&'a Path]) -> Vec<&'a Path> {
    [dirs, extra].concat()
}

/// `ficshelf ARGS` with no display at all: it can only succeed by handing off.
fn start_without_display(runtime: &Path, args: &[&Path]) -> (Option<i32>, Duration) {
    let start = Instant::now();
    let out = Command::new(env!("CARGO_BIN_EXE_ficshelf"))
        .args(args)
        .env("XDG_RUNTIME_DIR", runtime)
        .env_remove("DISPLAY")
        .env_remove("WAYLAND_DISPLAY")
        .output()
        .expect("ficshelf runs");
    (out.status.code(), start.elapsed())
}

#[test]
fn a_second_start_hands_off_and_a_killed_windows_socket_is_replaced() {
    if Command::new("xvfb-run").arg("--help").output().is_err() {
        println!("skipped: xvfb-run is not installed (apt-get install xvfb xauth)");
        return;
    }
    let dir = tempfile::tempdir().expect("temp folder");
    let (config, data) = (dir.path().join("config"), dir.path().join("data"));
    let runtime = dir.path().join("runtime");
    std::fs::create_dir(&runtime).expect("runtime folder");
    let story = dir.path().join("story.txt");
    std::fs::write(&story, STORY).expect("write the story");
    let (pid_file, folders) = (dir.path().join("pid"), ["--config-dir", "--data-dir"]);
    let dirs: Vec<&Path> = vec![folders[0].as_ref(), &config, folders[1].as_ref(), &data];

    let mut first = Window::start(&runtime, &pid_file, &dirs);
    let socket = wait_for_listener(&runtime.join("ficshelf"), &mut first);
    let (code, took) = start_without_display(&runtime, &with(&dirs, &[&story]));
    println!("the second start handed off in {took:?}");
    assert_eq!(code, Some(0), "handed to the running window");
    assert!(took < Duration::from_secs(5), "{took:?}");
    assert!(first.running(), "the first window still runs");

    // A screenshot is of a window of its own, even with one running for the same data.
    let shot = dir.path().join("shot.png");
    let out = Command::new("timeout")
        .args(["120", "xvfb-run", "-a", "-s", "-screen 0 1280x800x24"])
        .arg(env!("CARGO_BIN_EXE_ficshelf"))
        .args(with(&dirs, &["--screenshot".as_ref(), &shot]))
        .env("XDG_RUNTIME_DIR", &runtime)
        .output()
        .expect("xvfb-run runs");
    assert_eq!(out.status.code(), Some(0));
    assert!(shot.exists(), "the screenshot window drew itself");

    first.kill();
    assert!(socket.exists(), "a killed window leaves its socket behind");
    let mut next = Window::start(&runtime, &pid_file, &dirs);
    assert_eq!(
        wait_for_listener(&runtime.join("ficshelf"), &mut next),
        socket
    );
    let (code, _) = start_without_display(&runtime, &with(&dirs, &[&story]));
    assert_eq!(code, Some(0), "the new window took over the socket");
}
