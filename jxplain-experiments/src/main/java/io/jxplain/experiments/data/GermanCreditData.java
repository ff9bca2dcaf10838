package io.jxplain.experiments.data;

import io.jxplain.data.Dataset;
import io.jxplain.data.DataFormatException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * UCI Statlog German credit ({@code german.data}): 20 attributes separated by whitespace, categorical ones coded
 * A11…A202, then the class (1 good, 2 bad). The 7 numeric attributes are kept as they are; each categorical one becomes
 * one-hot columns named attribute=code (all codes seen in the file, in sorted order). Target: 1 = bad credit, 0 = good.
 */
public final class GermanCreditData {
    public static final String DEFAULT_FILE = "german_credit/german.data";
    private static final int ATTRIBUTES = 20;

    private GermanCreditData() {
    }

    public static Dataset load(Path file) {
        List<String[]> rows = new ArrayList<>();
        try {
            int lineNo = 0;
            for (String line : Files.readAllLines(file)) {
                lineNo++;
                if (line.isBlank()) {
                    continue;
                }
                String[] cells = line.trim().split("\\s+");
                if (cells.length != ATTRIBUTES + 1) {
                    throw new DataFormatException(file + ": line " + lineNo + " has " + cells.length
                            + " fields, expected " + (ATTRIBUTES + 1));
                }
                rows.add(cells);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (rows.isEmpty()) {
            throw new DataFormatException(file + " has no rows");
        }
        List<List<String>> codes = new ArrayList<>();
        boolean[] categorical = new boolean[ATTRIBUTES];
        for (int a = 0; a < ATTRIBUTES; a++) {
            categorical[a] = rows.get(0)[a].startsWith("A");
            TreeSet<String> seen = new TreeSet<>();
            for (String[] r : rows) {
                if (categorical[a] != r[a].startsWith("A")) {
                    throw new DataFormatException(file + ": attribute " + (a + 1) + " mixes codes and numbers");
                }
                seen.add(r[a]);
            }
            codes.add(categorical[a] ? new ArrayList<>(seen) : List.of());
        }
        List<String> names = new ArrayList<>();
        for (int a = 0; a < ATTRIBUTES; a++) {
            if (categorical[a]) {
                for (String code : codes.get(a)) {
                    names.add("a" + (a + 1) + "=" + code);
                }
            } else {
                names.add("a" + (a + 1));
            }
        }
        org.ejml.data.DMatrixRMaj x = new org.ejml.data.DMatrixRMaj(rows.size(), names.size());
        double[] y = new double[rows.size()];
        for (int i = 0; i < rows.size(); i++) {
            String[] r = rows.get(i);
            int col = 0;
            for (int a = 0; a < ATTRIBUTES; a++) {
                if (categorical[a]) {
                    x.set(i, col + codes.get(a).indexOf(r[a]), 1.0);
                    col += codes.get(a).size();
                } else {
                    x.set(i, col++, Double.parseDouble(r[a]));
                }
            }
            switch (r[ATTRIBUTES]) {
                case "1" -> y[i] = 0;
                case "2" -> y[i] = 1;
                default -> throw new DataFormatException(file + ": row " + (i + 1) + " has class '" + r[ATTRIBUTES]
                        + "', expected 1 (good) or 2 (bad)");
            }
        }
        return new Dataset(x, y, names, "bad_credit");
    }
}
