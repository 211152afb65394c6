/**
 * The Mainstay simulator: an HTTP server that speaks the Anthropic Messages API closely enough that the official
 * SDKs cannot tell it from the real thing. It is the offline default model, the test double of every test, and the
 * load and chaos generator.
 *
 * <p>Start one with {@link dev.mainstay.sim.Simulator#start(dev.mainstay.sim.SimulatorConfig)}; inject failures
 * with a {@link dev.mainstay.sim.FaultProfile} (in code or through {@code PUT /admin/faults}); read what happened
 * with {@link dev.mainstay.sim.Simulator#stats()}. What the simulated model says is decided by a
 * {@link dev.mainstay.sim.brain.Brain}; everything under {@code internal} is implementation.
 */
package dev.mainstay.sim;
