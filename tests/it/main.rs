//! The integration tests: one binary, one module per command.

mod glossary;
mod link_gold;
mod quick_reader;
mod robustness;
mod serve;
mod support;
mod validate;
