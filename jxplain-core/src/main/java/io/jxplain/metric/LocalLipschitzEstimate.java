package io.jxplain.metric;

import io.jxplain.sample.UniformBallPerturbation;
import io.jxplain.sample.Perturbation;
import io.jxplain.Setting;
import io.jxplain.internal.Checks;
import io.jxplain.Version;
import io.jxplain.explain.Explainer;
import io.jxplain.explain.Explanation;
import io.jxplain.explain.Provenance;
import io.jxplain.metric.optimize.BayesianOptimization;
import io.jxplain.metric.optimize.Maximizer;
import io.jxplain.metric.optimize.RandomSearch;
import io.jxplain.model.Model;
import io.jxplain.model.Target;
import io.jxplain.random.RandomStreams;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The local Lipschitz estimate of an explainer (Alvarez-Melis &amp; Jaakkola 2018, Eq. 1):
 * max over x′ in the L∞ box of radius ε around x of ‖φ(x) − φ(x′)‖₂ / ‖x − x′‖₂, found by a black-box maximiser
 * with a budget of explanations (paper: Bayesian optimisation, ε = 0.1, 200 calls; 40 for LIME and SHAP). A random
 * explainer uses the same seed at x and at every x′ (common random numbers) unless asked otherwise, so the estimate
 * is of the explanation function, not of its Monte-Carlo noise.
 */
public final class LocalLipschitzEstimate implements Metric {
    /** Half-width of the box B_ε(x) searched (the paper's ε). */
    public static final Setting<Double> EPSILON = Setting.positive("epsilon", 0.1,
            "Half-width of the box around x the Lipschitz search explores.").from("Alvarez-Melis & Jaakkola 2018 Eq. 1");
    /** Explanations the search may compute per point. */
    public static final Setting<Integer> BUDGET = Setting.atLeast("lipschitz-budget", 200, 1,
            "Explanations the Lipschitz search may compute per point.");

    /** The estimate, the maximising x′, and the best value after each call. */
    public record Search(double value, double[] argmax, long explanations, long modelCalls, double[] bestSoFar) {
    }

    private final double epsilon;
    private final int budget;
    private final Maximizer maximizer;
    private final boolean commonRandomNumbers;
    private final Runnable afterEachExplanation;

    private LocalLipschitzEstimate(double epsilon, int budget, Maximizer maximizer, boolean commonRandomNumbers,
                                   Runnable afterEachExplanation) {
        EPSILON.check(epsilon);
        BUDGET.check(budget);
        this.epsilon = epsilon;
        this.budget = budget;
        this.maximizer = maximizer;
        this.commonRandomNumbers = commonRandomNumbers;
        this.afterEachExplanation = afterEachExplanation;
    }

    private LocalLipschitzEstimate(double epsilon, int budget, Maximizer maximizer, boolean commonRandomNumbers) {
        this(epsilon, budget, maximizer, commonRandomNumbers, () -> { });
    }

    /**
     * The same metric, calling {@code tick} (thread-safe) after each of the search's explanations: a progress bar's
     * step, since one point's search can take a while. Changes no value.
     */
    public LocalLipschitzEstimate withProgress(Runnable tick) {
        return new LocalLipschitzEstimate(epsilon, budget, maximizer, commonRandomNumbers, tick);
    }

    /** Explanations the search computes per point (the budget), the unit of {@link #withProgress}. */
    public int budget() {
        return budget;
    }

    /** A builder with the paper's settings for gradient methods: Bayesian optimisation, ε = 0.1, 200 calls. */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds a {@link LocalLipschitzEstimate}. */
    public static final class Builder {
        private double epsilon = EPSILON.defaultValue();
        private int budget = BUDGET.defaultValue();
        private boolean randomSearch;
        private boolean commonRandomNumbers = true;

        private Builder() {
        }

        /**
         * The neighbourhood searched, as the perturbation that draws from it: the box B_ε(x) is
         * {@code Perturbation.uniformBox(ε)} (what random search samples; Bayesian optimisation searches the same
         * box). Another shape is refused: the optimisers search boxes.
         */
        public Builder within(Perturbation box) {
            if (!(box instanceof UniformBallPerturbation ball) || ball.norm() != UniformBallPerturbation.Norm.LINF) {
                throw new IllegalArgumentException("the Lipschitz search explores a box around x: give"
                        + " Perturbation.uniformBox(epsilon), not " + (box == null ? "null" : box.name()));
            }
            return epsilon(ball.radius());
        }

        /** The box of half-width ε around x: shorthand for {@code within(Perturbation.uniformBox(ε))}. */
        public Builder epsilon(double e) {
            this.epsilon = e;
            return this;
        }

        /** Explanations the search computes per point. */
        public Builder budget(int calls) {
            this.budget = calls;
            return this;
        }

        /** Uniform random search instead of Bayesian optimisation (the baseline); off by default. */
        public Builder randomSearch(boolean on) {
            this.randomSearch = on;
            return this;
        }

        /** A random explainer draws new randomness at every x′ (off by default: it is held fixed). */
        public Builder independentNoise(boolean on) {
            this.commonRandomNumbers = !on;
            return this;
        }

        /** The metric. */
        public LocalLipschitzEstimate build() {
            return new LocalLipschitzEstimate(epsilon, budget, randomSearch ? new RandomSearch()
                    : new BayesianOptimization(), commonRandomNumbers);
        }
    }

    @Override
    public String name() {
        return "lipschitz";
    }

    @Override
    public Map<String, Object> parameters() {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put(EPSILON.name(), epsilon);
        p.put(BUDGET.name(), budget);
        p.put("optimizer", maximizer.name());
        p.put("commonRandomNumbers", commonRandomNumbers);
        return p;
    }

    @Override
    public Estimate evaluate(Model model, Target target, Explainer explainer, double[] x, long seed) {
        Search s = search(model, target, explainer, x, seed);
        Map<String, Object> p = parameters();
        p.put("explainer", explainer.name());
        return new Estimate(s.value(), Double.NaN, s.modelCalls(), new Provenance(name(), p, model.describe(),
                target.toString(), seed, budget, Version.get()));
    }

    /** The search at x: the estimate, the x′ that attains it and the best value after each call. */
    public Search search(Model model, Target target, Explainer explainer, double[] x, long seed) {
        target.validateFor(model);
        Checks.requireVector("x", x, model.inputSize());
        long explanationSeed = RandomStreams.childSeed(seed, 0);
        Explanation atX = explainer.explain(model, target, x, explanationSeed);
        double[] phiX = atX.attributions();
        AtomicLong calls = new AtomicLong(atX.modelCalls());
        AtomicLong count = new AtomicLong();
        double[] lower = new double[x.length];
        double[] upper = new double[x.length];
        for (int j = 0; j < x.length; j++) {
            lower[j] = x[j] - epsilon;
            upper[j] = x[j] + epsilon;
        }
        Maximizer.Result r = maximizer.maximize(xp -> {
            long k = count.incrementAndGet();
            Explanation e = explainer.explain(model, target, xp,
                    commonRandomNumbers ? explanationSeed : RandomStreams.childSeed(seed, k + 1));
            calls.addAndGet(e.modelCalls());
            double num = 0;
            double den = 0;
            double[] phi = e.attributions();
            for (int j = 0; j < phi.length; j++) {
                num += (phi[j] - phiX[j]) * (phi[j] - phiX[j]);
                den += (xp[j] - x[j]) * (xp[j] - x[j]);
            }
            return den == 0 ? 0.0 : Math.sqrt(num / den);
        }, lower, upper, budget, RandomStreams.stream(RandomStreams.childSeed(seed, 1)), afterEachExplanation);
        return new Search(r.value(), r.argmax(), budget + 1L, calls.get(), r.bestSoFar());
    }
}
