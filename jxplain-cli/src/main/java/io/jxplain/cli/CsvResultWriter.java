package io.jxplain.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.jxplain.explain.Explanation;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One CSV row per instance: row, attribution per feature, standard error per feature (stochastic methods),
 * intercept (surrogates), model calls, then the method's diagnostics (e.g. completeness_gap, samples_used,
 * certified_radius), named by the first row's. The provenance goes to a JSON file beside it
 * ({@code <out>.provenance.json}), with "complete" set when the run ends.
 */
final class CsvResultWriter implements ResultWriter {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private final Path out;
    private final List<String> featureNames;
    private CSVPrinter printer; // created with the first rows, whose diagnostics name the last columns
    private List<String> diagnostics;
    private final Path provenancePath;
    private final Map<String, Object> provenance;
    private final int d;
    private boolean finished;
    private int rows;

    CsvResultWriter(Path out, List<String> featureNames, Map<String, Object> provenance) throws IOException {
        Files.createDirectories(out.toAbsolutePath().getParent());
        this.d = featureNames.size();
        this.provenancePath = out.resolveSibling(out.getFileName() + ".provenance.json");
        this.provenance = new LinkedHashMap<>(provenance);
        this.out = out;
        this.featureNames = List.copyOf(featureNames);
        Files.deleteIfExists(out);
        writeProvenance(false);
    }

    private void open(List<String> diagnosticNames) throws IOException {
        diagnostics = List.copyOf(diagnosticNames);
        List<String> header = new ArrayList<>();
        header.add("row");
        for (String f : featureNames) {
            header.add("attr_" + f);
        }
        for (String f : featureNames) {
            header.add("se_" + f);
        }
        header.add("intercept");
        header.add("model_calls");
        header.addAll(diagnostics);
        printer = new CSVPrinter(Files.newBufferedWriter(out, StandardCharsets.UTF_8),
                CSVFormat.DEFAULT.builder().setHeader(header.toArray(String[]::new)).build());
    }

    @Override
    public synchronized void write(int firstRow, List<Explanation> explanations) throws IOException {
        if (printer == null) {
            open(explanations.isEmpty() ? List.of() : List.copyOf(explanations.get(0).diagnostics().keySet()));
        }
        for (int i = 0; i < explanations.size(); i++) {
            Explanation e = explanations.get(i);
            List<Object> record = new ArrayList<>(2 * d + 3);
            record.add(firstRow + i);
            for (double v : e.attributions()) {
                record.add(v);
            }
            double[] se = e.hasStandardErrors() ? e.standardErrors() : null;
            for (int j = 0; j < d; j++) {
                record.add(se == null ? "" : se[j]);
            }
            record.add(e.intercept().isPresent() ? e.intercept().getAsDouble() : "");
            record.add(e.modelCalls());
            for (String key : diagnostics) {
                Double v = e.diagnostics().get(key);
                record.add(v == null ? "" : v);
            }
            printer.printRecord(record);
        }
        rows += explanations.size();
        printer.flush();
    }

    @Override
    public synchronized void finish(boolean complete) throws IOException {
        if (finished) {
            return;
        }
        finished = true;
        if (printer == null) {
            open(List.of());
        }
        printer.close();
        writeProvenance(complete);
    }

    private void writeProvenance(boolean complete) throws IOException {
        Map<String, Object> p = new LinkedHashMap<>(provenance);
        p.put("rows_written", rows);
        p.put("complete", complete);
        JSON.writeValue(provenancePath.toFile(), p);
    }
}
