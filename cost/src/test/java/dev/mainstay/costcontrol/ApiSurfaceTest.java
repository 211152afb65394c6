package dev.mainstay.costcontrol;

import dev.mainstay.testing.ApiSurface;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The cost module exports only reviewed API: implementation types live in {@code internal} packages. */
class ApiSurfaceTest {
    @Test
    void everyPublicTypeOutsideInternalPackagesIsReviewedApi() {
        ApiSurface.check(Path.of("target/classes"), Path.of("src/test/resources/api-surface.txt"));
    }
}
