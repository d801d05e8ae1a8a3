package io.faildaily.operator.testing;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import org.slf4j.LoggerFactory;

/**
 * Captures what the operator logs while a test runs, safely read while the operator's threads still
 * write: at a chosen level for the operator's own packages and its libraries, restored on close.
 */
public final class LogCapture extends AppenderBase<ILoggingEvent> implements AutoCloseable {
    private static final List<String> PACKAGES = List.of("io.faildaily", "io.javaoperatorsdk", "io.fabric8");

    private final List<ILoggingEvent> events = new CopyOnWriteArrayList<>();
    private final Level threshold;
    private final List<Level> previousLevels;

    private LogCapture(Level level, Level threshold) {
        this.threshold = threshold;
        LoggerContext logging = (LoggerContext) LoggerFactory.getILoggerFactory();
        setContext(logging);
        previousLevels = PACKAGES.stream().map(name -> logging.getLogger(name).getLevel()).toList();
        PACKAGES.forEach(name -> logging.getLogger(name).setLevel(level));
        start();
        root().addAppender(this);
    }

    /** Every event at {@code level} and above from the operator's packages and libraries. */
    public static LogCapture all(Level level) {
        return new LogCapture(level, level);
    }

    /** Only errors, with the usual levels left in place for the rest. */
    public static LogCapture errors() {
        return new LogCapture(Level.INFO, Level.ERROR);
    }

    @Override
    protected void append(ILoggingEvent event) {
        if (event.getLevel().isGreaterOrEqual(threshold)) {
            event.prepareForDeferredProcessing();
            events.add(event);
        }
    }

    public List<ILoggingEvent> events() {
        return List.copyOf(events);
    }

    /** Each event's message with its exception's, one string per event. */
    public List<String> lines() {
        return events.stream().map(e -> e.getFormattedMessage()
                + (e.getThrowableProxy() == null ? "" : " " + e.getThrowableProxy().getMessage())).toList();
    }

    @Override
    public void close() {
        root().detachAppender(this);
        stop();
        LoggerContext logging = (LoggerContext) LoggerFactory.getILoggerFactory();
        for (int i = 0; i < PACKAGES.size(); i++) {
            logging.getLogger(PACKAGES.get(i)).setLevel(previousLevels.get(i));
        }
    }

    private static Logger root() {
        return ((LoggerContext) LoggerFactory.getILoggerFactory()).getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    }
}
