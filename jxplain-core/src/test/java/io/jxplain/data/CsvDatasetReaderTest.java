package io.jxplain.data;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CsvDatasetReaderTest {
    @TempDir
    Path dir;

    private Path write(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, text);
        return p;
    }

    @Test
    void readsNumericColumnsAndDropsCategoricalOnesWithAWarning() throws IOException {
        Path p = write("d.csv", "a,color,b,y\n1,red,2.5,0\n3,blue,-4,1\n");
        List<String> warnings = new ArrayList<>();
        Dataset d = CsvDatasetReader.read(p, "y", warnings::add);
        assertEquals(List.of("a", "b"), d.featureNames());
        assertArrayEquals(new double[] {1, 2.5, 3, -4}, d.features().data, 0.0);
        assertArrayEquals(new int[] {0, 1}, d.labels());
        assertEquals(1, warnings.size());
        assertTrue(warnings.get(0).contains("color"), warnings.get(0));
    }

    @Test
    void aDeclaredCategoricalColumnIsReadAsCodesOfItsSortedLevels() throws IOException {
        Path p = write("d.csv", "a,color,size,y\n1,red,10,0\n2,blue,2,1\n3,red,1,0\n4,green,2,1\n");
        Dataset d = CsvDatasetReader.read(p, TableReadOptions.target("y")
                .withCategories(java.util.Map.of("color", List.of(), "size", List.of())), w -> { });
        assertEquals(List.of("a", "color", "size"), d.featureNames());
        assertEquals(List.of("blue", "green", "red"), d.categories().get("color"), "text sorts as text");
        assertEquals(List.of("1", "2", "10"), d.categories().get("size"), "numbers sort as numbers");
        assertArrayEquals(new double[] {1, 2, 2, 2, 0, 1, 3, 2, 0, 4, 1, 1}, d.features().data, 0.0);

        Dataset fixed = CsvDatasetReader.read(p, TableReadOptions.target("y")
                .withCategories(java.util.Map.of("color", List.of("red", "green", "blue", "black"))), w -> { });
        assertArrayEquals(new double[] {0, 2, 0, 1}, column(fixed, 1), 0.0, "declared levels keep their order");

        DataFormatException unknown = assertThrows(DataFormatException.class, () -> CsvDatasetReader.read(p,
                TableReadOptions.target("y").withCategories(java.util.Map.of("color", List.of("red", "blue"))), w -> { }));
        assertTrue(unknown.getMessage().contains("line 5") && unknown.getMessage().contains("'green'"),
                unknown.getMessage());
        DataFormatException missing = assertThrows(DataFormatException.class, () -> CsvDatasetReader.read(
                write("m.csv", "a,color\n1,red\n2,\n"), TableReadOptions.target(null)
                        .withCategories(java.util.Map.of("color", List.of())), w -> { }));
        assertTrue(missing.getMessage().contains("missing value"), missing.getMessage());
        DataFormatException absent = assertThrows(DataFormatException.class, () -> CsvDatasetReader.read(p,
                TableReadOptions.target("y").withCategories(java.util.Map.of("colour", List.of())), w -> { }));
        assertTrue(absent.getMessage().contains("'colour'"), absent.getMessage());
    }

    private static double[] column(Dataset d, int j) {
        double[] out = new double[d.rows()];
        for (int i = 0; i < out.length; i++) {
            out[i] = d.row(i)[j];
        }
        return out;
    }

    @Test
    void readsGzipAndBooleanTargets() throws IOException {
        Path p = dir.resolve("d.csv.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(p))) {
            out.write("x,Revenue\n1,FALSE\n2,TRUE\n".getBytes(StandardCharsets.UTF_8));
        }
        Dataset d = CsvDatasetReader.read(p, "Revenue", w -> { });
        assertArrayEquals(new double[] {0, 1}, d.targets(), 0.0);
    }

    @Test
    void selectsTheModelsColumnsInTheModelsOrderWithoutATarget() throws IOException {
        Path p = write("d.csv", "b,a,c\n1,2,3\n4,5,6\n");
        Dataset d = CsvDatasetReader.read(p, TableReadOptions.target(null).withFeatures(List.of("c", "a")), w -> { });
        assertArrayEquals(new double[] {3, 2, 6, 5}, d.features().data, 0.0);
        assertFalse(d.hasTargets());
        DataFormatException e = assertThrows(DataFormatException.class,
                () -> CsvDatasetReader.read(p, TableReadOptions.target(null).withFeatures(List.of("z")), w -> { }));
        assertTrue(e.getMessage().contains("'z'"), e.getMessage());
    }

    @Test
    void everyBadInputNamesFileLineAndColumn() throws IOException {
        assertMessage(dir.resolve("missing.csv"), "y", "file not found");
        assertMessage(write("empty.csv", ""), "y", "empty");
        assertMessage(write("header.csv", "a,y\n"), "y", "no data rows");
        assertMessage(write("ragged.csv", "a,y\n1,0\n2\n"), "y", "line 3: 1 fields but the header has 2");
        assertMessage(write("target.csv", "a,y\n1,cat\n"), "y", "target column 'y': 'cat' is not numeric");
        assertMessage(write("nan.csv", "a,b,y\n1,2,0\n3,NaN,1\n"), "y", "line 3, column 'b': missing value");
        assertMessage(write("blank.csv", "a,b,y\n1,2,0\n3,,1\n"), "y", "line 3, column 'b': missing value");
        assertMessage(write("inf.csv", "a,y\n1,0\nInfinity,1\n"), "y", "line 3, column 'a': Infinity is not a finite number");
        assertMessage(write("text.csv", "a,y\n1,0\nabc,1\n"), "y", "line 3, column 'a': 'abc' is not a number");
        assertMessage(write("noy.csv", "a,b\n1,2\n"), "y", "no column named 'y'");
        assertMessage(write("nofeat.csv", "c,y\nred,1\n"), "y", "no numeric feature columns");
        assertMessage(write("dup.csv", "a,a,y\n1,2,0\n"), "y", "the header repeats 'a' (columns 1, 2)");
        assertMessage(write("dupy.csv", "a,y,y\n1,2,0\n"), "y", "the header repeats 'y' (columns 2, 3)");
        assertMessage(write("noname.csv", "a,,y\n1,2,0\n"), "y", "column 2 of the header has no name");
        assertMessage(write("nul.csv", "a,y\n1,0\n2\u00000,1\n"), "y", "not a text file (a NUL character on line 3)");
        Path latin1 = dir.resolve("latin1.csv");
        Files.write(latin1, "caf\u00e9,y\n1,0\n".getBytes(StandardCharsets.ISO_8859_1));
        assertMessage(latin1, "y", "not UTF-8 text");
        assertMessage(dir, "y", "is a folder, not a data file");
    }

    @Test
    void aByteOrderMarkIsNotPartOfTheFirstColumnsName() throws IOException {
        Path p = dir.resolve("excel.csv");
        Files.write(p, "\uFEFFx1,x2,y\n1,2,0\n".getBytes(StandardCharsets.UTF_8));
        assertEquals(List.of("x1", "x2"), CsvDatasetReader.read(p, "y", w -> { }).featureNames());
        assertEquals(List.of("x1", "x2", "y"), CsvDatasetReader.header(p));
        Dataset byName = CsvDatasetReader.read(p, TableReadOptions.target(null).withFeatures(List.of("x1")), w -> { });
        assertArrayEquals(new double[] {1}, byName.features().data, 0.0);
    }

    @Test
    void maxRowsReadsOnlyThoseRowsAndNeverTheRest() throws IOException {
        StringBuilder rows = new StringBuilder("a,y\n1,0\n2,1\n3,0\n");
        for (int i = 4; i < 200_000; i++) {
            rows.append(i).append(",1\n"); // far past every read-ahead buffer
        }
        Path p = write("long.csv", rows + "not a number,oops\n");
        Dataset d = CsvDatasetReader.read(p, TableReadOptions.target("y").withMaxRows(3), w -> { });
        assertArrayEquals(new double[] {1, 2, 3}, d.features().data, 0.0);
        assertThrows(DataFormatException.class, () -> CsvDatasetReader.read(p, TableReadOptions.target("y"), w -> { }));
    }

    @Test
    void standardInputIsReadOnceInOnePass() throws IOException {
        java.io.InputStream saved = System.in;
        try {
            System.setIn(new java.io.ByteArrayInputStream("a,colour,y\n1,red,0\n\n2,blue,1\n".getBytes(StandardCharsets.UTF_8)));
            List<String> warnings = new ArrayList<>();
            Dataset d = CsvDatasetReader.read(Path.of("-"), "y", warnings::add);
            assertArrayEquals(new double[] {1, 2}, d.features().data, 0.0);
            assertTrue(warnings.get(0).startsWith("standard input: dropped non-numeric column(s) colour"), warnings.get(0));
        } finally {
            System.setIn(saved);
        }
    }

    @Test
    void gzipIsRecognisedByItsContentWhateverTheName() throws IOException {
        Path p = dir.resolve("d.csv");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(p))) {
            out.write("x,y\n1,0\n".getBytes(StandardCharsets.UTF_8));
        }
        assertArrayEquals(new double[] {1}, CsvDatasetReader.read(p, "y", w -> { }).features().data, 0.0);
    }

    @Test
    void aColumnThatStartsEmptyThenHoldsNumbersIsAMissingValueError() throws IOException {
        Path p = write("late.csv", "a,b,y\n1,,0\n2,5,1\n");
        assertMessage(p, "y", "line 2, column 'b': missing value");
        Dataset dropped = CsvDatasetReader.read(p, TableReadOptions.target("y").withMissing(MissingValues.DROP_ROWS),
                w -> { });
        assertArrayEquals(new double[] {2, 5}, dropped.features().data, 0.0);
    }

    @Test
    void anIdColumnNamesTheRowsItKeepsAndIsNeverAFeature() throws IOException {
        Path p = write("ids.csv", "who,a,b,y\nann,1,2,0\n7,3,,1\nbob,5,6,1\n");
        Dataset d = CsvDatasetReader.read(p, TableReadOptions.target("y").withIdColumn("who")
                .withMissing(MissingValues.DROP_ROWS), w -> { });
        assertEquals(java.util.List.of("a", "b"), d.featureNames(), "numeric ids or not, the id column is no feature");
        assertEquals(java.util.List.of("ann", "bob"), d.rowIds(), "the row dropped for its missing value takes its id along");
        assertEquals(java.util.List.of("bob"), d.subset(new int[] {1}).rowIds());
        DataFormatException none = assertThrows(DataFormatException.class, () -> CsvDatasetReader.read(p,
                TableReadOptions.target("y").withIdColumn("name"), w -> { }));
        assertTrue(none.getMessage().contains("no id column named 'name'"), none.getMessage());
        assertEquals(null, CsvDatasetReader.read(write("plain.csv", "a,y\n1,0\n"), "y", w -> { }).rowIds());
    }

    private static void assertMessage(Path p, String target, String fragment) {
        DataFormatException e = assertThrows(DataFormatException.class, () -> CsvDatasetReader.read(p, target, w -> { }));
        assertTrue(e.getMessage().contains(fragment), e.getMessage());
        assertTrue(e.getMessage().contains(p.getFileName().toString()), e.getMessage());
    }

    @Test
    void aPublishedFileMayRepeatAColumnOnlyAsAnExactCopy() throws IOException {
        Path copies = write("copies.csv", "id,score,age,score\n1,5,30,5\n2,7,41,7\n");
        RawTable t = CsvDatasetReader.tableWithIdenticalRepeats(copies);
        assertEquals(List.of("id", "score", "age"), t.header());
        assertArrayEquals(new String[] {"2", "7", "41"}, t.rows().get(1));
        Path differ = write("differ.csv", "id,score,age,score\n1,5,30,5\n2,7,41,8\n");
        DataFormatException e = assertThrows(DataFormatException.class,
                () -> CsvDatasetReader.tableWithIdenticalRepeats(differ));
        assertTrue(e.getMessage().contains("line 3: column 'score' appears twice with different values (columns 2 and 4)"),
                e.getMessage());
        assertThrows(DataFormatException.class, () -> CsvDatasetReader.table(copies), "user data: any repeat is refused");
    }
}
