package io.faildaily.backend.testing;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * One backend per test class, on its own fresh database of the run-wide {@link MariaDbServer}:
 * subclasses use {@link #backend} and {@link #api}.
 */
@ExtendWith(MariaDbExtension.class)
public abstract class BackendTestBase {
    protected static TestBackend backend;
    protected static ApiClient api;

    @BeforeAll
    static void startBackend(MariaDbServer db) {
        backend = TestBackend.start(db);
        api = backend.api;
    }

    @AfterAll
    static void stopBackend() {
        backend.close();
    }
}
