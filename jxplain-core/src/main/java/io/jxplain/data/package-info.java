/**
 * Data sets ({@link io.jxplain.data.Dataset}), the CSV, ARFF and IDX readers with their strict checks,
 * standardisation, the seeded train/test split, KernelSHAP backgrounds and the simulated data of Agarwal et al.
 * 2021.
 */
package io.jxplain.data;
