package io.jxplain.data;

import io.jxplain.model.ImageShape;
import org.ejml.data.DMatrixRMaj;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * Reads MNIST's IDX files (LeCun et al.; big-endian, optionally gzip-compressed): an unsigned-byte image file
 * (magic 2051: count, rows, columns) and its label file (magic 2049). Pixels are scaled to [0, 1] (÷ 255).
 * Written by hand: the format is a 16-byte header and raw bytes, and no maintained Java library reads it.
 */
public final class IdxReader {
    private static final int IMAGES_MAGIC = 2051;
    private static final int LABELS_MAGIC = 2049;

    private IdxReader() {
    }

    /** Images with their labels, feature names px_ROW_COL; maxRows ≤ 0 reads all. */
    public static ImageDataset read(Path images, Path labels, int maxRows) {
        try (DataInputStream in = open(images)) {
            int magic = in.readInt();
            if (magic != IMAGES_MAGIC) {
                throw new DataFormatException(images + ": not an IDX image file (magic " + magic + ", expected " + IMAGES_MAGIC + ")");
            }
            int count = in.readInt();
            int rows = in.readInt();
            int cols = in.readInt();
            int n = maxRows > 0 ? Math.min(maxRows, count) : count;
            int d = rows * cols;
            DMatrixRMaj x = new DMatrixRMaj(n, d);
            byte[] buffer = new byte[d];
            for (int i = 0; i < n; i++) {
                in.readFully(buffer);
                for (int j = 0; j < d; j++) {
                    x.data[i * d + j] = (buffer[j] & 0xFF) / 255.0;
                }
            }
            double[] y = readLabels(labels, n);
            List<String> names = new ArrayList<>(d);
            for (int r = 0; r < rows; r++) {
                for (int c = 0; c < cols; c++) {
                    names.add("px_" + r + "_" + c);
                }
            }
            return new ImageDataset(new Dataset(x, y, names, "label"), new ImageShape(1, rows, cols));
        } catch (EOFException e) {
            throw new DataFormatException(images + ": the file ends before its header's image count", e);
        } catch (NoSuchFileException e) {
            throw new DataFormatException("image file not found: " + images, e);
        } catch (IOException e) {
            throw new DataFormatException(images + ": " + e.getMessage(), e);
        }
    }

    private static double[] readLabels(Path labels, int n) throws IOException {
        try (DataInputStream in = open(labels)) {
            int magic = in.readInt();
            if (magic != LABELS_MAGIC) {
                throw new DataFormatException(labels + ": not an IDX label file (magic " + magic + ", expected " + LABELS_MAGIC + ")");
            }
            int count = in.readInt();
            if (count < n) {
                throw new DataFormatException(labels + " has " + count + " labels for " + n + " images");
            }
            double[] y = new double[n];
            for (int i = 0; i < n; i++) {
                y[i] = in.readUnsignedByte();
            }
            return y;
        } catch (EOFException e) {
            throw new DataFormatException(labels + ": the file ends before its header's label count", e);
        } catch (NoSuchFileException e) {
            throw new DataFormatException("label file not found: " + labels, e);
        }
    }

    private static DataInputStream open(Path path) throws IOException {
        InputStream raw = new BufferedInputStream(Files.newInputStream(path), 1 << 16);
        if (path.getFileName().toString().endsWith(".gz")) {
            raw = new BufferedInputStream(new GZIPInputStream(raw, 1 << 16), 1 << 16);
        }
        return new DataInputStream(raw);
    }
}
