package io.jxplain.cli;

import io.jxplain.catalog.ExplainerCatalog;
import io.jxplain.model.FiniteDifferences;
import io.jxplain.model.Model;
import io.jxplain.model.tree.DecisionTree;
import io.jxplain.model.tree.TreeEnsemble;
import io.jxplain.spark.ModelSource.Format;
import io.jxplain.onnx.OnnxModel;
import io.jxplain.onnx.OnnxSignature;
import io.jxplain.torch.TorchScriptModel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

@Command(name = "inspect", mixinStandardHelpOptions = true,
        description = {"Show what jxplain reads off a model file: inputs, outputs, element type, output kind,",
                "and how each explanation method runs on it (exactly, by finite differences, or not at all)."})
final class InspectCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--model", required = true, paramLabel = "FILE", description = "A .json, .onnx or .pt model.")
    Path model;

    @Option(names = "--input-size", paramLabel = "D", description = "TorchScript: the number of input features.")
    Integer inputSize;

    @Option(names = "--verbose", description = "Print stack traces on errors.")
    boolean verbose;

    @Mixin
    ExternalModelOptions external;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        try (ModelFiles.Opened opened = ModelFiles.open(model, external, inputSize)) {
            Model m = opened.model();
            out.printf(Locale.ROOT, "%-16s %s%n", "model", m.describe());
            out.printf(Locale.ROOT, "%-16s %s%n", "format", formatName(opened.format()));
            if (m instanceof OnnxModel onnx) {
                OnnxSignature s = onnx.signature();
                for (String in : s.inputs()) {
                    out.printf(Locale.ROOT, "%-16s %s%s%n", "input", in, in.startsWith(s.inputName() + ":") ? "  (explained)" : "");
                }
                for (String o : s.outputs()) {
                    out.printf(Locale.ROOT, "%-16s %s%s%n", "output", o, o.startsWith(s.outputName() + ":") ? "  (explained)" : "");
                }
                if (!s.columnNames().isEmpty()) {
                    out.printf(Locale.ROOT, "%-16s %s%n", "columns", "one input per data column, matched by name: "
                            + String.join(", ", s.columnNames()));
                }
                if (onnx.piecewiseConstant()) {
                    out.printf(Locale.ROOT, "%-16s %s%n", "trees", String.join(", ", onnx.treeOperators())
                            + ": piecewise constant, so gradient methods are refused on it");
                }
            }
            out.printf(Locale.ROOT, "%-16s %d%s%n", "features", m.inputSize(),
                    m.imageShape().map(shape -> " (image " + shape + ")").orElse(""));
            out.printf(Locale.ROOT, "%-16s %s (machine epsilon %.2g)%n", "arithmetic",
                    m.machineEpsilon() == Math.ulp(1.0) ? "float64" : "float32", m.machineEpsilon());
            out.printf(Locale.ROOT, "%-16s %d, %s%s%n", "outputs", m.outputSize(),
                    m.outputKind().name().toLowerCase(Locale.ROOT), kindSource(m));
            out.printf(Locale.ROOT, "%-16s %s%n", "default target", ModelInput.defaultTarget(m));
            out.println();
            out.printf(Locale.ROOT, "%-22s %s%n", "method", "on this model");
            for (ExplainerCatalog.Entry e : ExplainerCatalog.entries()) {
                out.printf(Locale.ROOT, "%-22s %s%n", e.name(), how(e, opened));
            }
        }
        return 0;
    }

    private static String formatName(Format format) {
        return switch (format) {
            case BUILT_IN -> "jxplain network (built-in: exact gradients, guided backprop and LRP)";
            case ONNX -> "ONNX, run by ONNX Runtime (a black box: no gradients)";
            case TORCHSCRIPT -> "TorchScript, run by PyTorch through DJL (exact gradients by autograd)";
            case XGBOOST -> "XGBoost JSON, read and run in Java (a tree ensemble: exact TreeSHAP; no gradients)";
        };
    }

    private static String kindSource(Model m) {
        boolean detected = m instanceof OnnxModel o ? o.outputKindDetected()
                : m instanceof TorchScriptModel t && t.outputKindDetected();
        return detected ? " (read off the model's outputs on random inputs; --output-kind overrides)" : "";
    }

    private static String how(ExplainerCatalog.Entry e, ModelFiles.Opened opened) {
        return switch (e.needs()) {
            case VALUES -> "model outputs only";
            case GRADIENTS -> opened.model().piecewiseConstant()
                    ? "refused: a tree ensemble's gradient is 0 almost everywhere"
                    : opened.explained() instanceof FiniteDifferences fd
                    ? String.format(Locale.ROOT, "central finite differences (2·%d model rows per gradient, step %.2g)%s",
                    fd.inputSize(), fd.step(0), e.name().equals("smoothgrad")
                            ? "; closed-form gives the same limit from outputs alone (Theorem 1)" : "")
                    : opened.format() == Format.TORCHSCRIPT ? "exact gradients (autograd)" : "exact gradients";
            case BUILT_IN_NETWORK -> opened.format() == Format.BUILT_IN ? "exact"
                    : opened.model().piecewiseConstant() ? "refused: a tree ensemble has no layers to propagate through"
                    : "unavailable: needs a built-in network's layers";
            case TREE_ENSEMBLE -> opened.model() instanceof TreeEnsemble t
                    ? String.format(Locale.ROOT, "exact (path-dependent TreeSHAP over %d trees, depth up to %d)%s",
                    t.trees().size(), t.trees().stream().mapToInt(DecisionTree::depth).max().orElse(0),
                    t.outputKind() == io.jxplain.model.OutputKind.LOGITS ? "; explains margins: --target logit:K" : "")
                    : opened.model() instanceof OnnxModel onnx && onnx.treeEnsembleProblem().isEmpty()
                    ? "exact (path-dependent TreeSHAP on the trees rebuilt in Java, checked against ONNX Runtime; covers "
                    + (onnx.treeCoversInFile() ? "from the file's nodes_hitrates)" : "counted from --background, else the"
                    + " --data rows)")
                    : "unavailable: " + (opened.model() instanceof OnnxModel onnx && onnx.piecewiseConstant()
                    ? onnx.treeEnsembleProblem().orElseThrow()
                    : "needs a tree ensemble jxplain reads (an XGBoost JSON model, an ONNX-ML TreeEnsemble)");
        };
    }
}
