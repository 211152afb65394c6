package dev.mainstay.redact;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mainstay.json.Json;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class RedactorTest {
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "key sk-ant-" + "api03-Zm9vYmFyYmF6cXV4MTIzNDU2Nzg5MA-AbCd used | anthropic_key",
            "OPENAI_API_KEY=sk-proj-abcdefghijklmnopqrstuvwxyz012345 | openai_key",
            "aws AKIAIOSFODNN7EXAMPLE here | aws_key",
            "token eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U | jwt",
            "Authorization: Bearer abc123def456ghi789jkl | bearer_token",
            "password=hunter2hunter2 | secret_assignment",
            "write to ada.lovelace@example.org today | email",
            "call +44 20 7946 0958 now | phone",
            "card 4111 1111 1111 1111 exp 12/29 | card_number",
            "pay GB82 WEST 1234 5698 7654 32 please | iban",
            "blob Xq7Lm2Pz9Rt4Vw8Ns3Kd6Hf1Jb5Gc0YaQeTu | high_entropy_secret",
            "blob Xq7-Lm2Pz9-Rt4Vw8-Ns3Kd6-Hf1Jb5-Gc0YaQeTu | high_entropy_secret",
            "key Abcdefgh1234Qrstvwxz5678Mnbvcxzl | high_entropy_secret"})
    void replacesEachCategory(String text, String label) {
        var redacted = Redactor.all().redact(text);

        assertThat(redacted).contains("[REDACTED:" + label + "]");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "run run_4f3a9c0b1d2e3f4a5b6c finished in 842 ms on 2026-12-06T10:15:30Z",
            "toolu_01ABCDEFGHJKLMNPQRSTUVWX1234 tool_use id",
            "commit 3f786850e387550fdab836ed7e6dc881de23001b",
            "The Lakhta Center is 462 m (1,516 ft) tall; the speed of light is 299,792,458 m/s.",
            "order 1234567890123 shipped",
            "thread JettyServerThreadPool-Virtual-1234 handled it",
            "thread ForkJoinPool-1-worker-12_VirtualThread-Scheduler-99 ran",
            "class HttpClientImplSelectorManager2Connection failed"})
    void leavesIdsDigestsAmountsAndDatesAlone(String text) {
        assertThat(Redactor.all().redact(text)).isEqualTo(text);
    }

    @Test
    void secretsOnlyKeepsPersonalDataAndNoneKeepsEverything() {
        var text = "mail ada@example.org with key sk-ant-" + "api03-abcdefghijklmnop";

        assertThat(Redactor.secrets().redact(text)).contains("ada@example.org").doesNotContain("sk-ant-");
        assertThat(Redactor.none().redact(text)).isEqualTo(text);
    }

    @Test
    void redactsEveryStringOfAJsonDocumentKeepingItsShape() {
        var node = Json.parseObject("{\"to\":\"ada@example.org\",\"n\":3,\"list\":[\"sk-ant-" + "api03-abcdefghijklmnop\"]}");

        var redacted = Redactor.all().redact(node);

        assertThat(redacted.toString()).isEqualTo(
                "{\"to\":\"[REDACTED:email]\",\"n\":3,\"list\":[\"[REDACTED:anthropic_key]\"]}");
        assertThat(node.path("to").asText()).isEqualTo("ada@example.org");
    }

    @Test
    void checksumsKeepNumbersThatAreNotCardsOrIbans() {
        assertThat(Redactor.luhn("4111111111111112")).isFalse();
        assertThat(Redactor.validIban("GB82WEST12345698765431")).isFalse();
        assertThat(Redactor.validIban("DE89370400440532013000")).isTrue();
    }
}
