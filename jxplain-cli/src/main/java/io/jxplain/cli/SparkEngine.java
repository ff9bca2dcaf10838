package io.jxplain.cli;

import io.jxplain.options.MethodOptions;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code explain --engine spark}: the jxplain-spark job ({@code io.jxplain.spark.ExplainJob}) in this JVM with a
 * local master, for users without a cluster. Spark itself is not in jxplain.jar: bin/jxplain puts it on the class
 * path from jxplain-spark/target/spark.classpath, which {@code mvn package} writes.
 */
final class SparkEngine {
    private SparkEngine() {
    }

    static int explain(ModelDataOptions input, String method, SamplingOptions sampling, String out, String master,
                       PrintWriter stdout, PrintWriter err) {
        if (!out.endsWith(".csv") && !out.endsWith(".parquet")) {
            throw new IllegalArgumentException("--engine spark writes a table: --out must end in .csv or .parquet, got " + out);
        }
        if (input.target != null && !io.jxplain.model.RowTargets.parse(input.target).isFixed()) {
            throw new IllegalArgumentException("--target " + input.target + " (a class per row) runs with --engine local;"
                    + " the Spark job explains one scalar for every row (probability:I, logit:I, output:I)");
        }
        if (input.featureGroups != null) {
            throw new IllegalArgumentException("--feature-groups runs with --engine local; the Spark job reads each"
                    + " column as one feature");
        }
        List<String> args = new ArrayList<>(List.of("--master", master, "--input", input.data.toString(), "--output", out,
                "--model", input.model.toString(), "--method", method));
        args.addAll(MethodOptions.asArguments(sampling.spec)); // the same vocabulary: the job declares the same options
        add(args, "--target", input.target);
        add(args, "--max-rows", input.maxRows == null ? null : input.maxRows.toString());
        add(args, "--label-column", input.external.labelColumn);
        add(args, "--output-kind", input.external.outputKind);
        add(args, "--input-shape", input.external.inputShape);
        try {
            return io.jxplain.spark.ExplainJob.execute(args.toArray(String[]::new), stdout, err, "jxplain");
        } catch (NoClassDefFoundError e) {
            throw new IllegalStateException("--engine spark needs Apache Spark on the class path; build with 'mvn -DskipTests"
                    + " package' (it writes jxplain-spark/target/spark.classpath, which bin/jxplain reads) — missing: "
                    + e.getMessage());
        }
    }

    private static void add(List<String> args, String option, String value) {
        if (value != null) {
            args.add(option);
            args.add(value);
        }
    }
}
