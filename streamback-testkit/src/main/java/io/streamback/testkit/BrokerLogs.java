package io.streamback.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import org.slf4j.ILoggerFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the embedded broker's own loggers at {@link #PROPERTY} (warnings by default), so a test's
 * output shows the library's lines and the broker's problems, not the broker's routine. Only the
 * broker's loggers ({@link #BROKER_LOGGERS}) are touched, and only those the logging configuration
 * leaves unset, themselves and their parents: a level the user configured ({@code kafka},
 * {@code org.apache.kafka}...) wins. Works with slf4j-simple (through its system
 * properties, before the broker's loggers exist) and Logback (each logger's level); with another
 * binding, set the levels in its configuration.
 */
final class BrokerLogs {
    /**
     * The system property naming the level of the broker's loggers: {@code error}, {@code warn}
     * (the default), {@code info}, {@code debug} or {@code trace}.
     */
    static final String PROPERTY = "streamback.testkit.kafka.logs";
    static final String DEFAULT_LEVEL = "warn";
    private static final Set<String> LEVELS = Set.of("error", "warn", "info", "debug", "trace");
    /** The loggers of the broker itself: the kafka.* classes and the server-side org.apache.kafka packages. */
    static final List<String> BROKER_LOGGERS = List.of("kafka", "state.change.logger",
            "org.apache.kafka.server", "org.apache.kafka.controller", "org.apache.kafka.raft",
            "org.apache.kafka.storage", "org.apache.kafka.metadata", "org.apache.kafka.image",
            "org.apache.kafka.coordinator", "org.apache.kafka.queue", "org.apache.kafka.snapshot",
            "org.apache.kafka.security", "org.apache.kafka.network", "org.apache.kafka.logger");
    private static final String SIMPLE_PREFIX = "org.slf4j.simpleLogger.log.";

    private BrokerLogs() {
    }

    /**
     * The level {@link #PROPERTY} asks for.
     *
     * @throws IllegalStateException naming the property and the levels when its value is none of them
     */
    static String level() {
        String value = System.getProperty(PROPERTY, DEFAULT_LEVEL).trim().toLowerCase(Locale.ROOT);
        if (!LEVELS.contains(value)) {
            throw new IllegalStateException("system property " + PROPERTY + " must be one of error, warn, info,"
                    + " debug or trace, got '" + System.getProperty(PROPERTY) + "'");
        }
        return value;
    }

    /** Sets the broker's loggers to {@link #level()}, where the logging configuration leaves them unset. */
    static void apply() {
        String level = level();
        ILoggerFactory factory = LoggerFactory.getILoggerFactory();
        String binding = factory.getClass().getName();
        if (binding.equals("org.slf4j.simple.SimpleLoggerFactory")) {
            Properties file = simpleLoggerFile();
            for (String logger : BROKER_LOGGERS) {
                if (selfAndParents(logger).stream().map(name -> SIMPLE_PREFIX + name)
                        .allMatch(key -> System.getProperty(key) == null && file.getProperty(key) == null)) {
                    System.setProperty(SIMPLE_PREFIX + logger, level);
                }
            }
        } else if (binding.equals("ch.qos.logback.classic.LoggerContext")) {
            logback(factory, level);
        } else {
            LoggerFactory.getLogger(BrokerLogs.class).debug("The broker's log levels are left to the logging"
                    + " configuration of {}: set {} there", binding, BROKER_LOGGERS);
        }
    }

    /** {@code a.b.c}, {@code a.b}, {@code a}: a level set on any of them is the configuration's (the root's is not). */
    private static List<String> selfAndParents(String logger) {
        List<String> names = new ArrayList<>();
        for (String name = logger; ; name = name.substring(0, name.lastIndexOf('.'))) {
            names.add(name);
            if (name.indexOf('.') < 0) {
                return names;
            }
        }
    }

    private static Properties simpleLoggerFile() {
        Properties properties = new Properties();
        try (InputStream in = Thread.currentThread().getContextClassLoader() == null ? null
                : Thread.currentThread().getContextClassLoader().getResourceAsStream("simplelogger.properties")) {
            if (in != null) {
                properties.load(in);
            }
        } catch (IOException e) {
            // slf4j-simple ignores an unreadable file too
        }
        return properties;
    }

    /** Logback without a compile-time dependency: each logger whose level is unset gets {@code level}. */
    private static void logback(ILoggerFactory factory, String level) {
        try {
            Class<?> levelType = Class.forName("ch.qos.logback.classic.Level", true, factory.getClass().getClassLoader());
            Object wanted = levelType.getMethod("toLevel", String.class).invoke(null, level);
            for (String name : BROKER_LOGGERS) {
                boolean configured = false;
                for (String ancestor : selfAndParents(name)) {
                    Logger logger = factory.getLogger(ancestor);
                    configured |= logger.getClass().getMethod("getLevel").invoke(logger) != null;
                }
                if (!configured) {
                    Logger logger = factory.getLogger(name);
                    logger.getClass().getMethod("setLevel", levelType).invoke(logger, wanted);
                }
            }
        } catch (ReflectiveOperationException | RuntimeException e) {
            LoggerFactory.getLogger(BrokerLogs.class).debug("Could not set the broker's Logback levels", e);
        }
    }
}
