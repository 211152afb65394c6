package dev.mainstay.store;

/** The databases every store contract test runs against. */
enum Backend {
    SQLITE, POSTGRESQL
}
