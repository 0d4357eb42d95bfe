//! The board model's one change mechanism: explicit version counters.
//!
//! Every input the model reads (a document's cards, the control document, the
//! profiles, presence, the language, who this person is) and every part it derives
//! (a document's cards with their looks, the seats, the phase bar, the add-card form)
//! is a [`Versioned`] value whose version moves only when the value really changed.
//! Whoever uses a part — a derived part inside the model, or a view patching the
//! page — keeps a [`Stamp`] of the versions it last used and acts only when they
//! moved. Nothing else records what changed: no flags beside the counters.
//!
//! Counters rather than a reactive library: the model is recomputed in one pass after
//! each batch of document updates (the update observers already batch), the views
//! patch in place from plain values, and nothing in the browser build grows.

use std::cell::RefCell;

/// A value with a version that moves each time the value changes.
#[derive(Debug, Clone)]
pub struct Versioned<T> {
    value: T,
    version: u64,
}

impl<T: PartialEq> Versioned<T> {
    /// Version 1, so a fresh [`Stamp`] (which has seen nothing) sees it as new.
    pub fn new(value: T) -> Self {
        Self { value, version: 1 }
    }

    pub fn get(&self) -> &T {
        &self.value
    }

    pub fn version(&self) -> u64 {
        self.version
    }

    /// Replaces the value; the version moves only if it differs. Returns whether it
    /// did.
    pub fn set(&mut self, value: T) -> bool {
        if self.value == value {
            return false;
        }
        self.value = value;
        self.version += 1;
        true
    }
}

impl<T: PartialEq + Default> Default for Versioned<T> {
    fn default() -> Self {
        Self::new(T::default())
    }
}

/// The versions a user of the model last worked from.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Stamp(Vec<u64>);

impl Stamp {
    /// Whether `versions` differ from those seen last time; remembers them.
    pub fn moved(&mut self, versions: &[u64]) -> bool {
        if self.0 == versions {
            return false;
        }
        self.0.clear();
        self.0.extend_from_slice(versions);
        true
    }
}

/// A view's [`Stamp`], kept behind a shared reference (the board's views are).
#[derive(Debug, Default)]
pub struct Drawn(RefCell<Stamp>);

impl Drawn {
    /// Whether the parts at `versions` moved since this view last drew them.
    pub fn moved(&self, versions: &[u64]) -> bool {
        self.0.borrow_mut().moved(versions)
    }
}

/// A part derived from other versioned values: recomputed when their versions moved,
/// its own version moving only when the result differs.
#[derive(Debug, Clone)]
pub struct Derived<T> {
    part: Versioned<T>,
    inputs: Stamp,
}

impl<T: PartialEq + Default> Default for Derived<T> {
    fn default() -> Self {
        Self {
            part: Versioned::default(),
            inputs: Stamp::default(),
        }
    }
}

impl<T: PartialEq> Derived<T> {
    /// Recomputes with `compute` if `inputs` moved.
    pub fn refresh(&mut self, inputs: &[u64], compute: impl FnOnce() -> T) {
        if self.inputs.moved(inputs) {
            self.part.set(compute());
        }
    }

    pub fn get(&self) -> &T {
        self.part.get()
    }

    pub fn version(&self) -> u64 {
        self.part.version()
    }
}
