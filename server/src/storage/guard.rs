//! Running one storage job so that a panic in it fails that job only, not the storage
//! thread every session depends on.
//!
//! `yrs` panics on some inputs it cannot merge, and it is not unwind-safe internally:
//! after a panic, the documents the job built are dropped unread, and the session the
//! job was about is quarantined by the caller. The backend itself stays usable:
//! SQLite rolls back the transaction that was open when its guard is dropped on the
//! way out.

use std::any::Any;
use std::panic::{AssertUnwindSafe, catch_unwind};

/// Runs `job`; a panic comes back as its message.
pub fn catching<T>(job: impl FnOnce() -> T) -> Result<T, String> {
    catch_unwind(AssertUnwindSafe(job)).map_err(|payload| message(payload.as_ref()))
}

/// The text a panic was raised with (`panic!` with a literal or with arguments).
pub fn message(payload: &(dyn Any + Send)) -> String {
    payload
        .downcast_ref::<&str>()
        .map(|s| (*s).to_owned())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "a panic without a message".to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_panic_is_an_error_with_its_message() {
        assert_eq!(catching(|| 7), Ok(7));
        let n = 3;
        assert_eq!(
            catching(|| -> u8 { panic!("merge {n}") }),
            Err("merge 3".to_owned())
        );
    }
}
