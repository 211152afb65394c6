package dev.mainstay.sim.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mainstay.sim.ErrorFault;
import dev.mainstay.sim.FaultProfile;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

class FaultDeciderTest {
    private static final int DRAWS = 2_000;
    private static final FaultProfile PROFILE = FaultProfile.builder()
            .rate429(0.10)
            .rate529(0.20)
            .rate500(0.05)
            .midStreamOverloadRate(0.05)
            .cutStreamRate(0.05)
            .cutAfterEvents(7)
            .hangRate(0.02)
            .malformedJsonRate(0.03)
            .build();

    private static String kind(Fault fault) {
        return switch (fault) {
            case Fault.ErrorStatus status -> Integer.toString(status.status());
            case Fault.Refused refused -> refused.kind().field();
            case Fault.MidStreamOverload overload -> "mid_stream";
            case Fault.Cut cut -> "cut";
            case Fault.Hang hang -> "hang";
            case Fault.Malformed malformed -> "malformed";
            case Fault.None none -> "none";
        };
    }

    private static Map<String, Integer> draw(long seed) {
        var random = new SplittableRandom(seed);
        var counts = new TreeMap<String, Integer>();
        for (int i = 0; i < DRAWS; i++) {
            counts.merge(kind(FaultDecider.decide(PROFILE, random)), 1, Integer::sum);
        }
        return counts;
    }

    @Test
    void drawsEachFaultAboutAsOftenAsItsRateSays() {
        var counts = draw(7);

        assertThat(counts).containsExactlyInAnyOrderEntriesOf(Map.of(
                "429", 202, "529", 425, "500", 96, "mid_stream", 109, "cut", 110, "hang", 44, "malformed", 56,
                "none", 958));
        var expected = Map.of("429", 0.10, "529", 0.20, "500", 0.05, "mid_stream", 0.05, "cut", 0.05, "hang", 0.02,
                "malformed", 0.03, "none", 0.50);
        expected.forEach((kind, rate) -> {
            double sigma = Math.sqrt(DRAWS * rate * (1 - rate));
            assertThat((double) counts.get(kind)).as(kind).isCloseTo(DRAWS * rate, Offset.offset(3 * sigma));
        });
    }

    @Test
    void drawsTheSameSequenceForTheSameSeed() {
        var first = new ArrayList<Fault>();
        var second = new ArrayList<Fault>();
        var a = new SplittableRandom(99);
        var b = new SplittableRandom(99);
        for (int i = 0; i < 200; i++) {
            first.add(FaultDecider.decide(PROFILE, a));
            second.add(FaultDecider.decide(PROFILE, b));
        }
        assertThat(first).isEqualTo(second);
        assertThat(draw(8)).isNotEqualTo(draw(7));
    }

    @Test
    void neverDrawsAFaultFromTheEmptyProfileAndAlwaysDrawsOneAtFullRate() {
        var random = new SplittableRandom(1);
        for (int i = 0; i < 500; i++) {
            assertThat(FaultDecider.decide(FaultProfile.NONE, random)).isEqualTo(Fault.NONE);
            assertThat(FaultDecider.decide(FaultProfile.named("outage"), random)).isEqualTo(new Fault.ErrorStatus(529));
        }
    }

    @Test
    void drawsEachInjectedClientErrorAboutAsOftenAsItsRateSays() {
        var builder = FaultProfile.builder();
        for (var fault : ErrorFault.values()) {
            builder.rate(fault, 0.1);
        }
        var profile = builder.build();
        var random = new SplittableRandom(11);
        var counts = new TreeMap<String, Integer>();
        for (int i = 0; i < DRAWS; i++) {
            counts.merge(kind(FaultDecider.decide(profile, random)), 1, Integer::sum);
        }

        double sigma = Math.sqrt(DRAWS * 0.1 * 0.9);
        for (var fault : ErrorFault.values()) {
            assertThat((double) counts.get(fault.field())).as(fault.field())
                    .isCloseTo(DRAWS * 0.1, Offset.offset(3 * sigma));
        }
        assertThat(FaultDecider.decide(FaultProfile.named("usage_limit"), random))
                .isEqualTo(new Fault.Refused(ErrorFault.USAGE_LIMIT_429));
    }

    @Test
    void carriesTheConfiguredCutPoint() {
        var profile = FaultProfile.builder().cutStreamRate(1.0).cutAfterEvents(3).build();
        assertThat(FaultDecider.decide(profile, new SplittableRandom(5))).isEqualTo(new Fault.Cut(3));
        assertThat(List.of(FaultDecider.decide(FaultProfile.named("hang"), new SplittableRandom(5))))
                .containsExactly(new Fault.Hang());
    }
}
