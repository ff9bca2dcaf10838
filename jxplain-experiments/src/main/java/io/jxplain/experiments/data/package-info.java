/**
 * Loaders of the experiments' data sets (bankruptcy, online shoppers, German credit, COMPAS, scikit-learn CSVs),
 * each with its documented feature choices.
 */
package io.jxplain.experiments.data;
