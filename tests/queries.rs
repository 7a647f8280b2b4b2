//! The named queries of `queries/`, each run on the bundled brief with its rows asserted.
