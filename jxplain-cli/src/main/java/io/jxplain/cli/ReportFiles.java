package io.jxplain.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.jxplain.explain.Explanation;
import io.jxplain.io.StagedFile;
import io.jxplain.report.ExplanationReport;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The report of a user's explanations ({@code explain --report DIR}, {@code jxplain report}): the rows as explain
 * collects them or reads them back from its CSV or JSON output, and DIR/index.html written whole.
 */
final class ReportFiles {
    /** Rows beyond this many are left out of the report's pictures (the page stays light); the text says so. */
    static final int MAX_ROWS = 2000;
    /** The provenance key of an image model's input shape ("1x8x8"): what lets a report draw its rows as images. */
    static final String IMAGE_SHAPE = "image_shape";
    /** The provenance key naming each categorical feature's levels (code c is level c). */
    static final String CATEGORIES = "categories";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ReportFiles() {
    }

    /** Collects the explained rows (up to {@link #MAX_ROWS}) while explain writes them. */
    static final class Collector implements ResultWriter {
        private final ResultWriter inner;
        private final List<String> rowIds = new ArrayList<>();
        private final List<Integer> rowNumbers = new ArrayList<>(); // positions in the data, whatever the ids
        private final List<Integer> explainedClasses = new ArrayList<>(); // per-row targets' classes (null: fixed)
        private final List<Integer> predictedClasses = new ArrayList<>(); // null: not a classifier
        private final List<double[]> attributions = new ArrayList<>();
        private final List<double[]> errors = new ArrayList<>();
        private final List<Double> baseValues = new ArrayList<>(); // the base values (NaN: none)
        private final List<Double> values = new ArrayList<>(); // f(x) of each row

        Collector(ResultWriter inner) {
            this.inner = inner;
        }

        @Override
        public synchronized void write(int firstRow, List<Explanation> explanations, RowFacts facts)
                throws IOException {
            inner.write(firstRow, explanations, facts);
            for (int i = 0; i < explanations.size() && attributions.size() < MAX_ROWS; i++) {
                Explanation e = explanations.get(i);
                rowIds.add(facts.id(firstRow, i));
                rowNumbers.add(firstRow + i);
                explainedClasses.add(facts.explainedClass() == null ? null : facts.explainedClass()[i]);
                predictedClasses.add(facts.predictedClass() == null ? null : facts.predictedClass()[i]);
                values.add(facts.explained()[i]);
                attributions.add(e.attributions());
                errors.add(e.hasStandardErrors() ? e.standardErrors() : null);
                baseValues.add(e.diagnostics().getOrDefault(Explanation.BASE_VALUE, Double.NaN));
            }
        }

        @Override
        public void finish(boolean complete, String reason) throws IOException {
            inner.finish(complete, reason);
        }

        @Override
        public int rowsWritten() {
            return inner.rowsWritten();
        }

        List<String> rowIds() {
            return rowIds;
        }

        /** Each row's position in the data (the output's "row"). */
        List<Integer> rowNumbers() {
            return rowNumbers;
        }

        /**
         * The rows as pictures of {@code shape}: the mean |attribution| map over all, and for the first {@code rows}
         * each row's image (from {@code featureValues}, null without),
         * its attribution map, and a caption with the class it explains ({@code target} for all rows when the
         * target is fixed) and the class the model predicts.
         */
        ExplanationReport.Images images(io.jxplain.model.ImageShape shape, double[][] featureValues, String target,
                                        int rows) {
            double[][] mean = new double[shape.height()][shape.width()];
            for (double[] a : attributions) {
                double[][] map = io.jxplain.explain.AttributionMap.of(a, shape).pixels();
                for (int y = 0; y < mean.length; y++) {
                    for (int x = 0; x < mean[y].length; x++) {
                        mean[y][x] += Math.abs(map[y][x]) / attributions.size();
                    }
                }
            }
            List<double[][]> inputs = new ArrayList<>();
            List<double[][]> maps = new ArrayList<>();
            List<String> captions = new ArrayList<>();
            for (int i = 0; i < Math.min(rows, attributions.size()); i++) {
                inputs.add(featureValues == null ? null
                        : io.jxplain.explain.AttributionMap.of(featureValues[i], shape).pixels());
                maps.add(io.jxplain.explain.AttributionMap.of(attributions.get(i), shape).pixels());
                String explained = explainedClasses.get(i) != null ? "class " + explainedClasses.get(i) : target;
                captions.add(String.format(Locale.ROOT, "explains %s = %.3g%s", explained, values.get(i),
                        predictedClasses.get(i) == null ? "" : "; predicted class " + predictedClasses.get(i)));
            }
            return new ExplanationReport.Images(mean, attributions.size(), inputs, maps, captions);
        }

        ExplanationReport.Explanations explanations(String method, List<String> features, double[][] featureValues) {
            return explanations(method, features, featureValues, null);
        }

        /**
         * The collected rows; with {@code provenance} stating LIME's quartiles and the feature values at hand, each
         * row's waterfall names the bins its features fall in, as lime's explanations do.
         */
        ExplanationReport.Explanations explanations(String method, List<String> features, double[][] featureValues,
                                                    Map<String, Object> provenance) {
            double[] base = new double[baseValues.size()];
            for (int i = 0; i < base.length; i++) {
                base[i] = baseValues.get(i);
            }
            double[][] values = featureValues == null ? null : firstRows(featureValues, attributions.size());
            return new ExplanationReport.Explanations(method, features, rowIds, attributions.toArray(double[][]::new),
                    errors.stream().anyMatch(e -> e != null) ? errors.toArray(double[][]::new) : null, values, base,
                    this.values.stream().mapToDouble(Double::doubleValue).toArray(),
                    rowLabels(quartiles(provenance), categories(provenance), features, values));
        }

    }

    /** LIME's bin cuts per feature (quartiles, deciles), as its provenance states them (in memory or read back from JSON); or null. */
    static double[][] quartiles(Map<String, Object> provenance) {
        Object parameters = provenance == null ? null : provenance.get("parameters");
        Object cuts = parameters instanceof Map<?, ?> p ? p.get(io.jxplain.explain.Lime.BIN_CUTS) : null;
        if (cuts instanceof double[][] array) {
            return array;
        }
        if (cuts instanceof List<?> rows) {
            double[][] out = new double[rows.size()][];
            for (int j = 0; j < out.length; j++) {
                out[j] = ((List<?>) rows.get(j)).stream().mapToDouble(v -> ((Number) v).doubleValue()).toArray();
            }
            return out;
        }
        return null;
    }

    /** Each categorical feature's levels, as the provenance states them (in memory or read back from JSON). */
    static Map<String, List<String>> categories(Map<String, Object> provenance) {
        Object c = provenance == null ? null : provenance.get(CATEGORIES);
        Map<String, List<String>> out = new java.util.LinkedHashMap<>();
        if (c instanceof Map<?, ?> m) {
            m.forEach((name, levels) -> out.put(String.valueOf(name),
                    ((List<?>) levels).stream().map(String::valueOf).toList()));
        }
        return out;
    }

    /**
     * How each row's waterfall names its features: a category by its level ("colour = red"), a feature LIME
     * discretised by its bin ({@link io.jxplain.explain.Lime#binCondition}); null when neither applies.
     */
    private static String[][] rowLabels(double[][] cuts, Map<String, List<String>> categories, List<String> features,
                                        double[][] values) {
        boolean binned = cuts != null && cuts.length == features.size();
        if (values == null || !binned && categories.isEmpty()) {
            return null;
        }
        String[][] labels = new String[values.length][features.size()];
        for (int i = 0; i < values.length; i++) {
            for (int j = 0; j < features.size(); j++) {
                String name = features.get(j);
                List<String> levels = categories.get(name);
                double v = values[i][j];
                labels[i][j] = levels != null && v == Math.rint(v) && v >= 0 && v < levels.size()
                        ? name + " = " + levels.get((int) v)
                        : !binned ? name
                        : cuts[j].length == 0 // a feature lime treats as categorical: no cuts, its code named
                        ? io.jxplain.explain.Lime.categoryCondition(v, name)
                        : io.jxplain.explain.Lime.binCondition(cuts[j], v, name);
            }
        }
        return labels;
    }

    /**
     * Writes DIR/index.html from the explanations (with {@code images}, an image model's pictures; null for a
     * tabular model), the evaluation folder's summary (may be null) and provenance.
     */
    static void write(Path folder, String title, ExplanationReport.Explanations explanations,
                      ExplanationReport.Images images, int waterfalls, Path evaluation, Map<String, Object> provenance)
            throws IOException {
        List<ExplanationReport.MetricValue> table = evaluation == null ? null : evaluationValues(evaluation);
        String html = ExplanationReport.toHtml(title, explanations, images, waterfalls, table,
                provenance == null ? null : JSON.writeValueAsString(provenance));
        StagedFile.writeString(folder.resolve("index.html"), html);
    }

    /** Reads explain's output back: CSV (with its provenance sidecar, if there) or JSON. */
    static Read read(Path file) throws IOException {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".json")) {
            JsonNode root = JSON.readTree(file.toFile());
            if (root == null || !root.has("explanations") || !root.has("features")) {
                throw new IllegalArgumentException(file + " is not an explain output (no features and explanations)");
            }
            List<String> features = new ArrayList<>();
            root.get("features").forEach(f -> features.add(f.asText()));
            Collector rows = new Collector(null);
            for (JsonNode e : root.get("explanations")) {
                if (rows.attributions.size() >= MAX_ROWS) {
                    break;
                }
                rows.rowIds.add((e.has("id") ? e.get("id") : e.get("row")).asText());
                rows.rowNumbers.add(e.get("row").asInt());
                rows.explainedClasses.add(e.has("class") ? e.get("class").asInt() : null);
                rows.predictedClasses.add(e.has("predicted_class") ? e.get("predicted_class").asInt() : null);
                rows.values.add(e.has("f_x") ? e.get("f_x").asDouble() : Double.NaN);
                rows.attributions.add(numbers(e.get("attributions"), features.size(), file));
                rows.errors.add(e.has("standard_errors") ? numbers(e.get("standard_errors"), features.size(), file) : null);
                JsonNode base = e.path("diagnostics").path(Explanation.BASE_VALUE);
                rows.baseValues.add(base.isNumber() ? base.asDouble() : Double.NaN);
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> provenance = JSON.convertValue(root.get("provenance"), Map.class);
            return new Read(rows, features, provenance);
        }
        if (!name.endsWith(".csv")) {
            throw new IllegalArgumentException("--explanations must be explain's .csv or .json output, got " + file);
        }
        List<String> features = new ArrayList<>();
        Collector rows = new Collector(null);
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8);
             CSVParser csv = CSVFormat.DEFAULT.builder().setHeader().build().parse(in)) {
            for (String column : csv.getHeaderNames()) {
                if (column.startsWith("attr_")) {
                    features.add(column.substring("attr_".length()));
                }
            }
            if (features.isEmpty() || !csv.getHeaderNames().contains("row")) {
                throw new IllegalArgumentException(file + " is not an explain output (no row and attr_ columns)");
            }
            boolean errors = csv.getHeaderNames().contains("se_" + features.get(0));
            for (CSVRecord r : csv) {
                if (rows.attributions.size() >= MAX_ROWS) {
                    break;
                }
                rows.rowIds.add(r.isMapped("id") ? r.get("id") : r.get("row"));
                rows.rowNumbers.add(Integer.parseInt(r.get("row")));
                rows.explainedClasses.add(r.isMapped("class") ? Integer.valueOf(r.get("class")) : null);
                rows.predictedClasses.add(r.isMapped("predicted_class") ? Integer.valueOf(r.get("predicted_class"))
                        : null);
                String fx = csv.getHeaderNames().contains("f_x") ? r.get("f_x") : "";
                rows.values.add(fx.isEmpty() ? Double.NaN : Double.parseDouble(fx));
                rows.attributions.add(cells(r, "attr_", features, file));
                rows.errors.add(errors ? cells(r, "se_", features, file) : null);
                String base = csv.getHeaderNames().contains(Explanation.BASE_VALUE) ? r.get(Explanation.BASE_VALUE) : "";
                rows.baseValues.add(base.isEmpty() ? Double.NaN : Double.parseDouble(base));
            }
        }
        Path sidecar = file.resolveSibling(file.getFileName() + ".provenance.json");
        @SuppressWarnings("unchecked")
        Map<String, Object> provenance = Files.isRegularFile(sidecar) ? JSON.readValue(sidecar.toFile(), Map.class) : null;
        if (rows.attributions.isEmpty()) {
            throw new IllegalArgumentException(file + " has no explained rows");
        }
        return new Read(rows, features, provenance);
    }

    /** What {@link #read} found: the rows, the feature names and the provenance (null when there is none). */
    record Read(Collector rows, List<String> features, Map<String, Object> provenance) {
        String method() {
            return provenance != null && provenance.get("method") != null ? provenance.get("method").toString() : "?";
        }

        /** The explained target as the provenance states it ("?" without one). */
        String target() {
            return provenance != null && provenance.get("target") != null ? provenance.get("target").toString() : "?";
        }

        /** The image model's input shape, when the provenance states one (explain writes it for image models). */
        io.jxplain.model.ImageShape imageShape() {
            Object shape = provenance == null ? null : provenance.get(IMAGE_SHAPE);
            return shape == null ? null : io.jxplain.model.ImageShape.parse(shape.toString());
        }
    }

    private static double[] cells(CSVRecord r, String prefix, List<String> features, Path file) {
        double[] out = new double[features.size()];
        for (int j = 0; j < out.length; j++) {
            String cell = r.get(prefix + features.get(j));
            try {
                out[j] = cell.isEmpty() ? Double.NaN : Double.parseDouble(cell);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(file + ", line " + r.getRecordNumber() + ": " + prefix
                        + features.get(j) + " is '" + cell + "', not a number");
            }
        }
        return out;
    }

    private static double[] numbers(JsonNode array, int d, Path file) {
        if (array == null || !array.isArray() || array.size() != d) {
            throw new IllegalArgumentException(file + ": an explanation does not have " + d + " values");
        }
        double[] out = new double[d];
        for (int j = 0; j < d; j++) {
            out[j] = array.get(j).isNumber() ? array.get(j).asDouble() : Double.NaN;
        }
        return out;
    }

    private static double[][] firstRows(double[][] values, int n) {
        double[][] out = new double[Math.min(n, values.length)][];
        System.arraycopy(values, 0, out, 0, out.length);
        return out;
    }

    /** evaluate's summary.csv: each method's mean of each metric, with its 95% half-width. */
    private static List<ExplanationReport.MetricValue> evaluationValues(Path folder) throws IOException {
        Path summary = folder.resolve("summary.csv");
        if (!Files.isRegularFile(summary)) {
            throw new IllegalArgumentException("--evaluation " + folder + " has no summary.csv (write one with"
                    + " 'jxplain evaluate --out " + folder + "')");
        }
        List<ExplanationReport.MetricValue> values = new ArrayList<>();
        try (Reader in = Files.newBufferedReader(summary, StandardCharsets.UTF_8);
             CSVParser csv = CSVFormat.DEFAULT.builder().setHeader().build().parse(in)) {
            for (CSVRecord r : csv) {
                double mean = r.get("mean").isEmpty() ? Double.NaN : Double.parseDouble(r.get("mean"));
                double se = r.get("standard_error").isEmpty() ? Double.NaN : Double.parseDouble(r.get("standard_error"));
                values.add(new ExplanationReport.MetricValue(r.get("method"), r.get("metric"), mean,
                        Explanation.Z95 * se, r.get("rows"), csv.getHeaderNames().contains("status") ? r.get("status") : ""));
            }
        }
        return values;
    }
}
