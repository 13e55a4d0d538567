//! The integration tests: one binary, one module per command.

mod browser;
mod check;
mod check_official;
mod export;
mod failures;
mod glossary;
mod link_gold;
mod lookup;
mod quick_reader;
mod robustness;
mod senses;
mod serve;
mod site;
mod support;
mod validate;
