/**
 * Correlation for Apache HttpClient 5; needs {@code org.apache.httpcomponents.client5:httpclient5}
 * (optional).
 */
@NullMarked
package dev.servicekit.correlation.httpclient5;

import org.jspecify.annotations.NullMarked;
