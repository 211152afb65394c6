package dev.mainstay.server;

import dev.mainstay.testing.ApiSurface;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The server module exports only reviewed API: the rest lives in {@code internal} packages. */
class ApiSurfaceTest {
    @Test
    void everyPublicTypeOutsideInternalPackagesIsReviewedApi() {
        ApiSurface.check(Path.of("target/classes"), Path.of("src/test/resources/api-surface.txt"));
    }
}
