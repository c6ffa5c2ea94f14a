package dev.servicekit.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReference;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Reads a module's compiled {@code module-info.class} and its {@code META-INF/services} files from
 * the main classes of the module under test, in servicekit-config's test jar so that every module's
 * descriptor test reads them the same way. The tests themselves run on the class path; this is what
 * the descriptor says to a user on the module path.
 */
public final class ModuleDescriptors {

  private ModuleDescriptors() {}

  /** The main classes (directory or jar) that hold {@code type}. */
  public static Path classesOf(Class<?> type) {
    try {
      return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The descriptor compiled next to {@code type}; fails when there is none. */
  public static ModuleDescriptor of(Class<?> type) {
    Set<ModuleReference> found = ModuleFinder.of(classesOf(type)).findAll();
    if (found.size() != 1 || found.iterator().next().descriptor().isAutomatic()) {
      throw new AssertionError("no module-info.class in " + classesOf(type));
    }
    return found.iterator().next().descriptor();
  }

  /** The packages exported to everyone. */
  public static Set<String> exports(ModuleDescriptor module) {
    return module.exports().stream()
        .filter(e -> !e.isQualified())
        .map(ModuleDescriptor.Exports::source)
        .collect(Collectors.toCollection(TreeSet::new));
  }

  /** Qualified exports and all opens, as {@code "exports p to m"} / {@code "opens p to m"}. */
  public static Set<String> qualifiedExportsAndOpens(ModuleDescriptor module) {
    Stream<String> exports =
        module.exports().stream()
            .filter(ModuleDescriptor.Exports::isQualified)
            .map(
                e ->
                    "exports "
                        + e.source()
                        + " to "
                        + String.join(",", new TreeSet<>(e.targets())));
    Stream<String> opens =
        module.opens().stream()
            .map(
                o ->
                    "opens "
                        + o.source()
                        + (o.isQualified()
                            ? " to " + String.join(",", new TreeSet<>(o.targets()))
                            : ""));
    return Stream.concat(exports, opens).collect(Collectors.toCollection(TreeSet::new));
  }

  /** The packages that hold no {@code internal} segment: the ones a module must export. */
  public static Set<String> apiPackages(ModuleDescriptor module) {
    return module.packages().stream()
        .filter(p -> !(p.endsWith(".internal") || p.contains(".internal.")))
        .collect(Collectors.toCollection(TreeSet::new));
  }

  /**
   * What the module reads, as in its source: {@code "requires static transitive x"}; {@code
   * java.base} left out.
   */
  public static Set<String> requires(ModuleDescriptor module) {
    return module.requires().stream()
        .filter(r -> !r.name().equals("java.base"))
        .map(
            r ->
                "requires "
                    + (r.modifiers().contains(ModuleDescriptor.Requires.Modifier.STATIC)
                        ? "static "
                        : "")
                    + (r.modifiers().contains(ModuleDescriptor.Requires.Modifier.TRANSITIVE)
                        ? "transitive "
                        : "")
                    + r.name())
        .collect(Collectors.toCollection(TreeSet::new));
  }

  /** Service type to provider classes, as the descriptor's {@code provides} say. */
  public static Map<String, Set<String>> provides(ModuleDescriptor module) {
    Map<String, Set<String>> result = new TreeMap<>();
    for (ModuleDescriptor.Provides p : module.provides()) {
      result.put(p.service(), new TreeSet<>(p.providers()));
    }
    return result;
  }

  /** Service type to provider classes, as the {@code META-INF/services} files next to it say. */
  public static Map<String, Set<String>> serviceFiles(Class<?> type) {
    Path dir = classesOf(type).resolve("META-INF/services");
    Map<String, Set<String>> result = new TreeMap<>();
    if (!Files.isDirectory(dir)) {
      return result;
    }
    try (Stream<Path> files = Files.list(dir)) {
      for (Path file : (Iterable<Path>) files::iterator) {
        Set<String> providers = new TreeSet<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
          String entry = line.replaceFirst("#.*", "").trim();
          if (!entry.isEmpty()) {
            providers.add(entry);
          }
        }
        result.put(file.getFileName().toString(), providers);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return result;
  }
}
