package dev.servicekit.core;

import dev.servicekit.config.ConfigException;
import dev.servicekit.config.ServiceConfig;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Chooses the address a service advertises: a configured one, else the first suitable interface
 * address (up, not loopback, not a container or VPN bridge), IPv4 site-local first.
 */
final class AdvertisedAddress {

  static final String KEY = "servicekit.service.address";
  static final String FALLBACK = "127.0.0.1";

  private static final List<String> VIRTUAL_PREFIXES =
      List.of(
          "docker",
          "veth",
          "br-",
          "virbr",
          "cni",
          "flannel",
          "cali",
          "vxlan",
          "weave",
          "kube",
          "lxc",
          "lxd",
          "podman",
          "vmnet",
          "vboxnet",
          "tun",
          "tap",
          "utun",
          "zt",
          "tailscale",
          "wg",
          "dummy",
          "genev",
          "cilium",
          "ovs-",
          "nerdctl");

  private static final Pattern HOSTNAME =
      Pattern.compile(
          "(?=.{1,253}$)[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
              + "(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*\\.?");

  /** What the chooser needs to know about one network interface. */
  record Candidate(
      String name,
      int index,
      boolean up,
      boolean loopback,
      boolean virtual,
      List<InetAddress> addresses) {}

  private AdvertisedAddress() {}

  /** Resolves with the precedence key &gt; SERVICE_ADDRESS &gt; POD_IP &gt; interfaces. */
  static String resolve(ServiceConfig config) {
    Optional<String> configured = config.get(KEY);
    if (configured.isPresent()) {
      return validated(configured.get(), KEY, config.sourceOf(KEY).orElse(null));
    }
    for (String env : List.of("SERVICE_ADDRESS", "POD_IP")) {
      Optional<String> value = config.env(env);
      if (value.isPresent()) {
        return validated(value.get(), env, "environment variable " + env);
      }
    }
    return choose(interfaces()).map(AdvertisedAddress::format).orElse(FALLBACK);
  }

  /** Checks that a configured address is an IP literal or a syntactically valid host name. */
  static String validated(String value, String key, String source) {
    String v = value.trim();
    Optional<InetAddress> ip = IpLiterals.parse(v);
    if (ip.isPresent()) {
      return format(ip.get());
    }
    if (!IpLiterals.looksNumeric(v) && HOSTNAME.matcher(v).matches()) {
      return v;
    }
    throw new ConfigException(key, value, source, "an IP address or a host name such as 10.0.0.5");
  }

  /** Picks the best address among the candidates, or empty. */
  static Optional<InetAddress> choose(List<Candidate> candidates) {
    List<InetAddress> usable = new ArrayList<>();
    List<Candidate> sorted = new ArrayList<>(candidates);
    sorted.sort(Comparator.comparingInt(Candidate::index));
    for (Candidate c : sorted) {
      if (!c.up() || c.loopback() || c.virtual() || isVirtualName(c.name())) {
        continue;
      }
      for (InetAddress a : c.addresses()) {
        if (!a.isLoopbackAddress()
            && !a.isLinkLocalAddress()
            && !a.isAnyLocalAddress()
            && !a.isMulticastAddress()) {
          usable.add(a);
        }
      }
    }
    return usable.stream().min(Comparator.comparingInt(AdvertisedAddress::rank));
  }

  private static int rank(InetAddress a) {
    if (a instanceof Inet4Address) {
      return a.isSiteLocalAddress() ? 0 : 1;
    }
    return a.isSiteLocalAddress() ? 3 : 2; // global IPv6 before deprecated site-local IPv6
  }

  static boolean isVirtualName(String name) {
    String n = name.toLowerCase(Locale.ROOT);
    for (String prefix : VIRTUAL_PREFIXES) {
      if (n.startsWith(prefix)) {
        return true;
      }
    }
    return false;
  }

  static String format(InetAddress a) {
    String host = a.getHostAddress();
    if (a instanceof Inet6Address) {
      int scope = host.indexOf('%');
      return scope >= 0 ? host.substring(0, scope) : host;
    }
    return host;
  }

  private static List<Candidate> interfaces() {
    List<Candidate> out = new ArrayList<>();
    try {
      for (NetworkInterface ni : Collections.list(NetworkInterface.getNetworkInterfaces())) {
        try {
          out.add(
              new Candidate(
                  ni.getName(),
                  ni.getIndex(),
                  ni.isUp(),
                  ni.isLoopback(),
                  ni.isVirtual() || ni.isPointToPoint(),
                  Collections.list(ni.getInetAddresses())));
        } catch (SocketException e) {
          // an interface that vanished while we looked: skip it
        }
      }
    } catch (SocketException | RuntimeException e) {
      return List.of();
    }
    return out;
  }
}
