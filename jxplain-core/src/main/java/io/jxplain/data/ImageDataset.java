package io.jxplain.data;

import io.jxplain.model.ImageShape;

/** A data set whose rows are images of one shape, flattened channel by channel, row by row. */
public record ImageDataset(Dataset data, ImageShape shape) {
    /** Refuses data whose rows are not images of {@code shape}. */
    public ImageDataset {
        if (data.dimension() != shape.size()) {
            throw new IllegalArgumentException("rows have " + data.dimension() + " values but images of shape " + shape
                    + " have " + shape.size());
        }
    }
}
