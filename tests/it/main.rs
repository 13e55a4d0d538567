//! The integration tests: one binary, one module per command.

mod glossary;
mod robustness;
mod support;
mod validate;
