package io.streamback.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/** The version printed by {@code --version}, read from the {@code version.properties} Maven filled in. */
final class VersionProvider implements IVersionProvider {
    private static final String RESOURCE = "version.properties";

    @Override
    public String[] getVersion() throws IOException {
        Properties properties = new Properties();
        try (InputStream in = VersionProvider.class.getResourceAsStream(RESOURCE)) {
            if (in != null) {
                properties.load(in);
            }
        }
        String version = properties.getProperty("version", "unknown");
        return new String[] {"streamback " + version + " (Java " + Runtime.version() + ")"};
    }
}
