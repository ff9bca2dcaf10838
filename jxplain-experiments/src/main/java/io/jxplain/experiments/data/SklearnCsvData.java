package io.jxplain.experiments.data;

import io.jxplain.data.Dataset;
import io.jxplain.data.DataFormatException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * scikit-learn's bundled CSV layout (wine, breast cancer, iris, boston in ../shared/data): a first line of metadata
 * {@code n_samples,n_features[,class names…]}, for boston a second line of column names, then rows of the features
 * followed by the target. With class names the target is a class index (classification); without, a real value
 * (regression). Files without column names get x0, x1, ….
 */
public final class SklearnCsvData {
    private SklearnCsvData() {
    }

    /** Whether the file's metadata line names classes. */
    public static boolean isClassification(Path file) {
        return metadata(file).length > 2 && !metadata(file)[2].isBlank();
    }

    public static Dataset load(Path file) {
        List<String> lines = lines(file);
        String[] meta = lines.get(0).split(",", -1);
        int n;
        int d;
        try {
            n = Integer.parseInt(meta[0].trim());
            d = Integer.parseInt(meta[1].trim());
        } catch (RuntimeException e) {
            throw new DataFormatException(file + ": the first line must be scikit-learn's 'n_samples,n_features,…',"
                    + " got '" + lines.get(0) + "'");
        }
        int first = 1;
        List<String> names = new ArrayList<>();
        String targetName = "target";
        String[] second = lines.get(1).split(",", -1);
        if (!isNumber(second[0])) {
            for (int j = 0; j < d; j++) {
                names.add(second[j].replace("\"", "").trim());
            }
            targetName = second[d].replace("\"", "").trim();
            first = 2;
        } else {
            for (int j = 0; j < d; j++) {
                names.add("x" + j);
            }
        }
        if (lines.size() - first != n) {
            throw new DataFormatException(file + ": the metadata promises " + n + " rows, the file has "
                    + (lines.size() - first));
        }
        org.ejml.data.DMatrixRMaj x = new org.ejml.data.DMatrixRMaj(n, d);
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            String[] cells = lines.get(first + i).split(",", -1);
            if (cells.length != d + 1) {
                throw new DataFormatException(file + ": line " + (first + i + 1) + " has " + cells.length
                        + " cells, expected " + (d + 1));
            }
            for (int j = 0; j <= d; j++) {
                double v;
                try {
                    v = Double.parseDouble(cells[j].trim());
                } catch (NumberFormatException e) {
                    throw new DataFormatException(file + ": line " + (first + i + 1) + ", column " + (j + 1)
                            + " is not a number: '" + cells[j] + "'");
                }
                if (j < d) {
                    x.set(i, j, v);
                } else {
                    y[i] = v;
                }
            }
        }
        return new Dataset(x, y, names, targetName);
    }

    private static String[] metadata(Path file) {
        return lines(file).get(0).split(",", -1);
    }

    private static boolean isNumber(String cell) {
        try {
            Double.parseDouble(cell.trim());
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static List<String> lines(Path file) {
        try {
            List<String> lines = new ArrayList<>();
            for (String line : Files.readAllLines(file)) {
                if (!line.isBlank()) {
                    lines.add(line);
                }
            }
            if (lines.size() < 2) {
                throw new DataFormatException(file + " has no data rows");
            }
            return lines;
        } catch (NoSuchFileException e) {
            throw new UncheckedIOException(e);
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": " + e.getMessage(), e);
        }
    }
}
