//! The harvest panel (`#harvest-panel`): downloads of the board (`#export-json`,
//! `#export-md`, `#export-csv`, `#export-svg`, `#export-png`, `#export-pdf`) for the
//! facilitator, and for participants when the facilitator allowed it; and for the
//! facilitator the session's end (`#end-session`), the next session of the arc
//! (`#next-session`) and deleting the session for good (`#delete-session`). The person
//! in the hot seat gets their own harvest (`#caseholder-md`, `#caseholder-pdf`).

use std::rc::Rc;

use wasm_bindgen::JsCast;
use web_sys::Element;

use crate::dom::{self, Hide, el, listen, query, set_attr};
use crate::i18n::{self, Key, Lang};
use ovaal_shared::export_format::ExportFormat;
use ovaal_shared::words::{Word, word};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HarvestAction {
    Export(ExportFormat),
    /// The case-holder's own harvest.
    Caseholder(ExportFormat),
    End,
    Next,
    Delete,
}

pub struct HarvestPanel {
    pub root: Element,
    /// "Download the board" and its buttons: hidden with no format to offer (a
    /// case-holder who may download only their own harvest sees no empty promise).
    board_exports: Element,
    actions: Element,
    end: Element,
    caseholder: Element,
}

/// A download button's id: `#export-json` … `#export-pdf`.
fn button_id(format: ExportFormat) -> String {
    format!("export-{}", format.ext())
}

impl HarvestPanel {
    pub fn new(lang: Lang, act: impl Fn(HarvestAction) + 'static) -> Rc<Self> {
        let exports =
            ExportFormat::ALL
                .into_iter()
                .fold(el("div").class("export-buttons"), |row, format| {
                    row.child(
                        el("button")
                            .id(&button_id(format))
                            .class("export-button")
                            .attr("type", "button")
                            .attr("data-format", format.ext())
                            .attr(
                                "aria-label",
                                &i18n::tf(
                                    lang,
                                    Key::ExportLabel,
                                    &[("format", word(lang, Word::Format(format)))],
                                ),
                            )
                            .text(word(lang, Word::Format(format))),
                    )
                });
        let caseholder = ExportFormat::CASEHOLDER
            .into_iter()
            .fold(
                el("div")
                    .class("caseholder-harvest")
                    .attr("hidden", "")
                    .child(
                        el("p")
                            .class("muted")
                            .key(lang, Key::CaseholderHarvestIntro),
                    ),
                |row, format| {
                    row.child(
                        el("button")
                            .id(&format!("caseholder-{}", format.ext()))
                            .class("export-button")
                            .attr("type", "button")
                            .attr("data-caseholder", format.ext())
                            .attr(
                                "aria-label",
                                &i18n::tf(
                                    lang,
                                    Key::CaseholderHarvestLabel,
                                    &[("format", word(lang, Word::Format(format)))],
                                ),
                            )
                            .text(word(lang, Word::Format(format))),
                    )
                },
            )
            .build();
        let end = el("button")
            .id("end-session")
            .attr("type", "button")
            .key(lang, Key::EndSession)
            .build();
        let actions = el("div")
            .class("harvest-actions")
            .attr("hidden", "")
            .child(
                el("button")
                    .id("next-session")
                    .class("button-primary")
                    .attr("type", "button")
                    .key(lang, Key::NextSession),
            )
            .child(end.clone())
            .child(
                el("button")
                    .id("delete-session")
                    .class("button-danger")
                    .attr("type", "button")
                    .key(lang, Key::DeleteSession),
            )
            .build();
        let board_exports = el("div")
            .class("harvest-exports")
            .child(el("p").class("muted").key(lang, Key::ExportIntro))
            .child(exports)
            .build();
        let root = el("section")
            .id("harvest-panel")
            .class("panel")
            .attr("aria-labelledby", "harvest-title")
            .attr("hidden", "")
            .child(
                el("h2")
                    .id("harvest-title")
                    .class("panel-title")
                    .key(lang, Key::HarvestTitle),
            )
            .child(board_exports.clone())
            .child(caseholder.clone())
            .child(actions.clone())
            .build();
        listen(&root, "click", move |event| {
            let Some(button) = event
                .target()
                .and_then(|t| t.dyn_into::<Element>().ok())
                .and_then(|t| t.closest("button").ok().flatten())
            else {
                return;
            };
            let action = match button.id().as_str() {
                "end-session" => HarvestAction::End,
                "next-session" => HarvestAction::Next,
                "delete-session" => HarvestAction::Delete,
                _ if button.has_attribute("data-caseholder") => {
                    let Some(format) = button.get_attribute("data-caseholder").and_then(|ext| {
                        ExportFormat::CASEHOLDER
                            .into_iter()
                            .find(|f| f.ext() == ext)
                    }) else {
                        return;
                    };
                    HarvestAction::Caseholder(format)
                }
                _ => {
                    let Some(format) = button
                        .get_attribute("data-format")
                        .and_then(|ext| ExportFormat::ALL.into_iter().find(|f| f.ext() == ext))
                    else {
                        return;
                    };
                    HarvestAction::Export(format)
                }
            };
            act(action);
        });
        Rc::new(Self {
            root,
            board_exports,
            actions,
            end,
            caseholder,
        })
    }

    /// Who sees what: `exports` lists the formats this person may download (none
    /// hides the panel); `caseholder` (in the hot seat) adds their own harvest;
    /// `facilitator` adds end, next and delete.
    pub fn render(
        &self,
        lang: Lang,
        exports: &[ExportFormat],
        caseholder: bool,
        facilitator: bool,
        ended: bool,
    ) {
        self.root
            .set_hidden(exports.is_empty() && !facilitator && !caseholder);
        self.board_exports.set_hidden(exports.is_empty());
        self.caseholder.set_hidden(!caseholder);
        for format in ExportFormat::ALL {
            if let Some(button) = query(&self.root, &format!("#{}", button_id(format))) {
                button.set_hidden(!exports.contains(&format));
                set_attr(
                    &button,
                    "aria-label",
                    &i18n::tf(
                        lang,
                        Key::ExportLabel,
                        &[("format", word(lang, Word::Format(format)))],
                    ),
                );
            }
        }
        self.actions.set_hidden(!facilitator);
        // Ending hides "End session", which had the focus when it was confirmed: the
        // focus moves on to what comes next instead of falling onto the page's body.
        let had_focus = dom::document()
            .ok()
            .and_then(|d| d.active_element())
            .is_some_and(|a| a.is_same_node(Some(&self.end)));
        self.end.set_hidden(ended);
        if ended
            && had_focus
            && let Some(next) = query(&self.actions, "#next-session")
                .and_then(|b| b.dyn_into::<web_sys::HtmlElement>().ok())
        {
            let _ = next.focus();
        }
    }
}
