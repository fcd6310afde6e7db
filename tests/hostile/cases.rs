//! The hostile files themselves: each case's file (or folder, or link), made in a
//! temporary folder, and what reading it must give: a story, an error that names the
//! trouble, or either.

use std::ffi::OsStr;
use std::os::unix::ffi::OsStrExt as _;
use std::os::unix::fs::PermissionsExt as _;
use std::path::{Path, PathBuf};

use ficshelf::engine::MAX_STORY_BYTES;

/// What a hostile file must give.
#[derive(Debug, Clone, Copy)]
pub enum Expect {
    /// A story.
    Story,
    /// An error whose message holds these words.
    Error(&'static str),
    /// Either a story or an error that says something.
    Either,
}

/// One hostile file (or folder, or link) and what it must give.
pub struct Case {
    pub label: &'static str,
    pub path: PathBuf,
    pub expect: Expect,
}

/// Random bytes from a fixed seed (xorshift64), the same on every run.
fn random_bytes(len: usize, mut seed: u64) -> Vec<u8> {
    (0..len)
        .map(|_| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            (seed >> 24) as u8
        })
        .collect()
}

/// Builds the matrix of hostile files in `dir`.
pub fn matrix(dir: &Path) -> Vec<Case> {
    let mut cases = Vec::new();
    let mut file = |label, name: &[u8], bytes: Vec<u8>, expect| {
        let path = dir.join(OsStr::from_bytes(name));
        std::fs::write(&path, bytes).expect("write a hostile file");
        cases.push(Case {
            label,
            path,
            expect,
        });
    };
    file("empty", b"empty.txt", Vec::new(), Expect::Story);
    file("one byte", b"one-byte.txt", b"x".to_vec(), Expect::Story);
    file(
        "only NULs",
        b"nuls.txt",
        vec![0; 8192],
        Expect::Error("not a text file"),
    );
    file(
        "random bytes",
        b"random.txt",
        random_bytes(64 * 1024, 0x9E37_79B9_7F4A_7C15),
        Expect::Either,
    );
    let mut jpeg = b"\xFF\xD8\xFF\xE0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00".to_vec();
    jpeg.extend(random_bytes(16 * 1024, 7));
    file(
        "a JPEG renamed .txt",
        b"photo.txt",
        jpeg,
        Expect::Error("not a text file"),
    );
    let mut broken = "Title: Café Crème\n\nShe ordered a café au lait, naïvely.\n".repeat(20);
    broken.push_str("And then\n");
    let mut broken = broken.into_bytes();
    broken.extend(b"the \xC3\x28 bytes \xFF\xFE went \xE2\x82 wrong.\n");
    broken.extend("Après, tout allait bien.\n".repeat(20).bytes());
    file(
        "invalid UTF-8 in the middle of valid text",
        b"broken-utf8.txt",
        broken,
        Expect::Story,
    );
    let utf16: Vec<u8> = "Title: Lost Mark\nAuthor: Kay\n\nThe story goes on, and on.\n"
        .repeat(10)
        .encode_utf16()
        .flat_map(u16::to_le_bytes)
        .collect();
    file("UTF-16 without BOM", b"utf16.txt", utf16, Expect::Story);
    file(
        "mixed line endings",
        b"mixed-endings.txt",
        b"Title: Mixed\r\nAuthor: M\n\rFirst line.\r\rSecond.\n\r\n* * *\r\nThe End\r".to_vec(),
        Expect::Story,
    );
    file(
        "a 1 MB line",
        b"long-line.txt",
        "and the sea went on ".repeat(52_429).into_bytes(),
        Expect::Story,
    );
    file(
        "a 1 MB Warnings: line",
        b"long-warning.txt",
        format!(
            "Title: T\nWarnings: {}\n\nText.\n",
            "death, violence; ".repeat(62_000)
        )
        .into_bytes(),
        Expect::Story,
    );
    file(
        "100,000 one-character lines",
        b"short-lines.txt",
        "a\n".repeat(100_000).into_bytes(),
        Expect::Story,
    );
    let header: String = (0..10_000)
        .map(|i| format!("Label{i}: value number {i}\n"))
        .collect();
    file(
        "a header of 10,000 lines",
        b"long-header.txt",
        format!("Title: Endless\n{header}\nThe story.\n").into_bytes(),
        Expect::Story,
    );
    file(
        "deeply nested scene-break lookalikes",
        b"nested-breaks.txt",
        nested_breaks().into_bytes(),
        Expect::Story,
    );
    file(
        "a name with a newline",
        b"new\nline.txt",
        b"Title: Newline\n\nText.\n".to_vec(),
        Expect::Story,
    );
    file(
        "a name that is not UTF-8",
        b"caf\xE9 \xFF.txt",
        b"Title: Latin-1 Name\n\nText.\n".to_vec(),
        Expect::Story,
    );

    // Sparse: it takes no room on disk, and is refused by its size before it is read.
    let oversize = dir.join("oversize.txt");
    std::fs::File::create(&oversize)
        .and_then(|f| f.set_len(MAX_STORY_BYTES + 1))
        .expect("create a sparse file");
    cases.push(Case {
        label: "a file over the size limit",
        path: oversize,
        expect: Expect::Error("too large"),
    });

    let folder = dir.join("story.txt");
    std::fs::create_dir_all(&folder).expect("mkdir story.txt");
    cases.push(Case {
        label: "a folder named story.txt",
        path: folder,
        expect: Expect::Error("not a regular file"),
    });
    let (a, b) = (dir.join("loop-a.txt"), dir.join("loop-b.txt"));
    std::os::unix::fs::symlink(&b, &a).expect("symlink");
    std::os::unix::fs::symlink(&a, &b).expect("symlink");
    cases.push(Case {
        label: "a symbolic link loop",
        path: a,
        expect: Expect::Error("symbolic links"),
    });
    // A folder link back up: a walk that followed it would never end.
    std::os::unix::fs::symlink(dir, dir.join("up")).expect("symlink");

    let locked = dir.join("locked.txt");
    std::fs::write(&locked, b"Title: Locked\n\nText.\n").expect("write");
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o000)).expect("chmod");
    let expect = if std::fs::File::open(&locked).is_ok() {
        // Root reads it all the same: then it is a story, and the error can't be checked.
        println!("note: running as root, so a file without read permission is still read");
        Expect::Story
    } else {
        Expect::Error("permission denied")
    };
    cases.push(Case {
        label: "a file without read permission",
        path: locked,
        expect,
    });
    cases
}

/// Lines that look like scene breaks, nested and repeated past any sane length.
fn nested_breaks() -> String {
    let mut text = String::from("Title: Breaks\n\nBefore.\n\n");
    for depth in [1, 2, 10, 100, 1000, 10_000] {
        text.push_str(&format!("{}*{}\n\n", "(".repeat(depth), ")".repeat(depth)));
        text.push_str(&format!("{}\n\n", "~*".repeat(depth)));
        text.push_str(&format!("{}\n\n", "* ".repeat(depth)));
        text.push_str(&format!("{}\n\n", "oOo".repeat(depth)));
        text.push_str(&format!("{}\n\n", "<>".repeat(depth)));
    }
    for _ in 0..10_000 {
        text.push_str("* * *\n");
    }
    text.push_str("\nAfter.\n");
    text
}
