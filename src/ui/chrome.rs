//! The window's chrome: the reader's top bar and find bar, the quiet status line, the
//! message bar, the welcome page, the settings window and the drop overlay.

use egui::{Align, Key, Layout, Modifiers, RichText, Ui};

use super::reader::{ReaderView, show_current_match};
use super::status_menus::{Marks, marks_menus_ui};
use super::{Command, duration_words, thousands};
use crate::app::Notice;
use crate::collection::Entry;

/// The message bar at the top: a notice, an offer to import, or import progress.
pub fn notice_ui(
    ui: &mut Ui,
    notice: Option<&Notice>,
    progress: Option<(&str, (usize, usize))>,
    commands: &mut Vec<Command>,
) {
    if notice.is_none() && progress.is_none() {
        return;
    }
    egui::Panel::top("notice").show(ui, |ui| {
        ui.horizontal_wrapped(|ui| {
            if let Some((what, (done, total))) = progress {
                ui.add(
                    egui::ProgressBar::new(done as f32 / total.max(1) as f32).desired_width(160.0),
                );
                ui.label(format!(
                    "{what}: {} of {}",
                    crate::ui::thousands(done),
                    crate::ui::thousands(total)
                ));
            }
            if let Some(notice) = notice {
                ui.label(&notice.text);
                if !notice.offer_import.is_empty() {
                    let label = if notice.offer_import.len() == 1 {
                        "Add to collection".to_string()
                    } else {
                        format!("Add {} to collection", notice.offer_import.len())
                    };
                    if ui.button(label).clicked() {
                        commands.push(Command::Import(notice.offer_import.clone()));
                    }
                }
                if let Some(path) = &notice.offer_open
                    && ui.button("Open anyway").clicked()
                {
                    commands.push(Command::OpenAnyway(path.clone()));
                }
                if let Some((block, label)) = &notice.offer_part
                    && ui.button(label).clicked()
                {
                    commands.push(Command::GoToBlock(*block));
                }
                if ui.small_button("×").on_hover_text("Dismiss").clicked() {
                    commands.push(Command::DismissNotice);
                }
            }
        });
    });
}

/// A file of a work in several: its entry, its name in the contents, and whether it is the
/// one open.
pub type WorkFile = (usize, String, bool);

/// The reader's top bar: library toggle, title, contents (with the work's other files,
/// `files`, when it is in several), find, text size, close; and the find bar under it when
/// open.
pub fn reader_bar_ui(
    ui: &mut Ui,
    view: &mut ReaderView,
    (marks, files): (Marks<'_>, &[WorkFile]),
    library_shown: bool,
    commands: &mut Vec<Command>,
) {
    egui::Panel::top("reader-bar").show(ui, |ui| {
        // Too narrow for one row (a small window with the library and the filters open):
        // the title, text size and Close keep the first row, the other buttons go to a
        // second.
        let narrow = ui.available_width() < NARROW_BAR;
        let mut marks = Some(marks);
        ui.horizontal(|ui| {
            let toggle = if library_shown {
                "« Library"
            } else {
                "» Library"
            };
            if ui
                .button(toggle)
                .on_hover_text("Show or hide the library (F9)")
                .clicked()
            {
                commands.push(Command::ToggleLibrary);
            }
            ui.with_layout(Layout::right_to_left(Align::Center), |ui| {
                if ui
                    .button("Close")
                    .on_hover_text("Close the story")
                    .clicked()
                {
                    commands.push(Command::CloseReader);
                }
                size_buttons(ui, commands, true);
                if !narrow && let Some(marks) = marks.take() {
                    tool_buttons(ui, view, (marks, files), commands, true);
                }
                // The title takes what the buttons leave, cut short with an ellipsis.
                let title = egui::Label::new(RichText::new(&view.story.title).strong()).truncate();
                ui.with_layout(Layout::left_to_right(Align::Center), |ui| ui.add(title));
            });
        });
        if let Some(marks) = marks {
            ui.horizontal_wrapped(|ui| tool_buttons(ui, view, (marks, files), commands, false));
        }
        if view.find.open {
            find_bar_ui(ui, view);
        }
    });
}

/// Below this width the reader's bar takes two rows.
const NARROW_BAR: f32 = 640.0;

/// The bar's buttons between the title and the text size: status and lists, contents,
/// find and marks, as they read left to right (`rtl`: added from the right).
fn tool_buttons(
    ui: &mut Ui,
    view: &mut ReaderView,
    (marks, files): (Marks<'_>, &[WorkFile]),
    commands: &mut Vec<Command>,
    rtl: bool,
) {
    if rtl {
        super::reader::marks::bar_buttons_ui(ui, view);
        find_button(ui, view);
        contents_menu(ui, view, files, commands);
        status_menu(ui, view.hash.is_some(), marks, commands);
    } else {
        status_menu(ui, view.hash.is_some(), marks, commands);
        contents_menu(ui, view, files, commands);
        find_button(ui, view);
        super::reader::marks::bar_buttons_ui(ui, view);
    }
}

/// A− and A+ (A− on the left however they are added).
fn size_buttons(ui: &mut Ui, commands: &mut Vec<Command>, rtl: bool) {
    let order = if rtl { [1.0, -1.0] } else { [-1.0, 1.0] };
    for step in order {
        let (label, tip) = if step > 0.0 {
            ("A+", "Larger text (Ctrl+=)")
        } else {
            ("A−", "Smaller text (Ctrl+-)")
        };
        if ui.button(label).on_hover_text(tip).clicked() {
            commands.push(Command::TextSize(step));
        }
    }
}

fn find_button(ui: &mut Ui, view: &mut ReaderView) {
    if ui
        .button("Find")
        .on_hover_text("Find in story (Ctrl+F)")
        .clicked()
    {
        view.find.open();
    }
}

/// Greyed until the fingerprint that keys the marks is known (a big story being read).
fn status_menu(ui: &mut Ui, known: bool, marks: Marks<'_>, commands: &mut Vec<Command>) {
    let status = marks.status.label();
    ui.add_enabled_ui(known, |ui| {
        ui.menu_button(status, |ui| marks_menus_ui(ui, marks, commands))
    })
    .inner
    .response
    .on_hover_text("Status and lists")
    .widget_info(|| {
        let label = format!("Status and lists: {status}");
        egui::WidgetInfo::labeled(egui::Role::Button, true, label)
    });
}

fn contents_menu(
    ui: &mut Ui,
    view: &mut ReaderView,
    files: &[WorkFile],
    commands: &mut Vec<Command>,
) {
    if view.story.document.parts().is_empty() && files.is_empty() {
        return;
    }
    if view.is_reading() {
        // The same button, greyed, so that nothing moves when the parts are all in.
        ui.add_enabled_ui(false, |ui| ui.menu_button("Contents", |_| {}))
            .response
            .on_disabled_hover_text("reading…");
        return;
    }
    let mut go = None;
    ui.menu_button("Contents", |ui| {
        egui::ScrollArea::vertical()
            .max_height(400.0)
            .show(ui, |ui| {
                // A work in several files: its files first, the open one's parts below.
                for (entry, name, open) in files {
                    if ui.selectable_label(*open, name).clicked() && !open {
                        commands.push(Command::Open(*entry));
                        ui.close();
                    }
                }
                if !files.is_empty() && !view.story.document.parts().is_empty() {
                    ui.separator();
                }
                let current = view.current_part().map(str::to_string);
                for (i, part) in view.story.document.parts().iter().enumerate() {
                    let here = current.as_deref() == Some(part.title.as_str());
                    if ui.selectable_label(here, &part.title).clicked() {
                        go = Some(i);
                        ui.close();
                    }
                }
            });
    });
    if let Some(i) = go {
        view.go_to_part(i);
    }
}

fn find_bar_ui(ui: &mut Ui, view: &mut ReaderView) {
    ui.horizontal(|ui| {
        ui.label("Find");
        let edit = ui.add(
            egui::TextEdit::singleline(&mut view.find.query)
                .desired_width(220.0)
                .hint_text("word or phrase"),
        );
        edit.widget_info(|| {
            egui::WidgetInfo::labeled(egui::Role::TextInput, true, "Find in the story")
        });
        if std::mem::take(&mut view.find.focus) {
            edit.request_focus();
        }
        // Find waits for the whole story: a search of its first chunk would miss the rest.
        if !view.is_reading() && view.find.update(&view.story.document) {
            show_current_match(view);
        }
        let enter = edit.lost_focus() && ui.input(|i| i.key_pressed(Key::Enter));
        if enter {
            let back = ui.input(|i| i.modifiers.shift);
            view.find.step(!back);
            show_current_match(view);
            edit.request_focus();
        }
        if ui.button("Previous").on_hover_text("Shift+F3").clicked() {
            view.find.step(false);
            show_current_match(view);
        }
        if ui.button("Next").on_hover_text("F3 or Enter").clicked() {
            view.find.step(true);
            show_current_match(view);
        }
        let status = if view.is_reading() {
            "reading…".to_string()
        } else {
            view.find.status()
        };
        ui.label(RichText::new(status).weak());
        if ui
            .button("×")
            .on_hover_text("Close the find bar (Escape)")
            .clicked()
        {
            view.find.close();
        }
    });
}

/// Ctrl+F, F3/Shift+F3 and Escape for the find bar.
pub fn find_shortcuts(ctx: &egui::Context, view: &mut ReaderView) {
    // Shift+F3 first: a plain-F3 check would also take it.
    let (open, prev, next, escape) = ctx.input_mut(|i| {
        (
            i.consume_key(Modifiers::COMMAND, Key::F),
            i.consume_key(Modifiers::SHIFT, Key::F3),
            i.consume_key(Modifiers::NONE, Key::F3),
            view.find.open && i.consume_key(Modifiers::NONE, Key::Escape),
        )
    });
    if open {
        view.find.open();
    }
    if next || prev {
        view.find.step(next);
        show_current_match(view);
    }
    if escape {
        view.find.close();
    }
}

/// The quiet line under the story: part, percent and time left.
pub fn status_ui(ui: &mut Ui, view: &ReaderView, words_per_minute: u32) {
    egui::Panel::bottom("status").show(ui, |ui| {
        if view.is_reading() {
            ui.label(RichText::new("reading…").small().weak());
            return;
        }
        let place = view.place();
        let words = view.story.document.words();
        let left =
            words as f64 * f64::from(1.0 - place.progress) / f64::from(words_per_minute.max(1));
        let mut text = format!(
            "{}%  ·  {} left  ·  {} words",
            (place.progress * 100.0).round(),
            duration_words(left),
            thousands(words)
        );
        if let Some(part) = view.current_part() {
            text = format!("{part}  ·  {text}");
        }
        ui.label(RichText::new(text).small().weak());
    });
}

/// The page shown when no story is open.
pub fn welcome_ui(ui: &mut Ui, resume: Option<(usize, &Entry)>, commands: &mut Vec<Command>) {
    ui.add_space(ui.available_height() * 0.25);
    ui.vertical_centered(|ui| {
        ui.label(RichText::new("Ficshelf").size(32.0));
        ui.add_space(8.0);
        ui.label("Choose a story in the library: double-click it, or select it and press Enter.");
        if let Some((index, entry)) = resume {
            ui.add_space(16.0);
            if ui
                .button(format!("Continue “{}”", entry.meta.title))
                .clicked()
            {
                commands.push(Command::Open(index));
            }
        }
        ui.add_space(16.0);
        ui.label(
            RichText::new("Ctrl+O import  ·  Ctrl+L search  ·  F9 library  ·  F11 full screen  ·  F1 all shortcuts")
                .small()
                .weak(),
        );
    });
}

/// A hint over the window while files are dragged over it.
pub fn drop_overlay_ui(ctx: &egui::Context) {
    if ctx.input(|i| i.raw.hovered_files.is_empty()) {
        return;
    }
    let screen = ctx.content_rect();
    let painter = ctx.layer_painter(egui::LayerId::new(
        egui::Order::Foreground,
        egui::Id::unique("drop"),
    ));
    painter.rect_filled(screen, 0.0, egui::Color32::from_black_alpha(160));
    painter.text(
        screen.center(),
        egui::Align2::CENTER_CENTER,
        "Drop to import into your collection",
        egui::FontId::proportional(24.0),
        egui::Color32::WHITE,
    );
}
