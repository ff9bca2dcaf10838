/**
 * Tree ensembles read in Java: {@link io.jxplain.model.tree.DecisionTree}, {@link
 * io.jxplain.model.tree.TreeEnsemble} and XGBoost's JSON model format ({@link io.jxplain.model.tree.XgboostModel}).
 */
package io.jxplain.model.tree;
