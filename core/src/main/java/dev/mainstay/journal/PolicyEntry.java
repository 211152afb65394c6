package dev.mainstay.journal;

/**
 * The journal entries of the security policy: the plan a run fixed before untrusted data could arrive, each
 * policy verdict on a tool call, and each person's decision on a call that needed approval.
 */
public sealed interface PolicyEntry extends JournalEntry permits PlanFixed, PolicyDecision, ApprovalDecided {}
