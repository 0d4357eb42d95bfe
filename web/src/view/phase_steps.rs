//! The steps of the phase bar (`#phase-bar li[data-phase-id]`): built when the plan
//! changes, marked `aria-current="step"` (on the item and on the step inside it) when
//! the phase changes. For the facilitator each step is a button
//! (`button[data-jump-phase]`); its visible text ("3 Question round") is its name.

use wasm_bindgen::JsCast;
use web_sys::Element;

use super::phase_bar::PhaseShown;
use crate::dom::{Hide, el, query, remove_attr, set_attr};
use crate::i18n::{self, Key, Lang};

pub(super) fn build(steps: &Element, lang: Lang, shown: &PhaseShown<'_>) {
    let tag = lang.tag();
    steps.set_text_content(None);
    for (i, phase) in shown.plan.iter().enumerate() {
        let n = (i + 1).to_string();
        let name = phase.name.get(tag);
        // The visible text is the accessible name ("3 Question round"): a
        // different aria-label would not match what people see (WCAG 2.5.3).
        let mut inner = if shown.controls {
            el("button")
                .class("phase-step")
                .attr("type", "button")
                .attr("data-jump-phase", &phase.id)
                .attr(
                    "title",
                    &i18n::tf(lang, Key::PhaseJumpLabel, &[("n", &n), ("name", name)]),
                )
        } else {
            el("span").class("phase-step")
        };
        inner = inner
            .child(el("span").class("phase-num").text(&n))
            .child(el("span").class("visually-hidden").text(" "))
            .child(el("span").class("phase-name").text(name));
        if phase.private {
            let revealed = shown.revealed.iter().any(|r| r == &phase.id);
            let badge = if revealed {
                format!("🔓 {}", i18n::t(lang, Key::PhaseRevealedBadge))
            } else {
                format!("🔒 {}", i18n::t(lang, Key::PhasePrivateBadge))
            };
            inner = inner.child(el("span").class("phase-badge").text(&badge));
        }
        let item = el("li")
            .class("phase-item")
            .attr("data-phase-id", &phase.id)
            .child(inner)
            .build();
        let _ = steps.append_child(&item);
    }
    steps.set_hidden(shown.plan.is_empty());
}

/// Marks the current phase's step.
pub(super) fn mark_current(steps: &Element, current: Option<&str>) {
    let Ok(items) = steps.query_selector_all("li") else {
        return;
    };
    for i in 0..items.length() {
        let Some(item) = items.item(i).and_then(|n| n.dyn_into::<Element>().ok()) else {
            continue;
        };
        let here = item.get_attribute("data-phase-id").as_deref() == current;
        // On the step itself too, so screen readers say "current step" there.
        let step = query(&item, ".phase-step");
        for element in std::iter::once(&item).chain(step.as_ref()) {
            if here {
                set_attr(element, "aria-current", "step");
            } else {
                remove_attr(element, "aria-current");
            }
        }
    }
}
