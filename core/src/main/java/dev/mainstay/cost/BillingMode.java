package dev.mainstay.cost;

/**
 * How a call was sent, as far as its price is concerned: the ordinary Messages API, or the Message Batches API,
 * whose tokens of every kind cost {@link ModelPrice#BATCH_DISCOUNT} of the list price.
 */
public enum BillingMode {
    STANDARD,
    BATCH
}
