//! Files handed over by a later `ficshelf FILE...` (see [`crate::instance`]): the window
//! opens them as it opens files named on its own command line, and comes to the front.

use egui::{UserAttentionType, ViewportCommand};

use super::FicshelfApp;
use crate::instance::Inbox;

impl FicshelfApp {
    /// Opens the files later starts hand over from now on (each wakes the window).
    pub fn listen(&mut self, inbox: Inbox) {
        self.inbox = Some(inbox);
    }

    /// Opens what later starts sent since the last frame, and comes to the front.
    pub(super) fn follow_handoff(&mut self, ctx: &egui::Context) {
        let Some(files) = self.inbox.as_ref().and_then(Inbox::take) else {
            return;
        };
        ctx.send_viewport_cmd(ViewportCommand::Minimized(false));
        ctx.send_viewport_cmd(ViewportCommand::Focus);
        // Where the window manager won't hand over the focus, the taskbar asks for it.
        ctx.send_viewport_cmd(ViewportCommand::RequestUserAttention(
            UserAttentionType::Informational,
        ));
        if files.is_empty() {
            return; // "ficshelf" again, with no files: the window, to the front
        }
        if self.first_scan.is_some() {
            self.pending_files = files; // opened when the collection is known
        } else {
            self.open_from_command_line(&files);
        }
    }
}
