package dev.mainstay.promptcache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mainstay.config.ConfigProblem;
import dev.mainstay.config.InvalidConfigException;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PromptCacheModeTest {
    @Test
    void autoIsTheDefaultAndCachesTheStaticPrefixForAnHourOnlyInALongLivedHost() {
        var mode = PromptCacheMode.fromEnv(Map.of());
        assertThat(mode).isEqualTo(PromptCacheMode.AUTO);
        assertThat(mode.policy(true)).isEqualTo(
                new PromptCachePolicy(Optional.of(CacheTtl.ONE_HOUR), Optional.of(CacheTtl.FIVE_MINUTES)));
        assertThat(mode.policy(false)).isEqualTo(PromptCachePolicy.both(CacheTtl.FIVE_MINUTES));
    }

    @Test
    void readsEachModeAndRejectsAnythingElseNamingTheSetting() {
        assertThat(PromptCacheMode.fromEnv(Map.of("MAINSTAY_PROMPT_CACHE", "OFF")).policy(true).isOff()).isTrue();
        assertThat(PromptCacheMode.fromEnv(Map.of("MAINSTAY_PROMPT_CACHE", "5m")).policy(true))
                .isEqualTo(PromptCachePolicy.both(CacheTtl.FIVE_MINUTES));
        assertThat(PromptCacheMode.fromEnv(Map.of("MAINSTAY_PROMPT_CACHE", " 1h ")).policy(false))
                .isEqualTo(PromptCachePolicy.both(CacheTtl.ONE_HOUR));

        assertThatThrownBy(() -> PromptCacheMode.fromEnv(Map.of("MAINSTAY_PROMPT_CACHE", "10m")))
                .isInstanceOfSatisfying(InvalidConfigException.class, e -> assertThat(e.problems())
                        .map(ConfigProblem::message)
                        .containsExactly("MAINSTAY_PROMPT_CACHE must be one of auto, off, 5m, 1h, but was '10m'"));
    }
}
