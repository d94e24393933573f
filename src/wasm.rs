//! The thin WebAssembly binding (wasm-bindgen): `check(text)` returns exactly
//! the [`CheckResult`] the command line prints as JSON (options `null`, maps as
//! plain objects), and `rules()` the documentation of every rule, for the page.
//! Nothing here decides anything: the core does.

use serde::Serialize;
use wasm_bindgen::prelude::*;

use crate::CheckResult;

/// Runs once when the module is instantiated: panics reach the console.
#[wasm_bindgen(start)]
pub fn start() {
    console_error_panic_hook::set_once();
}

/// Checks the text of one report (as the page's text area holds it; the
/// `*_utf16` offsets of the result index that string).
#[wasm_bindgen]
pub fn check(text: &str) -> Result<JsValue, JsValue> {
    let result: CheckResult = crate::check(text);
    to_js(&result)
}

/// One rule's documentation, as the page shows it.
#[derive(Serialize)]
struct RuleDoc {
    code: &'static str,
    name: &'static str,
    severity: crate::Severity,
    severity_label: &'static str,
    summary: &'static str,
    why: &'static str,
    example: &'static str,
}

/// Every rule (`nianbao::rules::RULES`), in documentation order.
#[wasm_bindgen]
pub fn rules() -> Result<JsValue, JsValue> {
    let docs: Vec<RuleDoc> = crate::rules::RULES
        .iter()
        .map(|r| RuleDoc {
            code: r.code,
            name: r.name,
            severity: r.severity,
            severity_label: r.severity.label(),
            summary: r.summary,
            why: r.why,
            example: r.example,
        })
        .collect();
    to_js(&docs)
}

/// The crate's version.
#[wasm_bindgen]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_string()
}

/// Serialises as `JSON.parse` of the command line's output would give it.
/// A count beyond 2^53 (a report can hold any digits) cannot be a JS number
/// exactly; rather than fail, such a result is built with BigInts and turned
/// to the nearest numbers, as `JSON.parse` does.
fn to_js<T: Serialize>(value: &T) -> Result<JsValue, JsValue> {
    let plain = serde_wasm_bindgen::Serializer::json_compatible();
    match value.serialize(&plain) {
        Ok(v) => Ok(v),
        Err(_) => {
            let wide = serde_wasm_bindgen::Serializer::json_compatible().serialize_large_number_types_as_bigints(true);
            Ok(numbers(value.serialize(&wide)?))
        }
    }
}

/// `value` with every BigInt inside it replaced by a Number.
fn numbers(value: JsValue) -> JsValue {
    if let Some(big) = value.dyn_ref::<js_sys::BigInt>() {
        let digits = big.to_string(10).map(String::from).unwrap_or_default();
        return JsValue::from_f64(digits.parse().unwrap_or(f64::NAN));
    }
    if js_sys::Array::is_array(&value) {
        let arr: js_sys::Array = value.unchecked_into();
        for i in 0..arr.length() {
            arr.set(i, numbers(arr.get(i)));
        }
        return arr.into();
    }
    if value.is_object() {
        let obj: js_sys::Object = value.unchecked_into();
        for entry in js_sys::Object::entries(&obj).iter() {
            let pair: js_sys::Array = entry.unchecked_into();
            let _ = js_sys::Reflect::set(&obj, &pair.get(0), &numbers(pair.get(1)));
        }
        return obj.into();
    }
    value
}
