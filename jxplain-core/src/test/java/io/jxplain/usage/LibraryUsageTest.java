package io.jxplain.usage;

import io.jxplain.data.CsvDatasetReader;
import io.jxplain.data.Dataset;
import io.jxplain.explain.ContinuousLime;
import io.jxplain.explain.ExactShapley;
import io.jxplain.explain.Explainer;
import io.jxplain.explain.Explanation;
import io.jxplain.explain.KernelShap;
import io.jxplain.explain.SmoothGrad;
import io.jxplain.model.FiniteDifferences;
import io.jxplain.model.Model;
import io.jxplain.model.OutputKind;
import io.jxplain.model.Target;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The library as a user outside its packages writes it (this package is not jxplain's): explainers in one list, a
 * model written as a Java function, unlabelled data read without a null. That it compiles is half the test.
 */
class LibraryUsageTest {
    @TempDir
    Path dir;

    @Test
    void explainersGoInOneListAndAJavaFunctionIsAModel() {
        // f(a) = a₀ + 2·a₁ − a₂: a linear model written in Java, rows in, outputs out
        Model linear = Model.of(3, 1, OutputKind.REGRESSION, rows -> {
            double[][] out = new double[rows.length][1];
            for (int i = 0; i < rows.length; i++) {
                out[i][0] = rows[i][0] + 2 * rows[i][1] - rows[i][2];
            }
            return out;
        });
        List<Explainer> explainers = List.of(KernelShap.builder().samples(50).build(), ExactShapley.builder().build());
        var sampling = List.of(SmoothGrad.builder().samples(50).build(), ContinuousLime.builder().samples(50).build());
        double[] x = {1, 1, 1};
        for (Explainer e : explainers) {
            Explanation phi = e.explain(linear, Target.output(0), x, 1L);
            // a linear model's Shapley values from the zero baseline are θⱼxⱼ
            assertEquals(1, phi.attribution(0), 1e-9, e.name());
            assertEquals(2, phi.attribution(1), 1e-9, e.name());
            assertEquals(-1, phi.attribution(2), 1e-9, e.name());
        }
        Explanation sg = sampling.get(0).explain(FiniteDifferences.of(linear), Target.output(0), x, 1L);
        assertEquals(2, sg.attribution(1), 1e-6, "SmoothGrad of a linear model is its slope");
        Model broken = Model.of(3, 1, OutputKind.REGRESSION, rows -> new double[rows.length + 1][1]);
        assertThrows(IllegalStateException.class, () -> broken.predict(new org.ejml.data.DMatrixRMaj(2, 3)));
    }

    @Test
    void unlabelledDataIsReadWithoutANull() throws IOException {
        Path csv = dir.resolve("rows.csv");
        Files.writeString(csv, "a,b\n1,2\n3,4\n");
        Dataset d = CsvDatasetReader.read(csv, w -> { });
        assertEquals(List.of("a", "b"), d.featureNames());
        assertTrue(!d.hasTargets());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CsvDatasetReader.read(csv, (String) null, w -> { }));
        assertTrue(e.getMessage().contains("read(file, warnings)"), e.getMessage());
    }
}
