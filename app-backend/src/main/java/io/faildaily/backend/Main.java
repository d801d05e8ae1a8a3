package io.faildaily.backend;

import io.faildaily.backend.config.AppConfig;
import io.faildaily.backend.config.ConfigException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** `java -jar faildaily-backend.jar`: configuration from the environment, SIGTERM drains in-flight requests. */
public final class Main {
    private static final Logger LOG = LoggerFactory.getLogger(Main.class);

    private Main() {}

    public static void main(String[] args) {
        AppConfig config;
        try {
            config = AppConfig.fromEnvironment();
        } catch (ConfigException e) {
            System.err.println("Invalid configuration: " + e.getMessage());
            System.exit(2);
            return;
        }
        if (config.jwtSecretGenerated()) {
            LOG.warn("JWT_SECRET is not set: using a random secret, tokens will not survive a restart");
        }
        try {
            BackendApp app = BackendApp.start(config);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                LOG.info("Shutdown requested: draining in-flight requests");
                app.close();
                LOG.info("Stopped");
            }, "shutdown"));
        } catch (RuntimeException e) {
            LOG.error("Cannot start the FailDaily API: {}", e.getMessage(), e);
            System.exit(1);
        }
    }
}
