//! The start page put together: its parts, their order, and the listeners.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use ovaal_shared::board::Method;
use web_sys::Element;

use crate::browser;
use crate::dom::{self, DomError, el, listen, set_attr};
use crate::i18n::{self, Lang};
use crate::view::header::Header;

use super::create::CreateForm;
use super::create_token::{Pending, TokenPrompt};
use super::import::ImportForm;
use super::join_code::JoinCodeForm;
use super::leave_guard::LeaveGuard;
use super::my_sessions::MySessions;
use super::saved::SavedSession;

pub(super) struct Landing {
    pub(super) lang: Cell<Lang>,
    pub(super) create: CreateForm,
    pub(super) join: JoinCodeForm,
    pub(super) import: ImportForm,
    /// Hidden until the server asks for its creation key.
    pub(super) token: TokenPrompt,
    /// What runs again once the key is typed.
    pub(super) pending: Cell<Option<Pending>>,
    /// Empty and hidden until a session is created or reopened; then its links.
    pub(super) links_panel: Element,
    /// The session whose links are shown, for "copy all" and the invitation.
    pub(super) shown: RefCell<Option<SavedSession>>,
    pub(super) my_sessions: MySessions,
    pub(super) guard: LeaveGuard,
}

pub fn start() -> Result<(), DomError> {
    let lang = browser::preferred_lang();
    let body = dom::document()?
        .body()
        .ok_or(DomError::Missing("body".into()))?;
    body.set_text_content(None);
    set_attr(&body, "data-page", "landing");

    let create = CreateForm::new(lang);
    let join = JoinCodeForm::new(lang);
    let import = ImportForm::new(lang);
    let token = TokenPrompt::new(lang);
    let my_sessions = MySessions::new(lang);
    let links_panel = el("section")
        .id("links")
        .class("panel")
        .class("landing-panel")
        .attr("hidden", "")
        .attr("aria-live", "polite")
        .build();
    let main = el("main")
        .class("landing")
        .class("landing-start")
        .child(&token.panel)
        .child(&create.panel)
        .child(&links_panel)
        .child(&my_sessions.panel)
        .child(&join.panel)
        .child(&import.panel)
        .build();

    let landing = Rc::new(Landing {
        lang: Cell::new(lang),
        create,
        join,
        import,
        token,
        pending: Cell::new(None),
        links_panel,
        shown: RefCell::new(None),
        my_sessions,
        guard: LeaveGuard::install(),
    });
    landing.relabel_methods();
    landing.show_method();
    landing.render_my_sessions();

    let l = Rc::clone(&landing);
    let header = Header::new(lang, false, move || {
        let lang = l.lang.get().other();
        l.lang.set(lang);
        browser::remember_lang(lang);
        dom::relabel(lang);
        l.relabel_methods();
        l.show_method();
        l.render_my_sessions();
    });
    let _ = body.append_child(&header.root);
    let _ = body.append_child(&main);

    let l = Rc::clone(&landing);
    listen(&landing.create.form, "submit", move |event| {
        event.prevent_default();
        l.submit();
    });
    let l = Rc::clone(&landing);
    listen(&landing.join.form, "submit", move |event| {
        event.prevent_default();
        l.join_with_code();
    });
    let l = Rc::clone(&landing);
    listen(&landing.import.form, "submit", move |event| {
        event.prevent_default();
        l.import_export();
    });
    let l = Rc::clone(&landing);
    listen(&landing.token.form, "submit", move |event| {
        event.prevent_default();
        l.save_token();
    });
    let l = Rc::clone(&landing);
    listen(&landing.links_panel, "click", move |event| {
        l.clicked_in_links(&event)
    });
    let l = Rc::clone(&landing);
    listen(&landing.create.method, "change", move |_| l.show_method());
    let l = Rc::clone(&landing);
    listen(&landing.my_sessions.panel, "click", move |event| {
        l.clicked_in_my_sessions(&event)
    });
    let l = Rc::clone(&landing);
    listen(&landing.my_sessions.panel, "keydown", move |event| {
        l.key_in_my_sessions(&event)
    });
    // A link opened with the middle button counts as opened too.
    let l = Rc::clone(&landing);
    listen(&landing.links_panel, "auxclick", move |event| {
        l.clicked_in_links(&event)
    });
    let _ = landing.create.title.focus();
    Ok(())
}

impl Landing {
    /// The method names are option texts, which [`dom::relabel`] does not reach.
    fn relabel_methods(&self) {
        let lang = self.lang.get();
        let options = self.create.method.options();
        for (m, i) in Method::ALL.into_iter().zip(0u32..) {
            if let Some(option) = options.item(i) {
                option.set_text_content(Some(i18n::t(lang, i18n::method_key(m))));
            }
        }
    }
}
