/**
 * Pictures and pages without dependencies: SVG line charts, bar charts, box plots and heat maps, and HTML reports.
 */
package io.jxplain.report;
