//! Publishing: what goes out to partners and how they reach it.

pub mod listen;
