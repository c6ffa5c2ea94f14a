package dev.servicekit.config.spi;

/**
 * Describes the meters of a module that does not depend on Micrometer; a runtime binds them to its
 * registry when it starts and removes them when it stops. Registered in {@code
 * META-INF/services/dev.servicekit.config.spi.MeterSource}.
 *
 * <p>Values are read when the registry is scraped, through the suppliers given to the {@link
 * MeterSink}: they must be cheap, thread-safe and must not throw.
 */
public interface MeterSource {

  /**
   * Describes this module's meters; names follow {@code servicekit.<module>.<what>}.
   *
   * @param sink receives each meter; call it once per meter, from this method only
   */
  void describe(MeterSink sink);
}
