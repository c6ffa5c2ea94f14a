package dev.servicekit.examples.logquery;

import java.util.Locale;

/**
 * Log severity, normalised across profiles: the level names of servicekit-logging's profiles (from
 * their descriptions), then other tools' names ({@code CRITICAL}, JUL's {@code SEVERE}, ...).
 */
enum Level {
  TRACE,
  DEBUG,
  INFO,
  WARN,
  ERROR,
  FATAL,
  /** The line carried no level, or one this tool does not know. */
  UNKNOWN;

  /** Reads a level name from any of the three profiles; unknown or blank names give UNKNOWN. */
  static Level parse(String name) {
    if (name == null || name.isBlank()) {
      return UNKNOWN;
    }
    int level = FieldNames.slf4jLevel(name);
    if (level >= 0) {
      return values()[level / 10];
    }
    return switch (name.trim().toUpperCase(Locale.ROOT)) {
      case "TRACE", "FINEST", "FINER" -> TRACE;
      case "DEBUG", "FINE", "CONFIG" -> DEBUG;
      case "INFO", "NOTICE", "DEFAULT" -> INFO;
      case "WARN", "WARNING" -> WARN;
      case "ERROR", "SEVERE", "ERR" -> ERROR;
      case "FATAL", "CRITICAL", "ALERT", "EMERGENCY" -> FATAL;
      default -> UNKNOWN;
    };
  }

  /**
   * Whether this level is at least as severe as {@code minimum}. UNKNOWN passes only a filter for
   * UNKNOWN, so that a level filter never lets unlabelled lines through.
   */
  boolean atLeast(Level minimum) {
    if (this == UNKNOWN || minimum == UNKNOWN) {
      return this == minimum;
    }
    return ordinal() >= minimum.ordinal();
  }

  /** Whether lines of this level count as errors in a summary. */
  boolean isError() {
    return this == ERROR || this == FATAL;
  }
}
