//! A compact JSON writer for serde, for the WebAssembly binding (src/wasm.rs): a result is
//! written as JSON text and handed to the page through `JSON.parse`, which gives exactly the
//! objects the command line's JSON gives. serde-wasm-bindgen built the same objects call by
//! call, with a copy of its map and struct code for every field type (~27 KB of the wasm
//! before wasm-opt); this writer's per-type code is a few pushes onto one byte buffer.
//!
//! What it writes (as serde_json does): structs and flattened maps as objects, sequences and
//! tuples as arrays, `None` and `()` as `null`, unit variants as their name, a newtype variant
//! as `{"name": value}`, integers as their digits (exact; `JSON.parse` rounds beyond 2^53
//! as it does the command line's output), floats as JavaScript writes them (`JSON.stringify`
//! in the wasm: the shortest text that reads back as the same number, `null` when not finite;
//! no Rust float formatting, which would weigh kilobytes). Tuple and struct variants, byte
//! strings as such and 128-bit integers are not written (the results have none): an error.

use serde::ser::{self, Impossible, Serialize};

/// The JSON text of `value`: ASCII only (every other character written as `\uXXXX`, as JSON
/// allows), so that the page's `TextDecoder` takes its fast path (a 30 KB result of a Chinese
/// report: 0.12 ms decoded as UTF-8, 0.007 ms as ASCII, under Node) and `JSON.parse` gives the
/// same strings.
pub(crate) fn to_string<T: Serialize + ?Sized>(value: &T) -> Result<String, Error> {
    // a real report's result is 25-45 KB: written without growing the buffer
    let mut json = Json(Vec::with_capacity(64 * 1024));
    value.serialize(&mut json)?;
    String::from_utf8(json.0).map_err(|_| Error)
}

/// The text written so far (ASCII).
pub(crate) struct Json(Vec<u8>);

/// A value this writer does not write (see the module's documentation).
#[derive(Debug)]
pub(crate) struct Error;

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("not serialisable as JSON")
    }
}

impl std::error::Error for Error {}

impl ser::Error for Error {
    fn custom<T: std::fmt::Display>(_: T) -> Error {
        Error
    }
}

impl Json {
    /// A comma before an element, field or key, unless it is the first.
    fn sep(&mut self) {
        if !matches!(self.0.last(), Some(b'[' | b'{')) {
            self.0.push(b',');
        }
    }

    fn push_str(&mut self, s: &str) {
        self.0.extend_from_slice(s.as_bytes());
    }

    fn uint(&mut self, mut v: u64) {
        let mut digits = [0u8; 20];
        let mut i = digits.len();
        loop {
            i -= 1;
            digits[i] = b'0' + (v % 10) as u8;
            v /= 10;
            if v == 0 {
                break;
            }
        }
        self.0.extend_from_slice(&digits[i..]);
    }

    fn int(&mut self, v: i64) {
        if v < 0 {
            self.0.push(b'-');
        }
        self.uint(v.unsigned_abs());
    }

    fn float(&mut self, v: f64) {
        #[cfg(target_arch = "wasm32")]
        {
            let text = js_sys::JSON::stringify(&wasm_bindgen::JsValue::from_f64(v)).map(String::from);
            self.push_str(text.as_deref().unwrap_or("null"));
        }
        #[cfg(not(target_arch = "wasm32"))]
        {
            if v.is_finite() {
                self.push_str(&format!("{v:?}"));
            } else {
                self.push_str("null");
            }
        }
    }

    /// `\uXXXX` of one UTF-16 code unit.
    fn unit(&mut self, u: u32) {
        const HEX: &[u8; 16] = b"0123456789abcdef";
        let h = |k: u32| HEX[((u >> k) & 15) as usize];
        self.0.extend_from_slice(&[b'\\', b'u', h(12), h(8), h(4), h(0)]);
    }

    fn string(&mut self, s: &str) {
        self.0.push(b'"');
        let bytes = s.as_bytes();
        let (mut start, mut i) = (0, 0);
        while i < bytes.len() {
            let b = bytes[i];
            if (0x20..0x80).contains(&b) && b != b'"' && b != b'\\' {
                i += 1;
                continue;
            }
            self.0.extend_from_slice(&bytes[start..i]);
            if b < 0x80 {
                if b < 0x20 {
                    self.unit(b.into());
                } else {
                    self.0.extend_from_slice(&[b'\\', b]);
                }
                i += 1;
            } else {
                // a character of 2, 3 or 4 bytes (the text is UTF-8): its UTF-16 code units
                let cont = |k: usize| u32::from(bytes[i + k] & 0x3F);
                let (c, len) = if b < 0xE0 {
                    ((u32::from(b & 0x1F) << 6) | cont(1), 2)
                } else if b < 0xF0 {
                    ((u32::from(b & 0x0F) << 12) | (cont(1) << 6) | cont(2), 3)
                } else {
                    ((u32::from(b & 0x07) << 18) | (cont(1) << 12) | (cont(2) << 6) | cont(3), 4)
                };
                if c < 0x10000 {
                    self.unit(c);
                } else {
                    self.unit(0xD800 + ((c - 0x10000) >> 10));
                    self.unit(0xDC00 + ((c - 0x10000) & 0x3FF));
                }
                i += len;
            }
            start = i;
        }
        self.0.extend_from_slice(&bytes[start..]);
        self.0.push(b'"');
    }

    /// `{"key":` of a struct's field.
    fn key(&mut self, key: &str) {
        self.sep();
        self.string(key);
        self.0.push(b':');
    }
}

impl ser::Serializer for &mut Json {
    type Ok = ();
    type Error = Error;
    type SerializeSeq = Self;
    type SerializeTuple = Self;
    type SerializeTupleStruct = Self;
    type SerializeTupleVariant = Impossible<(), Error>;
    type SerializeMap = Self;
    type SerializeStruct = Self;
    type SerializeStructVariant = Impossible<(), Error>;

    fn serialize_bool(self, v: bool) -> Result<(), Error> {
        self.push_str(if v { "true" } else { "false" });
        Ok(())
    }
    fn serialize_i8(self, v: i8) -> Result<(), Error> {
        self.int(v.into());
        Ok(())
    }
    fn serialize_i16(self, v: i16) -> Result<(), Error> {
        self.int(v.into());
        Ok(())
    }
    fn serialize_i32(self, v: i32) -> Result<(), Error> {
        self.int(v.into());
        Ok(())
    }
    fn serialize_i64(self, v: i64) -> Result<(), Error> {
        self.int(v);
        Ok(())
    }
    fn serialize_u8(self, v: u8) -> Result<(), Error> {
        self.uint(v.into());
        Ok(())
    }
    fn serialize_u16(self, v: u16) -> Result<(), Error> {
        self.uint(v.into());
        Ok(())
    }
    fn serialize_u32(self, v: u32) -> Result<(), Error> {
        self.uint(v.into());
        Ok(())
    }
    fn serialize_u64(self, v: u64) -> Result<(), Error> {
        self.uint(v);
        Ok(())
    }
    fn serialize_f32(self, v: f32) -> Result<(), Error> {
        // As the number JavaScript has for it (serde-wasm-bindgen gave the f32's exact value).
        self.float(v.into());
        Ok(())
    }
    fn serialize_f64(self, v: f64) -> Result<(), Error> {
        self.float(v);
        Ok(())
    }
    fn serialize_char(self, v: char) -> Result<(), Error> {
        self.string(v.encode_utf8(&mut [0; 4]));
        Ok(())
    }
    fn serialize_str(self, v: &str) -> Result<(), Error> {
        self.string(v);
        Ok(())
    }
    fn serialize_bytes(self, _: &[u8]) -> Result<(), Error> {
        Err(Error)
    }
    fn serialize_none(self) -> Result<(), Error> {
        self.serialize_unit()
    }
    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<(), Error> {
        value.serialize(self)
    }
    fn serialize_unit(self) -> Result<(), Error> {
        self.push_str("null");
        Ok(())
    }
    fn serialize_unit_struct(self, _: &'static str) -> Result<(), Error> {
        self.serialize_unit()
    }
    fn serialize_unit_variant(self, _: &'static str, _: u32, variant: &'static str) -> Result<(), Error> {
        self.string(variant);
        Ok(())
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(self, _: &'static str, value: &T) -> Result<(), Error> {
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        value: &T,
    ) -> Result<(), Error> {
        self.0.push(b'{');
        self.key(variant);
        value.serialize(&mut *self)?;
        self.0.push(b'}');
        Ok(())
    }
    fn serialize_seq(self, _: Option<usize>) -> Result<Self, Error> {
        self.0.push(b'[');
        Ok(self)
    }
    fn serialize_tuple(self, len: usize) -> Result<Self, Error> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_struct(self, _: &'static str, len: usize) -> Result<Self, Error> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_variant(self, _: &'static str, _: u32, _: &'static str, _: usize) -> Result<Self::SerializeTupleVariant, Error> {
        Err(Error)
    }
    fn serialize_map(self, _: Option<usize>) -> Result<Self, Error> {
        self.0.push(b'{');
        Ok(self)
    }
    fn serialize_struct(self, _: &'static str, _: usize) -> Result<Self, Error> {
        self.serialize_map(None)
    }
    fn serialize_struct_variant(self, _: &'static str, _: u32, _: &'static str, _: usize) -> Result<Self::SerializeStructVariant, Error> {
        Err(Error)
    }
}

impl ser::SerializeSeq for &mut Json {
    type Ok = ();
    type Error = Error;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
        self.sep();
        value.serialize(&mut **self)
    }
    fn end(self) -> Result<(), Error> {
        self.0.push(b']');
        Ok(())
    }
}

impl ser::SerializeTuple for &mut Json {
    type Ok = ();
    type Error = Error;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
        ser::SerializeSeq::serialize_element(self, value)
    }
    fn end(self) -> Result<(), Error> {
        ser::SerializeSeq::end(self)
    }
}

impl ser::SerializeTupleStruct for &mut Json {
    type Ok = ();
    type Error = Error;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
        ser::SerializeSeq::serialize_element(self, value)
    }
    fn end(self) -> Result<(), Error> {
        ser::SerializeSeq::end(self)
    }
}

impl ser::SerializeMap for &mut Json {
    type Ok = ();
    type Error = Error;
    /// A key is written as it serialises: the results' only maps are flattened structs, whose
    /// keys are strings.
    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result<(), Error> {
        self.sep();
        key.serialize(&mut **self)?;
        self.0.push(b':');
        Ok(())
    }
    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
        value.serialize(&mut **self)
    }
    fn end(self) -> Result<(), Error> {
        self.0.push(b'}');
        Ok(())
    }
}

impl ser::SerializeStruct for &mut Json {
    type Ok = ();
    type Error = Error;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, key: &'static str, value: &T) -> Result<(), Error> {
        self.key(key);
        value.serialize(&mut **self)
    }
    fn end(self) -> Result<(), Error> {
        ser::SerializeMap::end(self)
    }
}

#[cfg(test)]
mod tests {
    use serde_json::Value;

    /// The writer's text reads back as the value serde_json makes of the same thing.
    fn same<T: serde::Serialize>(value: &T) {
        let ours = super::to_string(value).expect("serialisable");
        let ours: Value = serde_json::from_str(&ours).unwrap_or_else(|e| panic!("{e}: {ours}"));
        assert_eq!(ours, serde_json::to_value(value).unwrap());
    }

    #[test]
    fn scalars_and_strings() {
        same(&(0u8, u64::MAX, i64::MIN, -1i32, 1.5f64, 0.1f64, 1e300f64, true, false, ()));
        same(&(Some("a\"b\\c\n\t\u{1}\u{1f}é年\u{10000}"), None::<u8>, 'x', '"', String::new()));
        same(&vec![vec![Some(1u64), None], vec![]]);
        same(&crate::Status::NotAReport);
        same(&crate::Severity::Info);
        assert_eq!(super::to_string(&f64::NAN).unwrap(), "null");
        // ASCII only: other characters as JSON's escapes (a pair for one beyond the BMP)
        assert_eq!(
            super::to_string("年\u{10000}é\"\n").unwrap(),
            r#""\u5e74\ud800\udc00\u00e9\"\u000a""#
        );
    }

    #[test]
    fn results_as_serde_json_writes_them() {
        let mut dirs = vec![std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")];
        let mut files = Vec::new();
        while let Some(dir) = dirs.pop() {
            for e in std::fs::read_dir(dir).unwrap().flatten() {
                let p = e.path();
                if p.is_dir() {
                    dirs.push(p);
                } else if p.extension().is_some_and(|x| x == "txt") {
                    let Ok(text) = std::fs::read_to_string(&p) else { continue };
                    let result = crate::check(&text);
                    same(&result);
                    assert!(super::to_string(&result).unwrap().is_ascii());
                    files.push(crate::FileResult::checked(p.display().to_string(), result));
                }
            }
        }
        assert!(files.len() > 10, "fixtures found: {}", files.len());
        files.push(crate::FileResult::refused("x.pdf", "pdf_scanned", "扫描件", crate::Status::Binary));
        crate::check_set(&mut files);
        same(&files);
    }
}
