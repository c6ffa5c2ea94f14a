package dev.servicekit.examples.containers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.servicekit.config.ServiceConfig;
import dev.servicekit.core.ServiceRuntime;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * examples/&lt;service&gt;/k8s/deployment.yaml and service.yaml, read into the Kubernetes API types
 * (unknown fields fail) and checked against the service: its management port and drain as the
 * service would read them from the container's environment (Dockerfile ENV, then the manifest's
 * env), the paths its management endpoint serves, and the image's user.
 */
class KubernetesManifestsTest {

  private static final String CONTAINER_PREFIX = "/spec/template/spec/containers/0";

  private static Path k8s(String service, String file) {
    return Podman.examplesDir().resolve(service).resolve("k8s").resolve(file);
  }

  private static Manifest<Deployment> deployment(String service) throws IOException {
    return Manifest.read(k8s(service, "deployment.yaml"), Deployment.class);
  }

  private static Container container(Manifest<Deployment> d) {
    return d.object().getSpec().getTemplate().getSpec().getContainers().get(0);
  }

  /** The container's environment as the service sees it: Dockerfile ENV, then literal env. */
  private static ServiceConfig config(String service, Container c) throws IOException {
    Map<String, String> env =
        new HashMap<>(
            Dockerfile.read(Podman.examplesDir().resolve(service).resolve("Dockerfile")).env());
    for (EnvVar e : c.getEnv()) {
      if (e.getValue() != null) {
        env.put(e.getName(), e.getValue());
      }
    }
    return ServiceConfig.of(Map.of(), new Properties(), env);
  }

  private static int port(Container c, IntOrString port, String where) {
    if (port.getIntVal() != null) {
      return port.getIntVal();
    }
    return c.getPorts().stream()
        .filter(p -> port.getStrVal().equals(p.getName()))
        .map(ContainerPort::getContainerPort)
        .findFirst()
        .orElseThrow(() -> new AssertionError(where + ": no container port " + port.getStrVal()));
  }

  @ParameterizedTest
  @ValueSource(strings = {"orders", "inventory", "shipping"})
  void theDeploymentAndServiceAreValidKubernetesObjects(String service) throws IOException {
    Manifest<Deployment> d = deployment(service);
    Manifest<Service> s = Manifest.read(k8s(service, "service.yaml"), Service.class);
    assertThat(d.object().getKind()).isEqualTo("Deployment");
    assertThat(d.object().getApiVersion()).isEqualTo("apps/v1");
    assertThat(s.object().getKind()).isEqualTo("Service");
    assertThat(s.object().getApiVersion()).isEqualTo("v1");
    assertThat(d.object().getMetadata().getName()).isEqualTo(service);
    assertThat(container(d).getImage()).contains("servicekit-example-" + service);
  }

  @ParameterizedTest
  @ValueSource(strings = {"orders", "inventory", "shipping"})
  void theProbesAskTheManagementEndpointsOnTheServicesManagementPort(String service)
      throws IOException {
    assertThat(probeMistakes(service, deployment(service))).isEmpty();
  }

  @Test
  void aProbeOnAPortTheServiceDoesNotServeIsReportedWithFileAndLine() throws IOException {
    String text =
        Files.readString(k8s("inventory", "deployment.yaml"), StandardCharsets.UTF_8)
            .replace("path: /health/ready", "path: /ready");
    Manifest<Deployment> d =
        Manifest.parse("inventory/k8s/deployment.yaml", text, Deployment.class);
    int line = lineOf(text, "readinessProbe:");

    assertThat(probeMistakes("inventory", d))
        .containsExactly(
            "inventory/k8s/deployment.yaml:"
                + line
                + ": readinessProbe asks /ready, the service serves /health/ready");
  }

  /** Probes that ask a path or port the service does not serve, as {@code file:line: what}. */
  private static List<String> probeMistakes(String service, Manifest<Deployment> d)
      throws IOException {
    Container c = container(d);
    int management = config(service, c).getPort("servicekit.management.port", 8081);
    Map<String, Probe> probes = new java.util.LinkedHashMap<>();
    probes.put("startupProbe", c.getStartupProbe());
    probes.put("livenessProbe", c.getLivenessProbe());
    probes.put("readinessProbe", c.getReadinessProbe());
    Map<String, String> paths =
        Map.of(
            "livenessProbe", "/health/live",
            "readinessProbe", "/health/ready",
            "startupProbe", "/health/live");
    List<String> mistakes = new java.util.ArrayList<>();
    for (Map.Entry<String, Probe> e : probes.entrySet()) {
      String where = d.at(CONTAINER_PREFIX + "/" + e.getKey());
      Probe probe = e.getValue();
      if (probe == null || probe.getHttpGet() == null) {
        mistakes.add(d.at(CONTAINER_PREFIX) + ": no " + e.getKey() + " with httpGet");
        continue;
      }
      String path = probe.getHttpGet().getPath();
      if (!paths.get(e.getKey()).equals(path)) {
        mistakes.add(
            where
                + ": "
                + e.getKey()
                + " asks "
                + path
                + ", the service serves "
                + paths.get(e.getKey()));
      }
      int port = port(c, probe.getHttpGet().getPort(), where);
      if (port != management) {
        mistakes.add(
            where
                + ": "
                + e.getKey()
                + " asks port "
                + port
                + ", the management port (SERVICEKIT_MANAGEMENT_PORT) is "
                + management);
      }
    }
    return mistakes;
  }

  @ParameterizedTest
  @ValueSource(strings = {"orders", "inventory", "shipping"})
  void theScrapeAnnotationsNameTheManagementPortAndMetricsPath(String service) throws IOException {
    Manifest<Deployment> d = deployment(service);
    Map<String, String> annotations =
        d.object().getSpec().getTemplate().getMetadata().getAnnotations();
    int management = config(service, container(d)).getPort("servicekit.management.port", 8081);
    assertThat(annotations)
        .as(d.at("/spec/template/metadata/annotations"))
        .containsEntry("prometheus.io/scrape", "true")
        .containsEntry("prometheus.io/port", Integer.toString(management))
        .containsEntry("prometheus.io/path", "/metrics");
  }

  @Test
  void theProbePathsAreServedByTheManagementEndpoint() throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    try (ServiceRuntime runtime =
        ServiceRuntime.builder()
            .serviceName("probe-paths")
            .config("servicekit.management.port", "0")
            .config("servicekit.management.address", "127.0.0.1")
            .config("servicekit.components.discovery", "false")
            .config("servicekit.shutdown.drain", "0s")
            .config("servicekit.shutdown.hook", "false")
            .start()) {
      for (String path : List.of("/health/live", "/health/ready")) {
        HttpResponse<Void> r =
            http.send(
                HttpRequest.newBuilder(runtime.managementUri().resolve(path)).build(),
                HttpResponse.BodyHandlers.discarding());
        assertThat(r.statusCode()).as(path).isEqualTo(200);
      }
      HttpResponse<Void> missing =
          http.send(
              HttpRequest.newBuilder(runtime.managementUri().resolve("/health/alive")).build(),
              HttpResponse.BodyHandlers.discarding());
      assertThat(missing.statusCode()).as("a path the endpoint does not serve").isEqualTo(404);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"orders", "inventory", "shipping"})
  void theGracePeriodIsLongerThanTheDrainPlusTheStop(String service) throws IOException {
    Manifest<Deployment> d = deployment(service);
    Duration drain =
        config(service, container(d))
            .getDuration("servicekit.shutdown.drain", Duration.ofSeconds(5));
    long grace = d.object().getSpec().getTemplate().getSpec().getTerminationGracePeriodSeconds();
    // The containers' stop (ContainerDemoTest) takes the drain plus up to 10 s.
    assertThat(Duration.ofSeconds(grace))
        .as(d.at("/spec/template/spec/terminationGracePeriodSeconds"))
        .isGreaterThan(drain.plusSeconds(10));
  }

  @ParameterizedTest
  @ValueSource(strings = {"orders", "inventory", "shipping"})
  void thePodRunsAsTheImagesNonRootUserWithAReadOnlyRootAndATmpVolume(String service)
      throws IOException {
    Manifest<Deployment> d = deployment(service);
    PodSpec pod = d.object().getSpec().getTemplate().getSpec();
    Container c = container(d);
    String user =
        Dockerfile.read(Podman.examplesDir().resolve(service).resolve("Dockerfile"))
            .last("USER")
            .orElseThrow()
            .args();
    String where = d.at("/spec/template/spec/securityContext");
    assertThat(pod.getSecurityContext().getRunAsNonRoot()).as(where).isTrue();
    assertThat(pod.getSecurityContext().getRunAsUser())
        .as(where + ": the Dockerfile's USER")
        .isEqualTo(Long.parseLong(user.split(":")[0]));
    where = d.at(CONTAINER_PREFIX + "/securityContext");
    assertThat(c.getSecurityContext().getReadOnlyRootFilesystem()).as(where).isTrue();
    assertThat(c.getSecurityContext().getAllowPrivilegeEscalation()).as(where).isFalse();
    assertThat(c.getSecurityContext().getCapabilities().getDrop()).as(where).contains("ALL");
    String tmp =
        c.getVolumeMounts().stream()
            .filter(m -> m.getMountPath().equals("/tmp"))
            .map(m -> m.getName())
            .findFirst()
            .orElseThrow(() -> new AssertionError(d.at(CONTAINER_PREFIX) + ": no /tmp mount"));
    assertThat(pod.getVolumes()).anyMatch(v -> v.getName().equals(tmp) && v.getEmptyDir() != null);
  }

  @ParameterizedTest
  @ValueSource(strings = {"orders", "inventory", "shipping"})
  void theDownwardApiGivesThePodIpAndTheNodeLocalAgentAddress(String service) throws IOException {
    Manifest<Deployment> d = deployment(service);
    List<EnvVar> env = container(d).getEnv();
    String where = d.at(CONTAINER_PREFIX + "/env");
    Map<String, Integer> index = new HashMap<>();
    for (int i = 0; i < env.size(); i++) {
      index.put(env.get(i).getName(), i);
    }
    assertThat(index).as(where).containsKeys("POD_IP", "HOST_IP", "CONSUL_HTTP_ADDR");
    assertThat(fieldRef(env.get(index.get("POD_IP")))).as(where).isEqualTo("status.podIP");
    assertThat(fieldRef(env.get(index.get("HOST_IP")))).as(where).isEqualTo("status.hostIP");
    // $(VAR) expands only variables defined earlier in the list.
    assertThat(env.get(index.get("CONSUL_HTTP_ADDR")).getValue())
        .as(where)
        .startsWith("$(HOST_IP):");
    assertThat(index.get("HOST_IP")).as(where).isLessThan(index.get("CONSUL_HTTP_ADDR"));
    assertThat(env.get(index.get("SERVICEKIT_SERVICE_ADDRESS")).getValue())
        .as(where)
        .isEqualTo("$(POD_IP)");
    assertThat(index.get("POD_IP")).isLessThan(index.get("SERVICEKIT_SERVICE_ADDRESS"));
  }

  private static String fieldRef(EnvVar e) {
    return e.getValueFrom() == null || e.getValueFrom().getFieldRef() == null
        ? null
        : e.getValueFrom().getFieldRef().getFieldPath();
  }

  @ParameterizedTest
  @ValueSource(strings = {"orders", "inventory", "shipping"})
  void theServiceSelectsTheDeploymentsPodsAndTargetsTheApiPort(String service) throws IOException {
    Manifest<Deployment> d = deployment(service);
    Manifest<Service> s = Manifest.read(k8s(service, "service.yaml"), Service.class);
    Container c = container(d);
    assertThat(d.object().getSpec().getTemplate().getMetadata().getLabels())
        .as(s.at("/spec/selector"))
        .containsAllEntriesOf(s.object().getSpec().getSelector());
    assertThat(d.object().getSpec().getSelector().getMatchLabels())
        .isEqualTo(s.object().getSpec().getSelector());
    int api = config(service, c).getPort("servicekit.service.port", 8080);
    ServicePort port = s.object().getSpec().getPorts().get(0);
    assertThat(port(c, port.getTargetPort(), s.at("/spec/ports/0/targetPort")))
        .as(s.at("/spec/ports/0/targetPort") + ": the API port (SERVICEKIT_SERVICE_PORT)")
        .isEqualTo(api);
  }

  @Test
  void anUnknownFieldFailsNamingTheFileAndLine() throws IOException {
    String text =
        Files.readString(k8s("orders", "deployment.yaml"), StandardCharsets.UTF_8)
            .replaceFirst("readinessProbe:\n( *)httpGet:", "readinessProbe:\n$1httpGett:");
    int line = lineOf(text, "httpGett:");

    assertThatThrownBy(() -> Manifest.parse("orders/k8s/deployment.yaml", text, Deployment.class))
        .isInstanceOf(AssertionError.class)
        .hasMessageStartingWith("orders/k8s/deployment.yaml:" + line + ":")
        .hasMessageContaining("httpGett");
  }

  @Test
  void aValueOfTheWrongTypeFailsNamingTheFileAndLine() throws IOException {
    String text =
        Files.readString(k8s("orders", "deployment.yaml"), StandardCharsets.UTF_8)
            .replaceFirst(
                "terminationGracePeriodSeconds: 30", "terminationGracePeriodSeconds: long");
    int line = lineOf(text, "terminationGracePeriodSeconds: long");

    assertThatThrownBy(() -> Manifest.parse("orders/k8s/deployment.yaml", text, Deployment.class))
        .isInstanceOf(AssertionError.class)
        .hasMessageStartingWith("orders/k8s/deployment.yaml:" + line + ":");
  }

  private static int lineOf(String text, String needle) {
    List<String> lines = text.lines().toList();
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).contains(needle)) {
        return i + 1;
      }
    }
    throw new AssertionError(needle + " not in the text");
  }

  @Test
  void aProbeOnAnotherPortThanTheManagementPortIsReported() throws IOException {
    String text =
        Files.readString(k8s("inventory", "deployment.yaml"), StandardCharsets.UTF_8)
            .replace("value: \"8081\"", "value: \"9090\"");
    Manifest<Deployment> d =
        Manifest.parse("inventory/k8s/deployment.yaml", text, Deployment.class);

    assertThat(probeMistakes("inventory", d))
        .hasSize(3)
        .allMatch(m -> m.contains("asks port 8081, the management port"))
        .allMatch(m -> m.endsWith(" is 9090"));
  }
}
