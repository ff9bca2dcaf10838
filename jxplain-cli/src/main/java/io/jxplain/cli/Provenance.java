package io.jxplain.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.jxplain.io.StagedFile;
import io.jxplain.io.StagedFolder;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The provenance file of a folder output ({@value StagedFolder#MARKER}): what produced it, and last, whether the run
 * completed. It is also the mark by which jxplain knows a folder is its own and may be replaced by a new run.
 */
final class Provenance {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private Provenance() {
    }

    /** Writes {@code folder}/provenance.json: {@code provenance}, then "incomplete_because" if any, then "complete". */
    static void writeMarker(Path folder, Map<String, Object> provenance, boolean complete, String reason)
            throws IOException {
        Map<String, Object> p = new LinkedHashMap<>(provenance);
        if (reason != null) {
            p.put("incomplete_because", reason);
        }
        p.put("complete", complete);
        StagedFile.write(folder.resolve(StagedFolder.MARKER), out -> JSON.writeValue(out, p));
    }
}
