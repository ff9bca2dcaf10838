/**
 * The three papers' experiments, shared parts: trained image models, random forests (Tribuo), statistics and
 * progress reporting.
 */
package io.jxplain.experiments;
