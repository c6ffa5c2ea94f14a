package dev.servicekit.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.servicekit.core.spi.ServiceComponent;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ServiceRuntimeTest {

  @Test
  void servesReadinessLivenessAndInfoOverHttp() {
    try (ServiceRuntime runtime =
        TestRuntimes.builder()
            .version("1.2.3")
            .port(8080)
            .address("10.1.2.3")
            .tag("blue")
            .meta("team", "core")
            .healthCheck("db", () -> HealthStatus.up().withDetail("pool", 5))
            .livenessCheck("heap", HealthStatus::up)
            .start()) {
      URI base = runtime.managementUri();
      assertThat(base.getHost()).isEqualTo("127.0.0.1");

      HttpResponse<String> ready = Http.get(base, "/health/ready");
      assertThat(ready.statusCode()).isEqualTo(200);
      assertThat(ready.headers().firstValue("Content-Type"))
          .hasValue("application/json; charset=utf-8");
      JsonNode body = Http.json(ready);
      assertThat(body.get("status").asText()).isEqualTo("UP");
      assertThat(body.at("/checks/db/status").asText()).isEqualTo("UP");
      assertThat(body.at("/checks/db/details/pool").asInt()).isEqualTo(5);
      assertThat(body.at("/checks/heap").isMissingNode()).isTrue();

      JsonNode live = Http.json(Http.get(base, "/health/live"));
      assertThat(live.get("status").asText()).isEqualTo("UP");
      assertThat(live.at("/checks/heap/status").asText()).isEqualTo("UP");

      JsonNode info = Http.json(Http.get(base, "/info"));
      assertThat(info.get("name").asText()).isEqualTo("test-svc");
      assertThat(info.get("version").asText()).isEqualTo("1.2.3");
      assertThat(info.get("instanceId").asText()).isEqualTo(runtime.info().instanceId());
      assertThat(info.get("address").asText()).isEqualTo("10.1.2.3");
      assertThat(info.get("port").asInt()).isEqualTo(8080);
      assertThat(info.get("tags").get(0).asText()).isEqualTo("blue");
      assertThat(info.at("/meta/team").asText()).isEqualTo("core");
      assertThat(runtime.isReady()).isTrue();
      assertThat(runtime.isLive()).isTrue();
    }
  }

  @Test
  void aGivenCompositeRegistryGetsAPrometheusRegistryUntilClose() {
    CompositeMeterRegistry composite = new CompositeMeterRegistry();
    ServiceRuntime runtime = TestRuntimes.builder().meterRegistry(composite).start();
    try {
      assertThat(composite.getRegistries())
          .singleElement()
          .isInstanceOf(PrometheusMeterRegistry.class);
      composite.counter("servicekit.test.runtime").increment();

      HttpResponse<String> response = Http.get(runtime.managementUri(), "/metrics");
      assertThat(Exposition.text(response.body()).types)
          .containsKeys("servicekit_test_runtime_total", "servicekit_core_ready");
    } finally {
      runtime.close();
    }
    assertThat(composite.getRegistries()).isEmpty();
  }

  @Test
  void readinessIs503WithTheErrorWhenACheckThrows() {
    try (ServiceRuntime runtime =
        TestRuntimes.builder()
            .healthCheck("ok", HealthStatus::up)
            .healthCheck(
                "db",
                () -> {
                  throw new IOException("connection refused");
                })
            .start()) {
      HttpResponse<String> ready = Http.get(runtime.managementUri(), "/health/ready");
      assertThat(ready.statusCode()).isEqualTo(503);
      JsonNode body = Http.json(ready);
      assertThat(body.get("status").asText()).isEqualTo("DOWN");
      assertThat(body.at("/checks/ok/status").asText()).isEqualTo("UP");
      assertThat(body.at("/checks/db/status").asText()).isEqualTo("DOWN");
      assertThat(body.at("/checks/db/details/error").asText()).isEqualTo("java.io.IOException");
      assertThat(body.at("/checks/db/details/message").asText()).isEqualTo("connection refused");
      assertThat(Http.get(runtime.managementUri(), "/health/live").statusCode()).isEqualTo(200);
      assertThat(runtime.isReady()).isFalse();
    }
  }

  @Test
  void aHangingCheckIsReportedDownWithoutBlockingTheEndpointAndNeverRunsTwice() {
    CountDownLatch release = new CountDownLatch(1);
    AtomicInteger runs = new AtomicInteger();
    try (ServiceRuntime runtime =
        TestRuntimes.builder()
            .healthCheckTimeout(Duration.ofMillis(200))
            .healthCheck(
                "hang",
                () -> {
                  runs.incrementAndGet();
                  release.await();
                  return HealthStatus.up();
                })
            .start()) {
      URI base = runtime.managementUri();
      HttpResponse<String> first = Http.get(base, "/health/ready");
      assertThat(first.statusCode()).isEqualTo(503);
      assertThat(Http.json(first).at("/checks/hang/details/reason").asText())
          .startsWith("timed out");

      HttpResponse<String> second = Http.get(base, "/health/ready");
      assertThat(second.statusCode()).isEqualTo(503);
      assertThat(Http.json(second).at("/checks/hang/details/reason").asText())
          .startsWith("still running");
      assertThat(runs).hasValue(1);
      assertThat(Http.get(base, "/health/live").statusCode()).isEqualTo(200);

      release.countDown();
      await()
          .atMost(Duration.ofSeconds(20))
          .until(() -> Http.get(base, "/health/ready").statusCode() == 200);
      assertThat(runs.get()).isGreaterThanOrEqualTo(2);
    } finally {
      release.countDown();
    }
  }

  @ParameterizedTest
  @CsvSource({
    "servicekit.management.port, 80a, an integer from 0 to 65535",
    "servicekit.management.port, 70000, an integer from 0 to 65535",
    "servicekit.shutdown.drain, 5 parsecs, a non-negative duration",
    "servicekit.health.timeout, -1s, a non-negative duration",
    "servicekit.shutdown.hook, maybe, a boolean",
    "servicekit.service.port, -1, an integer from 0 to 65535",
    "servicekit.management.address, example.com, an IPv4 or IPv6 address literal",
  })
  void malformedConfigFailsBeforeAnythingBinds(String key, String value, String expected)
      throws IOException {
    String id = Recorder.newId();
    try (ServerSocket occupied = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      // the management port is taken: had the runtime tried to bind, it would fail differently
      Map<String, String> env = new HashMap<>();
      env.put("SERVICEKIT_MANAGEMENT_PORT", Integer.toString(occupied.getLocalPort()));
      env.put("SERVICEKIT_MANAGEMENT_ADDRESS", "127.0.0.1");
      env.put(ServiceConfig.envName(key), value);
      ServiceRuntime.Builder builder =
          ServiceRuntime.builder()
              .config(ServiceConfig.of(Map.of(), new Properties(), env))
              .serviceName("test-svc")
              .config(Recorder.ID, id)
              .meterRegistry(new SimpleMeterRegistry());
      assertThatThrownBy(builder::start)
          .isInstanceOf(ConfigException.class)
          .hasMessageContaining(key)
          .hasMessageContaining("'" + value + "'")
          .hasMessageContaining("environment variable " + ServiceConfig.envName(key))
          .hasMessageContaining(expected);
    }
    assertThat(Recorder.events(id)).noneMatch(e -> e.startsWith("create:"));
  }

  @Test
  void aProviderRejectingItsConfigFailsBeforeAnythingBinds() throws IOException {
    String id = Recorder.newId();
    try (ServerSocket occupied = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      ServiceRuntime.Builder builder =
          TestRuntimes.builder()
              .config(Recorder.ID, id)
              .config("test.recording.reject-config", "true")
              .managementPort(occupied.getLocalPort());
      assertThatThrownBy(builder::start)
          .isInstanceOf(ConfigException.class)
          .hasMessageContaining("test.recording.reject-config");
    }
    assertThat(Recorder.events(id)).containsExactly("validate:early");
  }

  @Test
  void aPortInUseFailsWithAMessageNamingTheKey() throws IOException {
    try (ServerSocket occupied = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      assertThatThrownBy(
              () -> TestRuntimes.builder().managementPort(occupied.getLocalPort()).start())
          .isInstanceOf(UncheckedIOException.class)
          .hasMessageContaining("servicekit.management.port")
          .hasMessageContaining(Integer.toString(occupied.getLocalPort()));
    }
  }

  @Test
  void startsDiscoveredComponentsByOrderThenExplicitOnesAndStopsInReverse() {
    String id = Recorder.newId();
    ServiceRuntime runtime =
        TestRuntimes.builder()
            .config(Recorder.ID, id)
            .component(new RecordingComponent("a", id))
            .component(new RecordingComponent("b", id))
            .start();
    URI base = runtime.managementUri();
    assertThat(Http.json(Http.get(base, "/health/ready")).at("/checks/early/status").asText())
        .isEqualTo("UP");
    runtime.close();

    List<String> lifecycle = new ArrayList<>(Recorder.events(id));
    lifecycle.removeIf(e -> e.startsWith("validate:") || e.startsWith("create:"));
    assertThat(lifecycle)
        .containsExactly(
            "start:early",
            "start:late",
            "start:a",
            "start:b",
            "withdraw:b",
            "withdraw:a",
            "withdraw:late",
            "withdraw:early",
            "stop:b",
            "stop:a",
            "stop:late",
            "stop:early");
    assertThat(Recorder.events(id))
        .contains("validate:early", "validate:late", "create:early:" + base, "create:late:" + base);
  }

  @Test
  void aComponentFailingToStartStopsTheStartedOnesAndUnbinds() {
    String id = Recorder.newId();
    ServiceRuntime.Builder builder =
        TestRuntimes.builder()
            .config(Recorder.ID, id)
            .config("test.recording.fail-start", "late")
            .component(new RecordingComponent("a", id));
    assertThatThrownBy(builder::start)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("'late'")
        .hasMessageContaining("late refuses to START");

    List<String> events = Recorder.events(id);
    assertThat(events.stream().filter(e -> !e.startsWith("validate") && !e.startsWith("create")))
        .containsExactly("start:early", "start:late", "withdraw:early", "stop:early");
    String created = events.stream().filter(e -> e.startsWith("create:early:")).findFirst().get();
    URI base = URI.create(created.substring("create:early:".length()));
    assertThatThrownBy(() -> Http.get(base, "/health/live"))
        .isInstanceOf(UncheckedIOException.class);
  }

  @Test
  void readinessIsFalseWhileComponentsStart() {
    String id = Recorder.newId();
    try (ServiceRuntime runtime =
        TestRuntimes.builder()
            .config(Recorder.ID, id)
            .config("test.recording.probe-ready", "true")
            .start()) {
      assertThat(Recorder.events(id)).contains("ready-during-start=503");
      assertThat(Http.get(runtime.managementUri(), "/health/ready").statusCode()).isEqualTo(200);
    }
  }

  @Test
  void aProviderFailingToCreateIsNamedAndNothingStarts() {
    String id = Recorder.newId();
    ServiceRuntime.Builder builder =
        TestRuntimes.builder()
            .config(Recorder.ID, id)
            .config("test.recording.fail-create", "late")
            .component(new RecordingComponent("a", id));
    assertThatThrownBy(builder::start)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining(RecordingProvider.Late.class.getName())
        .hasMessageContaining("late cannot be created");
    assertThat(Recorder.events(id)).noneMatch(e -> e.startsWith("start:"));
  }

  @Test
  void aComponentFailingToWithdrawOrStopDoesNotKeepOthersFromStopping() {
    String id = Recorder.newId();
    ServiceRuntime runtime =
        TestRuntimes.builder()
            .component(new RecordingComponent("a", id))
            .component(
                new RecordingComponent(
                    "b",
                    id,
                    Set.of(RecordingComponent.Step.WITHDRAW, RecordingComponent.Step.STOP)))
            .component(new RecordingComponent("c", id))
            .start();
    URI base = runtime.managementUri();
    runtime.close();
    assertThat(Recorder.events(id))
        .containsExactly(
            "start:a",
            "start:b",
            "start:c",
            "withdraw:c",
            "withdraw:b",
            "withdraw:a",
            "stop:c",
            "stop:b",
            "stop:a");
    assertThatThrownBy(() -> Http.get(base, "/health/live"))
        .isInstanceOf(UncheckedIOException.class);
  }

  @Test
  void gracefulStopTurnsNotReadyThenWithdrawsThenDrainsThenStops() {
    List<String> events = new CopyOnWriteArrayList<>();
    long[] withdrawnAt = new long[1];
    long[] stoppedAt = new long[1];
    Duration drain = Duration.ofMillis(300);
    URI[] base = new URI[1];
    ServiceComponent probe =
        new ServiceComponent() {
          @Override
          public String name() {
            return "probe";
          }

          @Override
          public void start() {}

          @Override
          public void withdraw() {
            events.add("ready=" + Http.get(base[0], "/health/ready").statusCode());
            events.add("live=" + Http.get(base[0], "/health/live").statusCode());
            events.add("withdraw");
            withdrawnAt[0] = System.nanoTime();
          }

          @Override
          public void stop() {
            stoppedAt[0] = System.nanoTime();
            events.add("stop");
            events.add("endpoint-still-up=" + Http.get(base[0], "/health/live").statusCode());
          }
        };
    ServiceRuntime runtime = TestRuntimes.builder().drainPeriod(drain).component(probe).start();
    base[0] = runtime.managementUri();
    assertThat(Http.get(base[0], "/health/ready").statusCode()).isEqualTo(200);
    runtime.close();

    assertThat(events)
        .containsExactly("ready=503", "live=200", "withdraw", "stop", "endpoint-still-up=200");
    assertThat(Duration.ofNanos(stoppedAt[0] - withdrawnAt[0])).isGreaterThanOrEqualTo(drain);
    assertThat(runtime.isReady()).isFalse();
  }

  @Test
  void readinessReportsTheStoppingState() {
    List<String> bodies = new CopyOnWriteArrayList<>();
    URI[] base = new URI[1];
    ServiceRuntime runtime =
        TestRuntimes.builder()
            .component(
                new RecordingComponent("x", Recorder.newId()) {
                  @Override
                  public void withdraw() {
                    bodies.add(Http.get(base[0], "/health/ready").body());
                  }
                })
            .start();
    base[0] = runtime.managementUri();
    runtime.close();
    assertThat(bodies).singleElement().asString().contains("\"state\":\"STOPPING\"");
  }

  @Test
  void closeIsIdempotentAndConcurrentCallersWaitForTheOneStop() throws Exception {
    CountDownLatch stopEntered = new CountDownLatch(1);
    CountDownLatch releaseStop = new CountDownLatch(1);
    List<String> events = new CopyOnWriteArrayList<>();
    AtomicInteger stops = new AtomicInteger();
    ServiceRuntime runtime =
        TestRuntimes.builder()
            .component(
                new RecordingComponent("slow", Recorder.newId()) {
                  @Override
                  public void stop() throws InterruptedException {
                    stops.incrementAndGet();
                    stopEntered.countDown();
                    releaseStop.await();
                    events.add("stop finished");
                  }
                })
            .start();
    Thread first = new Thread(runtime::close, "first-closer");
    first.start();
    assertThat(stopEntered.await(20, TimeUnit.SECONDS)).isTrue();
    Thread second =
        new Thread(
            () -> {
              runtime.close();
              events.add("second returned");
            },
            "second-closer");
    second.start();
    await().atMost(Duration.ofSeconds(20)).until(() -> second.getState() == Thread.State.WAITING);
    releaseStop.countDown();
    first.join(20_000);
    second.join(20_000);
    runtime.close();

    assertThat(events).containsExactly("stop finished", "second returned");
    assertThat(stops).hasValue(1);
  }

  @Test
  void componentFindsStartedComponentsByTypeAndExplainsAMissingOne() {
    String id = Recorder.newId();
    try (ServiceRuntime runtime =
        TestRuntimes.builder()
            .config(Recorder.ID, id)
            .component(new RecordingComponent("a", id))
            .start()) {
      RecordingComponent first = runtime.component(RecordingComponent.class);
      assertThat(first.name()).isEqualTo("early");
      assertThat(runtime.findComponent(ServiceComponent.class)).containsSame(first);
      assertThat(runtime.findComponent(Runnable.class)).isEmpty();
      assertThatThrownBy(() -> runtime.component(Runnable.class))
          .isInstanceOf(NoSuchElementException.class)
          .hasMessageContaining("java.lang.Runnable")
          .hasMessageContaining("[early, late, a]")
          .hasMessageContaining("CONSUL_HTTP_ADDR");
    }
  }

  @Test
  void discoveryCanBeTurnedOffOrPointedAtAnotherClassLoader() throws IOException {
    String off = Recorder.newId();
    try (ServiceRuntime runtime =
        TestRuntimes.builder().config(Recorder.ID, off).discoverComponents(false).start()) {
      assertThat(runtime.findComponent(RecordingComponent.class)).isEmpty();
    }
    assertThat(Recorder.events(off)).isEmpty();

    String isolated = Recorder.newId();
    try (java.net.URLClassLoader empty = new java.net.URLClassLoader(new java.net.URL[0], null);
        ServiceRuntime runtime =
            TestRuntimes.builder().config(Recorder.ID, isolated).classLoader(empty).start()) {
      assertThat(runtime.findComponent(RecordingComponent.class)).isEmpty();
    }
    assertThat(Recorder.events(isolated)).isEmpty();
  }

  @Test
  void identityFromOpenTelemetryVariablesReachesTheInfoEndpoint() {
    Map<String, String> env =
        Map.of(
            "OTEL_SERVICE_NAME", "billing",
            "OTEL_RESOURCE_ATTRIBUTES", "service.version=4.2,deployment.environment.name=staging",
            "SERVICEKIT_SERVICE_TAGS", "from-env",
            "SERVICEKIT_SERVICE_META", "zone=eu-1");
    try (ServiceRuntime runtime =
        ServiceRuntime.builder()
            .config(ServiceConfig.of(Map.of(), new Properties(), env))
            .managementBindAddress("127.0.0.1")
            .managementPort(0)
            .shutdownHook(false)
            .drainPeriod(Duration.ZERO)
            .meterRegistry(new SimpleMeterRegistry())
            .tags(List.of("from-builder"))
            .meta(Map.of("zone", "eu-2", "rack", "r7"))
            .start()) {
      JsonNode info = Http.json(Http.get(runtime.managementUri(), "/info"));
      assertThat(info.get("name").asText()).isEqualTo("billing");
      assertThat(info.get("version").asText()).isEqualTo("4.2");
      assertThat(info.get("environment").asText()).isEqualTo("staging");
      assertThat(info.get("instanceId").asText()).startsWith("billing-");
      assertThat(info.get("tags").toString()).isEqualTo("[\"from-builder\",\"from-env\"]");
      assertThat(info.at("/meta/zone").asText()).isEqualTo("eu-2");
      assertThat(info.at("/meta/rack").asText()).isEqualTo("r7");
      assertThat(runtime.config().get("otel.service.name")).hasValue("billing");
    }
  }

  @Test
  void aMissingServiceNameFailsWithAClearMessage() {
    ServiceRuntime.Builder builder =
        ServiceRuntime.builder()
            .config(ServiceConfig.of(Map.of(), new Properties(), Map.of()))
            .managementPort(0)
            .shutdownHook(false);
    assertThatThrownBy(builder::start)
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("servicekit.service.name")
        .hasMessageContaining("OTEL_SERVICE_NAME");
  }

  @Test
  void builderRejectsNullsAndBadValuesAtOnce() {
    ServiceRuntime.Builder b = ServiceRuntime.builder();
    assertThatThrownBy(() -> b.serviceName(null)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> b.serviceName(" ")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> b.healthCheck("db", null)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> b.component(null)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> b.meterRegistry(null)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> b.port(65536)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> b.managementPort(-1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> b.managementBindAddress("localhost"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> b.drainPeriod(Duration.ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> b.healthCheckTimeout(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> b.address("not an address!")).isInstanceOf(ConfigException.class);
    b.healthCheck("db", HealthStatus::up);
    assertThatThrownBy(() -> b.healthCheck("db", HealthStatus::up))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void registersAShutdownHookAndRemovesItOnClose() {
    ServiceRuntime runtime = TestRuntimes.builder().shutdownHook(true).start();
    Thread hook = runtime.shutdownHook().orElseThrow();
    // removing succeeds only for a registered hook; put it back for close() to remove
    assertThat(Runtime.getRuntime().removeShutdownHook(hook)).isTrue();
    Runtime.getRuntime().addShutdownHook(hook);
    runtime.close();
    assertThat(Runtime.getRuntime().removeShutdownHook(hook)).isFalse();
  }

  @Test
  void withoutTheHookOptionNoHookIsRegistered() {
    try (ServiceRuntime runtime = TestRuntimes.builder().start()) {
      assertThat(runtime.shutdownHook()).isEmpty();
    }
  }

  @Test
  void theShutdownHookStopsComponentsWhenTheJvmExits() throws Exception {
    Process process =
        new ProcessBuilder(
                ProcessHandle.current().info().command().orElse("java"),
                "-cp",
                System.getProperty("java.class.path"),
                ShutdownHookMain.class.getName())
            .redirectErrorStream(true)
            .start();
    String output =
        new String(
            process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(output).contains("started", "withdraw:hooked", "stop:hooked");
    assertThat(output.indexOf("withdraw:hooked")).isLessThan(output.indexOf("stop:hooked"));
  }
}
