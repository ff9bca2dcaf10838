package io.jxplain.cli;

import io.jxplain.explain.AttributionMap;
import io.jxplain.explain.Explanation;
import io.jxplain.io.StagedFile;
import io.jxplain.model.ImageShape;
import io.jxplain.model.Target;
import io.jxplain.report.Heatmap;
import org.ejml.data.DMatrixRMaj;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The first rows' attribution maps as SVG heat maps beside their input images, drawn as their blocks finish (so an
 * interrupted run keeps the maps of the rows it explained), and the folder's provenance.
 */
final class HeatmapFiles {
    private final Path dir;
    private final ImageShape shape;
    private final String method;
    private final DMatrixRMaj rows;
    private final int limit;
    private final Map<String, Object> provenance;
    private int written;

    HeatmapFiles(Path dir, ImageShape shape, String method, DMatrixRMaj rows, int limit, Map<String, Object> provenance) {
        this.dir = dir;
        this.shape = shape;
        this.method = method;
        this.rows = rows;
        this.limit = limit;
        this.provenance = new LinkedHashMap<>(provenance);
    }

    /** Draws the maps of this block's rows among the first {@code limit}, each titled with its target and prediction. */
    synchronized void block(int firstRow, List<Explanation> explanations, Target[] targets, RowFacts facts)
            throws IOException {
        if (provenance.containsKey("complete")) {
            return; // the run was interrupted meanwhile: the folder is in place, and stays as it was committed
        }
        for (int k = 0; k < explanations.size() && firstRow + k < limit; k++) {
            int i = firstRow + k;
            double[] x = new double[rows.numCols];
            System.arraycopy(rows.data, i * rows.numCols, x, 0, x.length);
            String title = title(method, facts.id(firstRow, k), targets[k], facts, k);
            String svg = Heatmap.toSvg(title, AttributionMap.of(x, shape).pixels(),
                    AttributionMap.of(explanations.get(k), shape).pixels());
            StagedFile.writeString(dir.resolve(String.format(Locale.ROOT, "row-%05d.svg", i)), svg);
            written++;
        }
    }

    /** "row 3: smoothgrad of probability:7 (predicted class 7)": what a heat map shows, for which class. */
    static String title(String method, String row, Target target, RowFacts facts, int k) {
        String predicted = facts.predictedClass() == null ? ""
                : String.format(Locale.ROOT, " (predicted class %d)", facts.predictedClass()[k]);
        return String.format(Locale.ROOT, "row %s: %s of %s%s", row, method, target, predicted);
    }

    /** Writes the folder's provenance (its mark as a jxplain output); only the first call counts. */
    synchronized void finish(boolean complete, String reason) throws IOException {
        if (provenance.containsKey("complete")) {
            return;
        }
        provenance.put("heat_maps", written);
        Provenance.write(dir, provenance, complete, reason);
        provenance.put("complete", complete);
    }

    synchronized int written() {
        return written;
    }
}
