package io.jxplain.experiments.data;

import io.jxplain.data.Dataset;
import io.jxplain.data.DataFormatException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class UciFormatsTest {
    @TempDir
    Path dir;

    @Test
    void sklearnClassificationLayoutHasMetadataThenRows() throws IOException {
        Path f = dir.resolve("wine.csv");
        Files.writeString(f, "3,2,a,b\n1.5,2,0\n3,4.25,1\n5,6,1\n");
        assertTrue(SklearnCsvData.isClassification(f));
        Dataset d = SklearnCsvData.load(f);
        assertEquals(3, d.rows());
        assertEquals(List.of("x0", "x1"), d.featureNames());
        assertArrayEquals(new double[] {3, 4.25}, d.row(1), 0.0);
        assertArrayEquals(new int[] {0, 1, 1}, d.labels());
    }

    @Test
    void sklearnRegressionLayoutMayNameItsColumns() throws IOException {
        Path f = dir.resolve("boston.csv");
        Files.writeString(f, "2,2,,\n\"CRIM\",\"ZN\",\"MEDV\"\n0.1,18,24\n0.2,0,21.6\n");
        assertFalse(SklearnCsvData.isClassification(f));
        Dataset d = SklearnCsvData.load(f);
        assertEquals(List.of("CRIM", "ZN"), d.featureNames());
        assertEquals("MEDV", d.targetName());
        assertArrayEquals(new double[] {24, 21.6}, d.targets(), 0.0);
    }

    @Test
    void sklearnLayoutErrorsNameTheLine() throws IOException {
        Path f = dir.resolve("bad.csv");
        Files.writeString(f, "2,2,a,b\n1,2,0\n1,x,1\n");
        var e = assertThrows(DataFormatException.class, () -> SklearnCsvData.load(f));
        assertTrue(e.getMessage().contains("line 3, column 2 is not a number"), e.getMessage());
        Files.writeString(f, "5,2,a,b\n1,2,0\n");
        assertTrue(assertThrows(DataFormatException.class, () -> SklearnCsvData.load(f)).getMessage()
                .contains("promises 5 rows, the file has 1"));
    }

    @Test
    void germanCreditIsOneHotWithNumericAttributesKept() throws IOException {
        StringBuilder s = new StringBuilder();
        String[] a = {"A11 6 A34 A43 1169 A65 A75 4 A93 A101 4 A121 67 A143 A152 2 A173 1 A192 A201 1",
                "A12 48 A32 A43 5951 A61 A73 2 A92 A101 2 A121 22 A143 A152 1 A173 1 A191 A201 2 "};
        for (String line : a) {
            s.append(line).append('\n');
        }
        Path f = dir.resolve("german.data");
        Files.writeString(f, s);
        Dataset d = GermanCreditData.load(f);
        // 13 categorical attributes, of which a1, a3, a6, a7, a9, a19 show two codes here: 13 + 6 columns, + 7 numeric
        assertEquals(26, d.dimension());
        assertEquals(List.of("a1=A11", "a1=A12", "a2", "a3=A32", "a3=A34"), d.featureNames().subList(0, 5));
        assertArrayEquals(new double[] {1, 0, 6, 0, 1}, java.util.Arrays.copyOf(d.row(0), 5), 0.0);
        assertArrayEquals(new int[] {0, 1}, d.labels(), "1 = good → 0, 2 = bad → 1");
        Files.writeString(f, "A11 6 A34\n");
        assertTrue(assertThrows(DataFormatException.class, () -> GermanCreditData.load(f)).getMessage()
                .contains("line 1 has 3 fields, expected 21"));
    }
}
