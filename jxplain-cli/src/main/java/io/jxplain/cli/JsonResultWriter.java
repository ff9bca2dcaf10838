package io.jxplain.cli;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jxplain.explain.Explanation;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * {"provenance": {...}, "features": [...], "explanations": [{row, attributions, standard_errors, intercept,
 * model_calls, diagnostics}, ...], "complete": true|false, "rows_written": n}, streamed so that an interrupted run still
 * leaves valid JSON with the rows it finished and "complete": false.
 */
final class JsonResultWriter implements ResultWriter {
    private final JsonGenerator json;
    private boolean finished;
    private int rows;

    JsonResultWriter(Path out, List<String> featureNames, Map<String, Object> provenance) throws IOException {
        Files.createDirectories(out.toAbsolutePath().getParent());
        json = new ObjectMapper().getFactory().createGenerator(out.toFile(), JsonEncoding.UTF8);
        json.writeStartObject();
        json.writeObjectField("provenance", provenance);
        json.writeObjectField("features", featureNames);
        json.writeArrayFieldStart("explanations");
        json.flush();
    }

    @Override
    public synchronized void write(int firstRow, List<Explanation> explanations) throws IOException {
        for (int i = 0; i < explanations.size(); i++) {
            Explanation e = explanations.get(i);
            json.writeStartObject();
            json.writeNumberField("row", firstRow + i);
            double[] a = e.attributions();
            json.writeFieldName("attributions");
            json.writeArray(a, 0, a.length);
            if (e.hasStandardErrors()) {
                double[] se = e.standardErrors();
                json.writeFieldName("standard_errors");
                json.writeArray(se, 0, se.length);
            }
            if (e.intercept().isPresent()) {
                json.writeNumberField("intercept", e.intercept().getAsDouble());
            }
            json.writeNumberField("model_calls", e.modelCalls());
            if (!e.diagnostics().isEmpty()) {
                json.writeObjectField("diagnostics", e.diagnostics());
            }
            json.writeEndObject();
        }
        rows += explanations.size();
        json.flush();
    }

    @Override
    public synchronized void finish(boolean complete) throws IOException {
        if (finished) {
            return;
        }
        finished = true;
        json.writeEndArray();
        json.writeBooleanField("complete", complete);
        json.writeNumberField("rows_written", rows);
        json.writeEndObject();
        json.close();
    }
}
