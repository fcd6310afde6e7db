//! EPUB and HTML reading against the text engine over the same words, in the same run.
//!
//! The bundled sample stories (`library/*.txt`) are read by the engine, and each is written
//! back out three ways into a temporary folder: the text file as it is, an AO3-style HTML
//! download and an AO3-style EPUB (calibre's layout: a preface file and one XHTML file per
//! chapter, deflated), each copied [`COPIES`] times. Every file is then read and parsed from
//! the page cache on one core (`Story::read`, which picks the format by content), and GNU
//! `wc -w` counts the text files. Throughput is in MB of story text per second (the text
//! files' size), so the three formats are compared over the same words, whatever their
//! markup weighs. Set `FICSHELF_BENCH_ROUNDS` for the rounds (default 7, interleaved).

use std::io::{Cursor, Write};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

mod common;

use common::{median, run, time};
use ficshelf::engine::{BlockKind, Story};
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, ZipWriter};

/// Copies of each sample story in each format.
const COPIES: usize = 40;

fn main() {
    if std::env::args().any(|a| a == "--list") {
        return;
    }
    let dir = match tempfile::tempdir() {
        Ok(d) => d,
        Err(e) => {
            println!("formats bench skipped: {e}");
            return;
        }
    };
    let sets = match write_sets(dir.path()) {
        Ok(s) => s,
        Err(e) => {
            println!("formats bench skipped: {e}");
            return;
        }
    };
    let text_mb = size(&sets[0].1) as f64 / 1e6;
    for (name, files) in &sets {
        println!(
            "{name:5}: {} files, {:.1} MB on disk",
            files.len(),
            size(files) as f64 / 1e6
        );
    }
    // `FICSHELF_BENCH_PROFILE=epub` reads that set over and over for ten seconds, for a
    // profiler, and times nothing.
    if let Ok(only) = std::env::var("FICSHELF_BENCH_PROFILE")
        && let Some((_, files)) = sets.iter().find(|(name, _)| *name == only)
    {
        let start = Instant::now();
        while start.elapsed().as_secs() < 10 {
            std::hint::black_box(parse_all(files));
        }
        return;
    }
    let rounds = std::env::var("FICSHELF_BENCH_ROUNDS")
        .ok()
        .and_then(|r| r.parse().ok())
        .unwrap_or(7);
    let mut times = vec![Vec::new(); sets.len()];
    let mut wc = Vec::new();
    let mut words = vec![0; sets.len()];
    for _ in 0..rounds {
        for (k, (_, files)) in sets.iter().enumerate() {
            let (t, w) = time(|| parse_all(files));
            times[k].push(t);
            words[k] = w;
        }
        let mut wc_cmd = Command::new("wc");
        wc_cmd.arg("-w").args(&sets[0].1).env("LC_ALL", "C.UTF-8");
        if let Some(t) = run(&mut wc_cmd) {
            wc.push(t);
        }
    }
    let text_s = median(&mut times[0]);
    println!("story text: {text_mb:.1} MB; medians of {rounds} rounds, 1 core");
    for (k, (name, _)) in sets.iter().enumerate() {
        let s = median(&mut times[k]);
        println!(
            "{name:5}: {:8.1} MB of text/s  {:5.2}x the text engine's time  ({} words)",
            text_mb / s,
            s / text_s,
            words[k]
        );
    }
    if !wc.is_empty() {
        let wc_s = median(&mut wc);
        println!(
            "wc -w : {:8.1} MB of text/s (over the text files)",
            text_mb / wc_s
        );
    }
    println!("goal: EPUB within 2x the text engine's time");
}

fn size(files: &[PathBuf]) -> u64 {
    files
        .iter()
        .filter_map(|f| f.metadata().ok())
        .map(|m| m.len())
        .sum()
}

/// Reads every file as a story; the words, so nothing is optimised away.
fn parse_all(files: &[PathBuf]) -> usize {
    files
        .iter()
        .filter_map(|f| Story::read(f).ok())
        .map(|s| s.document.words())
        .sum()
}

/// Writes the samples in the three formats; (format, files) with text first.
fn write_sets(dir: &Path) -> Result<Vec<(&'static str, Vec<PathBuf>)>, String> {
    let samples = Path::new(env!("CARGO_MANIFEST_DIR")).join("library");
    let mut sources: Vec<PathBuf> = std::fs::read_dir(&samples)
        .map_err(|e| format!("{}: {e}", samples.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    sources.sort();
    let mut sets = vec![
        ("text", Vec::new()),
        ("html", Vec::new()),
        ("epub", Vec::new()),
    ];
    for source in &sources {
        let bytes = std::fs::read(source).map_err(|e| e.to_string())?;
        let story = Story::read(source).map_err(|e| e.to_string())?;
        let chapters = chapters(&story);
        let html = ao3_html(&story, &chapters);
        let epub = ao3_epub(&story, &chapters)?;
        let stem = source.file_stem().unwrap_or_default().to_string_lossy();
        for n in 0..COPIES {
            for (k, (ext, data)) in [("txt", &bytes), ("html", &html), ("epub", &epub)]
                .into_iter()
                .enumerate()
            {
                let path = dir.join(format!("{stem}-{n}.{ext}"));
                std::fs::write(&path, data).map_err(|e| e.to_string())?;
                sets[k].1.push(path);
            }
        }
    }
    Ok(sets)
}

/// The story's body as chapters of XHTML: (heading, markup).
fn chapters(story: &Story) -> Vec<(String, String)> {
    let doc = &story.document;
    let mut out: Vec<(String, String)> = Vec::new();
    for block in doc.blocks() {
        let text = escape(doc.text(block));
        if block.kind == BlockKind::Heading || out.is_empty() {
            let title = if block.kind == BlockKind::Heading {
                text.clone()
            } else {
                "Chapter 1".to_string()
            };
            out.push((title, String::new()));
            if block.kind == BlockKind::Heading {
                continue;
            }
        }
        let Some((_, body)) = out.last_mut() else {
            continue;
        };
        match block.kind {
            BlockKind::SceneBreak => body.push_str("<hr/>\n"),
            BlockKind::Note => body.push_str(&format!("<blockquote><p>{text}</p></blockquote>\n")),
            _ => body.push_str(&format!("<p>{}</p>\n", text.replace('\n', "<br/>"))),
        }
    }
    out
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// AO3's preface (`otwcode/otwarchive`, `app/views/downloads/_download_preface`).
fn preface(story: &Story) -> String {
    let title = escape(&story.title);
    let author = escape(story.author.as_deref().unwrap_or("Anonymous"));
    let rating = escape(story.rating.raw.as_deref().unwrap_or("Not Rated"));
    format!(
        r#"<div id="preface"><p class="message"><b>{title}</b><br/>Posted originally on the Archive of Our Own at https://archiveofourown.org/works/1.</p>
<div class="meta"><dl class="tags"><dt>Rating:</dt><dd>{rating}</dd>
<dt>Archive Warning:</dt><dd>Creator Chose Not To Use Archive Warnings</dd>
<dt>Fandom:</dt><dd>Original Work</dd><dt>Language:</dt><dd>English</dd>
<dt>Stats:</dt><dd>Published: 2025-01-01 Words: {words} Chapters: 1/1</dd></dl>
<h1>{title}</h1><div class="byline">by {author}</div></div></div>
"#,
        words = story.document.words()
    )
}

fn ao3_html(story: &Story, chapters: &[(String, String)]) -> Vec<u8> {
    let mut page = format!(
        "<!DOCTYPE html>\n<html><head><meta charset=\"UTF-8\"/><title>{}</title></head><body>\n",
        escape(&story.title)
    );
    page.push_str(&preface(story));
    page.push_str("<div id=\"chapters\" class=\"userstuff\">\n");
    for (title, body) in chapters {
        page.push_str(&format!(
            "<div class=\"meta group\"><h2 class=\"heading\">{title}</h2></div>\n<div class=\"userstuff\">{body}</div>\n"
        ));
    }
    page.push_str("</div></body></html>\n");
    page.into_bytes()
}

fn xhtml(title: &str, body: &str) -> String {
    format!(
        "<?xml version='1.0' encoding='utf-8'?>\n<html xmlns=\"http://www.w3.org/1999/xhtml\"><head><title>{}</title></head><body>\n{body}</body></html>\n",
        escape(title)
    )
}

fn ao3_epub(story: &Story, chapters: &[(String, String)]) -> Result<Vec<u8>, String> {
    let mut files = vec![(
        "index_split_000.html".to_string(),
        xhtml(&story.title, &preface(story)),
    )];
    for (n, (title, body)) in chapters.iter().enumerate() {
        let page = format!(
            "<div class=\"meta group\"><h2 class=\"heading\">{title}</h2></div>\n<div class=\"userstuff\">{body}</div>\n"
        );
        files.push((
            format!("index_split_{:03}.html", n + 1),
            xhtml(&story.title, &page),
        ));
    }
    let items: String = (0..files.len())
        .map(|n| {
            format!(
                "<item id=\"id{n}\" href=\"{}\" media-type=\"application/xhtml+xml\"/>",
                files[n].0
            )
        })
        .collect();
    let spine: String = (0..files.len())
        .map(|n| format!("<itemref idref=\"id{n}\"/>"))
        .collect();
    let opf = format!(
        r#"<?xml version='1.0' encoding='utf-8'?>
<package xmlns="http://www.idpf.org/2007/opf" version="2.0" unique-identifier="id"><metadata xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>{}</dc:title><dc:identifier id="id">x</dc:identifier></metadata><manifest>{items}</manifest><spine>{spine}</spine></package>"#,
        escape(&story.title)
    );
    let container = r#"<?xml version="1.0"?><container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container"><rootfiles><rootfile full-path="content.opf" media-type="application/oebps-package+xml"/></rootfiles></container>"#;
    let mut zip = ZipWriter::new(Cursor::new(Vec::new()));
    let stored = SimpleFileOptions::default().compression_method(CompressionMethod::Stored);
    let deflated = SimpleFileOptions::default().compression_method(CompressionMethod::Deflated);
    let err = |e: &dyn std::fmt::Display| e.to_string();
    zip.start_file("mimetype", stored).map_err(|e| err(&e))?;
    zip.write_all(b"application/epub+zip")
        .map_err(|e| err(&e))?;
    let mut all = vec![
        ("META-INF/container.xml".to_string(), container.to_string()),
        ("content.opf".to_string(), opf),
    ];
    all.extend(files);
    for (name, text) in all {
        zip.start_file(name, deflated).map_err(|e| err(&e))?;
        zip.write_all(text.as_bytes()).map_err(|e| err(&e))?;
    }
    Ok(zip.finish().map_err(|e| err(&e))?.into_inner())
}
