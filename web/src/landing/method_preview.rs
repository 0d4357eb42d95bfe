//! What the chosen method is, shown under the method picker before the session is
//! made (`#method-preview`): its purpose, the group size it suits, and its phases with
//! their minutes, from the same templates the server seeds the board with
//! ([`ovaal_shared::board::templates`]) — so the preview is the plan the board starts
//! with. The free board says it has no phases.
//!
//! The picker names the purpose in `aria-describedby`, so a screen reader reads it
//! with each method; the preview itself is not a live region (it would repeat the
//! whole plan at every arrow key in the picker).

use ovaal_shared::board::{Method, templates};
use web_sys::Element;

use crate::dom::el;
use crate::i18n::{self, Key, Lang};

pub(super) struct MethodPreview {
    pub(super) root: Element,
}

impl MethodPreview {
    pub(super) fn new() -> Self {
        let root = el("section")
            .id("method-preview")
            .class("method-preview")
            .build();
        Self { root }
    }

    /// Rebuilds the preview for `method` in `lang` (also after a language switch: the
    /// texts come from the templates, not from keys [`crate::dom::relabel`] follows).
    pub(super) fn show(&self, lang: Lang, method: Method) {
        let root = &self.root;
        root.set_text_content(None);
        root.set_attribute("data-method", method.as_str()).ok();
        root.set_attribute("aria-label", i18n::t(lang, Key::MethodPreviewLabel))
            .ok();
        let (nl, en) = method.purpose();
        let purpose = match lang {
            Lang::Nl => nl,
            Lang::En => en,
        };
        let size = method.group_size();
        let group = i18n::tf(
            lang,
            Key::MethodGroupSize,
            &[
                ("min", &size.min.to_string()),
                ("max", &size.max.to_string()),
            ],
        );
        let parts = [
            el("p").id("method-purpose").text(purpose).build(),
            el("p")
                .id("method-group-size")
                .class("muted")
                .text(&group)
                .build(),
        ];
        for part in parts {
            let _ = root.append_child(&part);
        }
        if method == Method::Free {
            let none = el("p")
                .id("method-no-phases")
                .class("muted")
                .text(i18n::t(lang, Key::MethodNoPhases))
                .build();
            let _ = root.append_child(&none);
            return;
        }
        self.append_phases(lang, method);
    }

    fn append_phases(&self, lang: Lang, method: Method) {
        let plan = templates::phases(method);
        let total: u32 = plan.iter().map(|p| p.minutes).sum();
        let heading = el("h3")
            .id("method-phases-title")
            .text(i18n::t(lang, Key::MethodPhasesHeading))
            .child(el("span").class("muted").text(&format!(
                " · {}",
                i18n::tf(lang, Key::MethodTotal, &[("minutes", &total.to_string())])
            )))
            .build();
        let list = el("ol")
            .id("method-phases")
            .attr("aria-labelledby", "method-phases-title")
            .build();
        for phase in &plan {
            let row = el("li")
                .attr("data-phase-id", &phase.id)
                .attr("data-minutes", &phase.minutes.to_string())
                .child(
                    el("span")
                        .class("method-phase-name")
                        .text(phase.name.get(lang.tag())),
                );
            let row = if phase.minutes > 0 {
                row.child(el("span").class("method-phase-minutes").text(&i18n::tf(
                    lang,
                    Key::MethodPhaseMinutes,
                    &[("minutes", &phase.minutes.to_string())],
                )))
            } else {
                row
            };
            let _ = list.append_child(&row.build());
        }
        let _ = self.root.append_child(&heading);
        let _ = self.root.append_child(&list);
    }
}
