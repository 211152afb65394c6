/**
 * Attacks for the prompt-injection benchmark: AgentDojo's templates ({@link dev.mainstay.sim.attack.AttackTemplate})
 * and a world that plants them in untrusted output ({@link dev.mainstay.sim.attack.InjectedWorld}).
 */
package dev.mainstay.sim.attack;
