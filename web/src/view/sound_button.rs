//! The room screen's one-time "enable sound" button (`#sound-enable`). A projector page
//! is rarely clicked, and a browser lets a page make sound only after a gesture on it,
//! so when the facilitator turned the timer's sound on, the room screen asks for one
//! click; the button goes once the sound is on.

use std::rc::Rc;

use web_sys::Element;

use crate::dom::{Hide, el, listen};
use crate::i18n::{Key, Lang};
use crate::sound;

pub struct SoundButton {
    pub root: Element,
}

impl SoundButton {
    pub fn new(lang: Lang) -> Rc<Self> {
        let root = el("button")
            .id("sound-enable")
            .class("button-quiet")
            .class("sound-enable")
            .attr("type", "button")
            .attr("hidden", "")
            .key(lang, Key::SoundEnable)
            .build();
        let view = Rc::new(Self { root });
        let v = Rc::clone(&view);
        listen(&view.root, "click", move |_| {
            sound::unlock();
            v.root.set_hidden(true);
        });
        view
    }

    /// Shown while the sound is wanted but this page may not make it yet.
    pub fn show(&self, wanted: bool) {
        self.root.set_hidden(!wanted || sound::unlocked());
    }
}
