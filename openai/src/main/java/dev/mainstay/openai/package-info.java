/**
 * A {@link dev.mainstay.model.ModelClient} for any OpenAI-compatible Chat Completions endpoint, built on the JDK's
 * HTTP client: {@link dev.mainstay.openai.OpenAiCompatibleModelClient} configured by
 * {@link dev.mainstay.openai.OpenAiConfig}. Only core types cross this package's boundary; every other class here is
 * package-private.
 */
package dev.mainstay.openai;
