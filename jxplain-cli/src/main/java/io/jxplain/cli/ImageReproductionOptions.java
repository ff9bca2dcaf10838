package io.jxplain.cli;

import io.jxplain.experiments.ImageReproductionConfig;
import io.jxplain.experiments.ImageSet;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.nio.file.Path;

/** The options the image reproductions (yeh2019, alvarez2018) share. */
final class ImageReproductionOptions {
    @Option(names = "--data-dir", defaultValue = "data", paramLabel = "DIR",
            description = "Folder with mnist/ and digits/ (and compas/ for alvarez2018), e.g. ../shared/data. Default: ${DEFAULT-VALUE}.")
    Path dataDir;

    @Spec(Spec.Target.MIXEE)
    CommandSpec command;

    @Option(names = "--quick", description = "A check in about a minute: the 8x8 digits, a few points, small samples.")
    boolean quick;

    @Option(names = "--images", paramLabel = "mnist|digits",
            description = "Image set (default: mnist, as the papers; digits with --quick).")
    String images;

    @Option(names = "--points", paramLabel = "N", description = "Test images to explain (default 20; the papers: 50 and 100).")
    Integer points;

    @Option(names = "--threads", paramLabel = "T", description = "Worker threads (results do not depend on it). Default: all cores.")
    Integer threads;

    @Option(names = "--verbose", description = "Print stack traces on errors.")
    boolean verbose;

    /** The seed of split, training and sampling (declared by the command from the catalogue's seed setting). */
    long seed() {
        return ReproduceCommand.seedOf(command);
    }

    int threads() {
        return SamplingOptions.resolveThreads(threads);
    }

    /** {@code defaults} with --quick, --images and --points applied, in that order. */
    <C extends ImageReproductionConfig<C>> C apply(C defaults) {
        C config = quick ? defaults.quick() : defaults;
        if (imageSet() != null) {
            config = config.withImages(imageSet());
        }
        return points == null ? config : config.withPoints(points);
    }

    /** The --images choice, or null to keep the configuration's. */
    ImageSet imageSet() {
        return images == null ? null : ImageSet.parse(images);
    }
}
