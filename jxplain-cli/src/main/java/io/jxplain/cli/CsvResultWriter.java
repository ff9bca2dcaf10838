package io.jxplain.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.jxplain.explain.Explanation;
import io.jxplain.io.StagedFile;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

import java.io.FilterWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One CSV row per instance: row, its id (with --id-column), the explained value f(x), the explained class (per-row
 * targets), the predicted class (classifiers), each categorical feature's category ({@code category_<name>}),
 * attribution per feature, standard error per feature (stochastic methods),
 * intercept (surrogates), model calls, then the method's diagnostics (e.g. completeness_gap, samples_used,
 * certified_radius), named by the first row's. The provenance goes to a JSON file beside it
 * ({@code <out>.provenance.json}), written at the end with "complete", the row count and the CSV's SHA-256, so the
 * pair can be checked against each other.
 */
final class CsvResultWriter implements ResultWriter {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private final Writer csv;
    private final MessageDigest digest; // of the bytes written, when they go to a file
    private final StagedFile provenanceFile;
    private final List<String> featureNames;
    private final Map<String, Object> provenance;
    private final int d;
    private CSVPrinter printer; // created with the first rows, whose diagnostics name the last columns
    private List<String> diagnostics;
    private boolean ids;
    private boolean explainedClass;
    private boolean predictedClass;
    private List<String> categories = List.of();
    private boolean finished;
    private int rows;

    /** Into a file's stream, its provenance into {@code provenanceFile}. */
    CsvResultWriter(OutputStream out, StagedFile provenanceFile, List<String> featureNames,
                    Map<String, Object> provenance) {
        this(digested(out), provenanceFile, featureNames, provenance);
    }

    /** Into standard output (which closing the CSV leaves open), without provenance. */
    static CsvResultWriter toStandardOutput(PrintWriter out, List<String> featureNames) {
        Writer open = new FilterWriter(out) {
            @Override
            public void close() throws IOException {
                flush();
            }
        };
        return new CsvResultWriter(new Sink(open, null), null, featureNames, Map.of());
    }

    /** Where the CSV text goes, and the digest of its bytes when they go to a file. */
    private record Sink(Writer writer, MessageDigest digest) {
    }

    private CsvResultWriter(Sink sink, StagedFile provenanceFile, List<String> featureNames,
                            Map<String, Object> provenance) {
        this.csv = sink.writer();
        this.digest = sink.digest();
        this.provenanceFile = provenanceFile;
        this.d = featureNames.size();
        this.provenance = new LinkedHashMap<>(provenance);
        this.featureNames = List.copyOf(featureNames);
    }

    /** The header, from the first block: its diagnostics and which facts it has name the columns. */
    private void open(List<String> diagnosticNames, RowFacts facts) throws IOException {
        diagnostics = List.copyOf(diagnosticNames);
        ids = facts != null && facts.ids() != null;
        explainedClass = facts != null && facts.explainedClass() != null;
        predictedClass = facts != null && facts.predictedClass() != null;
        categories = facts == null ? List.of() : List.copyOf(facts.categories().keySet());
        List<String> header = new ArrayList<>();
        header.add("row");
        if (ids) {
            header.add("id");
        }
        header.add("f_x");
        if (explainedClass) {
            header.add("class");
        }
        if (predictedClass) {
            header.add("predicted_class");
        }
        categories.forEach(c -> header.add("category_" + c));
        for (String f : featureNames) {
            header.add("attr_" + f);
        }
        for (String f : featureNames) {
            header.add("se_" + f);
        }
        header.add("intercept");
        header.add("model_calls");
        header.addAll(diagnostics);
        printer = new CSVPrinter(csv,
                CSVFormat.DEFAULT.builder().setHeader(header.toArray(String[]::new)).build());
    }

    @Override
    public synchronized void write(int firstRow, List<Explanation> explanations, RowFacts facts)
            throws IOException {
        if (finished) {
            return; // the run was interrupted meanwhile: the output is closed
        }
        if (printer == null) {
            open(explanations.isEmpty() ? List.of() : List.copyOf(explanations.get(0).diagnostics().keySet()), facts);
        }
        for (int i = 0; i < explanations.size(); i++) {
            Explanation e = explanations.get(i);
            List<Object> record = new ArrayList<>(2 * d + 4);
            record.add(firstRow + i);
            if (ids) {
                record.add(facts.ids().get(i));
            }
            record.add(facts.explained()[i]);
            if (explainedClass) {
                record.add(facts.explainedClass()[i]);
            }
            if (predictedClass) {
                record.add(facts.predictedClass()[i]);
            }
            for (String c : categories) {
                record.add(facts.categories().get(c)[i]);
            }
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
    public synchronized void finish(boolean complete, String reason) throws IOException {
        if (finished) {
            return;
        }
        finished = true;
        if (printer == null) {
            open(List.of(), null);
        }
        printer.close();
        if (provenanceFile != null) {
            Map<String, Object> p = new LinkedHashMap<>(provenance);
            p.put("rows_written", rows);
            p.put("csv_sha256", HexFormat.of().formatHex(digest.digest()));
            if (reason != null) {
                p.put("incomplete_because", reason);
            }
            p.put("complete", complete);
            JSON.writeValue(provenanceFile.stream(), p);
        }
    }

    @Override
    public synchronized int rowsWritten() {
        return rows;
    }

    private static Sink digested(OutputStream out) {
        MessageDigest sha256 = sha256();
        return new Sink(new OutputStreamWriter(new DigestOutputStream(out, sha256), StandardCharsets.UTF_8), sha256);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
