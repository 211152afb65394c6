package dev.mainstay.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mainstay.config.InvalidConfigException;
import dev.mainstay.policy.AgentPolicy;
import dev.mainstay.redact.Redactor;
import dev.mainstay.runtime.config.SecurityConfig;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SecurityConfigTest {
    @Test
    void theDefaultsEnforceThePolicyAndSpotlightAndRedactSecretsFromResponses() {
        var config = SecurityConfig.fromEnv(Map.of());

        assertThat(config).isEqualTo(SecurityConfig.DEFAULTS);
        assertThat(config.redaction().forStored("default").isNone()).isTrue();
        assertThat(config.redaction().forResponses("default").kinds()).containsExactly(Redactor.Kind.SECRET);
        var agent = ReferenceAgent.security(config);
        assertThat(agent.enforced()).isTrue();
        assertThat(agent.spotlight()).isTrue();
        assertThat(agent.rule("save_note")).hasValueSatisfying(r -> assertThat(r.cue()).isPresent());
    }

    @Test
    void everySettingIsRead() {
        var config = SecurityConfig.fromEnv(Map.of(
                SecurityConfig.POLICY, "on", SecurityConfig.SPOTLIGHT, "off",
                SecurityConfig.UNPLANNED, "deny", SecurityConfig.DENIAL, "end_run",
                SecurityConfig.BLOCK_INJECTIONS, "true", SecurityConfig.REDACT_STORED, "secrets",
                SecurityConfig.REDACT_RESPONSES, "all", SecurityConfig.REDACT_TENANTS, "acme=all, globex=none"));

        assertThat(config.unplanned()).isEqualTo(AgentPolicy.Unplanned.DENY);
        assertThat(config.onDeny()).isEqualTo(AgentPolicy.OnDeny.END_RUN);
        assertThat(config.redaction().forStored("acme").kinds()).isEqualTo(Set.of(Redactor.Kind.SECRET,
                Redactor.Kind.PERSONAL));
        assertThat(config.redaction().forStored("globex").isNone()).isTrue();
        assertThat(config.redaction().forStored("other").kinds()).containsExactly(Redactor.Kind.SECRET);
        assertThat(config.redaction().forResponses("other").kinds()).hasSize(2);
    }

    @Test
    void badValuesAreAllReportedAtOnce() {
        assertThatThrownBy(() -> SecurityConfig.fromEnv(Map.of(SecurityConfig.UNPLANNED, "maybe",
                SecurityConfig.REDACT_TENANTS, "acme", SecurityConfig.POLICY, "off",
                SecurityConfig.BLOCK_INJECTIONS, "true")))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessageContaining(SecurityConfig.UNPLANNED).hasMessageContaining(SecurityConfig.REDACT_TENANTS)
                .hasMessageContaining(SecurityConfig.BLOCK_INJECTIONS);
    }

    @Test
    void bothLayersOffIsNoSecurityAtAll() {
        var off = SecurityConfig.fromEnv(Map.of(SecurityConfig.POLICY, "off", SecurityConfig.SPOTLIGHT, "off"));

        assertThat(ReferenceAgent.security(off)).isSameAs(AgentPolicy.NONE);
    }
}
