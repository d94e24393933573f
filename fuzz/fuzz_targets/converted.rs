//! What the convert_* targets share: a file's bytes under a name (its
//! extension a hint, as a user's file name is) through the converter, then
//! the check: never panics, never hangs, bounded memory, and every place lies
//! inside the converted text.

#[path = "../../tests/robustness/invariants.rs"]
#[allow(dead_code)]
mod invariants;

pub fn check(name: &str, data: &[u8]) {
    if let Ok(text) = nianbao::convert::to_text(name, data) {
        let r = nianbao::check(&text);
        if let Err(e) = invariants::check_result(&text, &r) {
            panic!("invariant broken: {e}");
        }
    }
}
