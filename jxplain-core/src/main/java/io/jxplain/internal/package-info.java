/**
 * Not API: the checks, parallel loops, heap budgets and ordered maps that jxplain's own modules share. Public only
 * because the modules are separate jars on one class path; no public signature of the other packages mentions these
 * types ({@code PublicApiTest}), and they may change in any release. Left out of the Javadoc jar.
 */
package io.jxplain.internal;
