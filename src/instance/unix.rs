//! The socket behind [`super::claim`]: a Unix-domain socket in a folder only the user may
//! enter, a lock so that two starts at the same moment can't both become the window, and a
//! message of NUL-terminated absolute paths (the one byte a Unix path can't hold).

use std::ffi::OsStr;
use std::fs::{DirBuilder, File, Permissions};
use std::io::{ErrorKind, Read as _, Write as _};
use std::os::unix::ffi::OsStrExt as _;
use std::os::unix::fs::{DirBuilderExt as _, MetadataExt as _, PermissionsExt as _};
use std::os::unix::net::{UnixListener, UnixStream};
use std::path::{Path, PathBuf};
use std::sync::mpsc::Sender;
use std::time::Duration;

use super::{Claim, Inbox, InstanceError, Waker};

/// The first bytes of a message, with its version.
const MAGIC: &[u8] = b"ficshelf-open 1\n";
/// The longest message taken (thousands of long paths fit).
const MAX_MESSAGE_BYTES: u64 = 16 << 20;
/// How long either side waits for the other.
const TIMEOUT: Duration = Duration::from_secs(5);
/// The window's answer when it has the files.
const OK: &[u8] = b"ok\n";

/// The socket of the window that uses `data_dir`: in the runtime folder when the system
/// has one, else in the data folder; named after the data folder's canonical path.
pub fn socket_path(data_dir: &Path) -> PathBuf {
    // Made first, so that its canonical name is the same on the first start as later.
    let _ = std::fs::create_dir_all(data_dir);
    let canonical = data_dir
        .canonicalize()
        .or_else(|_| std::path::absolute(data_dir))
        .unwrap_or_else(|_| data_dir.to_path_buf());
    let key = xxhash_rust::xxh3::xxh3_64(canonical.as_os_str().as_bytes());
    let folder = directories::ProjectDirs::from("", "", "ficshelf")
        .and_then(|p| p.runtime_dir().map(Path::to_path_buf))
        .unwrap_or_else(|| data_dir.join("run"));
    folder.join(format!("window-{key:016x}.sock"))
}

/// Hands `files` to the window listening on `socket`, or, when none is, starts listening
/// there (replacing a socket a killed window left behind).
pub fn claim(socket: &Path, files: &[PathBuf]) -> Result<Claim, InstanceError> {
    let folder = socket.parent().unwrap_or(Path::new("."));
    private_folder(folder).map_err(|source| InstanceError::Folder {
        path: folder.to_path_buf(),
        source,
    })?;
    // Starts take turns from here until one listens, so two can't both find no window.
    let socket_error = |source| InstanceError::Socket {
        path: socket.to_path_buf(),
        source,
    };
    let lock = File::open(folder).map_err(socket_error)?;
    lock.lock().map_err(socket_error)?;
    match send(socket, files) {
        Err(InstanceError::NoWindow) => {}
        Ok(()) => return Ok(Claim::HandedOff),
        Err(e) => return Err(e),
    }
    // Nobody answers: a socket file here is a killed window's.
    match std::fs::remove_file(socket) {
        Err(e) if e.kind() != ErrorKind::NotFound => return Err(socket_error(e)),
        _ => {}
    }
    let listener = UnixListener::bind(socket).map_err(socket_error)?;
    std::fs::set_permissions(socket, Permissions::from_mode(0o600)).map_err(socket_error)?;
    let file = SocketFile::of(socket).map_err(socket_error)?;
    Ok(Claim::Serve(serve(listener, Some(Box::new(file)))))
}

/// Sends `files` (made absolute: the window runs elsewhere) to the window on `socket` and
/// waits for it to say it has them.
pub fn send(socket: &Path, files: &[PathBuf]) -> Result<(), InstanceError> {
    let mut stream = match UnixStream::connect(socket) {
        Ok(stream) => stream,
        Err(e) if matches!(e.kind(), ErrorKind::NotFound | ErrorKind::ConnectionRefused) => {
            return Err(InstanceError::NoWindow);
        }
        Err(source) => {
            return Err(InstanceError::Socket {
                path: socket.to_path_buf(),
                source,
            });
        }
    };
    let absolute: Vec<PathBuf> = files
        .iter()
        .map(|f| std::path::absolute(f).unwrap_or_else(|_| f.clone()))
        .collect();
    let mut answer = Vec::new();
    let talk = stream
        .set_write_timeout(Some(TIMEOUT))
        .and_then(|()| stream.set_read_timeout(Some(TIMEOUT)))
        .and_then(|()| stream.write_all(&encode(&absolute)))
        .and_then(|()| stream.shutdown(std::net::Shutdown::Write))
        .and_then(|()| (&mut stream).take(1024).read_to_end(&mut answer));
    match talk {
        Ok(_) if answer == OK => Ok(()),
        Ok(_) => Err(InstanceError::Refused(
            String::from_utf8_lossy(&answer).trim().to_string(),
        )),
        Err(e) => Err(InstanceError::Refused(e.to_string())),
    }
}

/// Creates `folder` for this user alone (0700), or makes it so.
fn private_folder(folder: &Path) -> std::io::Result<()> {
    DirBuilder::new()
        .recursive(true)
        .mode(0o700)
        .create(folder)?;
    if std::fs::metadata(folder)?.permissions().mode() & 0o077 != 0 {
        std::fs::set_permissions(folder, Permissions::from_mode(0o700))?;
    }
    Ok(())
}

/// The socket file this window made, removed when the window is done unless another
/// window has replaced it by then.
struct SocketFile {
    path: PathBuf,
    id: (u64, u64),
}

impl SocketFile {
    fn of(path: &Path) -> std::io::Result<SocketFile> {
        let meta = std::fs::symlink_metadata(path)?;
        Ok(SocketFile {
            path: path.to_path_buf(),
            id: (meta.dev(), meta.ino()),
        })
    }
}

impl Drop for SocketFile {
    fn drop(&mut self) {
        let ours =
            std::fs::symlink_metadata(&self.path).is_ok_and(|m| (m.dev(), m.ino()) == self.id);
        if ours {
            let _ = std::fs::remove_file(&self.path);
        }
    }
}

/// Listens on a thread of its own, delivering each start's files to the returned inbox.
fn serve(listener: UnixListener, socket: Option<Box<dyn Send>>) -> Inbox {
    let (sender, files) = std::sync::mpsc::channel();
    let waker: Waker = Waker::default();
    let wake = waker.clone();
    let spawned = std::thread::Builder::new()
        .name("ficshelf-instance".into())
        .spawn(move || listen(&listener, &sender, &wake));
    if let Err(e) = spawned {
        eprintln!("ficshelf: files from later starts can't be received: {e}");
    }
    Inbox {
        files,
        waker,
        _socket: socket,
    }
}

/// Answers one start at a time until the window is gone.
fn listen(listener: &UnixListener, sender: &Sender<Vec<PathBuf>>, wake: &Waker) {
    for stream in listener.incoming() {
        let mut stream = match stream {
            Ok(stream) => stream,
            Err(e) => {
                eprintln!("ficshelf: a start could not be heard: {e}");
                std::thread::sleep(Duration::from_millis(100)); // e.g. out of file handles
                continue;
            }
        };
        let answer = match receive(&mut stream) {
            Ok(files) => {
                if sender.send(files).is_err() {
                    return; // the window is gone
                }
                if let Some(wake) = wake.lock().ok().as_ref().and_then(|w| w.as_ref()) {
                    wake();
                }
                OK.to_vec()
            }
            Err(e) => {
                eprintln!("ficshelf: a message on the window's socket was not understood: {e}");
                format!("error: {e}\n").into_bytes()
            }
        };
        let _ = stream.write_all(&answer); // a start that gave up waiting has gone
    }
}

/// Reads one message (bounded in size and time: a stuck sender can't hold the window).
fn receive(stream: &mut UnixStream) -> Result<Vec<PathBuf>, String> {
    stream
        .set_read_timeout(Some(TIMEOUT))
        .and_then(|()| stream.set_write_timeout(Some(TIMEOUT)))
        .map_err(|e| e.to_string())?;
    let mut bytes = Vec::new();
    stream
        .take(MAX_MESSAGE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| e.to_string())?;
    if bytes.len() as u64 > MAX_MESSAGE_BYTES {
        return Err(format!("longer than {MAX_MESSAGE_BYTES} bytes"));
    }
    decode(&bytes)
}

/// The message for `files`: the magic line, then each path's bytes and a NUL.
fn encode(files: &[PathBuf]) -> Vec<u8> {
    let mut bytes = MAGIC.to_vec();
    for file in files {
        bytes.extend_from_slice(file.as_os_str().as_bytes());
        bytes.push(0);
    }
    bytes
}

/// The files in a message, or why it is not one.
fn decode(bytes: &[u8]) -> Result<Vec<PathBuf>, String> {
    let rest = bytes
        .strip_prefix(MAGIC)
        .ok_or("it is not a Ficshelf message")?;
    if rest.is_empty() {
        return Ok(Vec::new());
    }
    let names = rest
        .strip_suffix(b"\0")
        .ok_or("it ends in the middle of a file name")?;
    names
        .split(|&b| b == 0)
        .map(|name| {
            let path = PathBuf::from(OsStr::from_bytes(name));
            if path.is_absolute() {
                Ok(path)
            } else {
                Err(format!("{} is not an absolute path", path.display()))
            }
        })
        .collect()
}

#[cfg(test)]
mod tests;
