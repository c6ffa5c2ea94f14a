package dev.servicekit.core;

import java.util.Locale;

/**
 * The exposition formats {@code /metrics} answers in, chosen from the request's {@code Accept}
 * header: OpenMetrics 1.0.0 when a media range names {@code application/openmetrics-text} with a
 * non-zero quality, else the Prometheus text format 0.0.4 (also for a missing, malformed or
 * unsupported {@code Accept}).
 */
enum ScrapeFormat {
  TEXT("text/plain; version=0.0.4; charset=utf-8"),
  OPENMETRICS("application/openmetrics-text; version=1.0.0; charset=utf-8");

  private final String contentType;

  ScrapeFormat(String contentType) {
    this.contentType = contentType;
  }

  /** The {@code Content-Type} of a response in this format. */
  String contentType() {
    return contentType;
  }

  /** The format for an {@code Accept} header value; {@code null} means none was sent. */
  static ScrapeFormat negotiate(String accept) {
    if (accept == null) {
      return TEXT;
    }
    for (String range : accept.split(",", -1)) {
      String[] parts = range.split(";", -1);
      if (parts[0].trim().toLowerCase(Locale.ROOT).equals("application/openmetrics-text")
          && quality(parts) > 0) {
        return OPENMETRICS;
      }
    }
    return TEXT;
  }

  private static double quality(String[] parts) {
    for (int i = 1; i < parts.length; i++) {
      String p = parts[i].trim();
      if (p.length() > 2 && (p.charAt(0) == 'q' || p.charAt(0) == 'Q') && p.charAt(1) == '=') {
        try {
          return Double.parseDouble(p.substring(2).trim());
        } catch (NumberFormatException e) {
          return 0;
        }
      }
    }
    return 1;
  }
}
