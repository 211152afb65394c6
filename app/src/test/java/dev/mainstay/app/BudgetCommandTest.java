package dev.mainstay.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code mainstay budget set|show}, in-process against a real SQLite store. */
class BudgetCommandTest {
    @TempDir
    Path dir;

    private ByteArrayOutputStream out;
    private ByteArrayOutputStream err;

    private int run(String... args) {
        out = new ByteArrayOutputStream();
        err = new ByteArrayOutputStream();
        var env = new HashMap<String, String>();
        env.put("HOME", dir.toString());
        env.put("MAINSTAY_DB_URL", "jdbc:sqlite:" + dir.resolve("mainstay.db"));
        return Main.run(args, env, new ByteArrayInputStream(new byte[0]),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String stdout() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String stderr() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void budgetsOfATenantAndItsUsersAreSetShownAndRemoved() {
        assertThat(run("tenant", "create", "acme")).as(stderr()).isZero();

        assertThat(run("budget", "set", "--tenant", "acme", "--daily", "5.00", "--monthly", "100")).as(stderr())
                .isZero();
        assertThat(run("budget", "set", "--tenant", "acme", "--user", "alice", "--daily", "$1.5")).as(stderr())
                .isZero();
        assertThat(run("budget", "show", "--tenant", "acme")).as(stderr()).isZero();

        assertThat(stdout()).contains("REMAINING");
        assertThat(stdout().lines().filter(l -> l.startsWith("tenant acme"))).hasSize(2)
                .anySatisfy(l -> assertThat(l).contains("daily", "$5.0000", "$0.0000"))
                .anySatisfy(l -> assertThat(l).contains("monthly", "$100.0000"));
        assertThat(stdout()).contains("user alice").contains("$1.5000");

        assertThat(run("budget", "set", "--tenant", "acme", "--user", "alice", "--daily", "none")).isZero();
        assertThat(stdout()).doesNotContain("user alice");
    }

    @Test
    void mistakesGetOneLineAndExitCode2AndChangeNothing() {
        run("tenant", "create", "acme");

        assertThat(run("budget", "set", "--tenant", "nobody", "--daily", "5")).isEqualTo(2);
        assertThat(stderr().strip()).isEqualTo("mainstay: there is no tenant 'nobody'; create it with "
                + "'mainstay tenant create nobody'");
        assertThat(run("budget", "set", "--tenant", "acme", "--daily", "-5")).isEqualTo(2);
        assertThat(stderr().strip().lines()).hasSize(1).first().asString().contains("--daily", "'-5'");
        assertThat(run("budget", "set", "--tenant", "acme", "--monthly", "0.123456789")).isEqualTo(2);
        assertThat(run("budget", "set", "--tenant", "acme")).isEqualTo(2);
        assertThat(stderr().strip()).contains("--daily and/or --monthly");

        assertThat(run("budget", "show", "--tenant", "acme")).isZero();
        assertThat(stdout()).contains("acme: no budgets");
    }
}
