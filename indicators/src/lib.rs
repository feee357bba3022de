//! Siap's indicator engine. Pure functions, no I/O.
