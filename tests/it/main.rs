//! The integration tests: one binary, one module per command.

mod support;
mod validate;
