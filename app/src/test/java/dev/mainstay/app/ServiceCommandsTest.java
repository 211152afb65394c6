package dev.mainstay.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mainstay.json.Json;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The service's admin commands and chat, in-process against a real SQLite store. */
class ServiceCommandsTest {
    @TempDir
    Path dir;

    private ByteArrayOutputStream out;
    private ByteArrayOutputStream err;

    private int chat(String stdin, String... args) {
        out = new ByteArrayOutputStream();
        err = new ByteArrayOutputStream();
        var env = new HashMap<String, String>();
        env.put("HOME", dir.toString());
        env.put("MAINSTAY_DB_URL", "jdbc:sqlite:" + dir.resolve("mainstay.db"));
        return Main.run(args, env, new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private int run(String... args) {
        return chat("", args);
    }

    private String stdout() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String stderr() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void tenantsAndKeysAreManagedAgainstTheConfiguredDatabase() {
        assertThat(run("tenant", "create", "acme")).as(stderr()).isZero();
        assertThat(stdout()).contains("created tenant acme");

        assertThat(run("key", "create", "--tenant", "acme", "--role", "admin", "--user", "ops")).as(stderr()).isZero();
        var secret = stdout().strip();
        assertThat(secret).isNotBlank().doesNotContain(" ");
        var keyId = stderr().replaceAll("(?s).*created admin key (\\S+) for user ops.*", "$1");

        assertThat(run("key", "list")).isZero();
        assertThat(stdout()).contains(keyId, "acme", "ops", "admin").doesNotContain(secret);

        assertThat(run("key", "revoke", keyId)).isZero();
        assertThat(run("key", "list", "--tenant", "acme")).isZero();
        assertThat(stdout().lines().filter(l -> l.startsWith(keyId)).findFirst().orElseThrow()).doesNotEndWith("-");

        assertThat(run("tenant", "list")).isZero();
        assertThat(stdout()).contains("acme");
        assertThat(run("tenant", "limits", "acme", "--max-concurrent-runs", "5", "--burst", "9")).isZero();
        assertThat(stdout()).contains("acme: 5 concurrent runs, 20.0 requests/s per key (bursts of 9)");
        assertThat(run("tenant", "limits", "acme", "--burst", "0")).isEqualTo(2);
    }

    @Test
    void mistakesGetOneLineAndExitCode2() {
        assertThat(run("key", "create", "--tenant", "nobody")).isEqualTo(2);
        assertThat(stderr().strip()).isEqualTo("mainstay: there is no tenant 'nobody'; create it with "
                + "'mainstay tenant create nobody'");
        assertThat(run("tenant", "create", "Not A Name!")).isEqualTo(2);
        assertThat(stderr().strip().lines()).hasSize(1);
        assertThat(run("runs", "list", "--status", "done")).isEqualTo(2);
        assertThat(run("serve", "--port", "99999")).isEqualTo(2);
        assertThat(run("runs", "show", "run_missing")).isEqualTo(1);
        assertThat(run("key", "revoke", "key_missing")).isEqualTo(1);
    }

    @Test
    void chatContinuesTheConversationAndItsRunsCanBeListedAndShown() {
        int exit = chat("What's the weather in Lisbon?\nand what about Porto?\n/exit\nWhat is 1 plus 1?\n", "chat");

        assertThat(exit).as(stderr()).isZero();
        var answers = stdout().strip().lines().toList();
        assertThat(answers).hasSize(2);
        assertThat(answers.get(0)).contains("Lisbon");
        assertThat(answers.get(1)).contains("Porto");
        assertThat(stderr()).contains("built-in simulator", "get_weather {\"location\":\"Porto\"}");
        var conversation = stderr().replaceAll("(?s).*mainstay: conversation (conv_[A-Za-z0-9]+) .*", "$1");

        assertThat(run("runs", "list", "--json")).isZero();
        var list = Json.parseObject(stdout().strip());
        assertThat(list.path("data").size()).isEqualTo(2);
        var porto = list.path("data").get(0);
        assertThat(porto.path("conversation_id").asText()).isEqualTo(conversation);
        assertThat(porto.path("status").asText()).isEqualTo("succeeded");

        assertThat(run("runs", "list")).isZero();
        assertThat(stdout()).contains("succeeded", "and what about Porto?");

        var id = porto.path("id").asText();
        assertThat(run("runs", "show", id)).isZero();
        assertThat(stdout()).contains("Run: " + id, "Status: succeeded (completed)", "tool get_weather");
        assertThat(run("runs", "show", "--json", id)).isZero();
        assertThat(Json.parseObject(stdout().strip()).path("steps").size()).isPositive();

        assertThat(chat("Save a note titled Porto saying bring a jacket.\n", "chat", "--conversation", conversation))
                .as(stderr()).isZero();
        assertThat(stdout()).contains("I saved the note");
    }

    @Test
    void serveRefusesBadSettingsListingEveryProblem() {
        out = new ByteArrayOutputStream();
        err = new ByteArrayOutputStream();
        int exit = Main.run(new String[] {"serve"}, Map.of("HOME", dir.toString(), "MAINSTAY_PORT", "x",
                        "MAINSTAY_ROLE", "boss", "MAINSTAY_MAX_STEPS", "0"), new ByteArrayInputStream(new byte[0]),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(exit).isEqualTo(2);
        assertThat(stderr()).contains("MAINSTAY_PORT", "MAINSTAY_ROLE", "MAINSTAY_MAX_STEPS");
        assertThat(stderr().strip().lines()).hasSize(1);
    }
}
