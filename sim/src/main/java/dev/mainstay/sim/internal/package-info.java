/**
 * The simulator's HTTP internals: request parsing and validation, fault drawing, prompt-cache emulation, and the
 * writers of JSON bodies and SSE streams. Not an API; may change without notice.
 */
package dev.mainstay.sim.internal;
