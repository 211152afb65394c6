package dev.mainstay.bench.peer.langchain4j;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mainstay.bench.harness.CannedServer;
import dev.mainstay.bench.harness.ReferenceRun;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class LangChain4jStackTest {
    private static CannedServer server;
    private static LangChain4jStack stack;

    @BeforeAll
    static void start() throws Exception {
        server = CannedServer.start("127.0.0.1", 0, Duration.ZERO);
        stack = new LangChain4jStack(server.baseUrl());
    }

    @AfterAll
    static void stop() {
        stack.close();
        server.close();
    }

    @Test
    void completesTheReferenceRunWithBothToolsInTwoModelCalls() throws Exception {
        long before = server.answered();

        var answer = stack.runOnce(false);

        assertThat(answer).contains(ReferenceRun.EXPECTED_IN_ANSWER);
        assertThat(server.answered() - before).isEqualTo(2);
        assertThat(server.rejected()).isZero();
    }

    @Test
    void completesTheStreamedReferenceRun() throws Exception {
        long before = server.answered();

        var answer = stack.runOnce(true);

        assertThat(answer).contains(ReferenceRun.EXPECTED_IN_ANSWER);
        assertThat(server.answered() - before).isEqualTo(2);
        assertThat(server.rejected()).isZero();
    }
}
