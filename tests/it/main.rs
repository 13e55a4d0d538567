//! The integration tests: one binary, one module per command.

mod check;
mod check_official;
mod glossary;
mod link_gold;
mod lookup;
mod quick_reader;
mod robustness;
mod site;
mod support;
mod validate;
