//! The form for a new or changed phase in the plan editor: names and instructions in
//! Dutch and English, the card kinds, how the case-holder takes part, private writing
//! and the minutes (hooks in [`super::plan_editor`]).

use ovaal_shared::board::CardKind;
use ovaal_shared::board::phase::{CaseholderMode, Phase};
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlInputElement, HtmlSelectElement, HtmlTextAreaElement};

use crate::dom::{Hide, el, set_attr};
use crate::i18n::{self, Key, Lang};
use crate::plan::PhaseDraft;

const MODES: [CaseholderMode; 3] = [
    CaseholderMode::Speaks,
    CaseholderMode::Listens,
    CaseholderMode::BackTurned,
];

pub struct PhaseForm {
    pub root: Element,
    title: Element,
    name_nl: HtmlInputElement,
    name_en: HtmlInputElement,
    instruction_nl: HtmlTextAreaElement,
    instruction_en: HtmlTextAreaElement,
    caseholder: HtmlSelectElement,
    private: HtmlInputElement,
    minutes: HtmlInputElement,
    error: Element,
}

fn field(id: &str, key: Key, lang: Lang, control: &Element) -> Element {
    el("div")
        .class("field")
        .child(el("label").attr("for", id).key(lang, key))
        .child(control.clone())
        .build()
}

impl PhaseForm {
    pub fn new(lang: Lang) -> Self {
        let input = |id: &str| {
            el("input")
                .id(id)
                .attr("type", "text")
                .attr("maxlength", "80")
                .cast::<HtmlInputElement>()
        };
        let area = |id: &str| {
            el("textarea")
                .id(id)
                .attr("rows", "2")
                .attr("maxlength", "400")
                .cast::<HtmlTextAreaElement>()
        };
        let (name_nl, name_en) = (input("phase-name-nl"), input("phase-name-en"));
        let (instruction_nl, instruction_en) =
            (area("phase-instruction-nl"), area("phase-instruction-en"));
        let caseholder = el("select")
            .id("phase-caseholder")
            .cast::<HtmlSelectElement>();
        for mode in MODES {
            let option = el("option").attr("value", mode.as_str()).build();
            let _ = caseholder.append_child(&option);
        }
        let private = el("input")
            .id("phase-private")
            .attr("type", "checkbox")
            .cast::<HtmlInputElement>();
        let minutes = el("input")
            .id("phase-minutes")
            .attr("type", "number")
            .attr("min", "0")
            .attr("max", "600")
            .attr("inputmode", "numeric")
            .cast::<HtmlInputElement>();
        let kinds = CardKind::ALL.into_iter().fold(
            el("fieldset")
                .class("choices")
                .class("kind-choices")
                .child(el("legend").key(lang, Key::PhaseKindsLabel)),
            |set, kind| {
                set.child(
                    el("label")
                        .class("choice")
                        .child(
                            el("input")
                                .class("phase-kind")
                                .attr("type", "checkbox")
                                .attr("value", kind.as_str()),
                        )
                        .child(el("span").class("phase-kind-label")),
                )
            },
        );
        let title = el("h3")
            .id("phase-form-title")
            .attr("tabindex", "-1")
            .build();
        let error = el("p")
            .id("phase-form-error")
            .class("field-error")
            .attr("role", "alert")
            .build();
        let root = el("form")
            .id("phase-form")
            .class("phase-form")
            .attr("novalidate", "")
            .attr("hidden", "")
            .child(title.clone())
            .child(
                el("div")
                    .class("field-pair")
                    .child(field("phase-name-nl", Key::PhaseNameNl, lang, &name_nl))
                    .child(field("phase-name-en", Key::PhaseNameEn, lang, &name_en)),
            )
            .child(field(
                "phase-instruction-nl",
                Key::PhaseInstructionNl,
                lang,
                &instruction_nl,
            ))
            .child(field(
                "phase-instruction-en",
                Key::PhaseInstructionEn,
                lang,
                &instruction_en,
            ))
            .child(kinds)
            .child(field(
                "phase-caseholder",
                Key::PhaseCaseholderLabel,
                lang,
                &caseholder,
            ))
            .child(
                el("label")
                    .class("switch")
                    .child(private.clone())
                    .child(el("span").key(lang, Key::PhasePrivateLabel)),
            )
            .child(field(
                "phase-minutes",
                Key::PhaseMinutesLabel,
                lang,
                &minutes,
            ))
            .child(error.clone())
            .child(
                el("div")
                    .class("actions")
                    .child(
                        el("button")
                            .id("phase-form-cancel")
                            .class("button-quiet")
                            .attr("type", "button")
                            .key(lang, Key::Cancel),
                    )
                    .child(
                        el("button")
                            .id("phase-save")
                            .class("button-primary")
                            .attr("type", "submit")
                            .key(lang, Key::PhaseSave),
                    ),
            )
            .build();
        Self {
            root,
            title,
            name_nl,
            name_en,
            instruction_nl,
            instruction_en,
            caseholder,
            private,
            minutes,
            error,
        }
    }

    /// Shows the form for `phase` (empty for a new one) and puts the caret in it.
    pub fn fill(&self, lang: Lang, phase: Option<&Phase>) {
        let tag = lang.tag();
        let f = self;
        let draft = phase.map(PhaseDraft::of);
        let text = |get: fn(&PhaseDraft) -> &str| draft.as_ref().map_or("", get).to_owned();
        f.name_nl.set_value(&text(|d| &d.name_nl));
        f.name_en.set_value(&text(|d| &d.name_en));
        f.instruction_nl.set_value(&text(|d| &d.instruction_nl));
        f.instruction_en.set_value(&text(|d| &d.instruction_en));
        let mode = phase.map_or(CaseholderMode::Speaks, |p| p.caseholder);
        f.caseholder.set_value(mode.as_str());
        f.private.set_checked(phase.is_some_and(|p| p.private));
        f.minutes
            .set_value(&phase.map_or(10, |p| p.minutes).to_string());
        for (i, kind) in CardKind::ALL.into_iter().enumerate() {
            if let Some(input) = self.kind_input(i) {
                input.set_checked(phase.is_some_and(|p| p.allows(kind)));
            }
        }
        let title = match phase {
            Some(p) => i18n::tf(lang, Key::PhaseFormEdit, &[("name", p.name.get(tag))]),
            None => i18n::t(lang, Key::PhaseFormNew).to_owned(),
        };
        f.title.set_text_content(Some(&title));
        f.error.set_text_content(None);
        self.relabel(lang);
        f.root.set_hidden(false);
        let _ = f.name_nl.focus();
    }

    fn kind_input(&self, index: usize) -> Option<HtmlInputElement> {
        let nodes = self.root.query_selector_all("input.phase-kind").ok()?;
        nodes.item(u32::try_from(index).ok()?)?.dyn_into().ok()
    }

    fn relabel(&self, lang: Lang) {
        if let Ok(labels) = self.root.query_selector_all(".phase-kind-label") {
            for (kind, i) in CardKind::ALL.into_iter().zip(0u32..) {
                if let Some(label) = labels.item(i) {
                    label.set_text_content(Some(&format!(
                        "{} {}",
                        i18n::kind_icon(kind),
                        i18n::t(lang, i18n::kind_key(kind))
                    )));
                }
            }
        }
        let options = self.caseholder.options();
        for (mode, i) in MODES.into_iter().zip(0u32..) {
            if let Some(option) = options.item(i) {
                option.set_text_content(Some(i18n::t(lang, i18n::caseholder_key(mode))));
            }
        }
    }

    /// What the facilitator typed.
    pub fn draft(&self) -> PhaseDraft {
        let kinds = CardKind::ALL
            .into_iter()
            .enumerate()
            .filter(|(i, _)| self.kind_input(*i).is_some_and(|input| input.checked()))
            .map(|(_, k)| k)
            .collect();
        PhaseDraft {
            name_nl: self.name_nl.value(),
            name_en: self.name_en.value(),
            instruction_nl: self.instruction_nl.value(),
            instruction_en: self.instruction_en.value(),
            kinds,
            caseholder: CaseholderMode::parse(&self.caseholder.value())
                .unwrap_or(CaseholderMode::Speaks),
            private: self.private.checked(),
            minutes: self.minutes.value().trim().parse().unwrap_or(0),
        }
    }

    pub fn show_error(&self, lang: Lang, key: Key) {
        self.error.set_text_content(Some(i18n::t(lang, key)));
        set_attr(&self.error, "data-error", key.name());
    }
}
