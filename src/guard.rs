//! The one panic guard. A panic is a bug, never an answer: inside the spreadsheet library (a
//! crafted file) it becomes an error naming the file, and inside one fund of a batch it becomes
//! that fund's error instead of taking hours of work down with it. While guarded, a panic is
//! kept off the terminal (its caller reports it, with its place); any other panic is reported
//! by the hook that was there before.

use std::cell::{Cell, RefCell};

thread_local! {
    /// How many guards this thread is inside: guards nest (a workbook read inside a fund).
    static DEPTH: Cell<u32> = const { Cell::new(0) };
    /// Where the last guarded panic on this thread happened: `src/x.rs:1:2`.
    static PANICKED_AT: RefCell<Option<String>> = const { RefCell::new(None) };
}

/// A panic caught by [`guarded`]: its message and, when the hook saw it, its place.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Panic {
    pub message: String,
    pub at: Option<String>,
}

impl std::fmt::Display for Panic {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)?;
        match &self.at {
            Some(at) => write!(f, " at {at}"),
            None => Ok(()),
        }
    }
}

/// `f()`, with a panic inside it caught and returned.
pub fn guarded<T>(f: impl FnOnce() -> T) -> Result<T, Panic> {
    quiet();
    DEPTH.with(|d| d.set(d.get() + 1));
    PANICKED_AT.with(|p| *p.borrow_mut() = None);
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(f));
    DEPTH.with(|d| d.set(d.get().saturating_sub(1)));
    result.map_err(|payload| Panic {
        message: payload
            .downcast_ref::<&str>()
            .map(|s| (*s).to_string())
            .or_else(|| payload.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "a panic".into()),
        at: PANICKED_AT.with(|p| p.borrow_mut().take()),
    })
}

/// Installs, once per process, the hook that keeps guarded panics off the terminal.
fn quiet() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if DEPTH.with(Cell::get) > 0 {
                let at = info
                    .location()
                    .map(|l| format!("{}:{}:{}", l.file(), l.line(), l.column()));
                PANICKED_AT.with(|p| *p.borrow_mut() = at);
            } else {
                previous(info);
            }
        }));
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    #[allow(clippy::panic)]
    fn a_guarded_panic_is_returned_with_its_place_and_guards_nest() {
        let inner = guarded(|| guarded(|| -> u8 { panic!("inner {}", 1) }));
        let Ok(Err(p)) = inner else {
            unreachable!("the inner guard catches the panic");
        };
        assert_eq!(p.message, "inner 1");
        assert!(
            p.at.as_deref().is_some_and(|a| a.contains("guard.rs")),
            "{p:?}"
        );
        assert_eq!(guarded(|| 7), Ok(7));
        assert_eq!(DEPTH.with(Cell::get), 0);
    }
}
