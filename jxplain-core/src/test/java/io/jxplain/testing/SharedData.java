package io.jxplain.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.ejml.data.DMatrixRMaj;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * Locates ../shared (data sets, Captum reference values) for the "shared-data" suite. The suite fails, never
 * skips, when it is missing: a green run must mean the reference checks ran.
 */
public final class SharedData {
    private SharedData() {
    }

    public static Path root() {
        String configured = System.getProperty("jxplain.shared");
        if (configured != null && Files.isDirectory(Path.of(configured, "reference"))) {
            return Path.of(configured).normalize();
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolveSibling("shared");
            if (Files.isDirectory(candidate.resolve("reference"))) {
                return candidate;
            }
        }
        return fail("../shared was not found (looked at -Djxplain.shared=" + configured
                + " and beside every parent folder); the shared-data suite needs it");
    }

    public static JsonNode json(String relative) {
        Path p = root().resolve(relative);
        try {
            return new ObjectMapper().readTree(p.toFile());
        } catch (IOException e) {
            return fail("cannot read " + p + ": " + e.getMessage());
        }
    }

    public static DMatrixRMaj matrix(JsonNode rows) {
        int n = rows.size();
        int d = rows.get(0).size();
        DMatrixRMaj m = new DMatrixRMaj(n, d);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                m.set(i, j, rows.get(i).get(j).asDouble());
            }
        }
        return m;
    }
}
