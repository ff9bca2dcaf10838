package io.jxplain.cli;

import io.jxplain.explain.AttributionMap;
import io.jxplain.explain.Explanation;
import io.jxplain.model.ImageShape;
import io.jxplain.model.Target;
import io.jxplain.report.Heatmap;
import org.ejml.data.DMatrixRMaj;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** Writes the first rows' attribution maps as SVG heat maps beside their input images. */
final class HeatmapFiles {
    private HeatmapFiles() {
    }

    /** Returns how many files were written. */
    static int write(Path dir, ImageShape shape, String method, Target target, DMatrixRMaj rows,
                     List<Explanation> results, int limit) throws IOException {
        if (limit < 1) {
            throw new IllegalArgumentException("--heatmap-rows must be at least 1, got " + limit);
        }
        Files.createDirectories(dir);
        int count = Math.min(limit, results.size());
        for (int i = 0; i < count; i++) {
            double[] x = new double[rows.numCols];
            System.arraycopy(rows.data, i * rows.numCols, x, 0, x.length);
            String title = String.format(Locale.ROOT, "row %d: %s of %s", i, method, target);
            String svg = Heatmap.toSvg(title, AttributionMap.of(x, shape).pixels(),
                    AttributionMap.of(results.get(i), shape).pixels());
            Files.writeString(dir.resolve(String.format(Locale.ROOT, "row-%05d.svg", i)), svg);
        }
        return count;
    }
}
