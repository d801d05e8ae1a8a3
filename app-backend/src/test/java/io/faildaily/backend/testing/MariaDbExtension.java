package io.faildaily.backend.testing;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * JUnit 5 extension giving tests one {@link MariaDbServer} per test run (started on first use, stopped when
 * the run ends): {@code @ExtendWith(MariaDbExtension.class)} and a {@code MariaDbServer} parameter.
 */
public final class MariaDbExtension implements ParameterResolver {
    private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(MariaDbExtension.class);

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == MariaDbServer.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return shared(context);
    }

    /** The run-wide server; the root store closes it (AutoCloseable) when the test run ends. */
    public static MariaDbServer shared(ExtensionContext context) {
        return context.getRoot().getStore(NS)
                .getOrComputeIfAbsent("server", k -> MariaDbServer.start(), MariaDbServer.class);
    }
}
