package dev.servicekit.testing;

import static java.lang.module.ModuleDescriptor.Requires.Modifier.STATIC;
import static java.lang.module.ModuleDescriptor.Requires.Modifier.TRANSITIVE;
import static org.assertj.core.api.Assertions.assertThat;

import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** What servicekit-testing's module-info says to a user whose tests run on the module path. */
class ModuleDescriptorTest {

  private static final Path CLASSES = classes();
  private static final ModuleDescriptor MODULE =
      ModuleFinder.of(CLASSES).findAll().iterator().next().descriptor();

  private static Path classes() {
    try {
      return Path.of(LocalConsul.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (java.net.URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void isAnExplicitModuleNamedAfterItsRootPackage() {
    assertThat(MODULE.isAutomatic()).isFalse();
    assertThat(MODULE.name()).isEqualTo("dev.servicekit.testing");
  }

  @Test
  void exportsTheKitAndTheContractButNotInternal() {
    assertThat(MODULE.exports())
        .allSatisfy(e -> assertThat(e.isQualified()).isFalse())
        .extracting(ModuleDescriptor.Exports::source)
        .containsExactlyInAnyOrder("dev.servicekit.testing", "dev.servicekit.testing.contract");
    assertThat(MODULE.packages()).contains("dev.servicekit.testing.internal");
  }

  @Test
  void opensTheContractToJunitWhichCallsItsLifecycleMethods() {
    assertThat(MODULE.opens())
        .singleElement()
        .satisfies(
            o -> {
              assertThat(o.source()).isEqualTo("dev.servicekit.testing.contract");
              assertThat(o.targets()).containsExactly("org.junit.platform.commons");
            });
  }

  @Test
  void readsJunitOnlyWhenTheUserBringsIt() {
    Map<String, Set<ModuleDescriptor.Requires.Modifier>> requires =
        MODULE.requires().stream()
            .filter(r -> !r.name().equals("java.base"))
            .collect(
                Collectors.toMap(
                    ModuleDescriptor.Requires::name, ModuleDescriptor.Requires::modifiers));
    assertThat(requires)
        .containsOnlyKeys(
            "com.fasterxml.jackson.databind",
            "java.net.http",
            "jdk.httpserver",
            "org.jspecify",
            "org.junit.jupiter.api");
    assertThat(requires.get("org.junit.jupiter.api")).containsExactly(STATIC);
    assertThat(requires.get("org.jspecify")).containsExactlyInAnyOrder(STATIC, TRANSITIVE);
    assertThat(requires.get("com.fasterxml.jackson.databind")).isEmpty();
  }

  @Test
  void providesNoServices() {
    assertThat(MODULE.provides()).isEmpty();
    assertThat(Files.exists(CLASSES.resolve("META-INF/services"))).isFalse();
  }

  @Test
  void thePublicApiIsTheDocumentedSet() throws Exception {
    Set<String> publicTypes = new TreeSet<>();
    for (String pkg : List.of("dev.servicekit.testing", "dev.servicekit.testing.contract")) {
      try (Stream<Path> files = Files.list(CLASSES.resolve(pkg.replace('.', '/')))) {
        for (Path f : (Iterable<Path>) files::iterator) {
          String file = f.getFileName().toString();
          if (file.endsWith(".class") && !file.equals("package-info.class")) {
            Class<?> c =
                Class.forName(
                    pkg + "." + file.substring(0, file.length() - 6),
                    false,
                    getClass().getClassLoader());
            if (!c.isAnonymousClass() && isReachable(c)) {
              publicTypes.add(c.getName());
            }
          }
        }
      }
    }
    assertThat(publicTypes)
        .containsExactly(
            "dev.servicekit.testing.LocalConsul",
            "dev.servicekit.testing.LocalConsul$Builder",
            "dev.servicekit.testing.LogCapture",
            "dev.servicekit.testing.RecordedRequest",
            "dev.servicekit.testing.RegisteredCheck",
            "dev.servicekit.testing.RegisteredService",
            "dev.servicekit.testing.contract.AgentUnderTest",
            "dev.servicekit.testing.contract.ConsulAgentContract");
  }

  private static boolean isReachable(Class<?> c) {
    for (Class<?> t = c; t != null; t = t.getEnclosingClass()) {
      if (!Modifier.isPublic(t.getModifiers())) {
        return false;
      }
    }
    return true;
  }
}
