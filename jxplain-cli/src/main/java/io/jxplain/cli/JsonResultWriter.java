package io.jxplain.cli;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jxplain.explain.Explanation;

import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.Map;

/**
 * {"provenance": {...}, "features": [...], "explanations": [{row, id, f_x, class, predicted_class, categories, attributions,
 * standard_errors, intercept, model_calls, diagnostics}, ...] (id, class, predicted_class and categories {feature: its category} where there are some), "rows_written": n, "complete": true|false}, streamed so that an interrupted run
 * still leaves valid JSON with the rows it finished and "complete": false (written last).
 */
final class JsonResultWriter implements ResultWriter {
    private final JsonGenerator json;
    private boolean finished;
    private int rows;

    JsonResultWriter(OutputStream out, List<String> featureNames, Map<String, Object> provenance) throws IOException {
        json = new ObjectMapper().getFactory().createGenerator(out, JsonEncoding.UTF8);
        json.writeStartObject();
        json.writeObjectField("provenance", provenance);
        json.writeObjectField("features", featureNames);
        json.writeArrayFieldStart("explanations");
        json.flush();
    }

    @Override
    public synchronized void write(int firstRow, List<Explanation> explanations, RowFacts facts)
            throws IOException {
        if (finished) {
            return; // the run was interrupted meanwhile: the output is closed
        }
        for (int i = 0; i < explanations.size(); i++) {
            Explanation e = explanations.get(i);
            json.writeStartObject();
            json.writeNumberField("row", firstRow + i);
            if (facts.ids() != null) {
                json.writeStringField("id", facts.ids().get(i));
            }
            json.writeNumberField("f_x", facts.explained()[i]);
            if (facts.explainedClass() != null) {
                json.writeNumberField("class", facts.explainedClass()[i]);
            }
            if (facts.predictedClass() != null) {
                json.writeNumberField("predicted_class", facts.predictedClass()[i]);
            }
            if (!facts.categories().isEmpty()) {
                json.writeObjectFieldStart("categories");
                for (java.util.Map.Entry<String, String[]> c : facts.categories().entrySet()) {
                    json.writeStringField(c.getKey(), c.getValue()[i]);
                }
                json.writeEndObject();
            }
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
    public synchronized void finish(boolean complete, String reason) throws IOException {
        if (finished) {
            return;
        }
        finished = true;
        json.writeEndArray();
        json.writeNumberField("rows_written", rows);
        if (reason != null) {
            json.writeStringField("incomplete_because", reason);
        }
        json.writeBooleanField("complete", complete);
        json.writeEndObject();
        json.close();
    }

    @Override
    public synchronized int rowsWritten() {
        return rows;
    }
}
