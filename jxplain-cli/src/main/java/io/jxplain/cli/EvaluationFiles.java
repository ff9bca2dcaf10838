package io.jxplain.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.jxplain.experiments.Statistics;
import io.jxplain.io.StagedFile;
import io.jxplain.metric.Estimate;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The files of one evaluation folder: a CSV per method and metric (one row per instance, written block by block),
 * summary.csv (mean ± standard error per pair, and whether the pair is complete, partial or missing), and
 * provenance.json, written last with "complete" and the pairs that are missing. Thread-safe: an interrupt's
 * {@link #finish} and the running evaluation take turns, so no file is cut inside a row.
 */
final class EvaluationFiles {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final String[] SUMMARY_COLUMNS = {"method", "metric", "mean", "standard_error", "rows", "status"};

    /** One method × metric pair and what is known of it. */
    private static final class Pair {
        final String method;
        final String metric;
        String status = "missing";
        double[] values = new double[0];

        Pair(String method, String metric) {
            this.method = method;
            this.metric = metric;
        }
    }

    private final Path dir;
    private final boolean json;
    private final Map<String, Object> provenance;
    private final Map<String, Pair> pairs = new LinkedHashMap<>();
    private CSVPrinter current;
    private Pair currentPair;
    private boolean finished;

    EvaluationFiles(Path dir, boolean json, Map<String, Object> provenance) {
        this.dir = dir;
        this.json = json;
        this.provenance = new LinkedHashMap<>(provenance);
    }

    /** Declares a pair the run will evaluate, in the order of the summary. */
    synchronized void plan(String method, String metric) {
        pairs.put(key(method, metric), new Pair(method, metric));
    }

    /** Starts a pair's per-instance file. */
    synchronized void start(String method, String metric, int rows) throws IOException {
        if (finished) {
            return;
        }
        currentPair = pair(method, metric);
        currentPair.status = "partial";
        currentPair.values = new double[0];
        current = new CSVPrinter(Files.newBufferedWriter(dir.resolve(method + "-" + metric + ".csv"),
                StandardCharsets.UTF_8), CSVFormat.DEFAULT.builder()
                .setHeader("row", "value", "standard_error", "model_calls").build());
    }

    /** Appends a block of the current pair's rows, from row {@code start}. */
    synchronized void block(int start, List<Estimate> estimates) throws IOException {
        if (finished) {
            return;
        }
        double[] values = Arrays.copyOf(currentPair.values, start + estimates.size());
        for (int i = 0; i < estimates.size(); i++) {
            Estimate e = estimates.get(i);
            values[start + i] = e.value();
            current.printRecord(start + i, e.value(), Double.isNaN(e.standardError()) ? "" : e.standardError(),
                    e.evaluations());
        }
        currentPair.values = values;
        current.flush();
    }

    /** Ends the current pair: complete. */
    synchronized void end() throws IOException {
        if (finished) {
            return;
        }
        current.close();
        current = null;
        currentPair.status = "complete";
        writeJsonValues(currentPair);
    }

    /** A data-set metric's values, one per row, written at once. */
    synchronized void whole(String method, String metric, double[] values) throws IOException {
        if (finished) {
            return;
        }
        Pair p = pair(method, metric);
        StagedFile.writeText(dir.resolve(method + "-" + metric + ".csv"), w -> {
            try (CSVPrinter out = new CSVPrinter(w, CSVFormat.DEFAULT.builder().setHeader("row", "value").build())) {
                for (int i = 0; i < values.length; i++) {
                    out.printRecord(i, Double.isNaN(values[i]) ? "" : values[i]);
                }
            }
        });
        p.values = values.clone();
        p.status = "complete";
        writeJsonValues(p);
    }

    /**
     * Writes the summary and the provenance: "complete" (true only when every pair is), and the pairs not evaluated
     * in full. Only the first call counts; later blocks are not written.
     */
    synchronized void finish(boolean complete, String reason) throws IOException {
        if (finished) {
            return;
        }
        finished = true;
        if (current != null) {
            current.close();
        }
        List<String> unfinished = new ArrayList<>();
        List<List<String>> rows = new ArrayList<>();
        for (Pair p : pairs.values()) {
            if (!p.status.equals("complete")) {
                unfinished.add(p.method + " × " + p.metric + " (" + p.status + ")");
                writeJsonValues(p);
            }
            rows.add(summaryRow(p));
        }
        StagedFile.writeText(dir.resolve("summary.csv"), w -> {
            try (CSVPrinter p = new CSVPrinter(w, CSVFormat.DEFAULT.builder().setHeader(SUMMARY_COLUMNS).build())) {
                for (List<String> row : rows) {
                    p.printRecord(row);
                }
            }
        });
        if (json) {
            List<Map<String, String>> records = new ArrayList<>();
            for (List<String> row : rows) {
                Map<String, String> record = new LinkedHashMap<>();
                for (int c = 0; c < SUMMARY_COLUMNS.length; c++) {
                    record.put(SUMMARY_COLUMNS[c], row.get(c));
                }
                records.add(record);
            }
            StagedFile.write(dir.resolve("summary.json"), out -> JSON.writeValue(out, records));
        }
        Map<String, Object> p = new LinkedHashMap<>(provenance);
        if (!unfinished.isEmpty()) {
            p.put("not_evaluated_in_full", unfinished);
        }
        Provenance.write(dir, p, complete && unfinished.isEmpty(), reason);
    }

    /** The summary rows, as printed after a complete run. */
    synchronized List<List<String>> summary() {
        return pairs.values().stream().map(EvaluationFiles::summaryRow).toList();
    }

    /** Mean ± standard error over the rows with a value (NaN marks a row without one, e.g. no neighbour). */
    private static List<String> summaryRow(Pair p) {
        double[] present = Arrays.stream(p.values).filter(v -> !Double.isNaN(v)).toArray();
        if (present.length == 0) {
            return List.of(p.method, p.metric, "", "", "0", p.status);
        }
        Statistics s = Statistics.of(present);
        return List.of(p.method, p.metric, fmt(s.mean()), fmt(s.standardError()), String.valueOf(s.count()), p.status);
    }

    /** With --json: {"values": [...]} per pair (null where a row has no value). */
    private void writeJsonValues(Pair p) throws IOException {
        if (!json || p.status.equals("missing")) {
            return;
        }
        List<Double> boxed = new ArrayList<>();
        for (double v : p.values) {
            boxed.add(Double.isNaN(v) ? null : v);
        }
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("values", boxed);
        values.put("complete", p.status.equals("complete"));
        StagedFile.write(dir.resolve(p.method + "-" + p.metric + ".json"), out -> JSON.writeValue(out, values));
    }

    private Pair pair(String method, String metric) {
        Pair p = pairs.get(key(method, metric));
        if (p == null) {
            throw new IllegalStateException(method + " × " + metric + " was not planned");
        }
        return p;
    }

    private static String key(String method, String metric) {
        return method + "\u0000" + metric;
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.6g", v);
    }
}
