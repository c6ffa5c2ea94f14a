package dev.servicekit.testing.internal;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * Runs the agent's checks as Consul does: HTTP and TCP checks on their interval (first run after a
 * random stagger within one interval), TTL checks expiring to critical, and the reaper that removes
 * services critical for longer than their {@code DeregisterCriticalServiceAfter}.
 *
 * <p>HTTP results: 2xx passing, 429 warning, anything else (or no answer within the timeout)
 * critical. Outputs are worded as Consul words them.
 */
final class CheckRunner implements CheckListener, AutoCloseable {
  private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);
  private static final int MAX_BODY = AgentState.MAX_OUTPUT;

  private final AgentState state;
  private final Duration minimumInterval;
  private final Duration minimumDeregister;
  private final ScheduledExecutorService scheduler;
  private final HttpClient http;
  private final Map<CheckEntry, ScheduledFuture<?>> tasks = new IdentityHashMap<>();

  /**
   * Creates the runner and starts the reaper.
   *
   * @param state the agent state whose checks to run
   * @param minimumInterval the lowest allowed check interval (Consul: 1s)
   * @param minimumDeregister the lowest allowed {@code DeregisterCriticalServiceAfter} (Consul: 1m)
   * @param reapInterval how often the reaper looks (Consul: 30s)
   */
  public CheckRunner(
      AgentState state,
      Duration minimumInterval,
      Duration minimumDeregister,
      Duration reapInterval) {
    this.state = state;
    this.minimumInterval = minimumInterval;
    this.minimumDeregister = minimumDeregister;
    this.scheduler =
        Executors.newScheduledThreadPool(
            4,
            r -> {
              Thread t = new Thread(r, "local-consul-checks");
              t.setDaemon(true);
              return t;
            });
    this.http =
        HttpClient.newBuilder()
            .followRedirects(HttpClient.Redirect.NORMAL)
            .connectTimeout(DEFAULT_TIMEOUT)
            .executor(scheduler)
            .build();
    long reapNanos = reapInterval.toNanos();
    scheduler.scheduleWithFixedDelay(this::reapQuietly, reapNanos, reapNanos, TimeUnit.NANOSECONDS);
    state.setListener(this);
  }

  private void reapQuietly() {
    try {
      state.reap(minimumDeregister);
    } catch (RuntimeException e) {
      // keep reaping; a failed round is retried on the next one
    }
  }

  @Override
  public void checkAdded(CheckEntry check) {
    CheckDefinition def = check.definition();
    ScheduledFuture<?> task;
    if (def.type().equals("ttl")) {
      task = scheduleTtl(check);
    } else {
      Duration interval =
          def.interval().compareTo(minimumInterval) < 0 ? minimumInterval : def.interval();
      long intervalNanos = interval.toNanos();
      long stagger = ThreadLocalRandom.current().nextLong(intervalNanos);
      Runnable run = def.type().equals("http") ? () -> runHttp(check) : () -> runTcp(check);
      task = scheduler.scheduleWithFixedDelay(run, stagger, intervalNanos, TimeUnit.NANOSECONDS);
    }
    synchronized (tasks) {
      tasks.put(check, task);
    }
  }

  @Override
  public void checkRemoved(CheckEntry check) {
    ScheduledFuture<?> task;
    synchronized (tasks) {
      task = tasks.remove(check);
    }
    if (task != null) {
      task.cancel(false);
    }
  }

  @Override
  public void ttlRefreshed(CheckEntry check) {
    synchronized (tasks) {
      ScheduledFuture<?> old = tasks.get(check);
      if (old != null) {
        old.cancel(false);
        tasks.put(check, scheduleTtl(check));
      }
    }
  }

  private ScheduledFuture<?> scheduleTtl(CheckEntry check) {
    return scheduler.schedule(
        () -> {
          String last = check.output();
          String output =
              last.isEmpty()
                  ? "TTL expired"
                  : "TTL expired (last output before timeout follows): " + last;
          state.recordResult(check, AgentState.CRITICAL, output);
        },
        check.definition().ttl().toNanos(),
        TimeUnit.NANOSECONDS);
  }

  private void runHttp(CheckEntry check) {
    CheckDefinition def = check.definition();
    String method = def.method().isEmpty() ? "GET" : def.method().toUpperCase(Locale.ROOT);
    Duration timeout = def.timeout().isZero() ? DEFAULT_TIMEOUT : def.timeout();
    String target = def.http();
    HttpRequest request;
    try {
      HttpRequest.Builder builder =
          HttpRequest.newBuilder(URI.create(target))
              .timeout(timeout)
              .method(
                  method,
                  def.body().isEmpty()
                      ? HttpRequest.BodyPublishers.noBody()
                      : HttpRequest.BodyPublishers.ofString(def.body()))
              .header("User-Agent", "Consul Health Check")
              .header("Accept", "text/plain, text/*, */*");
      for (Map.Entry<String, List<String>> h : def.header().entrySet()) {
        for (String value : h.getValue()) {
          try {
            builder.setHeader(h.getKey(), value);
          } catch (IllegalArgumentException restricted) {
            // the JDK client refuses to set a few headers (Host, Connection, ...); skip them
          }
        }
      }
      request = builder.build();
    } catch (IllegalArgumentException e) {
      state.recordRunResult(
          check, AgentState.CRITICAL, goOp(method) + " \"" + target + "\": " + e.getMessage());
      return;
    }
    http.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray())
        .whenComplete(
            (response, error) -> {
              if (error != null) {
                state.recordRunResult(
                    check, AgentState.CRITICAL, describeError(method, target, error));
                return;
              }
              int code = response.statusCode();
              byte[] body = response.body();
              // like Consul's circular buffer: keep the last bytes of a long body
              int from = Math.max(0, body.length - MAX_BODY);
              String text = new String(body, from, body.length - from, StandardCharsets.UTF_8);
              String output =
                  "HTTP "
                      + method
                      + " "
                      + target
                      + ": "
                      + code
                      + " "
                      + reason(code)
                      + " Output: "
                      + text;
              String status;
              if (code >= 200 && code <= 299) {
                status = AgentState.PASSING;
              } else if (code == 429) {
                status = AgentState.WARNING;
              } else {
                status = AgentState.CRITICAL;
              }
              state.recordRunResult(check, status, output);
            });
  }

  private void runTcp(CheckEntry check) {
    CheckDefinition def = check.definition();
    Duration timeout = def.timeout().isZero() ? DEFAULT_TIMEOUT : def.timeout();
    String target = def.tcp();
    int colon = target.lastIndexOf(':');
    try (Socket socket = new Socket()) {
      if (colon < 0) {
        throw new IOException("missing port in address");
      }
      String host = target.substring(0, colon).replace("[", "").replace("]", "");
      int port = Integer.parseInt(target.substring(colon + 1));
      socket.connect(new InetSocketAddress(host, port), (int) Math.max(1, timeout.toMillis()));
      state.recordRunResult(check, AgentState.PASSING, "TCP connect " + target + ": Success");
    } catch (IOException | NumberFormatException e) {
      String why =
          e instanceof ConnectException
              ? "connect: connection refused"
              : String.valueOf(e.getMessage());
      state.recordRunResult(check, AgentState.CRITICAL, "dial tcp " + target + ": " + why);
    }
  }

  private static String describeError(String method, String target, Throwable error) {
    Throwable cause = error;
    while (cause.getCause() != null
        && !(cause instanceof HttpTimeoutException)
        && !(cause instanceof ConnectException)) {
      cause = cause.getCause();
    }
    String prefix = goOp(method) + " \"" + target + "\": ";
    if (cause instanceof HttpTimeoutException) {
      return prefix + "context deadline exceeded (Client.Timeout exceeded while awaiting headers)";
    }
    if (cause instanceof ConnectException) {
      URI uri = URI.create(target);
      int port = uri.getPort() > 0 ? uri.getPort() : ("https".equals(uri.getScheme()) ? 443 : 80);
      return prefix + "dial tcp " + uri.getHost() + ":" + port + ": connect: connection refused";
    }
    return prefix + cause;
  }

  private static String goOp(String method) {
    return method.charAt(0) + method.substring(1).toLowerCase(Locale.ROOT);
  }

  private static String reason(int code) {
    switch (code) {
      case 200:
        return "OK";
      case 201:
        return "Created";
      case 202:
        return "Accepted";
      case 204:
        return "No Content";
      case 301:
        return "Moved Permanently";
      case 302:
        return "Found";
      case 304:
        return "Not Modified";
      case 400:
        return "Bad Request";
      case 401:
        return "Unauthorized";
      case 403:
        return "Forbidden";
      case 404:
        return "Not Found";
      case 405:
        return "Method Not Allowed";
      case 429:
        return "Too Many Requests";
      case 500:
        return "Internal Server Error";
      case 502:
        return "Bad Gateway";
      case 503:
        return "Service Unavailable";
      case 504:
        return "Gateway Timeout";
      default:
        return "status code " + code;
    }
  }

  /** Stops every check, the reaper and the HTTP client's threads. */
  @Override
  public void close() {
    state.setListener(CheckListener.NOOP);
    synchronized (tasks) {
      for (ScheduledFuture<?> task : tasks.values()) {
        task.cancel(false);
      }
      tasks.clear();
    }
    scheduler.shutdownNow();
  }
}
