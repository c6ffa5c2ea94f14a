package dev.servicekit.examples.infra;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * The demo's hands: places orders with the orders service and asks the Consul agent what is
 * registered. Talks plain HTTP with the JDK client, so the demo needs nothing but a JDK.
 *
 * <pre>
 * DemoClient place-orders http://127.0.0.1:41000 widget:2 gadget:1 [--ids-file PATH]
 * DemoClient services http://127.0.0.1:8500
 * DemoClient wait-passing http://127.0.0.1:8500 inventory 2 60 [--watch PID,PID...]
 * DemoClient wait-http http://127.0.0.1:8500/v1/status/leader 30
 * DemoClient address http://127.0.0.1:8500 orders
 * DemoClient wait-shipments http://127.0.0.1:8500 3 30
 * DemoClient free-port
 * </pre>
 *
 * Exit status 0 on success, 1 when a wait timed out or a request failed, 2 on a bad command line.
 */
public final class DemoClient {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final PrintStream out;

  DemoClient(PrintStream out) {
    this.out = out;
  }

  /**
   * Runs one subcommand and exits with its status.
   *
   * @param args the subcommand and its arguments
   * @throws Exception on an unexpected failure
   */
  public static void main(String[] args) throws Exception {
    System.exit(new DemoClient(System.out).run(List.of(args)));
  }

  int run(List<String> args) throws Exception {
    if (args.isEmpty()) {
      return usage();
    }
    List<String> rest = args.subList(1, args.size());
    return switch (args.get(0)) {
      case "place-orders" -> rest.isEmpty() ? usage() : placeOrders(rest);
      case "services" -> rest.size() != 1 ? usage() : services(agent(rest.get(0)));
      case "wait-passing" ->
          rest.size() != 4 && !(rest.size() == 6 && rest.get(4).equals("--watch"))
              ? usage()
              : waitPassing(
                  agent(rest.get(0)),
                  rest.get(1),
                  Integer.parseInt(rest.get(2)),
                  Duration.ofSeconds(Long.parseLong(rest.get(3))),
                  rest.size() == 6 ? pids(rest.get(5)) : List.of());
      case "wait-http" ->
          rest.size() != 2
              ? usage()
              : waitHttp(URI.create(rest.get(0)), Duration.ofSeconds(Long.parseLong(rest.get(1))));
      case "address" -> rest.size() != 2 ? usage() : address(agent(rest.get(0)), rest.get(1));
      case "wait-shipments" ->
          rest.size() != 3
              ? usage()
              : waitShipments(
                  agent(rest.get(0)),
                  Integer.parseInt(rest.get(1)),
                  Duration.ofSeconds(Long.parseLong(rest.get(2))));
      case "free-port" -> {
        out.println(DemoBroker.freePort());
        yield 0;
      }
      default -> usage();
    };
  }

  private int usage() {
    System.err.println(
        "usage: DemoClient place-orders ORDERS_URL SKU:QTY... [--ids-file PATH]\n"
            + "       DemoClient services CONSUL_ADDR\n"
            + "       DemoClient wait-passing CONSUL_ADDR SERVICE COUNT TIMEOUT_SECONDS [--watch PIDS]\n"
            + "       DemoClient wait-http URL TIMEOUT_SECONDS\n"
            + "       DemoClient address CONSUL_ADDR SERVICE\n"
            + "       DemoClient wait-shipments CONSUL_ADDR COUNT TIMEOUT_SECONDS\n"
            + "       DemoClient free-port");
    return 2;
  }

  /** A Consul address as {@code CONSUL_HTTP_ADDR} writes it, with or without a scheme. */
  static URI agent(String address) {
    String a = address.contains("://") ? address : "http://" + address;
    return URI.create(a.endsWith("/") ? a.substring(0, a.length() - 1) : a);
  }

  private int placeOrders(List<String> args) throws IOException, InterruptedException {
    URI orders = URI.create(args.get(0));
    Path idsFile = null;
    List<String[]> items = new ArrayList<>();
    for (Iterator<String> it = args.subList(1, args.size()).iterator(); it.hasNext(); ) {
      String arg = it.next();
      if (arg.equals("--ids-file") && it.hasNext()) {
        idsFile = Path.of(it.next());
      } else {
        items.add(arg.split(":", 2));
      }
    }
    List<String> ids = new ArrayList<>();
    out.printf(
        "%-3s %-12s %-9s %-22s %-34s %s%n",
        "#", "item", "status", "order", "correlation id", "served by inventory instance");
    int n = 0;
    int failures = 0;
    for (String[] item : items) {
      n++;
      String sku = item[0];
      String qty = item.length > 1 ? item[1] : "1";
      String form =
          "sku="
              + URLEncoder.encode(sku, StandardCharsets.UTF_8)
              + "&quantity="
              + URLEncoder.encode(qty, StandardCharsets.UTF_8);
      HttpRequest request =
          HttpRequest.newBuilder(orders.resolve("/orders"))
              .timeout(Duration.ofSeconds(20))
              .header("Content-Type", "application/x-www-form-urlencoded")
              .POST(HttpRequest.BodyPublishers.ofString(form))
              .build();
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
      JsonNode body = parse(response.body());
      String cid =
          response.headers().firstValue("X-Correlation-ID").orElse(text(body, "correlationId"));
      String status = text(body, "status");
      if (response.statusCode() >= 500 || status.isEmpty()) {
        failures++;
        status = status.isEmpty() ? "HTTP " + response.statusCode() : status;
      }
      out.printf(
          "%-3d %-12s %-9s %-22s %-34s %s%n",
          n,
          sku + " x " + qty,
          status,
          text(body, "orderId"),
          cid,
          text(body, "inventoryInstance"));
      ids.add(cid + " " + status + " " + text(body, "orderId"));
    }
    if (idsFile != null) {
      Files.write(idsFile, ids);
    }
    return failures == 0 ? 0 : 1;
  }

  private int services(URI agent) throws IOException, InterruptedException {
    HttpResponse<String> response = get(agent.resolve("/v1/agent/services"));
    if (response.statusCode() != 200) {
      out.println("  agent answered HTTP " + response.statusCode());
      return 1;
    }
    JsonNode services = parse(response.body());
    if (services.isEmpty()) {
      out.println("   (no services registered)");
    }
    for (JsonNode s : services) {
      out.printf(
          "  %-40s %-10s %s:%s%n",
          text(s, "ID"), text(s, "Service"), text(s, "Address"), text(s, "Port"));
    }
    return 0;
  }

  private static List<Long> pids(String csv) {
    List<Long> pids = new ArrayList<>();
    for (String p : csv.split(",")) {
      if (!p.isBlank()) {
        pids.add(Long.parseLong(p.trim()));
      }
    }
    return pids;
  }

  /**
   * Waits until the agent reports {@code count} passing instances; gives up early when one of the
   * watched processes has exited, since it will not register any more.
   */
  private int waitPassing(
      URI agent, String service, int count, Duration timeout, List<Long> watched)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    URI uri = agent.resolve("/v1/health/service/" + service + "?passing=true");
    while (System.nanoTime() < deadline) {
      try {
        HttpResponse<String> response = get(uri);
        if (response.statusCode() == 200 && parse(response.body()).size() >= count) {
          return 0;
        }
      } catch (IOException e) {
        // agent not up yet
      }
      for (long pid : watched) {
        if (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false) == Boolean.FALSE) {
          System.err.println("process " + pid + " exited while waiting for " + service);
          return 1;
        }
      }
      Thread.sleep(250);
    }
    System.err.println(
        "timed out after "
            + timeout.toSeconds()
            + " s waiting for "
            + count
            + " passing "
            + service
            + " instance(s)");
    return 1;
  }

  private int waitHttp(URI uri, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      try {
        if (get(uri).statusCode() / 100 == 2) {
          return 0;
        }
      } catch (IOException e) {
        // not listening yet
      }
      Thread.sleep(200);
    }
    System.err.println("timed out after " + timeout.toSeconds() + " s waiting for " + uri);
    return 1;
  }

  /** Prints the base URL of one passing instance of {@code service}, as discovery finds it. */
  private int address(URI agent, String service) throws IOException, InterruptedException {
    List<URI> found = passing(agent, service);
    if (found.isEmpty()) {
      System.err.println("no passing instance of " + service + " registered at " + agent);
      return 1;
    }
    out.println(found.get(0));
    return 0;
  }

  private List<URI> passing(URI agent, String service) throws IOException, InterruptedException {
    HttpResponse<String> response =
        get(agent.resolve("/v1/health/service/" + service + "?passing=true"));
    List<URI> uris = new ArrayList<>();
    if (response.statusCode() != 200) {
      return uris;
    }
    for (JsonNode entry : parse(response.body())) {
      JsonNode s = entry.path("Service");
      String address = text(s, "Address");
      if (address.isEmpty()) {
        address = text(entry.path("Node"), "Address");
      }
      uris.add(URI.create("http://" + address + ":" + text(s, "Port")));
    }
    return uris;
  }

  /** Waits until shipping (found through the agent) lists at least {@code count} shipments. */
  private int waitShipments(URI agent, int count, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    int seen = 0;
    while (System.nanoTime() < deadline) {
      try {
        for (URI shipping : passing(agent, "shipping")) {
          HttpResponse<String> response = get(shipping.resolve("/shipments"));
          if (response.statusCode() == 200) {
            seen = parse(response.body()).size();
            if (seen >= count) {
              return 0;
            }
          }
        }
      } catch (IOException e) {
        // shipping not reachable yet
      }
      Thread.sleep(250);
    }
    System.err.println(
        "timed out after "
            + timeout.toSeconds()
            + " s: shipping scheduled "
            + seen
            + " of "
            + count
            + " shipments");
    return 1;
  }

  private HttpResponse<String> get(URI uri) throws IOException, InterruptedException {
    return http.send(
        HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static JsonNode parse(String body) {
    try {
      return JSON.readTree(body == null || body.isBlank() ? "{}" : body);
    } catch (IOException e) {
      return JSON.createObjectNode();
    }
  }

  private static String text(JsonNode node, String field) {
    JsonNode v = node.get(field);
    return v == null || v.isNull() ? "" : v.asText();
  }
}
