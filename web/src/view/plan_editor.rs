//! The facilitator's plan editor (`#plan-dialog`, opened by `#plan-edit`): the phases
//! in order (`li.plan-row[data-phase-id]` with `.plan-up`, `.plan-down`, `.plan-edit`,
//! `.plan-remove`), and a form for a new or changed phase (`#plan-add` opens it empty;
//! `#phase-name-nl`, `#phase-name-en`, `#phase-instruction-nl`,
//! `#phase-instruction-en`, `input.phase-kind[value=<kind>]`, `#phase-caseholder`,
//! `#phase-private`, `#phase-minutes`, `#phase-save`, `#phase-form-cancel`,
//! `#phase-form-error`). A new phase goes right after the current one, so "next
//! phase" leads to it. Every change writes the whole plan; phase ids never change.
//!
//! The focus never falls out of the dialog: when the form closes (Cancel or Save) it
//! goes back to the button that opened it (`#plan-add`, or the phase's `.plan-edit`),
//! and when a phase is removed, to the same button of the phase now in its place.

use std::cell::RefCell;
use std::rc::Rc;

use ovaal_shared::board::phase::Phase;
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement};

use super::dialog::Dialog;
use super::phase_form::PhaseForm;
use crate::dom::{Hide, el, listen, query};
use crate::i18n::{self, Key, Lang};
use crate::plan::{self, PlanError};

pub struct PlanEditor {
    dialog: Rc<Dialog>,
    list: Element,
    form: PhaseForm,
    plan: RefCell<Vec<Phase>>,
    current: RefCell<Option<String>>,
    /// The phase being edited (`None`: adding a new one); also which button opened
    /// the form, to give the focus back to.
    editing: RefCell<Option<String>>,
    lang: RefCell<Lang>,
    on_plan: Box<dyn Fn(Vec<Phase>)>,
}

impl PlanEditor {
    pub fn new(lang: Lang, on_plan: impl Fn(Vec<Phase>) + 'static) -> Rc<Self> {
        let dialog = Dialog::new(lang, "plan-dialog", Key::PlanTitle);
        let list = el("ol").id("plan-list").class("plan-list").build();
        let form = PhaseForm::new(lang);
        let add = el("button")
            .id("plan-add")
            .attr("type", "button")
            .key(lang, Key::PlanAddPhase)
            .build();
        let _ = dialog.body.append_child(&list);
        let _ = dialog.body.append_child(&add);
        let _ = dialog.body.append_child(&form.root);
        let editor = Rc::new(Self {
            dialog,
            list,
            form,
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

    /// Closes the editor (the session ended: the plan cannot change any more).
    pub fn close(&self) {
        if self.dialog.is_open() {
            self.dialog.close();
        }
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
                let row = a.closest("li.plan-row").ok()??;
                // Where the row is on the page (the plan may have lost it already).
                let rows = self.list.query_selector_all("li.plan-row").ok()?;
                let index = (0..rows.length())
                    .position(|i| rows.item(i).is_some_and(|r| r.is_same_node(Some(&row))));
                Some((row.get_attribute("data-phase-id")?, index, a.class_name()))
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
        if let Some((row, index, class)) = focused {
            let first_class = class.split(' ').next().unwrap_or_default().to_owned();
            let selector = format!("li.plan-row[data-phase-id=\"{row}\"] .{first_class}");
            // A removed phase: the same button on the phase now in its place (or the
            // last one), else "add a phase".
            let rows = self.list.query_selector_all("li.plan-row").ok();
            let in_its_place = || {
                let rows = rows.as_ref()?;
                let last = rows.length().checked_sub(1)?;
                let at = u32::try_from(index?).map_or(last, |i| i.min(last));
                let row: Element = rows.item(at)?.dyn_into().ok()?;
                query(&row, &format!(".{first_class}"))
            };
            let button = query(&self.list, &selector)
                .or_else(in_its_place)
                .or_else(|| query(&self.dialog.body, "#plan-add"))
                .and_then(|b| b.dyn_into::<HtmlElement>().ok());
            if let Some(button) = button {
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
                self.close_form();
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
        let plan = self.plan.borrow();
        let phase = id.and_then(|id| plan.iter().find(|p| p.id == id));
        *self.editing.borrow_mut() = phase.map(|p| p.id.clone());
        self.form.fill(lang, phase);
    }

    fn save(&self) {
        let draft = self.form.draft();
        let plan = self.plan.borrow().clone();
        let editing = self.editing.borrow().clone();
        let current = self.current.borrow().clone();
        let result = match &editing {
            Some(id) => plan::change_phase(&plan, id, draft),
            None => plan::add_phase(&plan, draft, current.as_deref()),
        };
        if self.apply(result) {
            self.close_form();
        }
    }

    /// Hides the form and gives the focus back to the button that opened it (hiding
    /// the focused Cancel or Save would drop it on the page's body, outside the
    /// dialog). A phase that is gone by now leaves it on "add a phase".
    fn close_form(&self) {
        self.form.root.set_hidden(true);
        let opener = match self.editing.borrow().as_deref() {
            Some(id) => format!("li.plan-row[data-phase-id=\"{id}\"] .plan-edit"),
            None => "#plan-add".to_owned(),
        };
        let button = query(&self.dialog.body, &opener)
            .or_else(|| query(&self.dialog.body, "#plan-add"))
            .and_then(|b| b.dyn_into::<HtmlElement>().ok());
        if let Some(button) = button {
            let _ = button.focus();
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
                self.form.show_error(lang, key);
                false
            }
        }
    }
}
