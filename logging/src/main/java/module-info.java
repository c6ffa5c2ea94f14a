/**
 * servicekit-logging: structured JSON log lines as the SLF4J 2 provider, with {@code
 * java.util.logging}, {@link System.Logger}, commons-logging and uncaught exceptions routed into
 * the same output.
 *
 * <p>Everything is bound through {@link java.util.ServiceLoader}: SLF4J finds the provider, the JDK
 * the {@link System.LoggerFinder}, a started runtime the meters. The OpenTelemetry API is optional
 * (trace and span ids of the current span when it is present). commons-logging is optional too; the
 * name read is {@code commons.logging}, the one the jar of commons-logging 1.2 (what Apache
 * HttpClient 4 brings) gets from its file name. commons-logging 1.2 reads {@code
 * META-INF/services/org.apache.commons.logging.LogFactory} itself and creates the factory by
 * reflection, hence the qualified {@code opens}. There is no {@code provides} for {@code
 * LogFactory} on purpose: a module may only provide a service whose type it reads, so the boot
 * layer would fail whenever commons-logging is absent (or is 1.3, named {@code
 * org.apache.commons.logging}, which binds SLF4J, and so servicekit, by itself).
 */
@SuppressWarnings({"requires-automatic", "requires-transitive-automatic"})
module dev.servicekit.logging {
  requires transitive org.slf4j;
  requires dev.servicekit.config;
  requires java.logging;
  requires static commons.logging;
  requires static io.opentelemetry.api;
  requires static transitive org.jspecify;

  exports dev.servicekit.logging;

  opens dev.servicekit.logging.internal to
      commons.logging;

  provides dev.servicekit.config.spi.MeterSource with
      dev.servicekit.logging.internal.LoggingMeters;
  provides java.lang.System.LoggerFinder with
      dev.servicekit.logging.internal.SystemLoggerFinder;
  provides org.slf4j.spi.SLF4JServiceProvider with
      dev.servicekit.logging.internal.ServicekitServiceProvider;
}
