/**
 * Context management: when a conversation's history would pass a token budget, the oldest turns are compacted before
 * a run's first model call — dropped whole ({@link Compaction.Policy#TRUNCATE}) or replaced by a summary a cheap
 * model writes ({@link Compaction.Policy#SUMMARISE}) — and the compaction is journaled with the run's opening, the
 * original history kept beside it.
 *
 * @see dev.mainstay.journal.Compaction
 */
package dev.mainstay.context;

import dev.mainstay.journal.Compaction;
