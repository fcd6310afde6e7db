//! The `ficshelf` command: `inspect` prints what the story engine sees in files.

use std::io::Write as _;
use std::path::PathBuf;
use std::process::ExitCode;

use ficshelf::engine::Story;
use ficshelf::inspect::{Report, body_text};

const USAGE: &str = "\
Ficshelf: a reader for plain-text fan fiction.

Usage:
  ficshelf inspect [--json] [--body] FILE...   show what Ficshelf reads in each file
  ficshelf --help | --version

  --json   one JSON array with an object per file (see README.md for the keys)
  --body   the rebuilt story text: one paragraph per line, `* * *` scene breaks,
           `## Title` part headings (with --json: a \"body\" key)

The reading window is not built yet; for now `inspect` is what Ficshelf does.
";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.first().map(String::as_str) {
        Some("inspect") => inspect(&args[1..]),
        Some("--version" | "-V") => {
            println!("ficshelf {}", env!("CARGO_PKG_VERSION"));
            ExitCode::SUCCESS
        }
        Some("--help" | "-h") | None => {
            print!("{USAGE}");
            ExitCode::SUCCESS
        }
        Some(other) => {
            eprintln!("ficshelf: unknown command {other:?}\n\n{USAGE}");
            ExitCode::from(2)
        }
    }
}

/// `ficshelf inspect [--json] [--body] FILE...`
fn inspect(args: &[String]) -> ExitCode {
    let (mut json, mut body) = (false, false);
    let mut files = Vec::new();
    let mut only_files = false;
    for arg in args {
        match arg.as_str() {
            "--json" if !only_files => json = true,
            "--body" if !only_files => body = true,
            "--" if !only_files => only_files = true,
            flag if flag.starts_with("--") && !only_files => {
                eprintln!("ficshelf inspect: unknown option {flag:?}\n\n{USAGE}");
                return ExitCode::from(2);
            }
            file => files.push(PathBuf::from(file)),
        }
    }
    if files.is_empty() {
        eprintln!("ficshelf inspect: no files given\n\n{USAGE}");
        return ExitCode::from(2);
    }
    let mut failed = false;
    let mut out = std::io::stdout().lock();
    let mut values = Vec::new();
    for (i, path) in files.iter().enumerate() {
        let (report, text) = match Story::read(path) {
            Ok(story) => {
                let text = body.then(|| body_text(&story));
                (Report::of_story(path.display().to_string(), &story), text)
            }
            Err(e) => (Report::failed(path.display().to_string(), &e), None),
        };
        failed |= report.error.is_some();
        if json {
            let mut value = serde_json::to_value(&report).unwrap_or_default();
            if let (Some(text), Some(map)) = (text, value.as_object_mut()) {
                map.insert("body".into(), text.into());
            }
            values.push(value);
            continue;
        }
        let printed = match text {
            Some(text) if files.len() == 1 => write!(out, "{text}"),
            Some(text) => write!(
                out,
                "{}==> {} <==\n{text}",
                if i > 0 { "\n" } else { "" },
                path.display()
            ),
            None => write!(out, "{}", report.to_text()),
        };
        if printed.is_err() {
            return ExitCode::FAILURE; // stdout closed (a pager quit): nothing more to say
        }
    }
    if json {
        let text = serde_json::to_string_pretty(&values).unwrap_or_else(|_| "[]".into());
        if writeln!(out, "{text}").is_err() {
            return ExitCode::FAILURE;
        }
    }
    if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}
