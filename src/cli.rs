//! The `ficshelf` command line, parsed by clap. Every path is taken as the system gives it
//! (`PathBuf`, never `String`), so a file name that is not UTF-8 is a file like any other.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

/// Ficshelf: a reader for plain-text fan fiction.
///
/// With no command, opens the reading window (FILE in the reader). When a window is
/// already running for the same data folder, FILE is handed to it instead.
#[derive(Debug, Parser)]
#[command(name = "ficshelf", version, args_conflicts_with_subcommands = true)]
pub struct Cli {
    /// What to do instead of opening the window.
    #[command(subcommand)]
    pub command: Option<Command>,
    /// The window's options and files.
    #[command(flatten)]
    pub window: WindowArgs,
}

/// The tools beside the window.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Show what Ficshelf reads in each file
    Inspect(InspectArgs),
    /// Index a collection folder (with the app's cache)
    Index(IndexArgs),
    /// Search the text of every story in a collection folder
    Search(SearchArgs),
}

/// `ficshelf [OPTIONS] [FILE...]`, and the desktop menu flags.
#[derive(Debug, Args)]
pub struct WindowArgs {
    /// Keep settings in DIR [env: FICSHELF_CONFIG_DIR]
    #[arg(long, value_name = "DIR")]
    pub config_dir: Option<PathBuf>,
    /// Keep reading state and the default collection in DIR [env: FICSHELF_DATA_DIR]
    #[arg(long, value_name = "DIR")]
    pub data_dir: Option<PathBuf>,
    /// Draw the window, save it as a PNG at PATH, and quit (always a window of its own)
    #[arg(long, value_name = "PATH")]
    pub screenshot: Option<PathBuf>,
    /// Open a window of its own even when one is running for the same data folder
    #[arg(long)]
    pub new_window: bool,
    /// Add Ficshelf and its icon to your menu (Linux; the record goes in --data-dir)
    #[arg(long, conflicts_with_all = ["config_dir", "screenshot", "new_window", "files"])]
    pub install_desktop: bool,
    /// Remove what --install-desktop added
    #[arg(
        long,
        conflicts_with_all = ["install_desktop", "config_dir", "screenshot", "new_window", "files"]
    )]
    pub uninstall_desktop: bool,
    /// Story files to open (the first in the reader)
    #[arg(value_name = "FILE")]
    pub files: Vec<PathBuf>,
}

/// `ficshelf inspect [--json] [--body] FILE...`
#[derive(Debug, Args)]
pub struct InspectArgs {
    /// One JSON array with an object per file (see README.md for the keys)
    #[arg(long)]
    pub json: bool,
    /// The rebuilt story text: one paragraph per line, `* * *` scene breaks, `## Title`
    /// part headings (with --json: a "body" key)
    #[arg(long)]
    pub body: bool,
    /// The files to read
    #[arg(value_name = "FILE", required = true)]
    pub files: Vec<PathBuf>,
}

/// `ficshelf index [--json] [--data-dir DIR] DIR`
#[derive(Debug, Args)]
pub struct IndexArgs {
    /// The report as JSON
    #[arg(long)]
    pub json: bool,
    /// Keep the index cache in DIR [env: FICSHELF_DATA_DIR]
    #[arg(long, value_name = "DIR")]
    pub data_dir: Option<PathBuf>,
    /// The collection folder
    #[arg(value_name = "DIR")]
    pub dir: PathBuf,
}

/// `ficshelf search [--json] [--data-dir DIR] [--in FOLDER] QUERY`
#[derive(Debug, Args)]
pub struct SearchArgs {
    /// The results as a JSON list (path, title, chapter, snippet, score)
    #[arg(long)]
    pub json: bool,
    /// Keep the index cache and the search index in DIR [env: FICSHELF_DATA_DIR]
    #[arg(long, value_name = "DIR")]
    pub data_dir: Option<PathBuf>,
    /// Settings (for the collection folder) in DIR [env: FICSHELF_CONFIG_DIR]
    #[arg(long, value_name = "DIR")]
    pub config_dir: Option<PathBuf>,
    /// The collection folder (default: yours, as the window uses it)
    #[arg(long = "in", value_name = "FOLDER")]
    pub folder: Option<PathBuf>,
    /// Words to find, all of them; "quoted words" as a phrase
    #[arg(value_name = "QUERY", required = true, num_args = 1..)]
    pub query: Vec<String>,
}

#[cfg(test)]
mod tests {
    use std::ffi::OsString;

    use clap::CommandFactory as _;

    use super::*;

    fn parse(args: &[&str]) -> Result<Cli, clap::Error> {
        Cli::try_parse_from(std::iter::once("ficshelf").chain(args.iter().copied()))
    }

    #[test]
    fn the_definition_is_consistent() {
        Cli::command().debug_assert();
    }

    #[test]
    fn files_and_options_open_the_window() {
        let cli = parse(&["--data-dir", "/d", "a.txt", "--", "--b.txt"])
            .unwrap_or_else(|e| panic!("{e}"));
        assert!(cli.command.is_none());
        assert_eq!(cli.window.data_dir, Some(PathBuf::from("/d")));
        assert_eq!(
            cli.window.files,
            [PathBuf::from("a.txt"), PathBuf::from("--b.txt")]
        );
    }

    #[test]
    fn subcommands_take_their_own_options() {
        let cli =
            parse(&["index", "--json", "--data-dir", "/d", "/s"]).unwrap_or_else(|e| panic!("{e}"));
        let Some(Command::Index(index)) = cli.command else {
            panic!("index: {:?}", cli.command)
        };
        assert!(index.json);
        assert_eq!(
            (index.data_dir, index.dir),
            (Some("/d".into()), "/s".into())
        );
        let cli = parse(&["inspect", "--body", "x.txt"]).unwrap_or_else(|e| panic!("{e}"));
        assert!(matches!(cli.command, Some(Command::Inspect(i)) if i.body && !i.json));
    }

    #[test]
    fn usage_errors_are_clap_errors() {
        for args in [
            &["inspect"][..],
            &["index"],
            &["--frobnicate"],
            &["--config-dir"],
            &["--install-desktop", "a.txt"],
            &["--install-desktop", "--uninstall-desktop"],
        ] {
            assert!(parse(args).is_err(), "{args:?} is refused");
        }
        assert!(parse(&["--uninstall-desktop", "--data-dir", "/d"]).is_ok());
        assert!(parse(&["--install-desktop", "--new-window"]).is_err());
        let cli = parse(&["--new-window", "a.txt"]).unwrap_or_else(|e| panic!("{e}"));
        assert!(cli.window.new_window);
    }

    /// Regression: `std::env::args()` panicked on a Latin-1 file name (exit 101).
    #[cfg(unix)]
    #[test]
    fn a_name_that_is_not_utf8_is_a_path() {
        use std::os::unix::ffi::OsStringExt as _;
        let name = OsString::from_vec(b"latin1_\xE9.txt".to_vec());
        for args in [
            vec![OsString::from("ficshelf"), name.clone()],
            vec!["ficshelf".into(), "inspect".into(), name.clone()],
        ] {
            let cli = Cli::try_parse_from(args).unwrap_or_else(|e| panic!("{e}"));
            let files = match cli.command {
                Some(Command::Inspect(i)) => i.files,
                _ => cli.window.files,
            };
            assert_eq!(files, [PathBuf::from(name.clone())]);
        }
    }
}
