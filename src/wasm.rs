//! The thin WebAssembly binding (placeholder until the web checker lands).
