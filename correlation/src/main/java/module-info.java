/**
 * servicekit-correlation: correlation-ID propagation across HTTP, threads and messaging, in step
 * with W3C Trace Context through OpenTelemetry's own propagators.
 *
 * <p>{@link dev.servicekit.correlation} and {@link dev.servicekit.correlation.http} need nothing
 * beyond the JDK, SLF4J and the OpenTelemetry API. Each other exported package adapts one optional
 * library, read only when that library is present: {@code servlet} (Jakarta Servlet 6), {@code
 * okhttp} (OkHttp 4), {@code httpclient5} (Apache HttpClient 5, through its httpcore5 interfaces),
 * {@code kafka} (kafka-clients), {@code jms} (Jakarta Messaging 3) and {@code amqp} (RabbitMQ
 * amqp-client 5). kafka-clients has no module name of its own: {@code kafka.clients} is the one its
 * jar's file name gives.
 */
@SuppressWarnings({"requires-automatic", "requires-transitive-automatic"})
module dev.servicekit.correlation {
  requires transitive dev.servicekit.config;
  requires transitive io.opentelemetry.context;
  requires transitive java.net.http;
  requires transitive jdk.httpserver;
  requires io.opentelemetry.api;
  requires org.slf4j;
  requires static transitive com.rabbitmq.client;
  requires static transitive jakarta.messaging;
  requires static transitive jakarta.servlet;
  requires static transitive kafka.clients;
  requires static transitive okhttp3;
  requires static transitive org.apache.httpcomponents.core5.httpcore5;
  requires static transitive org.jspecify;

  exports dev.servicekit.correlation;
  exports dev.servicekit.correlation.amqp;
  exports dev.servicekit.correlation.http;
  exports dev.servicekit.correlation.httpclient5;
  exports dev.servicekit.correlation.jms;
  exports dev.servicekit.correlation.kafka;
  exports dev.servicekit.correlation.okhttp;
  exports dev.servicekit.correlation.servlet;

  provides dev.servicekit.config.spi.MeterSource with
      dev.servicekit.correlation.internal.CorrelationMeters;
  provides dev.servicekit.config.spi.SettingsCheck with
      dev.servicekit.correlation.internal.CorrelationSettingsCheck;
}
