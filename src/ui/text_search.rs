//! Search every word: a window over the library and reader where a query finds passages in
//! the text of every story (the full-text index), ranked, each with its story, chapter and
//! a snippet with the words marked; a click opens the story there, with the words found.

use egui::text::LayoutJob;
use egui::{Color32, FontId, RichText, TextFormat, Ui};

use super::Command;
use crate::collection::fulltext::Hit;

/// The window's state.
#[derive(Debug, Default)]
pub struct TextSearch {
    /// What the reader typed.
    pub query: String,
    /// The passages found for `searched`.
    pub hits: Vec<Hit>,
    /// The query the hits are for.
    pub searched: Option<String>,
    /// What the search is doing (`Indexing 3,400 of 10,000 stories`), while it works.
    pub status: Option<String>,
    /// How far the index is being brought up to date, while it is.
    pub indexing: Option<String>,
    /// Why the index could not be brought up to date, the last time it was tried.
    pub failed: Option<String>,
    /// Ask for keyboard focus on the query box next frame.
    pub focus: bool,
}

/// The window. Returns false when it was closed.
pub fn text_search_ui(
    ctx: &egui::Context,
    open: &mut bool,
    state: &mut TextSearch,
    commands: &mut Vec<Command>,
) {
    egui::Window::new("Search every word")
        .open(open)
        .default_size([620.0, 520.0])
        .show(ctx, |ui| {
            ui.horizontal(|ui| {
                let edit = ui.add(
                    egui::TextEdit::singleline(&mut state.query)
                        .hint_text("words, or \u{201c}an exact phrase\u{201d}")
                        .desired_width(360.0),
                );
                edit.widget_info(|| {
                    egui::WidgetInfo::labeled(egui::Role::TextInput, true, "Search every word")
                });
                if std::mem::take(&mut state.focus) {
                    edit.request_focus();
                }
                let enter = edit.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
                let busy = state.status.is_some();
                let clicked = ui.add_enabled(!busy, egui::Button::new("Search")).clicked();
                if (enter || clicked) && !busy && !state.query.trim().is_empty() {
                    commands.push(Command::SearchText(state.query.trim().to_string()));
                }
            });
            if let Some(status) = &state.status {
                ui.horizontal(|ui| {
                    ui.spinner();
                    ui.label(RichText::new(status).weak());
                });
            } else if let Some(indexing) = &state.indexing {
                // Quiet: searching works meanwhile, once the stories in hand are written.
                ui.label(RichText::new(indexing).weak());
            } else if let Some(failed) = &state.failed {
                ui.label(RichText::new(format!(
                    "The index could not be brought up to date ({failed}); it is tried \
                     again at the next search."
                )));
            }
            ui.separator();
            egui::ScrollArea::vertical()
                .id_salt("text-search-results")
                .auto_shrink(false)
                .show(ui, |ui| results_ui(ui, state, commands));
        });
}

fn results_ui(ui: &mut Ui, state: &TextSearch, commands: &mut Vec<Command>) {
    let Some(searched) = &state.searched else {
        ui.label(
            RichText::new(
                "Finds passages in the text of every story in your collection: a scene \
                 you half remember, a name, a line. Accents and case don't matter.",
            )
            .weak(),
        );
        return;
    };
    if state.hits.is_empty() {
        ui.label(RichText::new(format!("Nothing found for {searched}.")).weak());
        return;
    }
    // A marker-pen yellow, see-through so the text keeps its contrast in every theme.
    let mark = if ui.visuals().dark_mode {
        Color32::from_rgba_unmultiplied(190, 150, 30, 110)
    } else {
        Color32::from_rgba_unmultiplied(255, 205, 60, 120)
    };
    let ink = ui.visuals().text_color();
    for (k, hit) in state.hits.iter().enumerate() {
        ui.push_id(k, |ui| {
            ui.horizontal_wrapped(|ui| {
                ui.label(RichText::new(&hit.title).strong());
                if let Some(chapter) = &hit.chapter {
                    ui.label(RichText::new(chapter).weak());
                }
            });
            let job = snippet_job(
                &hit.snippet,
                ink,
                mark,
                ui.text_style_height(&egui::TextStyle::Body),
            );
            let response = ui
                .add(egui::Button::new(job).frame(false).wrap())
                .on_hover_text("Open the story here");
            response.widget_info(|| {
                egui::WidgetInfo::labeled(egui::Role::Link, true, snippet_plain(&hit.snippet))
            });
            if response.clicked() {
                commands.push(Command::OpenSearchHit(
                    hit.path.clone(),
                    hit.block,
                    first_marked(&hit.snippet).unwrap_or_default(),
                ));
            }
            ui.separator();
        });
    }
}

/// The snippet with its `[marked]` words on a highlight, the brackets taken out.
fn snippet_job(snippet: &str, ink: Color32, mark: Color32, size: f32) -> LayoutJob {
    let mut job = LayoutJob::default();
    let font = FontId::proportional(size.max(12.0) * 0.95);
    for (k, piece) in snippet.split(['[', ']']).enumerate() {
        let mut format = TextFormat::simple(font.clone(), ink);
        if k % 2 == 1 {
            format.background = mark;
        }
        job.append(piece, 0.0, format);
    }
    job
}

fn snippet_plain(snippet: &str) -> String {
    snippet.replace(['[', ']'], "")
}

/// The first words the snippet marks, for the story's own find.
pub fn first_marked(snippet: &str) -> Option<String> {
    let start = snippet.find('[')? + 1;
    let end = start + snippet[start..].find(']')?;
    Some(snippet[start..end].to_string())
}
