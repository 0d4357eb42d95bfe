//! The landing page (`/`): a form to create a session (title and method), then the
//! new session's links with copy buttons; below them, joining with a code and continuing
//! from a harvest.
//!
//! - [`create`]: the create form and its request.
//! - [`created`]: the created session's links, copying them, "create another".
//! - [`join_code`]: "join with a code", which asks the server where a code leads.
//! - [`import`]: "continue from a harvest": a JSON export opened as a new board.
//! - [`create_token`]: the server's creation key, asked for when the server wants it.

mod create;
mod create_token;
mod created;
mod import;
mod join_code;

use std::cell::Cell;
use std::rc::Rc;

use ovaal_shared::board::Method;
use web_sys::Element;

use crate::browser;
use crate::dom::{self, DomError, el, listen, set_attr};
use crate::i18n::{self, Lang};
use crate::view::header::Header;

use create::CreateForm;
use create_token::{Pending, TokenPrompt};
use import::ImportForm;
use join_code::JoinCodeForm;

struct Landing {
    lang: Cell<Lang>,
    create: CreateForm,
    join: JoinCodeForm,
    import: ImportForm,
    /// Hidden until the server asks for its creation key.
    token: TokenPrompt,
    /// What runs again once the key is typed.
    pending: Cell<Option<Pending>>,
    /// Empty and hidden until a session is created; then it holds the links.
    links_panel: Element,
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
    let links_panel = el("section")
        .id("links")
        .class("panel")
        .class("landing-panel")
        .attr("hidden", "")
        .attr("aria-live", "polite")
        .build();
    let main = el("main")
        .class("landing")
        .child(&token.panel)
        .child(&create.panel)
        .child(&links_panel)
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
    });
    landing.relabel_methods();

    let l = Rc::clone(&landing);
    let header = Header::new(lang, false, move || {
        let lang = l.lang.get().other();
        l.lang.set(lang);
        browser::remember_lang(lang);
        dom::relabel(lang);
        l.relabel_methods();
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
    let _ = landing.create.title.focus();
    Ok(())
}

impl Landing {
    /// The method names are option texts, which [`dom::relabel`] does not reach.
    fn relabel_methods(&self) {
        let lang = self.lang.get();
        let options = self.create.method.options();
        for (i, m) in Method::ALL.into_iter().enumerate() {
            if let Some(option) = options.item(i as u32) {
                option.set_text_content(Some(i18n::t(lang, i18n::method_key(m))));
            }
        }
    }
}
