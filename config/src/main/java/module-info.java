/**
 * servicekit-config: the one place where a setting is read and a service identity is resolved.
 * Depends on the JDK alone.
 *
 * <p>{@link dev.servicekit.config} holds the settings precedence, the value grammars and the
 * process-wide layer; {@link dev.servicekit.config.spi} the seams through which modules that do not
 * know the runtime take part in its start.
 */
module dev.servicekit.config {
  requires static transitive org.jspecify;

  exports dev.servicekit.config;
  exports dev.servicekit.config.spi;
}
