//! SQLite FTS5, as Ficshelf's full-text index sets it up, against tantivy, on the same
//! stories in one run: the same rows (a story's paragraphs, up to 256 KB a row), words
//! folded the same way (case and accents, nothing stemmed, no stop words), positions kept
//! for phrases; FTS5 with its one writing thread, tantivy with one and two threads, with
//! more memory, and with its segments left unmerged. Reading the files is done first and
//! not timed; what is timed is building each index from the rows, its size on disk, and a
//! one-word and a phrase query for the 20 best rows (no snippets).
//!
//! Usage: cargo run --release -- DIR  (a folder of `gen_library.py` stories)

use std::path::{Path, PathBuf};
use std::time::Instant;

use rusqlite::{Connection, params};
use tantivy::collector::TopDocs;
use tantivy::query::QueryParser;
use tantivy::schema::{FAST, IndexRecordOption, STORED, Schema, TextFieldIndexing, TextOptions};
use tantivy::tokenizer::{
    AsciiFoldingFilter, LowerCaser, RemoveLongFilter, SimpleTokenizer, TextAnalyzer,
};
use tantivy::{Index, IndexWriter, TantivyDocument};

/// A row as Ficshelf writes it: its id (story << 24 | first paragraph) and its text.
struct Row {
    id: i64,
    text: String,
}

const ROW_BYTES: usize = 256 << 10;
const QUERIES: [&str; 2] = ["elwyn", "\"hollis said\""];

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let dir = PathBuf::from(
        std::env::args()
            .nth(1)
            .ok_or("usage: tantivy-compare DIR")?,
    );
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_file())
        .collect();
    files.sort();
    let rows = read_rows(&files);
    let text: usize = rows.iter().map(|r| r.text.len()).sum();
    let file_bytes: u64 = files
        .iter()
        .filter_map(|f| f.metadata().ok())
        .map(|m| m.len())
        .sum();
    println!(
        "{} stories, {:.1} MB in files, {:.1} MB of text in {} rows",
        files.len(),
        file_bytes as f64 / 1e6,
        text as f64 / 1e6,
        rows.len()
    );
    let scratch = tempfile::tempdir_in(dir.parent().unwrap_or(Path::new(".")))?;
    let fts = fts5(&rows, &scratch.path().join("fts5.sqlite"))?;
    report("SQLite FTS5, 1 thread", fts, file_bytes);
    // Threads, memory per thread (MB), and whether segments are merged at the end.
    for (threads, mb, merged) in [
        (1, 64, true),
        (2, 64, true),
        (2, 64, false),
        (2, 400, false),
    ] {
        let at = scratch
            .path()
            .join(format!("tantivy-{threads}-{mb}-{merged}"));
        std::fs::create_dir_all(&at)?;
        let result = tantivy_index(&rows, &at, threads, mb, merged)?;
        let merging = if merged { "merged" } else { "not merged" };
        report(
            &format!("tantivy, {threads} thread(s), {mb} MB, {merging}"),
            result,
            file_bytes,
        );
    }
    Ok(())
}

struct Figures {
    build: f64,
    size: u64,
    /// Per query: median milliseconds and rows found (at most 20).
    queries: Vec<(f64, usize)>,
}

fn report(what: &str, f: Figures, file_bytes: u64) {
    let queries: Vec<String> = QUERIES
        .iter()
        .zip(&f.queries)
        .map(|(q, (ms, n))| format!("{q}: {ms:.2} ms ({n})"))
        .collect();
    println!(
        "{what:40} build {:6.2} s   size {:6.1} MB = {:3.0}% of the files   {}",
        f.build,
        f.size as f64 / 1e6,
        100.0 * f.size as f64 / file_bytes.max(1) as f64,
        queries.join("   ")
    );
}

/// Each file's text (UTF-8, UTF-16 with its mark, else Windows-1252), in paragraphs
/// joined into rows as Ficshelf does.
fn read_rows(files: &[PathBuf]) -> Vec<Row> {
    let mut rows = Vec::new();
    for (story, file) in files.iter().enumerate() {
        let Ok(bytes) = std::fs::read(file) else {
            continue;
        };
        let (text, _, _) = match encoding_rs::Encoding::for_bom(&bytes) {
            Some((encoding, _)) => encoding.decode(&bytes),
            None if std::str::from_utf8(&bytes).is_ok() => encoding_rs::UTF_8.decode(&bytes),
            None => encoding_rs::WINDOWS_1252.decode(&bytes),
        };
        let text = text.replace("\r\n", "\n");
        let mut row = String::new();
        let mut first = 0;
        for (k, paragraph) in text
            .split("\n\n")
            .map(str::trim)
            .filter(|p| !p.is_empty())
            .enumerate()
        {
            if !row.is_empty() && row.len() + paragraph.len() > ROW_BYTES {
                rows.push(Row {
                    id: ((story as i64) << 24) | first,
                    text: std::mem::take(&mut row),
                });
            }
            if row.is_empty() {
                first = k as i64;
            } else {
                row.push('\n');
            }
            row.push_str(paragraph);
        }
        if !row.is_empty() {
            rows.push(Row {
                id: ((story as i64) << 24) | first,
                text: row,
            });
        }
    }
    rows
}

/// A query run 21 times: the median milliseconds and the rows it found.
fn timed(mut query: impl FnMut() -> usize) -> (f64, usize) {
    let mut found = 0;
    let times = (0..21)
        .map(|_| {
            let start = Instant::now();
            found = query();
            start.elapsed().as_secs_f64() * 1000.0
        })
        .collect();
    (median(times), found)
}

fn median(mut times: Vec<f64>) -> f64 {
    times.sort_by(f64::total_cmp);
    times[times.len() / 2]
}

fn size_of(path: &Path) -> u64 {
    if path.is_dir() {
        std::fs::read_dir(path)
            .into_iter()
            .flatten()
            .flatten()
            .map(|e| size_of(&e.path()))
            .sum()
    } else {
        path.metadata().map_or(0, |m| m.len())
    }
}

/// The FTS5 table as `src/collection/fulltext.rs` makes it, written in its batches.
fn fts5(rows: &[Row], file: &Path) -> Result<Figures, Box<dyn std::error::Error>> {
    let mut conn = Connection::open(file)?;
    conn.pragma_update(None, "auto_vacuum", "INCREMENTAL")?;
    conn.pragma_update(None, "journal_mode", "WAL")?;
    conn.pragma_update(None, "synchronous", "OFF")?;
    conn.pragma_update(None, "cache_size", -32_000)?;
    conn.execute_batch(
        "CREATE VIRTUAL TABLE passages USING fts5(text, content = '', contentless_delete = 1,
             tokenize = 'unicode61 remove_diacritics 2');
         INSERT INTO passages(passages, rank) VALUES('hashsize', 16777216);
         INSERT INTO passages(passages, rank) VALUES('automerge', 8);",
    )?;
    let start = Instant::now();
    for batch in rows.chunks(250) {
        let tx = conn.transaction()?;
        {
            let mut insert =
                tx.prepare_cached("INSERT INTO passages (rowid, text) VALUES (?1, ?2)")?;
            for row in batch {
                insert.execute(params![row.id, row.text])?;
            }
        }
        tx.commit()?;
    }
    let mut vacuum = conn.prepare("PRAGMA incremental_vacuum")?;
    let _ = vacuum.query_map([], |_| Ok(()))?.count();
    drop(vacuum);
    conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))?;
    let build = start.elapsed().as_secs_f64();
    let size = ["", "-wal", "-shm"]
        .iter()
        .map(|s| size_of(Path::new(&format!("{}{s}", file.display()))))
        .sum();
    let mut queries = Vec::new();
    for q in QUERIES {
        let mut stmt = conn.prepare(
            "SELECT rowid FROM passages WHERE passages MATCH ?1 ORDER BY bm25(passages) LIMIT 20",
        )?;
        queries.push(timed(|| {
            stmt.query_map([q], |r| r.get::<_, i64>(0))
                .map(|r| r.count())
                .unwrap_or(0)
        }));
    }
    Ok(Figures {
        build,
        size,
        queries,
    })
}

/// The same rows in tantivy: positions kept, words lower-cased and folded to ASCII.
fn tantivy_index(
    rows: &[Row],
    dir: &Path,
    threads: usize,
    mb: usize,
    merged: bool,
) -> Result<Figures, Box<dyn std::error::Error>> {
    let mut schema = Schema::builder();
    let indexing = TextFieldIndexing::default()
        .set_tokenizer("folded")
        .set_index_option(IndexRecordOption::WithFreqsAndPositions);
    let text = schema.add_text_field(
        "text",
        TextOptions::default().set_indexing_options(indexing),
    );
    let id = schema.add_i64_field("row", STORED | FAST);
    let index = Index::create_in_dir(dir, schema.build())?;
    index.tokenizers().register(
        "folded",
        TextAnalyzer::builder(SimpleTokenizer::default())
            .filter(RemoveLongFilter::limit(40))
            .filter(LowerCaser)
            .filter(AsciiFoldingFilter)
            .build(),
    );
    let start = Instant::now();
    let mut writer: IndexWriter =
        index.writer_with_num_threads(threads, threads * mb * 1_000_000)?;
    if !merged {
        writer.set_merge_policy(Box::new(tantivy::indexer::NoMergePolicy));
    }
    for row in rows {
        let mut doc = TantivyDocument::default();
        doc.add_text(text, &row.text);
        doc.add_i64(id, row.id);
        writer.add_document(doc)?;
    }
    writer.commit()?;
    writer.wait_merging_threads()?;
    let build = start.elapsed().as_secs_f64();
    let size = size_of(dir);
    let reader = index.reader()?;
    let searcher = reader.searcher();
    let parser = QueryParser::for_index(&index, vec![text]);
    let mut queries = Vec::new();
    for q in QUERIES {
        let query = parser.parse_query(q)?;
        queries.push(timed(|| {
            searcher
                .search(&query, &TopDocs::with_limit(20).order_by_score())
                .map(|t| t.len())
                .unwrap_or(0)
        }));
    }
    Ok(Figures {
        build,
        size,
        queries,
    })
}
