package io.jxplain.cli;

import io.jxplain.data.CsvDatasetReader;
import io.jxplain.data.RawTable;
import io.jxplain.io.StagedFolder;
import io.jxplain.report.ExplanationReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "report", mixinStandardHelpOptions = true,
        description = {"Write a report of explanations already written by 'jxplain explain' (its .csv or .json).",
                "DIR/index.html is one self-contained page (inline SVG, no network): global importance with 95%%"
                        + " confidence bars, a beeswarm coloured by the feature values (with --data), waterfalls of the"
                        + " first rows, the metric table of an 'evaluate' folder, and the provenance."})
final class ReportCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--explanations", required = true, paramLabel = "FILE",
            description = "explain's output: a .csv (its provenance beside it) or a .json file.")
    Path explanations;

    @Option(names = "--data", paramLabel = "FILE",
            description = "The data the rows were explained from (the same CSV), to colour the beeswarm by value.")
    Path data;

    @Option(names = "--evaluation", paramLabel = "DIR", description = "A folder written by 'jxplain evaluate'.")
    Path evaluation;

    @Option(names = "--report-rows", defaultValue = "5", paramLabel = "K",
            description = "How many rows get a waterfall. Default: ${DEFAULT-VALUE}.")
    int reportRows;

    @Option(names = "--out", required = true, paramLabel = "DIR",
            description = "Output folder: new, empty, or one jxplain wrote.")
    Path out;

    @Option(names = "--verbose", description = "Print stack traces on errors.")
    boolean verbose;

    @Override
    public Integer call() throws Exception {
        if (reportRows < 0) {
            throw new IllegalArgumentException("--report-rows must be at least 0, got " + reportRows);
        }
        try (RunOutputs outputs = new RunOutputs(spec.commandLine().getErr())) {
            outputs.input("--explanations", explanations);
            if (data != null) {
                outputs.input("--data", data);
            }
            if (evaluation != null) {
                outputs.input("--evaluation", evaluation);
            }
            StagedFolder folder = outputs.folder("--out", out);
            ReportFiles.Read read = ReportFiles.read(explanations);
            double[][] values = data == null ? null : values(data, read);
            ExplanationReport.Explanations e = read.rows().explanations(read.method(), read.features(), values,
                    read.provenance());
            io.jxplain.model.ImageShape shape = read.imageShape();
            ReportFiles.write(folder.path(), "Explanations: " + read.method() + " (" + explanations.getFileName() + ")",
                    e, shape == null ? null : read.rows().images(shape, values, read.target(), reportRows), reportRows,
                    evaluation, read.provenance());
            outputs.commit();
        }
        spec.commandLine().getOut().println("wrote the report -> " + out.resolve("index.html"));
        return 0;
    }

    /** Each explained row's feature values, looked up by its row number in the data file (NaN if not a number). */
    private static double[][] values(Path data, ReportFiles.Read read) {
        RawTable table = CsvDatasetReader.table(data);
        int[] column = new int[read.features().size()];
        for (int j = 0; j < column.length; j++) {
            column[j] = table.header().indexOf(read.features().get(j));
            if (column[j] < 0) {
                throw new IllegalArgumentException(data + " has no column '" + read.features().get(j)
                        + "', a feature of the explanations");
            }
        }
        List<Integer> rows = read.rows().rowNumbers();
        double[][] out = new double[rows.size()][column.length];
        for (int i = 0; i < rows.size(); i++) {
            int row = rows.get(i);
            if (row < 0 || row >= table.rows().size()) {
                throw new IllegalArgumentException(data + " has " + table.rows().size() + " rows; the explanations"
                        + " name row " + row);
            }
            for (int j = 0; j < column.length; j++) {
                try {
                    out[i][j] = Double.parseDouble(table.rows().get(row)[column[j]].trim());
                } catch (NumberFormatException notANumber) {
                    out[i][j] = Double.NaN;
                }
            }
        }
        return out;
    }
}
