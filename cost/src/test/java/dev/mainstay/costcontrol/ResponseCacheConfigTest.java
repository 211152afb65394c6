package dev.mainstay.costcontrol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mainstay.config.ConfigProblem;
import dev.mainstay.config.InvalidConfigException;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ResponseCacheConfigTest {
    @Test
    void theCacheIsOffUnlessConfigured() {
        assertThat(ResponseCacheConfig.fromEnv(Map.of())).isEmpty();
        assertThat(ResponseCacheConfig.parse("off")).isEmpty();
        assertThat(ResponseCacheConfig.parse(" ")).isEmpty();
    }

    @Test
    void ttlAndSizeAreReadAndAFieldLeftOutTakesItsDefault() {
        assertThat(ResponseCacheConfig.parse("ttl=10m,max=10000"))
                .contains(new ResponseCacheConfig(Duration.ofMinutes(10), 10_000));
        assertThat(ResponseCacheConfig.parse("ttl=30s")).contains(new ResponseCacheConfig(Duration.ofSeconds(30),
                ResponseCacheConfig.DEFAULT_MAX_ENTRIES));
        assertThat(ResponseCacheConfig.parse("max=5")).contains(new ResponseCacheConfig(
                ResponseCacheConfig.DEFAULT_TTL, 5));
    }

    @Test
    void everyBadFieldIsListedNamingTheSettingAndTheValue() {
        assertThatThrownBy(() -> ResponseCacheConfig.parse("ttl=-5s,max=lots,size=3"))
                .isInstanceOfSatisfying(InvalidConfigException.class, e -> assertThat(e.problems())
                        .map(ConfigProblem::message).hasSize(3)
                        .allSatisfy(m -> assertThat(m).contains("MAINSTAY_RESPONSE_CACHE"))
                        .anySatisfy(m -> assertThat(m).contains("-5s"))
                        .anySatisfy(m -> assertThat(m).contains("lots"))
                        .anySatisfy(m -> assertThat(m).contains("size=3")));
    }
}
