package dev.mainstay.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mainstay.config.InvalidConfigException;
import dev.mainstay.runtime.config.MainstayConfig;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ServerConfigTest {
    @Test
    void defaultsServeEverythingOnPort8080FromSqliteInData() {
        var config = ServerConfig.fromEnv(Map.of());

        assertThat(config.store().url()).isEqualTo("jdbc:sqlite:./data/mainstay.db");
        assertThat(config.port()).isEqualTo(8080);
        assertThat(config.role()).isEqualTo(ServerRole.ALL);
        assertThat(config.leaseDuration()).isEqualTo(Duration.ofSeconds(5));
        assertThat(config.renewInterval()).isEqualTo(Duration.ofSeconds(1));
        assertThat(config.shutdownGrace()).isEqualTo(Duration.ofSeconds(20));
        assertThat(config.eventRetention()).isEqualTo(Duration.ofHours(24));
    }

    @Test
    void theRuntimesListOfServiceVariablesIsExactlyWhatTheServiceReads() {
        assertThat(MainstayConfig.SERVICE_VARIABLES).containsExactlyInAnyOrderElementsOf(ServerConfig.VARIABLES);
    }

    @Test
    void everySettingIsReadAndEveryProblemListedAtOnce() {
        var config = ServerConfig.fromEnv(Map.of("MAINSTAY_PORT", "9000", "MAINSTAY_ROLE", "worker",
                "MAINSTAY_WORKERS", "64", "MAINSTAY_LEASE_DURATION", "10s", "MAINSTAY_LEASE_RENEW_INTERVAL", "2s",
                "MAINSTAY_DB_URL", "jdbc:postgresql://db:5432/mainstay", "MAINSTAY_DB_USER", "mainstay"));
        assertThat(config.port()).isEqualTo(9000);
        assertThat(config.role()).isEqualTo(ServerRole.WORKER);
        assertThat(config.workers()).isEqualTo(64);
        assertThat(config.store().isPostgres()).isTrue();
        assertThat(config.store().user()).contains("mainstay");

        assertThatThrownBy(() -> ServerConfig.fromEnv(Map.of("MAINSTAY_PORT", "70000", "MAINSTAY_ROLE", "boss",
                "MAINSTAY_LEASE_DURATION", "2s", "MAINSTAY_LEASE_RENEW_INTERVAL", "1500ms",
                "MAINSTAY_SHUTDOWN_GRACE", "soon")))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessageContaining("MAINSTAY_PORT must be between 0 and 65535")
                .hasMessageContaining("MAINSTAY_ROLE must be one of api, worker, all")
                .hasMessageContaining("MAINSTAY_LEASE_RENEW_INTERVAL must be at most half of MAINSTAY_LEASE_DURATION")
                .hasMessageContaining("MAINSTAY_SHUTDOWN_GRACE must be a positive duration");
    }

    @Test
    void theDatabasePasswordIsNeverEchoed() {
        var config = ServerConfig.fromEnv(Map.of("MAINSTAY_DB_URL",
                "jdbc:postgresql://db:5432/m?password=hunter2secret", "MAINSTAY_DB_PASSWORD", "s3cr3t-pass"));
        assertThat(config.toString()).doesNotContain("hunter2secret", "s3cr3t-pass");
        assertThatThrownBy(() -> ServerConfig.fromEnv(Map.of("MAINSTAY_DB_URL", "mysql://u:hunter2secret@db/m")))
                .isInstanceOf(InvalidConfigException.class).hasMessageContaining("MAINSTAY_DB_URL")
                .hasMessageNotContaining("hunter2secret");
    }
}
