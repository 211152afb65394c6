package dev.mainstay.sim.brain;

import dev.mainstay.model.ModelRequest;
import java.util.Objects;

/**
 * The simulator's default model: reads the task in the latest user message, calls the reference agent's tools
 * (calculator, get_weather, web_search, save_note, list_notes, read_note) with real tool_use blocks, and answers
 * from their results.
 *
 * <ul>
 *   <li>Requests are understood in ordinary English ({@code IntentParser}): several in one sentence ("find out who
 *       invented the telephone and jot it down", "check the weather in Oslo, then work out 15% of 80"), weather
 *       asked through what to wear or bring and by day, precision in words, notes as "remember", "jot down",
 *       "write a note about".</li>
 *   <li>Independent requests in one message go out together in one response, in the order they were asked;
 *       a request that needs another's result ("… and save a note with the answer") waits for it, and the note
 *       holds what was found.</li>
 *   <li>The final answer covers what was asked and nothing else: no umbrella advice unless rain was asked
 *       about, no search result passed off as an answer when it does not answer the question.</li>
 *   <li>A message in another language gets one plain answer saying the simulator understands English only; a
 *       request no tool can do is declined plainly, never reported as done.</li>
 *   <li>Only tools the request declares are called; for the others the answer says the tool is unavailable.</li>
 *   <li>Failed tool results are reported plainly in the answer, with what the tool said.</li>
 *   <li>A message that asks for no tool gets a plain answer.</li>
 *   <li>Replies longer than {@code max_tokens} (about four characters a token) are cut and stop with
 *       {@code max_tokens}.</li>
 * </ul>
 *
 * <p>Thread-safe, and as good as stateless: everything is derived from the request (the tasks it has read are
 * remembered, see {@code ParsedTasks}), so the same request and seed always give
 * an equal reply, tool_use ids included. The seed only varies wording and ids.
 */
public final class ScriptedBrain implements Brain {
    private final long seed;
    private final ParsedTasks tasks = new ParsedTasks();

    public ScriptedBrain(long seed) {
        this.seed = seed;
    }

    @Override
    public Reply reply(ModelRequest request) {
        Objects.requireNonNull(request, "request");
        return ScriptedTurn.reply(Conversation.of(request), seed, tasks);
    }
}
