//! Lua bindings for `kumo-fs` and `kumo-time`.
//!
//! This crate registers the `kumo.fs` and `kumo.time` namespaces into any
//! [`mlua`] Lua state, so that hosts embedding Lua can offer KumoMTA-style
//! policy code non-blocking filesystem access and fast time handling. It also
//! ships the `kumo-lua` runner binary.
//!
//! It only converts values and registers functions: the logic lives in the
//! pure crates, which Rust users can depend on without Lua.
#![cfg_attr(
    not(test),
    warn(clippy::unwrap_used, clippy::expect_used, clippy::panic)
)]
