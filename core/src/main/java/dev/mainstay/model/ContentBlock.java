package dev.mainstay.model;

/**
 * One block of a {@link Message}: Mainstay's own provider-neutral form of the Messages API's content blocks.
 *
 * <p>The journal and every module boundary use these types, never a provider SDK's, so that a journal written
 * today can be read after the SDK changes and other providers can plug in behind {@link ModelClient}. Every block
 * the model returns is kept: a type Mainstay does not model is a {@link RawBlock}, sent back to the provider as it
 * came, so the journal is a faithful record of what the model said.
 */
public sealed interface ContentBlock
        permits TextBlock, ToolUseBlock, ToolResultBlock, ThinkingBlock, RedactedThinkingBlock, RawBlock {}
