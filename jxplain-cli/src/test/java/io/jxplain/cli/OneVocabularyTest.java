package io.jxplain.cli;

import io.jxplain.Setting;
import io.jxplain.catalog.ExplainerCatalog;
import io.jxplain.catalog.MetricCatalog;
import io.jxplain.catalog.SettingValues;
import io.jxplain.explain.ClosedFormSmoothGrad;
import io.jxplain.explain.ContinuousLime;
import io.jxplain.explain.EpsilonLrp;
import io.jxplain.explain.ExactShapley;
import io.jxplain.explain.Explainer;
import io.jxplain.explain.Gradient;
import io.jxplain.explain.GradientTimesInput;
import io.jxplain.explain.GuidedBackprop;
import io.jxplain.explain.InfidelityOptimal;
import io.jxplain.explain.IntegratedGradients;
import io.jxplain.explain.KernelShap;
import io.jxplain.explain.Lime;
import io.jxplain.explain.Occlusion;
import io.jxplain.explain.Sampling;
import io.jxplain.explain.SmoothGrad;
import io.jxplain.metric.AvgSensitivity;
import io.jxplain.metric.Infidelity;
import io.jxplain.metric.LocalLipschitzEstimate;
import io.jxplain.metric.MaxSensitivity;
import io.jxplain.metric.Metric;
import io.jxplain.metric.NeighbourhoodRobustness;
import io.jxplain.options.MethodOptions;
import io.jxplain.options.MetricOptions;
import io.jxplain.options.SettingOptions;
import io.jxplain.sample.GaussianPerturbation;
import io.jxplain.sample.Perturbation;
import io.jxplain.random.RandomStreams;
import io.jxplain.spark.ExplainJob;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One vocabulary: every setting of every method and metric has one name and one default, the same object in the
 * library, the CLI (explain, evaluate), {@code jxplain methods} and the Spark job.
 */
class OneVocabularyTest {
    private static final String[] EXPLAIN = {"explain", "--model", "m.json", "--data", "d.csv", "--out", "o.csv"};
    private static final String[] EVALUATE = {"evaluate", "--model", "m.json", "--data", "d.csv", "--out", "dir"};
    private static final String[] SPARK = {"--input", "in.csv", "--output", "out.csv", "--model", "m.json"};

    /** The library's own way to build each method with nothing chosen. */
    private static final Map<String, Supplier<Explainer>> LIBRARY = new LinkedHashMap<>();

    static {
        LIBRARY.put("gradient", () -> Gradient.builder().build());
        LIBRARY.put("gradient-abs", () -> Gradient.builder().absolute(true).build());
        LIBRARY.put("gradient-x-input", () -> GradientTimesInput.builder().build());
        LIBRARY.put("smoothgrad", () -> SmoothGrad.builder().build());
        LIBRARY.put("clime", () -> ContinuousLime.builder().build());
        LIBRARY.put("closed-form", () -> ClosedFormSmoothGrad.builder().build());
        LIBRARY.put("integrated-gradients", () -> IntegratedGradients.builder().build());
        LIBRARY.put("occlusion", () -> Occlusion.builder().build());
        LIBRARY.put("kernel-shap", () -> KernelShap.builder().build());
        // the two infidelity-optimal explainers need their perturbation named: the builder has no default for it
        LIBRARY.put("noisy-baseline", () -> InfidelityOptimal.builder()
                .noisyBaseline(Perturbation.gaussian(Sampling.SIGMA2.defaultValue())).build());
        LIBRARY.put("square-removal", () -> InfidelityOptimal.builder()
                .squareRemoval(InfidelityOptimal.SIDES.defaultValue()).build());
        LIBRARY.put("lime-superpixels", () -> io.jxplain.explain.SuperpixelLime.builder().build());
        LIBRARY.put("lime", () -> Lime.builder().build());
        LIBRARY.put("guided-backprop", () -> GuidedBackprop.builder().build());
        LIBRARY.put("epsilon-lrp", () -> EpsilonLrp.builder().build());
        LIBRARY.put("tree-shap", () -> io.jxplain.explain.TreeShap.builder().build());
        LIBRARY.put("shapley-exact", () -> ExactShapley.builder().build());
    }

    @Test
    void theLibrarysDefaultsAreTheCataloguesForEveryMethod() {
        assertEquals(ExplainerCatalog.names(), List.copyOf(LIBRARY.keySet()), "a method without a library check");
        for (ExplainerCatalog.Entry e : ExplainerCatalog.entries()) {
            Explainer library = LIBRARY.get(e.name()).get();
            Explainer catalogue = e.create(SettingValues.defaults(), io.jxplain.catalog.MethodData.NONE);
            assertEquals(library.parameters().toString(), catalogue.parameters().toString(), e.name());
        }
    }

    @Test
    void theLibrarysMetricDefaultsAreTheCatalogues() {
        int d = 3;
        Map<String, Metric> library = new LinkedHashMap<>();
        library.put("infidelity", Infidelity.builder()
                .perturbation(GaussianPerturbation.isotropic(d, MetricCatalog.NOISE_SIGMA2.defaultValue())).build());
        library.put("max-sensitivity", MaxSensitivity.builder().build());
        library.put("avg-sensitivity", AvgSensitivity.builder().radius(AvgSensitivity.RADIUS.defaultValue())
                .samples(AvgSensitivity.SAMPLES.defaultValue()).build());
        library.put("lipschitz", LocalLipschitzEstimate.builder().build());
        library.put("robustness", NeighbourhoodRobustness.builder().build());
        assertEquals(MetricCatalog.names(), List.copyOf(library.keySet()));
        for (MetricCatalog.Entry e : MetricCatalog.entries()) {
            assertEquals(library.get(e.name()).parameters().toString(),
                    e.create(SettingValues.defaults(), d).parameters().toString(), e.name());
        }
    }

    @Test
    void everySettingIsOneOptionWithOneDefaultObjectInTheCliAndTheSparkJob() {
        CommandSpec explain = parsedCli(EXPLAIN);
        CommandSpec evaluate = parsedCli(EVALUATE);
        CommandSpec spark = parsedSpark(SPARK);
        Set<Setting<?>> methodSettings = new LinkedHashSet<>();
        ExplainerCatalog.entries().forEach(e -> methodSettings.addAll(e.settings()));
        for (Setting<?> s : methodSettings) {
            if (ExplainerCatalog.SHARED.stream().anyMatch(x -> x.name().equals(s.name()))) {
                for (CommandSpec command : List.of(explain, evaluate, spark)) {
                    assertNotNull(command.findOption("--" + s.name()), command.name() + " lacks --" + s.name());
                    assertSame(s.defaultValue(), MethodOptions.shared(command).get(s),
                            command.name() + " --" + s.name());
                }
            } else {
                // a method's own setting is an -o key in both, read with the setting's default (arrays: a copy of it)
                Object read = SettingValues.defaults().withText("m", Map.of(), List.of(s)).get(s);
                if (read instanceof int[] a) {
                    assertArrayEquals((int[]) s.defaultValue(), a, s.name());
                } else {
                    assertSame(s.defaultValue(), read, s.name());
                }
            }
        }
        for (Setting<?> s : MetricCatalog.settings()) {
            for (CommandSpec command : List.of(evaluate, spark)) {
                assertNotNull(command.findOption("--" + s.name()), command.name() + " lacks --" + s.name());
                assertSame(s.defaultValue(), MetricOptions.chosen(command).get(s), command.name() + " --" + s.name());
            }
        }
        for (CommandSpec command : List.of(explain, evaluate, spark)) {
            assertSame(RandomStreams.SEED.defaultValue(), MethodOptions.seed(command), command.name() + " --seed");
        }
        CommandSpec demo = parsedCli("demo");
        assertSame(Sampling.SIGMA2.defaultValue(), SettingOptions.chosen(demo, List.of(Sampling.SIGMA2))
                .get(Sampling.SIGMA2), "demo --sigma2");
        assertSame(RandomStreams.SEED.defaultValue(), SettingOptions.chosen(demo, List.of(RandomStreams.SEED))
                .get(RandomStreams.SEED), "demo --seed");
    }

    @Test
    void theSameArgumentsGiveTheSameValuesInTheCliAndTheSparkJob() {
        String[] chosen = {"--samples", "37", "--sigma2", "0.25", "--seed", "9", "-o", "steps=12", "--radius", "0.3",
                "--infidelity-samples", "11", "--optimizer", "random"};
        CommandSpec evaluate = parsedCli(concat(EVALUATE, chosen));
        CommandSpec spark = parsedSpark(concat(SPARK, chosen));
        assertEquals(MethodOptions.shared(evaluate).toString(), MethodOptions.shared(spark).toString());
        assertEquals(37, MethodOptions.shared(spark).get(KernelShap.SAMPLES), "a chosen value wins over a method's own default");
        assertEquals(9L, MethodOptions.seed(spark));
        assertEquals(MethodOptions.methodSettings(evaluate), MethodOptions.methodSettings(spark));
        assertEquals(MetricOptions.chosen(evaluate).toString(), MetricOptions.chosen(spark).toString());
        assertEquals("random", MetricOptions.chosen(spark).get(MetricCatalog.OPTIMIZER));
        Explainer viaSpark = ExplainerCatalog.createAll(List.of("integrated-gradients"), MethodOptions.shared(spark),
                MethodOptions.methodSettings(spark), io.jxplain.catalog.MethodData.NONE).get(0);
        assertEquals(12, viaSpark.parameters().get("steps"));
    }

    @Test
    void theHelpAndTheMethodsListShowTheCataloguesDefaults() {
        String methods = CliTestSupport.run("methods").out();
        for (ExplainerCatalog.Entry e : ExplainerCatalog.entries()) {
            for (Setting<?> s : e.settings()) {
                boolean shared = ExplainerCatalog.SHARED.stream().anyMatch(x -> x.name().equals(s.name()));
                String usage = (shared ? "--" + s.name() + " " : "-o " + s.name() + "=") + s.defaultText();
                assertTrue(methods.contains(usage), e.name() + ": " + usage);
            }
        }
        String help = CliTestSupport.run("explain", "--help").out().replaceAll("\\s+", " ");
        assertTrue(help.contains("Default: " + ExplainerCatalog.defaultsOf(Sampling.SAMPLES)), help);
        assertTrue(ExplainerCatalog.defaultsOf(Sampling.SAMPLES).contains("kernel-shap 200"));
        String sparkHelp = sparkHelp().replaceAll("\\s+", " ");
        for (Setting<?> s : MetricCatalog.settings()) {
            assertTrue(sparkHelp.contains("--" + s.name()), "spark job lacks --" + s.name());
        }
        assertFalse(sparkHelp.contains("--metrics"), "one name: --metric");
    }

    private static CommandSpec parsedCli(String... args) {
        CommandLine cli = SettingOptions.declareAll(new CommandLine(new Main()));
        cli.parseArgs(args);
        return cli.getSubcommands().get(args[0]).getCommandSpec();
    }

    private static CommandSpec parsedSpark(String... args) {
        CommandLine cli = SettingOptions.declareAll(new CommandLine(new ExplainJob()));
        cli.parseArgs(args);
        return cli.getCommandSpec();
    }

    private static String sparkHelp() {
        return SettingOptions.declareAll(new CommandLine(new ExplainJob())).getUsageMessage();
    }

    private static String[] concat(String[] a, String[] b) {
        List<String> all = new ArrayList<>(List.of(a));
        all.addAll(List.of(b));
        return all.toArray(String[]::new);
    }
}
