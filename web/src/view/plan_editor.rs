//! The facilitator's plan editor (`#plan-dialog`, opened by `#plan-edit`): the phases
//! in order (`li.plan-row[data-phase-id]` with `.plan-up`, `.plan-down`, `.plan-edit`,
//! `.plan-remove`), and a form for a new or changed phase (`#plan-add` opens it empty;
//! `#phase-name-nl`, `#phase-name-en`, `#phase-instruction-nl`,
//! `#phase-instruction-en`, `input.phase-kind[value=<kind>]`, `#phase-caseholder`,
//! `#phase-private`, `#phase-minutes`, `#phase-save`, `#phase-form-cancel`,
//! `#phase-form-error`). A new phase goes right after the current one, so "next
//! phase" leads to it. Every change writes the whole plan; phase ids never change.

use std::cell::RefCell;
use std::rc::Rc;

use ovaal_shared::board::CardKind;
use ovaal_shared::board::phase::{CaseholderMode, Phase};
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement, HtmlInputElement, HtmlSelectElement, HtmlTextAreaElement};

use super::dialog::Dialog;
use crate::dom::{Hide, el, listen, query, set_attr};
use crate::i18n::{self, Key, Lang};
use crate::plan::{self, PhaseDraft, PlanError};

const MODES: [CaseholderMode; 3] = [
    CaseholderMode::Speaks,
    CaseholderMode::Listens,
    CaseholderMode::BackTurned,
];

struct Form {
    root: Element,
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

pub struct PlanEditor {
    dialog: Rc<Dialog>,
    list: Element,
    form: Form,
    plan: RefCell<Vec<Phase>>,
    current: RefCell<Option<String>>,
    /// The phase being edited (`None`: adding a new one).
    editing: RefCell<Option<String>>,
    lang: RefCell<Lang>,
    on_plan: Box<dyn Fn(Vec<Phase>)>,
}

fn field(id: &str, key: Key, lang: Lang, control: &Element) -> Element {
    el("div")
        .class("field")
        .child(el("label").attr("for", id).key(lang, key))
        .child(control.clone())
        .build()
}

impl PlanEditor {
    pub fn new(lang: Lang, on_plan: impl Fn(Vec<Phase>) + 'static) -> Rc<Self> {
        let dialog = Dialog::new(lang, "plan-dialog", Key::PlanTitle);
        let list = el("ol").id("plan-list").class("plan-list").build();
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
        let add = el("button")
            .id("plan-add")
            .attr("type", "button")
            .key(lang, Key::PlanAddPhase)
            .build();
        let _ = dialog.body.append_child(&list);
        let _ = dialog.body.append_child(&add);
        let _ = dialog.body.append_child(&root);
        let editor = Rc::new(Self {
            dialog,
            list,
            form: Form {
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
            },
            plan: RefCell::new(Vec::new()),
            current: RefCell::new(None),
            editing: RefCell::new(None),
            lang: RefCell::new(lang),
            on_plan: Box::new(on_plan),
        });
        let e = Rc::clone(&editor);
        listen(&editor.dialog.body, "click", move |event| e.click(&event));
        let e = Rc::clone(&editor);
        listen(&editor.form.root, "submit", move |event| {
            event.prevent_default();
            e.save();
        });
        let e = Rc::clone(&editor);
        editor.dialog.on_close(move || e.form.root.set_hidden(true));
        editor
    }

    /// Opens the editor on the current plan.
    pub fn open(&self, lang: Lang, plan: &[Phase], current: Option<&str>) {
        self.update(lang, plan, current);
        self.render_list(lang);
        self.form.root.set_hidden(true);
        self.dialog.open(None);
    }

    /// Keeps an open editor in line with the plan (someone else may change it too).
    pub fn update(&self, lang: Lang, plan: &[Phase], current: Option<&str>) {
        *self.lang.borrow_mut() = lang;
        *self.plan.borrow_mut() = plan.to_vec();
        *self.current.borrow_mut() = current.map(str::to_owned);
        if self.dialog.is_open() {
            self.render_list(lang);
        }
    }

    fn render_list(&self, lang: Lang) {
        let tag = lang.tag();
        let focused = crate::dom::document()
            .ok()
            .and_then(|d| d.active_element())
            .filter(|a| self.list.contains(Some(a)))
            .and_then(|a| {
                let row = a
                    .closest("li.plan-row")
                    .ok()??
                    .get_attribute("data-phase-id")?;
                Some((row, a.class_name()))
            });
        self.list.set_text_content(None);
        let plan = self.plan.borrow();
        let current = self.current.borrow().clone();
        for (i, phase) in plan.iter().enumerate() {
            let name = phase.name.get(tag);
            let tool = |class: &str, key: Key, glyph: &str, off: bool| {
                el("button")
                    .class(class)
                    .class("icon-button")
                    .attr("type", "button")
                    .attr("aria-disabled", if off { "true" } else { "false" })
                    .attr("aria-label", &format!("{}: {name}", i18n::t(lang, key)))
                    .attr("title", i18n::t(lang, key))
                    .child(el("span").attr("aria-hidden", "true").text(glyph))
            };
            let here = current.as_deref() == Some(phase.id.as_str());
            let mut text = el("span")
                .class("plan-name")
                .text(&format!("{}. {name}", i + 1));
            if here {
                text = text.child(
                    el("span")
                        .class("badge")
                        .text(i18n::t(lang, Key::CurrentPhaseMark)),
                );
            }
            let details = format!(
                "{} · {} min{}",
                phase
                    .kinds
                    .iter()
                    .map(|k| i18n::kind_icon(*k))
                    .collect::<Vec<_>>()
                    .join(" "),
                phase.minutes,
                if phase.private { " · 🔒" } else { "" }
            );
            let row = el("li")
                .class("plan-row")
                .attr("data-phase-id", &phase.id)
                .child(
                    el("div")
                        .class("plan-text")
                        .child(text)
                        .child(el("span").class("plan-details").text(&details)),
                )
                .child(
                    el("div")
                        .class("plan-tools")
                        .child(tool("plan-up", Key::PlanMoveUp, "↑", i == 0))
                        .child(tool(
                            "plan-down",
                            Key::PlanMoveDown,
                            "↓",
                            i + 1 == plan.len(),
                        ))
                        .child(tool("plan-edit", Key::Edit, "✎", false))
                        .child(tool(
                            "plan-remove",
                            Key::Delete,
                            "✕",
                            here || plan.len() == 1,
                        )),
                )
                .build();
            let _ = self.list.append_child(&row);
        }
        if let Some((row, class)) = focused {
            let first_class = class.split(' ').next().unwrap_or_default().to_owned();
            let selector = format!("li.plan-row[data-phase-id=\"{row}\"] .{first_class}");
            if let Some(button) =
                query(&self.list, &selector).and_then(|b| b.dyn_into::<HtmlElement>().ok())
            {
                let _ = button.focus();
            }
        }
    }

    fn click(&self, event: &web_sys::Event) {
        let Some(button) = event
            .target()
            .and_then(|t| t.dyn_into::<Element>().ok())
            .and_then(|t| t.closest("button").ok().flatten())
        else {
            return;
        };
        if button.get_attribute("aria-disabled").as_deref() == Some("true") {
            return;
        }
        match button.id().as_str() {
            "plan-add" => return self.show_form(None),
            "phase-form-cancel" => {
                self.form.root.set_hidden(true);
                return;
            }
            _ => {}
        }
        let Some(id) = button
            .closest("li.plan-row")
            .ok()
            .flatten()
            .and_then(|row| row.get_attribute("data-phase-id"))
        else {
            return;
        };
        let plan = self.plan.borrow().clone();
        let current = self.current.borrow().clone();
        let class = button.class_list();
        let result = if class.contains("plan-up") {
            plan::move_phase(&plan, &id, -1)
        } else if class.contains("plan-down") {
            plan::move_phase(&plan, &id, 1)
        } else if class.contains("plan-remove") {
            plan::remove_phase(&plan, &id, current.as_deref())
        } else if class.contains("plan-edit") {
            return self.show_form(Some(&id));
        } else {
            return;
        };
        self.apply(result);
    }

    fn show_form(&self, id: Option<&str>) {
        let lang = *self.lang.borrow();
        let tag = lang.tag();
        let plan = self.plan.borrow();
        let phase = id.and_then(|id| plan.iter().find(|p| p.id == id));
        *self.editing.borrow_mut() = phase.map(|p| p.id.clone());
        let f = &self.form;
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
        self.relabel_form(lang);
        f.root.set_hidden(false);
        let _ = f.name_nl.focus();
    }

    fn kind_input(&self, index: usize) -> Option<HtmlInputElement> {
        let nodes = self.form.root.query_selector_all("input.phase-kind").ok()?;
        nodes.item(index as u32)?.dyn_into().ok()
    }

    fn relabel_form(&self, lang: Lang) {
        if let Ok(labels) = self.form.root.query_selector_all(".phase-kind-label") {
            for (i, kind) in CardKind::ALL.into_iter().enumerate() {
                if let Some(label) = labels.item(i as u32) {
                    label.set_text_content(Some(&format!(
                        "{} {}",
                        i18n::kind_icon(kind),
                        i18n::t(lang, i18n::kind_key(kind))
                    )));
                }
            }
        }
        let options = self.form.caseholder.options();
        for (i, mode) in MODES.into_iter().enumerate() {
            if let Some(option) = options.item(i as u32) {
                option.set_text_content(Some(i18n::t(lang, i18n::caseholder_key(mode))));
            }
        }
    }

    fn save(&self) {
        let f = &self.form;
        let kinds = CardKind::ALL
            .into_iter()
            .enumerate()
            .filter(|(i, _)| self.kind_input(*i).is_some_and(|input| input.checked()))
            .map(|(_, k)| k)
            .collect();
        let draft = PhaseDraft {
            name_nl: f.name_nl.value(),
            name_en: f.name_en.value(),
            instruction_nl: f.instruction_nl.value(),
            instruction_en: f.instruction_en.value(),
            kinds,
            caseholder: CaseholderMode::parse(&f.caseholder.value())
                .unwrap_or(CaseholderMode::Speaks),
            private: f.private.checked(),
            minutes: f.minutes.value().trim().parse().unwrap_or(0),
        };
        let plan = self.plan.borrow().clone();
        let editing = self.editing.borrow().clone();
        let current = self.current.borrow().clone();
        let result = match &editing {
            Some(id) => plan::change_phase(&plan, id, draft),
            None => plan::add_phase(&plan, draft, current.as_deref()),
        };
        if self.apply(result) {
            f.root.set_hidden(true);
            if let Some(button) =
                query(&self.dialog.body, "#plan-add").and_then(|b| b.dyn_into::<HtmlElement>().ok())
            {
                let _ = button.focus();
            }
        }
    }

    /// Writes the new plan, or shows why not. Returns whether it was written.
    fn apply(&self, result: Result<Vec<Phase>, PlanError>) -> bool {
        let lang = *self.lang.borrow();
        match result {
            Ok(plan) => {
                *self.plan.borrow_mut() = plan.clone();
                (self.on_plan)(plan);
                self.render_list(lang);
                true
            }
            Err(e) => {
                let key = match e {
                    PlanError::NoName => Key::PlanNoName,
                    PlanError::NoKinds => Key::PlanNoKinds,
                    PlanError::RemovingCurrent => Key::PlanRemovingCurrent,
                    PlanError::LastPhase | PlanError::NoSuchPhase(_) => Key::PlanLastPhase,
                };
                self.form.error.set_text_content(Some(i18n::t(lang, key)));
                set_attr(&self.form.error, "data-error", key.name());
                false
            }
        }
    }
}
