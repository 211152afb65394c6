package dev.mainstay.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mainstay.config.ConfigProblem;
import dev.mainstay.config.InvalidConfigException;
import dev.mainstay.runtime.config.MainstayConfig;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SettingsTest {
    @TempDir
    Path home;

    @Test
    void aMisspeltMainstayVariableIsReportedWithTheSettingItProbablyMeant() {
        assertThatThrownBy(() -> MainstayConfig.fromEnv(Map.of("MAINSTAY_MAX_STEP", "3"), home))
                .isInstanceOfSatisfying(InvalidConfigException.class, e -> assertThat(e.problems())
                        .extracting(ConfigProblem::message)
                        .containsExactly("MAINSTAY_MAX_STEP is not a Mainstay setting (did you mean MAINSTAY_MAX_STEPS?)"));
    }

    @Test
    void aMisspeltVariableIsListedWithEveryOtherProblem() {
        assertThatThrownBy(() -> MainstayConfig.fromEnv(Map.of("MAINSTAY_FROBNICATE", "1",
                "MAINSTAY_MAX_STEPS", "zero", "MAINSTAY_RETRY_MAX_ATTEMPTS", "0"), home))
                .isInstanceOfSatisfying(InvalidConfigException.class, e -> assertThat(e.problems())
                        .extracting(ConfigProblem::setting)
                        .containsExactlyInAnyOrder("MAINSTAY_FROBNICATE", "MAINSTAY_MAX_STEPS",
                                "MAINSTAY_RETRY_MAX_ATTEMPTS"));
    }

    @Test
    void variablesOutsideMainstaysPrefixAreNoneOfItsBusiness() {
        MainstayConfig.fromEnv(Map.of("PATH", "/usr/bin", "MAINSTAYS_TEA", "earl grey", "LANG", "C"), home);
    }

    @Test
    void everyDocumentedSettingIsKnown() {
        var env = new java.util.HashMap<String, String>();
        MainstayConfig.variables().forEach(v -> env.put(v, ""));

        MainstayConfig.fromEnv(env, home); // blank values keep their defaults; no name is unknown
    }

    @Test
    void aThinkingBudgetFollowsTheApisRules() {
        assertThat(MainstayConfig.fromEnv(Map.of("MAINSTAY_THINKING_BUDGET", "2048",
                "MAINSTAY_MAX_OUTPUT_TOKENS", "4096"), home).thinkingBudget()).isEqualTo(2048);
        assertThatThrownBy(() -> MainstayConfig.fromEnv(Map.of("MAINSTAY_THINKING_BUDGET", "500"), home))
                .hasMessageContaining("MAINSTAY_THINKING_BUDGET").hasMessageContaining("1024");
        assertThatThrownBy(() -> MainstayConfig.fromEnv(Map.of("MAINSTAY_THINKING_BUDGET", "2048"), home))
                .hasMessageContaining("less than MAINSTAY_MAX_OUTPUT_TOKENS (1024)");
    }
}
