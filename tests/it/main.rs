//! The integration tests: one binary, one module per command.

mod browser;
mod glossary;
mod link_gold;
mod quick_reader;
mod robustness;
mod support;
mod validate;
