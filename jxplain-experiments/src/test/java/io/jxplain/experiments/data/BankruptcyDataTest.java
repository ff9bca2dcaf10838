package io.jxplain.experiments.data;

import io.jxplain.data.DataFormatException;
import io.jxplain.data.Dataset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BankruptcyDataTest {
    @TempDir
    Path dir;

    @Test
    void theRankingNamesEachOfThe64AttributesOnce() {
        assertEquals(64, BankruptcyData.IMPORTANCE_RANKING.size());
        assertEquals(64, new HashSet<>(BankruptcyData.IMPORTANCE_RANKING).size());
        for (int a = 1; a <= 64; a++) {
            assertTrue(BankruptcyData.IMPORTANCE_RANKING.contains("Attr" + a), "Attr" + a);
        }
    }

    @Test
    void keepsTheTopRankedAttributesAndFillsMissingCellsWithTheColumnMedian() throws IOException {
        List<String> header = new ArrayList<>();
        for (int a = 1; a <= 64; a++) {
            header.add("Attr" + a);
        }
        header.add("class");
        StringBuilder csv = new StringBuilder(String.join(",", header)).append('\n');
        // Attr27 (ranked first) takes 1, 2, (missing), 10; Attr46 (second) takes 5 everywhere; the rest i
        for (int i = 0; i < 4; i++) {
            List<String> row = new ArrayList<>();
            for (int a = 1; a <= 64; a++) {
                row.add(a == 27 ? (i == 2 ? "" : String.valueOf(new int[]{1, 2, 0, 10}[i])) : a == 46 ? "5" : String.valueOf(i));
            }
            row.add(i == 3 ? "1" : "0");
            csv.append(String.join(",", row)).append('\n');
        }
        Path file = dir.resolve("bankruptcy.csv");
        Files.writeString(file, csv);
        List<String> warnings = new ArrayList<>();
        Dataset d = BankruptcyData.load(file, 2, warnings::add);
        assertEquals(List.of("Attr27", "Attr46"), d.featureNames());
        assertEquals(4, d.rows(), "no row dropped");
        assertArrayEquals(new double[]{2, 5}, d.row(2), 0.0, "median of 1, 2 and 10");
        assertArrayEquals(new int[]{0, 0, 0, 1}, d.labels());
        assertTrue(warnings.stream().anyMatch(w -> w.contains("1 missing cell")), warnings.toString());
        assertThrows(IllegalArgumentException.class, () -> BankruptcyData.load(file, 65, w -> { }));
        Files.writeString(file, "Attr1,class\n1,0\n");
        DataFormatException e = assertThrows(DataFormatException.class, () -> BankruptcyData.load(file, 2, w -> { }));
        assertTrue(e.getMessage().contains("Attr27"), e.getMessage());
    }
}
