//! The browser's own copy of the board, in IndexedDB, so that a page loaded while the
//! server is down still shows the board, and cards written meanwhile are kept until
//! the server is back (the handshake's Step2 then carries them, docs/protocol.md §4).
//!
//! One object store, `docs`, keyed by strings:
//! - `{session}/{participant}/doc/{documentName}` → the document's state as a v1
//!   update (`Uint8Array`);
//! - `{session}/{participant}/meta` → `{"role": …, "offset_ms": …}` as JSON: the role
//!   of the last welcome (so writing works before the server answers) and the server
//!   clock's offset.
//!
//! Keys carry the identity too: two links of one session in one browser are two
//! people and keep two copies. Failures are logged and otherwise ignored: without
//! IndexedDB (a private window, a full disk) the board still works online.

use ovaal_shared::{DocName, ParticipantId, SessionId};
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;
use web_sys::{IdbDatabase, IdbKeyRange, IdbObjectStore, IdbRequest, IdbTransactionMode};

use crate::dom::{self, js_message, log_error};

const DB_NAME: &str = "ovaal";
const STORE: &str = "docs";

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("IndexedDB is not available in this browser")]
    Unavailable,
    #[error("IndexedDB: {0}")]
    Js(String),
}

impl From<JsValue> for StoreError {
    fn from(value: JsValue) -> Self {
        StoreError::Js(js_message(&value))
    }
}

/// What is kept besides the documents.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Meta {
    #[serde(default)]
    pub role: Option<String>,
    #[serde(default)]
    pub offset_ms: f64,
}

/// What a page load finds.
#[derive(Default)]
pub struct Loaded {
    pub docs: Vec<(DocName, Vec<u8>)>,
    pub meta: Option<Meta>,
}

pub struct LocalStore {
    db: IdbDatabase,
    prefix: String,
}

/// The request's result, once it has one. The handlers are attached at once, not
/// when the future is first polled, so a request made early (while the page is
/// still being built) cannot finish unseen.
fn settle(request: &IdbRequest) -> JsFuture {
    let request = request.clone();
    let promise = js_sys::Promise::new(&mut |resolve, reject| {
        let done = request.clone();
        let on_success = crate::browser::once_js(move || {
            let _ = resolve.call1(&JsValue::NULL, &done.result().unwrap_or(JsValue::UNDEFINED));
        });
        let on_error = crate::browser::once_js(move || {
            let _ = reject.call1(&JsValue::NULL, &JsValue::from_str("request failed"));
        });
        request.set_onsuccess(Some(on_success.unchecked_ref()));
        request.set_onerror(Some(on_error.unchecked_ref()));
    });
    JsFuture::from(promise)
}

/// The database being opened: asked for before the page is built, so that the
/// browser opens it meanwhile and the local copy is there as soon as the page is.
pub struct Opening {
    opened: Result<JsFuture, StoreError>,
    prefix: String,
}

impl Opening {
    /// Waits until the database is open.
    pub async fn finish(self) -> Result<LocalStore, StoreError> {
        let db: IdbDatabase = self.opened?.await?.dyn_into()?;
        Ok(LocalStore {
            db,
            prefix: self.prefix,
        })
    }
}

impl LocalStore {
    /// Starts opening the database (creating it on first use).
    pub fn open(session: &SessionId, me: &ParticipantId) -> Opening {
        Opening {
            opened: Self::request_open(),
            prefix: format!("{session}/{me}/"),
        }
    }

    fn request_open() -> Result<JsFuture, StoreError> {
        let factory = dom::window()
            .map_err(|_| StoreError::Unavailable)?
            .indexed_db()?
            .ok_or(StoreError::Unavailable)?;
        let request = factory.open_with_u32(DB_NAME, 1)?;
        let upgrading = request.clone();
        let on_upgrade = crate::browser::once_js(move || {
            if let Ok(db) = upgrading.result().and_then(|r| r.dyn_into::<IdbDatabase>()) {
                let _ = db.create_object_store(STORE);
            }
        });
        request.set_onupgradeneeded(Some(on_upgrade.unchecked_ref()));
        Ok(settle(&request))
    }

    fn store(&self, mode: IdbTransactionMode) -> Result<IdbObjectStore, StoreError> {
        Ok(self
            .db
            .transaction_with_str_and_mode(STORE, mode)?
            .object_store(STORE)?)
    }

    fn range(&self) -> Result<IdbKeyRange, StoreError> {
        Ok(IdbKeyRange::bound(
            &JsValue::from_str(&self.prefix),
            &JsValue::from_str(&format!("{}\u{ffff}", self.prefix)),
        )?)
    }

    /// Everything kept for this session and person.
    pub async fn load(&self) -> Result<Loaded, StoreError> {
        let store = self.store(IdbTransactionMode::Readonly)?;
        let range = self.range()?;
        // Both asked for at once: one wait instead of two.
        let keys = settle(&store.get_all_keys_with_key(&range)?);
        let values = settle(&store.get_all_with_key(&range)?);
        let (keys, values) = (keys.await?, values.await?);
        let (keys, values) = (js_sys::Array::from(&keys), js_sys::Array::from(&values));
        let mut loaded = Loaded::default();
        for i in 0..keys.length().min(values.length()) {
            let Some(key) = keys.get(i).as_string() else {
                continue;
            };
            let Some(rest) = key.strip_prefix(&self.prefix) else {
                continue;
            };
            let value = values.get(i);
            if rest == "meta" {
                loaded.meta = value
                    .as_string()
                    .and_then(|json| serde_json::from_str(&json).ok());
            } else if let Some(name) = rest.strip_prefix("doc/")
                && let Ok(name) = name.parse::<DocName>()
                && let Ok(bytes) = value.dyn_into::<js_sys::Uint8Array>()
            {
                loaded.docs.push((name, bytes.to_vec()));
            }
        }
        Ok(loaded)
    }

    /// Writes these documents' states (and the meta record) in one transaction, and
    /// asks for it to be committed at once rather than when this task ends: a page that
    /// is reloaded or closed right after a change has then already handed the write to
    /// the browser, which finishes it in the background.
    pub fn save(&self, docs: &[(DocName, Vec<u8>)], meta: Option<&Meta>) {
        let result = (|| -> Result<(), StoreError> {
            let transaction = self
                .db
                .transaction_with_str_and_mode(STORE, IdbTransactionMode::Readwrite)?;
            let store = transaction.object_store(STORE)?;
            for (name, state) in docs {
                let key = JsValue::from_str(&format!("{}doc/{name}", self.prefix));
                store.put_with_key(&js_sys::Uint8Array::from(state.as_slice()), &key)?;
            }
            if let Some(meta) = meta
                && let Ok(json) = serde_json::to_string(meta)
            {
                let key = JsValue::from_str(&format!("{}meta", self.prefix));
                store.put_with_key(&JsValue::from_str(&json), &key)?;
            }
            // A browser without `commit()` commits when this task ends all the same.
            // (web-sys marks it deprecated; it is part of IndexedDB 3.0 and in every
            // current browser.)
            #[allow(deprecated)]
            let _ = transaction.commit();
            Ok(())
        })();
        if let Err(e) = result {
            log_error("local copy", &e);
        }
    }

    /// Forgets the local copy (the session was deleted).
    pub fn clear(&self) {
        let result = self.store(IdbTransactionMode::Readwrite).and_then(|store| {
            let range: JsValue = self.range()?.into();
            store.delete(&range)?;
            Ok(())
        });
        if let Err(e) = result {
            log_error("local copy", &e);
        }
    }
}
