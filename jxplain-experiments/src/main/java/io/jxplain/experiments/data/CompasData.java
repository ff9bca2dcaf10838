package io.jxplain.experiments.data;

import io.jxplain.data.RawTable;
import io.jxplain.data.Dataset;
import io.jxplain.data.CsvDatasetReader;
import io.jxplain.data.DataFormatException;
import org.ejml.data.DMatrixRMaj;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * ProPublica's COMPAS two-year recidivism data as Alvarez-Melis &amp; Jaakkola 2018 use it (§3.2, categorical variables
 * one-hot): ProPublica's own filter (days_b_screening_arrest within ±30, is_recid ≠ −1, c_charge_degree ≠ O,
 * score_text ≠ N/A: 6 172 rows), features age, priors_count, juv_fel_count, juv_misd_count, juv_other_count,
 * sex=Female, c_charge_degree=F and race one-hot (one column per race present); target two_year_recid.
 * The COMPAS score itself is left out: the model predicts recidivism from the defendant's record.
 */
public final class CompasData {
    public static final String DEFAULT_FILE = "compas/compas-scores-two-years.csv.gz";
    private static final List<String> NUMERIC = List.of("age", "priors_count", "juv_fel_count", "juv_misd_count",
            "juv_other_count");

    private CompasData() {
    }

    public static Dataset load(Path file) {
        RawTable t = CsvDatasetReader.tableWithIdenticalRepeats(file); // ProPublica's file repeats two columns
        List<String> h = t.header();
        int days = column(h, "days_b_screening_arrest", file);
        int isRecid = column(h, "is_recid", file);
        int degree = column(h, "c_charge_degree", file);
        int scoreText = column(h, "score_text", file);
        int sex = column(h, "sex", file);
        int race = column(h, "race", file);
        int target = column(h, "two_year_recid", file);
        List<Integer> numeric = new ArrayList<>();
        for (String name : NUMERIC) {
            numeric.add(column(h, name, file));
        }
        List<String[]> kept = new ArrayList<>();
        TreeSet<String> races = new TreeSet<>();
        for (String[] r : t.rows()) {
            if (r[days].isEmpty() || Math.abs(Double.parseDouble(r[days])) > 30 || r[isRecid].equals("-1")
                    || r[degree].equals("O") || r[scoreText].equals("N/A")) {
                continue;
            }
            kept.add(r);
            races.add(r[race]);
        }
        if (kept.isEmpty()) {
            throw new DataFormatException(file + ": no row passes ProPublica's filter");
        }
        List<String> names = new ArrayList<>(NUMERIC);
        names.add("sex=Female");
        names.add("c_charge_degree=F");
        for (String r : races) {
            names.add("race=" + r);
        }
        int d = names.size();
        DMatrixRMaj x = new DMatrixRMaj(kept.size(), d);
        double[] y = new double[kept.size()];
        List<String> raceList = new ArrayList<>(races);
        for (int i = 0; i < kept.size(); i++) {
            String[] r = kept.get(i);
            for (int k = 0; k < numeric.size(); k++) {
                x.set(i, k, Double.parseDouble(r[numeric.get(k)]));
            }
            x.set(i, NUMERIC.size(), r[sex].equals("Female") ? 1 : 0);
            x.set(i, NUMERIC.size() + 1, r[degree].equals("F") ? 1 : 0);
            x.set(i, NUMERIC.size() + 2 + raceList.indexOf(r[race]), 1);
            y[i] = Double.parseDouble(r[target]);
        }
        return new Dataset(x, y, names, "two_year_recid");
    }

    private static int column(List<String> header, String name, Path file) {
        int j = header.indexOf(name);
        if (j < 0) {
            throw new DataFormatException(file + ": no column '" + name + "' (is this ProPublica's compas-scores-two-years?)");
        }
        return j;
    }
}
