package io.jxplain.experiments;

/** What the image reproductions' configurations (Yeh et al., Alvarez-Melis &amp; Jaakkola) let a command line set. */
public interface ImageReproductionConfig<C extends ImageReproductionConfig<C>> {
    /** A check in about a minute: the 8×8 digits, a few points, small samples. */
    C quick();

    C withImages(ImageSet set);

    C withPoints(int n);
}
