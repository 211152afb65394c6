package dev.mainstay.runtime.config;

import dev.mainstay.config.InvalidConfigException;
import dev.mainstay.policy.AgentPolicy;
import dev.mainstay.redact.Redactor;
import dev.mainstay.redact.TenantRedaction;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The security settings: the reference agent's policy and spotlighting, and redaction per tenant. Logs, traces and
 * error messages lose secrets whatever these say.
 *
 * @param policy whether the POLICY link enforces the taint policy ({@value #POLICY}, default on)
 * @param spotlight whether untrusted tool output is spotlighted ({@value #SPOTLIGHT}, default on)
 * @param unplanned what an unplanned side effect after untrusted content gets ({@value #UNPLANNED}, default approve)
 * @param onDeny what a denial does to the run ({@value #DENIAL}, default tell_model)
 * @param blockSuspectedInjections whether a detected injection blocks side effects ({@value #BLOCK_INJECTIONS})
 * @param redaction what stored content and API responses lose, per tenant ({@value #REDACT_STORED},
 *     {@value #REDACT_RESPONSES}, {@value #REDACT_TENANTS})
 */
public record SecurityConfig(boolean policy, boolean spotlight, AgentPolicy.Unplanned unplanned,
        AgentPolicy.OnDeny onDeny, boolean blockSuspectedInjections, TenantRedaction redaction) {
    public static final String POLICY = "MAINSTAY_POLICY";
    public static final String SPOTLIGHT = "MAINSTAY_SPOTLIGHT";
    public static final String UNPLANNED = "MAINSTAY_UNPLANNED_SIDE_EFFECTS";
    public static final String DENIAL = "MAINSTAY_POLICY_DENIAL";
    public static final String BLOCK_INJECTIONS = "MAINSTAY_BLOCK_SUSPECTED_INJECTIONS";
    public static final String REDACT_STORED = "MAINSTAY_REDACT_STORED";
    public static final String REDACT_RESPONSES = "MAINSTAY_REDACT_RESPONSES";
    public static final String REDACT_TENANTS = "MAINSTAY_REDACT_TENANTS";
    public static final List<String> VARIABLES = List.of(POLICY, SPOTLIGHT, UNPLANNED, DENIAL, BLOCK_INJECTIONS,
            REDACT_STORED, REDACT_RESPONSES, REDACT_TENANTS);

    /** Policy and spotlighting on, unplanned side effects need approval, nothing stored redacted, responses lose secrets. */
    public static final SecurityConfig DEFAULTS = new SecurityConfig(true, true, AgentPolicy.DEFAULT_UNPLANNED,
            AgentPolicy.DEFAULT_ON_DENY, false, new TenantRedaction(Set.of(), Set.of(Redactor.Kind.SECRET), Map.of(),
                    Map.of()));

    /** Which kinds a redaction setting names. */
    enum Level {
        NONE(Set.of()), SECRETS(Set.of(Redactor.Kind.SECRET)), ALL(EnumSet.allOf(Redactor.Kind.class));

        final Set<Redactor.Kind> kinds;

        Level(Set<Redactor.Kind> kinds) {
            this.kinds = kinds;
        }
    }

    /** @throws InvalidConfigException listing every problem */
    public static SecurityConfig fromEnv(Map<String, String> env) {
        var r = new EnvReader(env);
        boolean policy = r.bool(POLICY, true);
        boolean spotlight = r.bool(SPOTLIGHT, true);
        var unplanned = r.oneOf(UNPLANNED, AgentPolicy.Unplanned.class, AgentPolicy.DEFAULT_UNPLANNED);
        var onDeny = r.oneOf(DENIAL, AgentPolicy.OnDeny.class, AgentPolicy.DEFAULT_ON_DENY);
        boolean block = r.bool(BLOCK_INJECTIONS, false);
        if (block && !policy) {
            r.problem(BLOCK_INJECTIONS, "false while " + POLICY + " is off", "true");
        }
        var stored = r.oneOf(REDACT_STORED, Level.class, Level.NONE);
        var responses = r.oneOf(REDACT_RESPONSES, Level.class, Level.SECRETS);
        var byTenant = new HashMap<String, Set<Redactor.Kind>>();
        r.string(REDACT_TENANTS).ifPresent(raw -> {
            for (var part : raw.split(",")) {
                var pair = part.strip().split("=", 2);
                Level level = null;
                if (pair.length == 2 && pair[0].strip().matches("[A-Za-z0-9._-]{1,64}")) {
                    try {
                        level = Level.valueOf(pair[1].strip().toUpperCase(Locale.ROOT));
                    } catch (IllegalArgumentException e) {
                        level = null;
                    }
                }
                if (level == null) {
                    r.problem(REDACT_TENANTS, "tenant=none|secrets|all pairs separated by commas", "'" + raw + "'");
                    return;
                }
                byTenant.put(pair[0].strip(), level.kinds);
            }
        });
        if (!r.problems().isEmpty()) {
            throw new InvalidConfigException(r.problems());
        }
        return new SecurityConfig(policy, spotlight, unplanned, onDeny, block,
                new TenantRedaction(stored.kinds, responses.kinds, byTenant, Map.of()));
    }
}
