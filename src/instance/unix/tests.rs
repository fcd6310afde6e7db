//! Tests of the window's socket: hand-off, a stale socket, privacy, and bad messages.

use std::sync::atomic::{AtomicUsize, Ordering};

use super::*;

fn folder() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let socket = dir.path().join("run").join("window-test.sock");
    (dir, socket)
}

fn serve_at(socket: &Path) -> Inbox {
    match claim(socket, &[]) {
        Ok(Claim::Serve(inbox)) => inbox,
        other => panic!("expected to listen: {other:?}"),
    }
}

#[test]
fn a_second_start_hands_its_files_to_the_window() {
    let (_dir, socket) = folder();
    let inbox = serve_at(&socket);
    let woken = std::sync::Arc::new(AtomicUsize::new(0));
    let count = woken.clone();
    inbox.wake_with(move || {
        count.fetch_add(1, Ordering::SeqCst);
    });
    let files = [
        PathBuf::from("/stories/a.txt"),
        PathBuf::from("relative.txt"),
    ];
    assert!(matches!(claim(&socket, &files), Ok(Claim::HandedOff)));
    let cwd = std::env::current_dir().unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        inbox.take(),
        Some(vec![files[0].clone(), cwd.join("relative.txt")]),
        "a relative name is made absolute by the start that sends it"
    );
    assert_eq!(woken.load(Ordering::SeqCst), 1, "the window was woken");
    assert!(matches!(claim(&socket, &[]), Ok(Claim::HandedOff)));
    assert_eq!(inbox.take(), Some(vec![]), "no files: come to the front");
    assert_eq!(inbox.take(), None);
}

#[test]
fn the_socket_is_private_and_gone_when_the_window_is() {
    let (_dir, socket) = folder();
    let inbox = serve_at(&socket);
    let mode = |p: &Path| std::fs::metadata(p).map_or(0, |m| m.permissions().mode() & 0o777);
    assert_eq!(mode(&socket), 0o600);
    assert_eq!(mode(socket.parent().unwrap_or(&socket)), 0o700);
    drop(inbox);
    assert!(!socket.exists(), "a clean exit leaves no socket");
    assert!(matches!(send(&socket, &[]), Err(InstanceError::NoWindow)));
}

#[test]
fn an_open_folder_is_made_private() {
    let (dir, socket) = folder();
    let run = dir.path().join("run");
    std::fs::create_dir_all(&run).unwrap_or_else(|e| panic!("{e}"));
    std::fs::set_permissions(&run, Permissions::from_mode(0o777)).unwrap_or_else(|e| panic!("{e}"));
    let _inbox = serve_at(&socket);
    let mode = std::fs::metadata(&run).map_or(0, |m| m.permissions().mode() & 0o777);
    assert_eq!(mode, 0o700);
}

/// A window killed with SIGKILL leaves its socket file; the next start must not hand its
/// files to no one, nor fail to bind.
#[test]
fn a_killed_windows_socket_is_replaced() {
    let (_dir, socket) = folder();
    private_folder(socket.parent().unwrap_or(&socket)).unwrap_or_else(|e| panic!("{e}"));
    drop(UnixListener::bind(&socket).unwrap_or_else(|e| panic!("{e}")));
    assert!(socket.exists(), "the dead window's socket is still there");
    assert!(matches!(send(&socket, &[]), Err(InstanceError::NoWindow)));
    let inbox = serve_at(&socket);
    assert!(matches!(claim(&socket, &[]), Ok(Claim::HandedOff)));
    assert_eq!(inbox.take(), Some(vec![]));
}

#[test]
fn a_bad_message_is_answered_and_the_window_listens_on() {
    let (_dir, socket) = folder();
    let inbox = serve_at(&socket);
    for bad in [
        &b"GET / HTTP/1.1\r\n\r\n"[..],
        b"ficshelf-open 1\n/half/a/name",
        b"ficshelf-open 1\nrelative\0",
        b"",
    ] {
        let mut stream = UnixStream::connect(&socket).unwrap_or_else(|e| panic!("{e}"));
        stream.write_all(bad).unwrap_or_else(|e| panic!("{e}"));
        stream
            .shutdown(std::net::Shutdown::Write)
            .unwrap_or_else(|e| panic!("{e}"));
        let mut answer = String::new();
        stream
            .read_to_string(&mut answer)
            .unwrap_or_else(|e| panic!("{e}"));
        assert!(answer.starts_with("error: "), "{bad:?}: {answer}");
    }
    assert_eq!(inbox.take(), None, "nothing delivered");
    assert!(send(&socket, &[PathBuf::from("/s/a.txt")]).is_ok());
    assert_eq!(inbox.take(), Some(vec![PathBuf::from("/s/a.txt")]));
}

#[test]
fn names_that_are_not_utf8_travel_whole() {
    let name = PathBuf::from(OsStr::from_bytes(b"/stories/latin1_\xE9.txt"));
    let files = vec![name, PathBuf::from("/a b/c\nd.txt")];
    assert_eq!(decode(&encode(&files)), Ok(files));
    assert_eq!(decode(&encode(&[])), Ok(vec![]));
}

#[test]
fn the_socket_is_named_by_the_data_folder() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let (a, b) = (dir.path().join("a"), dir.path().join("b"));
    assert_ne!(socket_path(&a), socket_path(&b));
    let name = |p: PathBuf| p.file_name().map(OsStr::to_os_string);
    assert_eq!(
        name(socket_path(&a)),
        name(socket_path(&a.join("..").join("a"))),
        "the same folder by another name"
    );
}
