package io.streamback.internal;

import java.util.regex.Pattern;

/** Hides passwords in text about streams strings before it reaches a log line or an exception. */
public final class Secrets {
    private static final Pattern KAFKA_SASL = Pattern.compile("(kafka://[^@&/]*@)[^:&]*(:)");
    /** {@code [user:]password@}; the password runs to the last {@code @} of the address, as it may hold one. */
    private static final Pattern URI_PASSWORD = Pattern.compile("(rediss?(?:-sentinel|-cluster)?://(?:[^:@/&\\s]*:)?)[^&\\s]*(@)");

    private Secrets() {
    }

    /** {@code text} with every password of a kafka:// or redis:// address replaced by {@code ****}. */
    public static String mask(String text) {
        String masked = KAFKA_SASL.matcher(text).replaceAll("$1****$2");
        return URI_PASSWORD.matcher(masked).replaceAll("$1****$2");
    }
}
