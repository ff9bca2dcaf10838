package io.jxplain.options;

import io.jxplain.Setting;
import io.jxplain.catalog.ExplainerCatalog;
import io.jxplain.catalog.SettingValues;
import io.jxplain.explain.Explainer;
import io.jxplain.random.RandomStreams;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What every explaining command line says about its methods, for the jxplain CLI and the Spark job alike: the shared
 * settings ({@code --samples}, {@code --sigma2}, {@code --max-rows-per-call}), {@code --seed}, and each method's own
 * settings as {@code -o KEY=VALUE}. The names, ranges and defaults are the catalogue's.
 */
public final class MethodOptions {
    private static final String METHOD_OPTION = "--option";

    private MethodOptions() {
    }

    /** Adds the options to a command. */
    public static void declare(CommandSpec spec) {
        for (Setting<?> s : ExplainerCatalog.SHARED) {
            SettingOptions.add(spec, s, ExplainerCatalog.defaultsOf(s));
        }
        SettingOptions.add(spec, List.of(RandomStreams.SEED));
        spec.addOption(OptionSpec.builder("-o", METHOD_OPTION).type(Map.class)
                .auxiliaryTypes(String.class, String.class).paramLabel("KEY=VALUE")
                .description("A method's own setting, repeatable, e.g. -o steps=100 -o baseline=mean; 'jxplain methods'"
                        + " lists each method's settings with their ranges and defaults. NAME-sg methods also take"
                        + " sg=mean|mean-of-squares|variance.")
                .build());
    }

    /** The shared settings the user chose. */
    public static SettingValues shared(CommandSpec spec) {
        return SettingOptions.chosen(spec, ExplainerCatalog.SHARED);
    }

    public static long seed(CommandSpec spec) {
        return SettingOptions.chosen(spec, List.of(RandomStreams.SEED)).get(RandomStreams.SEED);
    }

    /** The {@code -o} settings as text, in the order given. */
    @SuppressWarnings("unchecked")
    public static Map<String, String> methodSettings(CommandSpec spec) {
        Map<String, String> given = spec.findOption(METHOD_OPTION).getValue();
        return given == null ? Map.of() : new LinkedHashMap<>(given);
    }

    /** One explainer per name (see {@link ExplainerCatalog#createAll}); {@code dataMean} serves baseline=mean. */
    public static List<Explainer> explainers(CommandSpec spec, List<String> names, double[] dataMean) {
        return ExplainerCatalog.createAll(names, shared(spec), methodSettings(spec),
                io.jxplain.catalog.MethodData.means(dataMean));
    }

    /** The chosen shared settings, the seed and the -o settings as arguments, to hand a run on to another command line. */
    public static List<String> asArguments(CommandSpec spec) {
        List<String> args = new java.util.ArrayList<>();
        shared(spec).asText(ExplainerCatalog.SHARED).forEach((name, value) -> args.addAll(List.of("--" + name, value)));
        args.addAll(List.of("--" + RandomStreams.SEED.name(), Long.toString(seed(spec))));
        methodSettings(spec).forEach((k, v) -> args.addAll(List.of("-o", k + "=" + v)));
        return args;
    }
}
