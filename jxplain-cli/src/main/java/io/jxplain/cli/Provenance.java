package io.jxplain.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.jxplain.io.StagedFile;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The provenance file of a folder output ({@value #FILE}): what produced it, and last, whether the run completed.
 */
final class Provenance {
    static final String FILE = "provenance.json";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private Provenance() {
    }

    /** Writes {@code folder}/provenance.json: {@code provenance}, then "incomplete_because" if any, then "complete". */
    static void write(Path folder, Map<String, Object> provenance, boolean complete, String reason)
            throws IOException {
        Map<String, Object> p = new LinkedHashMap<>(provenance);
        if (reason != null) {
            p.put("incomplete_because", reason);
        }
        p.put("complete", complete);
        StagedFile.write(folder.resolve(FILE), out -> JSON.writeValue(out, p));
    }
}
