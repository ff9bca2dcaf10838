package io.jxplain.model.nn;

import io.jxplain.kernel.Kernels;
import io.jxplain.internal.Checks;
import io.jxplain.model.Differentiable;
import io.jxplain.model.ImageShape;
import io.jxplain.model.OutputKind;
import io.jxplain.kernel.RunningMoments;
import io.jxplain.model.Softmax;
import io.jxplain.model.Target;
import io.jxplain.model.TargetGradients;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A feed-forward network of dense layers, evaluated and differentiated a whole batch at a time
 * (reverse mode: one backward pass per batch gives every row's input gradient). Immutable.
 * With {@link OutputKind#PROBABILITIES} a softmax is applied after the last layer.
 */
public final class Network implements Differentiable {
    private final List<ImageLayer> imageLayers; // the convolutional front; empty for a tabular network
    private final List<DenseLayer> layers;
    private final OutputKind outputKind;
    private final double eluAlpha;
    /**
     * Each dense layer's Wᵀ (in×out), the layout the forward kernel reads ({@link Kernels#affine}); null when the
     * layers are shared with a trainer that updates them in place: then every pass transposes W into a work array.
     */
    private final double[][] transposedWeights;
    private volatile String description;

    /** Copies the layers; checks that each layer's input size matches the previous layer's output size. */
    public Network(List<DenseLayer> layers, OutputKind outputKind, double eluAlpha) {
        this(List.of(), copyAll(layers), outputKind, eluAlpha);
    }

    /**
     * An image network: the image layers (convolutions, pooling) in order, then — flattened, channel by channel —
     * the dense layers. Copies the layers and checks that consecutive shapes match.
     */
    public Network(List<ImageLayer> imageLayers, List<DenseLayer> layers, OutputKind outputKind, double eluAlpha) {
        this(copyAllImage(imageLayers), copyAll(layers), outputKind, eluAlpha, true);
    }

    Network(List<DenseLayer> layers, OutputKind outputKind, double eluAlpha, boolean ownsLayers) {
        this(List.of(), layers, outputKind, eluAlpha, ownsLayers);
    }

    /**
     * Keeps the given layers without copying them; {@code ownsLayers} false means a trainer shares them and updates
     * them in place, so nothing derived from the weights may be kept.
     */
    Network(List<ImageLayer> imageLayers, List<DenseLayer> layers, OutputKind outputKind, double eluAlpha,
            boolean ownsLayers) {
        if (layers.isEmpty()) {
            throw new IllegalArgumentException("a network needs at least one dense layer (the output layer)");
        }
        for (int l = 1; l < imageLayers.size(); l++) {
            if (!imageLayers.get(l).inputShape().equals(imageLayers.get(l - 1).outputShape())) {
                throw new IllegalArgumentException("image layer " + l + " takes " + imageLayers.get(l).inputShape()
                        + " but image layer " + (l - 1) + " gives " + imageLayers.get(l - 1).outputShape());
            }
        }
        if (!imageLayers.isEmpty()) {
            int flat = imageLayers.get(imageLayers.size() - 1).outputShape().size();
            if (layers.get(0).inputSize() != flat) {
                throw new IllegalArgumentException("the first dense layer takes " + layers.get(0).inputSize()
                        + " inputs but the flattened image layers give " + flat + " ("
                        + imageLayers.get(imageLayers.size() - 1).outputShape() + ")");
            }
        }
        for (int l = 1; l < layers.size(); l++) {
            if (layers.get(l).inputSize() != layers.get(l - 1).outputSize()) {
                throw new IllegalArgumentException("layer " + l + " takes " + layers.get(l).inputSize()
                        + " inputs but layer " + (l - 1) + " gives " + layers.get(l - 1).outputSize());
            }
        }
        Checks.requirePositive("eluAlpha", eluAlpha);
        this.imageLayers = List.copyOf(imageLayers);
        this.layers = List.copyOf(layers);
        this.outputKind = outputKind;
        this.eluAlpha = eluAlpha;
        this.transposedWeights = ownsLayers ? transposedWeights(this.layers) : null;
    }

    private static double[][] transposedWeights(List<DenseLayer> layers) {
        double[][] t = new double[layers.size()][];
        for (int l = 0; l < t.length; l++) {
            t[l] = CommonOps_DDRM.transpose(layers.get(l).weights(), null).data;
        }
        return t;
    }

    /**
     * Reads a network from the JSON format documented in {@link NetworkJson}. A file saved with input
     * standardisation is refused: this network would take standardised rows, and raw ones would be explained wrongly
     * without a word; {@link NetworkFile#load}{@code (path).model()} takes raw rows (and {@code .network()} the
     * standardised ones, on purpose).
     */
    public static Network load(Path path) throws IOException {
        NetworkFile file = NetworkJson.read(path);
        if (file.hasStandardization()) {
            throw new IllegalArgumentException(path + " standardises its inputs with saved statistics: use"
                    + " NetworkFile.load(path).model() for raw rows, or .network() for standardised ones");
        }
        return file.network();
    }

    private static List<DenseLayer> copyAll(List<DenseLayer> layers) {
        List<DenseLayer> copy = new ArrayList<>(layers.size());
        for (DenseLayer layer : layers) {
            copy.add(layer.copy());
        }
        return copy;
    }

    private static List<ImageLayer> copyAllImage(List<ImageLayer> layers) {
        List<ImageLayer> copy = new ArrayList<>(layers.size());
        for (ImageLayer layer : layers) {
            copy.add(layer.copy());
        }
        return copy;
    }

    /** The dense layers (copies: the network stays immutable). */
    public List<DenseLayer> layers() {
        return copyAll(layers);
    }

    /** The image layers before the dense ones (copies); empty for a tabular network. */
    public List<ImageLayer> imageLayers() {
        return copyAllImage(imageLayers);
    }

    /** The input's image shape, if the network starts with image layers. */
    @Override
    public Optional<ImageShape> imageShape() {
        return imageLayers.isEmpty() ? Optional.empty() : Optional.of(imageLayers.get(0).inputShape());
    }

    List<DenseLayer> sharedLayers() {
        return layers;
    }

    List<ImageLayer> sharedImageLayers() {
        return imageLayers;
    }

    /** Every trainable array, shared, in pairs (weights, bias): image layers first, then dense layers. */
    List<double[]> sharedParameters() {
        List<double[]> p = new ArrayList<>();
        for (ImageLayer layer : imageLayers) {
            p.addAll(layer.parameters());
        }
        for (DenseLayer layer : layers) {
            p.add(layer.weights().data);
            p.add(layer.bias());
        }
        return p;
    }

    /** α of the network's ELU activations (1 unless the model file says otherwise). */
    public double eluAlpha() {
        return eluAlpha;
    }

    @Override
    public int inputSize() {
        return imageLayers.isEmpty() ? layers.get(0).inputSize() : imageLayers.get(0).inputShape().size();
    }

    @Override
    public int outputSize() {
        return layers.get(layers.size() - 1).outputSize();
    }

    @Override
    public OutputKind outputKind() {
        return outputKind;
    }

    /** Shapes and activations only, which never change: built once (provenance asks for it per explanation). */
    @Override
    public String describe() {
        String d = description;
        if (d == null) {
            d = buildDescription();
            description = d;
        }
        return d;
    }

    private String buildDescription() {
        String front = imageLayers.isEmpty() ? inputSize() + "→"
                : imageLayers.get(0).inputShape() + "→" + imageLayers.stream().map(ImageLayer::describe)
                .collect(Collectors.joining("→")) + "→flatten→";
        String sizes = front + layers.stream()
                .map(l -> l.outputSize() + (l.activation() == Activation.IDENTITY ? "" : " " + l.activation().jsonName()))
                .collect(Collectors.joining("→"));
        return "Network(" + sizes + ", " + outputKind.name().toLowerCase(java.util.Locale.ROOT) + ")";
    }

    /** Every element goes through the same operations wherever its row sits (padded SIMD kernels, no batch-wide sums). */
    @Override
    public boolean rowsIndependentOfBatch() {
        return true;
    }

    @Override
    public DMatrixRMaj predict(DMatrixRMaj batch) {
        requireInputColumns(batch);
        int n = batch.numRows;
        int block = rowBlock(n);
        Workspace workspace = Workspace.acquire();
        try {
            if (block == n) {
                return forward(batch, 0, n, workspace).output();
            }
            DMatrixRMaj outputs = new DMatrixRMaj(n, outputSize());
            for (int first = 0; first < n; first += block) {
                int rows = Math.min(block, n - first);
                workspace.reuseAll(); // the previous block's arrays are no longer needed
                DMatrixRMaj part = forward(batch, first, rows, workspace).output();
                System.arraycopy(part.data, 0, outputs.data, first * outputSize(), rows * outputSize());
            }
            return outputs;
        } finally {
            workspace.release();
        }
    }

    @Override
    public DMatrixRMaj backward(DMatrixRMaj batch, DMatrixRMaj outputGradients) {
        Workspace workspace = Workspace.acquire();
        try {
            return backward(forward(batch, 0, batch.numRows, workspace), outputGradients, null, false);
        } finally {
            workspace.release();
        }
    }

    /** The last layer's outputs before any softmax head (the logits of a probability network). */
    public DMatrixRMaj rawOutputs(DMatrixRMaj batch) {
        ForwardPass pass = forward(batch);
        return DMatrixRMaj.wrap(pass.rows(), outputSize(),
                fromUnitsByRows(pass.postT()[layers.size() - 1], outputSize(), pass.stride(), pass.rows()));
    }

    /**
     * Guided backpropagation (Springenberg et al. 2015): the backward pass, but after every ReLU the gradient is
     * also clamped at zero, so only positive signals flow back. Other activations keep their ordinary derivative,
     * so on a network without ReLU this is the plain vector–Jacobian product.
     */
    public DMatrixRMaj guidedBackward(DMatrixRMaj batch, DMatrixRMaj outputGradients) {
        return backward(forward(batch), outputGradients, null, true);
    }

    /**
     * ε-rule layer-wise relevance propagation (Bach et al. 2015): relevance starts at {@code outputRelevance}
     * (n×k, e.g. the explained logit at its class) and each dense layer passes Rₖ = Σⱼ aₖwⱼₖ/(zⱼ + ε·sign zⱼ)·Rⱼ to
     * its inputs; activations pass relevance unchanged. A softmax head is skipped: relevance is conserved only
     * through linear maps, so the last layer's raw outputs are what is explained. Returns the n×d input relevances.
     */
    public DMatrixRMaj relevance(DMatrixRMaj batch, DMatrixRMaj outputRelevance, double epsilon) {
        if (!(epsilon >= 0) || !Double.isFinite(epsilon)) {
            throw new IllegalArgumentException("epsilon must be ≥ 0 and finite, got " + epsilon);
        }
        ForwardPass pass = forward(batch);
        int n = pass.rows();
        if (outputRelevance.numRows != n || outputRelevance.numCols != outputSize()) {
            throw new IllegalArgumentException("output relevance must be " + n + "×" + outputSize());
        }
        int stride = pass.stride();
        double[] r = toUnitsByRows(outputRelevance.data, 0, n, outputSize(), stride, pass.workspace());
        double[] inputT = toUnitsByRows(pass.denseInput(), pass.denseInputFirstRow(), n, layers.get(0).inputSize(),
                stride, pass.workspace());
        for (int l = layers.size() - 1; l >= 0; l--) {
            DenseLayer layer = layers.get(l);
            int in = layer.inputSize();
            int out = layer.outputSize();
            double[] z = pass.preT()[l];
            double[] a = pass.inputOfT(l, inputT);
            double[] s = new double[out * stride];
            for (int t = 0; t < out * stride; t++) {
                double denominator = z[t] + (z[t] >= 0 ? epsilon : -epsilon);
                s[t] = denominator == 0 ? 0.0 : r[t] / denominator;
            }
            double[] next = new double[in * stride];
            denseBackward(s, stride, out, layer.weights().data, in, next); // Σⱼ wⱼₖ sⱼ
            for (int t = 0; t < in * stride; t++) {
                next[t] *= a[t];
            }
            r = next;
        }
        r = fromUnitsByRows(r, layers.get(0).inputSize(), stride, n);
        for (int l = imageLayers.size() - 1; l >= 0; l--) { // the same ε-rule through each linear image map
            ImageLayer layer = imageLayers.get(l);
            double[] z = pass.imagePre()[l];
            double[] a = pass.imageInput(l);
            double[] s = new double[z.length];
            for (int t = 0; t < z.length; t++) {
                double denominator = z[t] + (z[t] >= 0 ? epsilon : -epsilon);
                s[t] = denominator == 0 ? 0.0 : r[t] / denominator;
            }
            double[] next = new double[a.length];
            layer.backward(a, z, s, n, next);
            for (int t = 0; t < next.length; t++) {
                next[t] *= a[t];
            }
            r = next;
        }
        return DMatrixRMaj.wrap(n, inputSize(), r);
    }

    @Override
    public TargetGradients targetGradients(Target target, DMatrixRMaj batch) {
        requireInputColumns(batch);
        DMatrixRMaj gradients = new DMatrixRMaj(batch.numRows, inputSize());
        double[] values = targetPasses(target, batch,
                (pass, seeds) -> backward(pass, seeds, null, false, gradients.data, pass.first()));
        return new TargetGradients(values, gradients);
    }

    /**
     * As the default, block by block of rows, but each block's input gradients go into the moments straight from the
     * backward pass's units × rows layout (SIMD over rows): no n×d gradient matrix is written, transposed or read
     * again. The same bits as the default ({@link RunningMoments#addColumns} equals adding rows one by one).
     */
    @Override
    public double[] targetGradientMoments(Target target, DMatrixRMaj batch, int groupSize, RunningMoments[] moments) {
        if (!imageLayers.isEmpty()) {
            return Differentiable.super.targetGradientMoments(target, batch, groupSize, moments);
        }
        requireInputColumns(batch);
        Differentiable.requireGroups(batch, groupSize, moments);
        return targetPasses(target, batch, (pass, seeds) -> {
            double[] gT = denseBackwardT(pass, seeds, null, false);
            int first = pass.first();
            for (int r = 0; r < pass.rows(); ) { // the part of each group that lies in this block
                int group = (first + r) / groupSize;
                int end = Math.min(pass.rows(), (group + 1) * groupSize - first);
                moments[group].addColumns(gT, pass.stride(), r, end - r);
                r = end;
            }
        });
    }

    /** What a target pass does with one block's forward pass and the target's seeds ∂f/∂output. */
    private interface BlockBackward {
        void accept(ForwardPass pass, DMatrixRMaj seeds);
    }

    /** The target's value at every row, block by block of rows, each block's pass and seeds handed to {@code backward}. */
    private double[] targetPasses(Target target, DMatrixRMaj batch, BlockBackward backward) {
        int n = batch.numRows;
        int block = rowBlock(n);
        double[] values = new double[n];
        Workspace workspace = Workspace.acquire();
        try {
            for (int first = 0; first < n; first += block) {
                int rows = Math.min(block, n - first);
                workspace.reuseAll(); // the previous block's arrays are no longer needed
                ForwardPass pass = forward(batch, first, rows, workspace);
                double[] blockValues = rows == n ? values : new double[rows];
                DMatrixRMaj seeds = new DMatrixRMaj(rows, outputSize());
                target.valuesAndSeeds(outputKind, pass.output(), blockValues, seeds);
                System.arraycopy(blockValues, 0, values, first, rows);
                backward.accept(pass, seeds);
            }
        } finally {
            workspace.release();
        }
        return values;
    }

    /**
     * Rows per pass through the whole network: a tabular network's batch goes through in blocks of
     * {@link #ROW_BLOCK} rows, so each layer's activations stay in cache and the work arrays stay small (every row
     * is computed alone, so blocks give the same bits); image networks take the batch in one pass.
     */
    private int rowBlock(int n) {
        return imageLayers.isEmpty() ? Math.max(1, Math.min(n, ROW_BLOCK)) : Math.max(1, n);
    }

    private void requireInputColumns(DMatrixRMaj batch) {
        if (batch.numCols != inputSize()) {
            throw new IllegalArgumentException("batch has " + batch.numCols + " columns but " + describe()
                    + " takes " + inputSize() + " inputs");
        }
    }

    /**
     * Pre-activations and activations of every layer, kept for the backward pass. The dense layers' are stored
     * transposed (units × rows, each unit's row padded with zeros to {@code stride}) so that every inner loop runs
     * over the batch in whole SIMD vectors.
     */
    record ForwardPass(DMatrixRMaj input, int first, int rows, int stride, double[][] imagePre, double[][] imagePost,
                       double[][] preT, double[][] postT, DMatrixRMaj output, Workspace workspace) {
        /** The row of {@link #denseInput()} where this pass's rows start. */
        int denseInputFirstRow() {
            return imagePost.length == 0 ? first : 0;
        }

        /** The input of image layer l, row-major (the batch itself for l = 0). */
        double[] imageInput(int l) {
            return l == 0 ? input.data : imagePost[l - 1];
        }

        /** The flat input of the dense layers, row-major: the batch, or the last image layer's activations. */
        double[] denseInput() {
            return imagePost.length == 0 ? input.data : imagePost[imagePost.length - 1];
        }

        /** The activations feeding layer l, transposed (the input itself for l = 0). */
        double[] inputOfT(int l, double[] inputT) {
            return l == 0 ? inputT : postT[l - 1];
        }
    }

    /** A pass whose arrays are the caller's to keep (training, relevance, guided backpropagation). */
    ForwardPass forward(DMatrixRMaj batch) {
        requireInputColumns(batch);
        return forward(batch, 0, batch.numRows, Workspace.allocating());
    }

    /** Rows first … first + n − 1 of the batch (all of it for an image network: image layers take whole batches). */
    private ForwardPass forward(DMatrixRMaj batch, int first, int n, Workspace workspace) {
        if (!imageLayers.isEmpty() && (first != 0 || n != batch.numRows)) {
            throw new IllegalStateException("image layers take the whole batch");
        }
        double[][] imagePre = new double[imageLayers.size()][];
        double[][] imagePost = new double[imageLayers.size()][];
        double[] flat = batch.data;
        for (int l = 0; l < imageLayers.size(); l++) {
            ImageLayer layer = imageLayers.get(l);
            int size = layer.outputShape().size() * n;
            double[] z = new double[size];
            double[] a = new double[size];
            layer.forward(flat, n, z);
            layer.activation().applyAll(z, a, size, eluAlpha);
            imagePre[l] = z;
            imagePost[l] = a;
            flat = a;
        }
        double[][] pre = new double[layers.size()][];
        double[][] post = new double[layers.size()][];
        int stride = stride(n);
        int firstFlatRow = imageLayers.isEmpty() ? first : 0;
        double[] h = toUnitsByRows(flat, firstFlatRow, n, layers.get(0).inputSize(), stride, workspace);
        for (int l = 0; l < layers.size(); l++) {
            DenseLayer layer = layers.get(l);
            int out = layer.outputSize();
            double[] z = workspace.take(out * stride);
            denseForward(h, stride, layer.inputSize(), forwardWeights(l, workspace), layer.bias(), out, z);
            double[] a = z; // identity: the activations are the pre-activations (neither is written after this)
            if (layer.activation() != Activation.IDENTITY) {
                a = workspace.take(out * stride);
                layer.activation().applyAll(z, a, out * stride, eluAlpha);
            }
            pre[l] = z;
            post[l] = a;
            h = a;
        }
        DMatrixRMaj last = DMatrixRMaj.wrap(n, outputSize(), fromUnitsByRows(h, outputSize(), stride, n));
        DMatrixRMaj output = outputKind == OutputKind.PROBABILITIES ? softmaxRows(last) : last;
        return new ForwardPass(batch, first, n, stride, imagePre, imagePost, pre, post, output, workspace);
    }

    /**
     * Reverse mode: from ∂L/∂output (n×k) to ∂L/∂input (n×d). When {@code parameterGradients} is given (arrays
     * shaped as {@link #sharedParameters()}), also accumulates ∂L/∂ of every parameter into it (used by training).
     */
    DMatrixRMaj backward(ForwardPass pass, DMatrixRMaj outputGradients, List<double[]> parameterGradients,
                         boolean guided) {
        DMatrixRMaj result = new DMatrixRMaj(pass.rows(), inputSize());
        backward(pass, outputGradients, parameterGradients, guided, result.data, 0);
        return result;
    }

    /** {@link #backward(ForwardPass, DMatrixRMaj, List, boolean)} into rows firstRow … of {@code result} (n×d). */
    private void backward(ForwardPass pass, DMatrixRMaj outputGradients, List<double[]> parameterGradients,
                          boolean guided, double[] result, int firstRow) {
        int n = pass.rows();
        int stride = pass.stride();
        int denseIn = layers.get(0).inputSize();
        double[] g = denseBackwardT(pass, outputGradients, parameterGradients, guided);
        int firstDenseParameter = parameterGradients == null ? 0 : parameterGradients.size() - 2 * layers.size();
        if (imageLayers.isEmpty()) {
            Kernels.fromUnitsByRows(g, denseIn, stride, n, result, firstRow);
            return;
        }
        g = fromUnitsByRows(g, denseIn, stride, n);
        int parameter = firstDenseParameter;
        for (int l = imageLayers.size() - 1; l >= 0; l--) {
            ImageLayer layer = imageLayers.get(l);
            double[] z = pass.imagePre()[l];
            activationBackward(layer.activation(), g, z, pass.imagePost()[l], z.length, guided);
            double[] in = pass.imageInput(l);
            if (parameterGradients != null && !layer.parameters().isEmpty()) {
                parameter -= layer.parameters().size();
                layer.accumulateParameterGradients(in, g, n,
                        parameterGradients.subList(parameter, parameter + layer.parameters().size()));
            }
            double[] next = new double[in.length];
            layer.backward(in, z, g, n, next);
            g = next;
        }
        System.arraycopy(g, 0, result, firstRow * inputSize(), n * inputSize());
    }

    /**
     * The backward pass through the dense layers: ∂L/∂(the dense layers' input), transposed (units × stride), from
     * ∂L/∂output (n×k); accumulates parameter gradients when given.
     */
    private double[] denseBackwardT(ForwardPass pass, DMatrixRMaj outputGradients, List<double[]> parameterGradients,
                                    boolean guided) {
        int n = pass.rows();
        if (outputGradients.numRows != n || outputGradients.numCols != outputSize()) {
            throw new IllegalArgumentException("output gradients must be " + n + "×" + outputSize() + ", got "
                    + outputGradients.numRows + "×" + outputGradients.numCols);
        }
        DMatrixRMaj gRows = outputKind == OutputKind.PROBABILITIES
                ? softmaxBackward(pass.output(), outputGradients)
                : outputGradients;
        int stride = pass.stride();
        Workspace workspace = pass.workspace();
        double[] g = toUnitsByRows(gRows.data, 0, n, outputSize(), stride, workspace);
        int denseIn = layers.get(0).inputSize();
        double[] inputT = parameterGradients == null ? null
                : toUnitsByRows(pass.denseInput(), pass.denseInputFirstRow(), n, denseIn, stride, workspace);
        int firstDenseParameter = parameterGradients == null ? 0 : parameterGradients.size() - 2 * layers.size();
        for (int l = layers.size() - 1; l >= 0; l--) {
            DenseLayer layer = layers.get(l);
            int in = layer.inputSize();
            int out = layer.outputSize();
            activationBackward(layer.activation(), g, pass.preT()[l], pass.postT()[l], out * stride, guided);
            if (parameterGradients != null) {
                accumulateParameterGradients(g, pass.inputOfT(l, inputT), n, stride, in, out,
                        parameterGradients.get(firstDenseParameter + 2 * l),
                        parameterGradients.get(firstDenseParameter + 2 * l + 1));
            }
            double[] next = workspace.take(in * stride);
            denseBackward(g, stride, out, layer.weights().data, in, next);
            g = next;
        }
        return g;
    }

    /** g ← g ⊙ act′(z); guided backpropagation also clamps g at zero after every ReLU. */
    private void activationBackward(Activation activation, double[] g, double[] z, double[] a, int length,
                                    boolean guided) {
        activation.scaleByDerivative(g, z, a, length, eluAlpha);
        if (guided && activation == Activation.RELU) {
            for (int t = 0; t < length; t++) {
                g[t] = Math.max(g[t], 0.0);
            }
        }
    }

    /*
     * The dense layers work on transposed activations (units × rows), so the kernels run along the batch:
     * contiguous, and vectorised ({@link Kernels}). Written out rather than EJML's general products because these
     * layers are tiny (tens of units) and this is the hot path of every sampling explainer.
     */

    /** Rows per pass through a tabular network ({@link #rowBlock}): 256 rows of 256 units are 512 KB. */
    private static final int ROW_BLOCK = 256;
    /** Rows per block: a block of every unit's activations stays in the L1 cache. A multiple of {@link #PAD}. */
    private static final int BLOCK = 64;
    /** Each unit's row of activations is padded to a multiple of this, so the SIMD kernels never leave a tail. */
    private static final int PAD = 8;

    static int stride(int rows) {
        return (rows + PAD - 1) / PAD * PAD;
    }

    /**
     * Dense layer l's Wᵀ (in×out), the layout the forward kernel reads (the weights of adjacent units adjacent): the
     * network's own, or transposed now into a work array when a trainer shares the layers.
     */
    private double[] forwardWeights(int l, Workspace workspace) {
        if (transposedWeights != null) {
            return transposedWeights[l];
        }
        DenseLayer layer = layers.get(l);
        double[] wT = workspace.take(layer.inputSize() * layer.outputSize());
        CommonOps_DDRM.transpose(layer.weights(), DMatrixRMaj.wrap(layer.inputSize(), layer.outputSize(), wT));
        return wT;
    }

    /** zᵀ = W·hᵀ + b, with hᵀ of in×stride and Wᵀ of in×out, block by block of rows ({@link Kernels#affine}). */
    private static void denseForward(double[] hT, int stride, int in, double[] wT, double[] b, int out, double[] zT) {
        for (int i0 = 0; i0 < stride; i0 += BLOCK) {
            Kernels.affine(hT, stride, in, wT, out, b, out, zT, i0, Math.min(stride, i0 + BLOCK));
        }
    }

    /** (∂L/∂h)ᵀ = Wᵀ·gᵀ, with gᵀ of out×stride: the backward of {@link #denseForward}. */
    private static void denseBackward(double[] gT, int stride, int out, double[] w, int in, double[] ginT) {
        for (int i0 = 0; i0 < stride; i0 += BLOCK) { // Wᵀ's unit k takes input j with weight W[j][k] = w[j·in + k]
            Kernels.affine(gT, stride, out, w, in, null, in, ginT, i0, Math.min(stride, i0 + BLOCK));
        }
    }

    /** ∂L/∂W[j][k] += Σᵢ g[j][i]·h[k][i]; ∂L/∂b[j] += Σᵢ g[j][i], over the n real rows. */
    private static void accumulateParameterGradients(double[] gT, double[] hT, int n, int stride, int in, int out,
                                                     double[] dw, double[] db) {
        for (int j = 0; j < out; j++) {
            int gj = j * stride;
            double sb = 0;
            for (int i = 0; i < n; i++) {
                sb += gT[gj + i];
            }
            db[j] += sb;
            for (int k = 0; k < in; k++) {
                int hk = k * stride;
                double s = 0;
                for (int i = 0; i < n; i++) {
                    s += gT[gj + i] * hT[hk + i];
                }
                dw[j * in + k] += s;
            }
        }
    }

    /** A rows×cols row-major array as cols×stride (units × rows), zero beyond row {@code rows}. */
    private static double[] toUnitsByRows(double[] m, int firstRow, int rows, int cols, int stride,
                                          Workspace workspace) {
        double[] t = workspace.take(cols * stride);
        Kernels.toUnitsByRows(m, firstRow, rows, cols, stride, t);
        for (int j = 0; rows < stride && j < cols; j++) { // a reused array holds old values in the padding
            java.util.Arrays.fill(t, j * stride + rows, (j + 1) * stride, 0.0);
        }
        return t;
    }

    /** The first {@code rows} rows of a cols×stride (units × rows) array, as rows×cols row-major. */
    private static double[] fromUnitsByRows(double[] t, int cols, int stride, int rows) {
        double[] m = new double[rows * cols];
        Kernels.fromUnitsByRows(t, cols, stride, rows, m, 0);
        return m;
    }

    private static DMatrixRMaj softmaxRows(DMatrixRMaj logits) {
        int n = logits.numRows;
        int k = logits.numCols;
        DMatrixRMaj p = new DMatrixRMaj(n, k);
        for (int i = 0; i < n; i++) {
            double sum = Softmax.shiftedExponentials(logits.data, i * k, k, p.data, i * k);
            for (int j = 0; j < k; j++) {
                p.data[i * k + j] /= sum;
            }
        }
        return p;
    }

    // ∂L/∂z = p ⊙ (∂L/∂p − ⟨∂L/∂p, p⟩), the softmax Jacobian applied row by row
    private static DMatrixRMaj softmaxBackward(DMatrixRMaj p, DMatrixRMaj gp) {
        int n = p.numRows;
        int k = p.numCols;
        DMatrixRMaj gz = new DMatrixRMaj(n, k);
        for (int i = 0; i < n; i++) {
            double dot = 0;
            for (int j = 0; j < k; j++) {
                dot += gp.data[i * k + j] * p.data[i * k + j];
            }
            for (int j = 0; j < k; j++) {
                gz.data[i * k + j] = p.data[i * k + j] * (gp.data[i * k + j] - dot);
            }
        }
        return gz;
    }
}
