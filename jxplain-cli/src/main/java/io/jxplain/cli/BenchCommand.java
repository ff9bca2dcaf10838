package io.jxplain.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jxplain.Version;
import io.jxplain.cli.bench.BenchCase;
import io.jxplain.cli.bench.BenchCases;
import io.jxplain.cli.bench.CaptumTimings;
import io.jxplain.cli.bench.EndToEndBench;
import io.jxplain.cli.bench.VarianceReductionBench;
import io.jxplain.io.StagedFile;
import io.jxplain.model.OutputKind;
import io.jxplain.model.Target;
import io.jxplain.model.nn.Activation;
import io.jxplain.model.nn.Network;
import io.jxplain.model.nn.NetworkBuilder;
import io.jxplain.model.nn.NetworkJson;
import io.jxplain.random.RandomStreams;
import org.ejml.data.DMatrixRMaj;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;
import java.util.concurrent.Callable;
import java.util.random.RandomGenerator;

@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"End-to-end throughput of every explainer and of the metrics Captum also has: explanations per"
                + " second over a batch of rows, at 1 thread and at all cores, with peak heap, and (with --captum) the"
                + " ratio to Captum's measured figures for the same method and settings.",
                "Kernel micro-benchmarks are in jxplain-bench (JMH): java -jar jxplain-bench/target/benchmarks.jar"})
final class BenchCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--model", paramLabel = "FILE",
            description = "Network to run (.json, e.g. ../shared/reference/breast_cancer/model.json). Default: the"
                    + " paper's 15-10-10-2 ELU MLP with fixed random weights.")
    Path model;

    @Option(names = "--rows", defaultValue = "113", paramLabel = "N",
            description = "Rows per run, drawn N(0, I) (113: the size of the Captum runs' test split). Default: ${DEFAULT-VALUE}.")
    int rows;

    @Option(names = "--threads", split = ",", paramLabel = "T,T",
            description = "Thread counts to measure. Default: 1 and all cores.")
    List<Integer> threads;

    @Option(names = "--min-time", defaultValue = "1.0", paramLabel = "S",
            description = "Seconds of repeats per case after warm-up. Default: ${DEFAULT-VALUE}.")
    double minTime;

    @Option(names = "--quick", description = "A smoke run: 10 rows, n = 20, short timings (checks, no figures worth quoting).")
    boolean quick;

    @Option(names = "--captum", paramLabel = "FILE",
            description = "Captum timings to compare with, e.g. ../shared/reference/timings_1thread.json, or plain"
                    + " PyTorch timed now by jxplain-bench/torch/torch_baseline.py (same layout).")
    Path captum;

    @Option(names = "--variance-reduction", description = "Instead of throughput: model calls each SmoothGrad sampling"
            + " scheme (plain, antithetic, Sobol, control variate) needs to reach plain Monte Carlo's error at n = 256,"
            + " against a 100 000-sample limit, on the model and rows above.")
    boolean varianceReduction;

    @Option(names = "--cases", split = ",", paramLabel = "NAME,NAME",
            description = "Only these cases (names as printed, e.g. gradient,smoothgrad). Default: all.")
    List<String> caseNames;

    @Option(names = "--out", paramLabel = "FILE", description = "Also write the results as JSON (never over --model or"
            + " --captum; replaced when the run ends, marked \"complete\").")
    Path out;

    @Option(names = "--fork", description = "Run each case in a fresh JVM (as JMH does), so that what the JIT compiled"
            + " for one case does not shape the next one's figures; same options otherwise.")
    boolean fork;

    /** Set by a forking run for its children: run only this case of the selection, without the table's header. */
    @Option(names = "--case-index", hidden = true)
    Integer caseIndex;

    @Option(names = "--verbose", description = "Print stack traces on errors.")
    boolean verbose;

    @Override
    public Integer call() throws Exception {
        PrintWriter stdout = spec.commandLine().getOut();
        try (RunOutputs outputs = new RunOutputs(spec.commandLine().getErr())) {
            outputs.input("--model", model).input("--captum", captum);
            results = out == null ? null : outputs.file("--out", out);
            int code = measure(stdout, outputs);
            outputs.commit();
            if (out != null) {
                stdout.println("wrote " + out);
            }
            return code;
        }
    }

    private StagedFile results;

    private int measure(PrintWriter stdout, RunOutputs outputs) throws Exception {
        Network net = model == null ? defaultNetwork() : NetworkJson.read(model).network();
        int d = net.inputSize();
        int n = quick ? Math.min(rows, 10) : rows;
        if (n < 1) {
            throw new IllegalArgumentException("--rows must be at least 1, got " + rows);
        }
        double seconds = quick ? 0.02 : minTime;
        if (!(seconds > 0)) {
            throw new IllegalArgumentException("--min-time must be positive, got " + minTime);
        }
        List<Integer> threadCounts = threads == null
                ? List.of(1, Runtime.getRuntime().availableProcessors()).stream().distinct().toList() : threads;
        for (int t : threadCounts) {
            if (t < 1) {
                throw new IllegalArgumentException("--threads must be positive, got " + t);
            }
        }
        CaptumTimings reference = captum == null ? null : CaptumTimings.read(captum);
        String dataset = d == 15 ? "breast_cancer" : d == 2 ? "simulated" : null; // the reference runs' networks
        RandomGenerator rng = RandomStreams.stream(11L);
        DMatrixRMaj x = new DMatrixRMaj(n, d);
        for (int t = 0; t < x.data.length; t++) {
            x.data[t] = rng.nextGaussian();
        }
        Target target = Target.probability(1);
        if (varianceReduction) {
            if (fork) {
                throw new IllegalArgumentException("--fork applies to the throughput cases, not --variance-reduction");
            }
            return varianceReduction(net, target, x, threadCounts.get(threadCounts.size() - 1), stdout);
        }
        List<BenchCase> cases = selected(BenchCases.all(d, quick ? List.of(20) : List.of(100, 1000)));
        if (caseIndex != null) {
            if (caseIndex < 0 || caseIndex >= cases.size()) {
                throw new IllegalArgumentException("--case-index must be in 0.." + (cases.size() - 1));
            }
            cases = List.of(cases.get(caseIndex));
        } else {
            stdout.printf(Locale.ROOT, "%s, %d rows, %s%s%n", net.describe(), n,
                    reference == null ? "no Captum comparison (--captum FILE)" : reference.label() + ": " + captum
                            + " (torch threads " + reference.torchThreads() + ", data set " + dataset + ")",
                    fork ? ", each case in its own JVM" : "");
            stdout.printf(Locale.ROOT, "%-26s %6s %7s %14s %14s %9s %10s%n", "case", "n", "threads", "per second",
                    "baseline /s", "ratio", "peak MiB");
        }
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode root = mapper.createObjectNode();
        root.put("jxplain_version", Version.get());
        root.put("model", net.describe());
        root.put("rows", n);
        root.put("available_processors", Runtime.getRuntime().availableProcessors());
        root.put("captum", captum == null ? null : captum.toString());
        root.put("forked", fork);
        ArrayNode results = root.putArray("results");
        outputs.whenInterrupted(reason -> writeJson(mapper, root.put("incomplete_because", reason).put("complete", false)));
        if (fork && caseIndex == null) {
            for (int i = 0; i < cases.size(); i++) {
                ForkedCase.run(this, i, threadCounts, stdout, mapper, results);
            }
            writeJson(mapper, root.put("complete", true));
            return 0;
        }
        for (BenchCase c : cases) {
            List<EndToEndBench.Result> perThreads = new ArrayList<>();
            for (int t : threadCounts) {
                EndToEndBench.Result r = EndToEndBench.measure(c, net, target, x, 42L, t, seconds);
                perThreads.add(r);
                OptionalDouble theirs = reference == null || dataset == null || c.captumMethod() == null
                        ? OptionalDouble.empty() : reference.lookup(c.captumMethod(), dataset, c.captumN(), c.captumSigma2());
                stdout.printf(Locale.ROOT, "%-26s %6s %7d %14.1f %14s %9s %10.1f%n", c.name(),
                        c.samples() == null ? "-" : c.samples(), t, r.perSecond(),
                        theirs.isPresent() ? String.format(Locale.ROOT, "%.1f", theirs.getAsDouble()) : "-",
                        theirs.isPresent() ? String.format(Locale.ROOT, "%.1fx", r.perSecond() / theirs.getAsDouble()) : "-",
                        r.peakHeapBytes() / 1048576.0);
                ObjectNode o = results.addObject();
                o.put("case", c.name());
                o.put("kind", c.kind());
                if (c.samples() != null) {
                    o.put("samples", c.samples());
                }
                o.put("threads", t);
                o.put("repeats", r.repeats());
                o.put("median_seconds", r.medianSeconds());
                o.put("per_second", r.perSecond());
                o.put("peak_heap_bytes", r.peakHeapBytes());
                if (theirs.isPresent()) {
                    o.put("captum_per_second", theirs.getAsDouble());
                    o.put("ratio_to_captum", r.perSecond() / theirs.getAsDouble());
                }
                o.put("identical_to_first_thread_count", Arrays.equals(r.values(), perThreads.get(0).values()));
                o.put("process_id", ProcessHandle.current().pid());
            }
            for (EndToEndBench.Result r : perThreads) {
                if (!Arrays.equals(r.values(), perThreads.get(0).values())) {
                    throw new IllegalStateException(c.name() + ": " + r.threads() + " threads gave other results than "
                            + perThreads.get(0).threads() + " (same seed)");
                }
            }
        }
        writeJson(mapper, root.put("complete", true));
        return 0;
    }

    private int varianceReduction(Network net, Target target, DMatrixRMaj x, int threads, PrintWriter stdout)
            throws java.io.IOException {
        int[] grid = quick ? new int[] {16, 64, 256} : new int[] {16, 32, 64, 128, 256, 512, 1024, 2048, 4096};
        VarianceReductionBench.Result r = VarianceReductionBench.run(net, target, x, grid, quick ? 64 : 256,
                quick ? 4000 : 100_000, 42L, threads);
        stdout.printf(Locale.ROOT, "%s, %d rows; target: mean L1 error %.4g (plain Monte Carlo at n = %d)%n",
                net.describe(), x.numRows, r.targetError(), r.referenceSamples());
        stdout.printf(Locale.ROOT, "%-16s %18s %10s%n", "scheme", "calls for target", "saving");
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode root = mapper.createObjectNode();
        root.put("model", net.describe());
        root.put("target_error", r.targetError());
        ArrayNode curves = root.putArray("schemes");
        for (VarianceReductionBench.Curve c : r.curves()) {
            stdout.printf(Locale.ROOT, "%-16s %18.1f %9.2fx%n", c.scheme().name().toLowerCase(Locale.ROOT),
                    c.callsAtTarget(), r.saving(c.scheme()));
            ObjectNode o = curves.addObject();
            o.put("scheme", c.scheme().name().toLowerCase(Locale.ROOT));
            o.put("calls_at_target", c.callsAtTarget());
            o.put("saving", r.saving(c.scheme()));
            ArrayNode pts = o.putArray("curve");
            for (int k = 0; k < c.samples().length; k++) {
                pts.addObject().put("samples", c.samples()[k]).put("calls", c.calls()[k]).put("mean_l1", c.meanL1()[k]);
            }
        }
        writeJson(mapper, root.put("complete", true));
        return 0;
    }

    /** The cases named by --cases (all without it); an unknown name is an error listing the known ones. */
    private List<BenchCase> selected(List<BenchCase> all) {
        if (caseNames == null) {
            return all;
        }
        List<String> known = all.stream().map(BenchCase::name).distinct().toList();
        for (String name : caseNames) {
            if (!known.contains(name)) {
                throw new IllegalArgumentException("unknown bench case '" + name + "'; cases: " + String.join(", ", known));
            }
        }
        return all.stream().filter(c -> caseNames.contains(c.name())).toList();
    }

    /** Writes the results into the staged --out, if given (once: the first call, complete or not, counts). */
    private synchronized void writeJson(ObjectMapper mapper, ObjectNode root) throws java.io.IOException {
        if (results == null || written) {
            return;
        }
        written = true;
        mapper.writeValue(results.stream(), root);
    }

    private boolean written;

    /** The unification paper's MLP shape (15→10→10→2 ELU) with fixed random weights: speed does not depend on them. */
    static Network defaultNetwork() {
        return NetworkBuilder.tabular(15).dense(10, Activation.ELU).dense(10, Activation.ELU)
                .dense(2, Activation.IDENTITY).build(OutputKind.LOGITS, 1L);
    }
}
