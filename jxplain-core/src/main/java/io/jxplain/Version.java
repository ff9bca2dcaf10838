package io.jxplain;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The library version, written into the provenance of every result. */
public final class Version {
    private static final String VERSION = load();

    private Version() {
    }

    /** jxplain's version, from the version.properties the build writes ("unknown" without it). */
    public static String get() {
        return VERSION;
    }

    private static String load() {
        try (InputStream in = Version.class.getResourceAsStream("version.properties")) {
            if (in == null) {
                return "unknown";
            }
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version", "unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }
}
