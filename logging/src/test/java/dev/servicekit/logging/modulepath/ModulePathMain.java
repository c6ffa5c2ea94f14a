package dev.servicekit.logging.modulepath;

import dev.servicekit.logging.ServicekitLogging;
import java.time.Duration;
import org.apache.commons.logging.LogFactory;
import org.slf4j.LoggerFactory;

/**
 * The child JVM of {@code ModulePathTest}: an application on the class path whose libraries are on
 * the module path. It lives in a package no servicekit module holds, so that it loads from the
 * class path while servicekit-logging loads as a named module.
 */
public final class ModulePathMain {

  private ModulePathMain() {}

  /**
   * Logs one line through each API that servicekit-logging binds, then flushes.
   *
   * @param args {@code commons} to log through commons-logging too
   */
  public static void main(String[] args) {
    Class<?> factory = LoggerFactory.getILoggerFactory().getClass();
    LoggerFactory.getLogger("modular.slf4j")
        .info("slf4j bound {} in module {}", factory.getName(), factory.getModule().getName());
    System.getLogger("modular.system")
        .log(
            System.Logger.Level.INFO,
            "System.Logger bound " + System.LoggerFinder.getLoggerFinder().getClass().getName());
    if (args.length > 0 && args[0].equals("commons")) {
      logThroughCommonsLogging();
    }
    if (!ServicekitLogging.flush(Duration.ofSeconds(30))) {
      System.exit(2);
    }
  }

  private static void logThroughCommonsLogging() {
    LogFactory.getLog("modular.commons")
        .info("commons-logging bound " + LogFactory.getFactory().getClass().getName());
  }
}
