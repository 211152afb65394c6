/**
 * Cost control as links of the model chain, in the slots {@link dev.mainstay.model.ModelChain.Slot#BUDGET},
 * {@link dev.mainstay.model.ModelChain.Slot#CACHE} and {@link dev.mainstay.model.ModelChain.Slot#ROUTING}: budget
 * reservations, automatic prompt caching, the response cache, model routing and context compaction. Prices and
 * costs themselves live in the core ({@code dev.mainstay.cost}).
 */
package dev.mainstay.costcontrol;
